import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sniffImage, type ImageHeader } from '../../src/core/image/sniff.ts';
import { judgeSize } from '../../src/core/image/limits.ts';
import { pngWithHeader } from '../helpers/pngBytes.ts';

const fx = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const header = (name: string): ImageHeader => {
  const r = sniffImage(fx(name));
  if (!r.ok) throw new Error(`${name}: ${r.reason}`);
  return r.header;
};

describe('sniffImage on the fixtures', () => {
  it('reads PNG sizes and colour types', () => {
    expect(header('astronaut.png')).toMatchObject({ format: 'png', width: 512, height: 512, pngColorType: 2, hasAlpha: false, truncated: false });
    expect(header('camera.png')).toMatchObject({ width: 512, height: 512, pngColorType: 0, hasAlpha: false });
    expect(header('logo.png')).toMatchObject({ width: 500, height: 500, pngColorType: 6, hasAlpha: true });
    expect(header('foo3x5x4indexed.png')).toMatchObject({ width: 5, height: 3, pngColorType: 3, hasAlpha: true });
    expect(header('chelsea.png')).toMatchObject({ width: 451, height: 300 });
  });

  it('reads JPEG size and applies EXIF orientation 6 (stored sideways, shown upright)', () => {
    expect(header('rocket.jpg')).toMatchObject({ format: 'jpeg', width: 640, height: 427, orientation: 1, truncated: false });
    const h = header('coffee-exif-orientation-6.jpg');
    expect(h).toMatchObject({ orientation: 6, storedWidth: 400, storedHeight: 600, width: 600, height: 400 });
  });

  it('reads WebP and counts GIF frames', () => {
    expect(header('astronaut.webp')).toMatchObject({ format: 'webp', width: 512, height: 512 });
    const gif = header('no_time_for_that_tiny.gif');
    expect(gif).toMatchObject({ format: 'gif', width: 14, height: 25, frames: 24 });
  });

  it('flags a JPEG cut short', () => {
    const r = sniffImage(fx('truncated.jpg'));
    expect(r.ok ? r.header.truncated : r.reason === 'corrupt').toBe(true);
  });

  it('refuses empty files, text and SVG', () => {
    expect(sniffImage(new Uint8Array())).toEqual({ ok: false, reason: 'empty' });
    expect(sniffImage(new TextEncoder().encode('hello, I am not a PNG'))).toEqual({ ok: false, reason: 'unsupported' });
    const svg = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(sniffImage(new TextEncoder().encode(svg))).toEqual({ ok: false, reason: 'svg' });
  });

  it('reads the declared size of a tiny PNG that claims 30000x30000, so it is refused before decoding', () => {
    const bytes = pngWithHeader(30000, 30000);
    expect(bytes.length).toBeLessThan(200);
    const r = sniffImage(bytes);
    expect(r.ok && r.header.width).toBe(30000);
    expect(judgeSize(bytes.length, { width: 30000, height: 30000 })).toEqual({ kind: 'refuse', reason: 'too-many-pixels' });
  });
});

describe('judgeSize', () => {
  it('accepts up to 8192 a side and 40 MP, offers a scale-down a bit beyond, refuses far beyond', () => {
    expect(judgeSize(1000, { width: 8192, height: 4000 })).toEqual({ kind: 'ok' });
    expect(judgeSize(1000, { width: 6000, height: 4000 })).toEqual({ kind: 'ok' });
    const v = judgeSize(1000, { width: 10000, height: 5000 });
    expect(v.kind).toBe('scale');
    if (v.kind === 'scale') {
      expect(v.width).toBeLessThanOrEqual(8192);
      expect(v.width * v.height).toBeLessThanOrEqual(40_000_000);
      expect(Math.abs(v.width / v.height - 2)).toBeLessThan(0.01);
    }
    expect(judgeSize(1000, { width: 7000, height: 7000 }).kind).toBe('scale'); // 49 MP
    expect(judgeSize(60 * 1024 * 1024, { width: 100, height: 100 })).toEqual({ kind: 'refuse', reason: 'file-too-large' });
  });
});
