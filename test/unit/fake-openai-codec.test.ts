// The fake's own building blocks: image facts it checks, EXIF orientation, the WebP it writes,
// token counts, size rules, the multipart parser.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { decodeRgba, imageInfo, pngHeader } from '../fake-openai/imageCodec.ts';
import { freeSizeProblem, nearestStandardSize } from '../fake-openai/models.ts';
import { parseMultipart } from '../fake-openai/multipart.ts';
import { capMap } from '../fake-openai/storeLimits.ts';
import { inputImageTokens, outputImageTokens } from '../fake-openai/usage.ts';
import { encodeWebpLossless } from '../fake-openai/webpLossless.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

describe('image facts', () => {
  test('PNG colour types and alpha, from the header and chunk list', () => {
    expect(pngHeader(fixture('logo.png'))).toMatchObject({ colorType: 6, hasAlpha: true, width: 500 });
    expect(pngHeader(fixture('camera.png'))).toMatchObject({ colorType: 0, hasAlpha: false });
    expect(pngHeader(fixture('astronaut.png'))).toMatchObject({ colorType: 2, hasAlpha: false });
    expect(pngHeader(fixture('foo3x5x4indexed.png'))).toMatchObject({ colorType: 3, hasAlpha: true, width: 5, height: 3 });
    expect(pngHeader(fixture('rocket.jpg'))).toBeNull();
  });

  test('formats and sizes of JPEG, WebP and GIF; EXIF orientation 6 is upright 600x400', () => {
    expect(imageInfo(fixture('rocket.jpg'))).toEqual({ format: 'jpeg', width: 640, height: 427 });
    expect(imageInfo(fixture('astronaut.webp'))).toEqual({ format: 'webp', width: 512, height: 512 });
    expect(imageInfo(fixture('no_time_for_that_tiny.gif'))).toEqual({ format: 'gif', width: 14, height: 25 });
    expect(imageInfo(fixture('coffee-exif-orientation-6.jpg'))).toEqual({ format: 'jpeg', width: 600, height: 400 });
    expect(decodeRgba(fixture('truncated.jpg'))).toBeNull();
  });

  test('the rotated JPEG decodes to the same picture as coffee.png', () => {
    const a = decodeRgba(fixture('coffee-exif-orientation-6.jpg'))!;
    const b = decodeRgba(fixture('coffee.png'))!;
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    let diff = 0;
    for (let i = 0; i < a.data.length; i += 4) diff += Math.abs(a.data[i]! - b.data[i]!);
    expect(diff / (a.data.length / 4)).toBeLessThan(8);
  });

  test('the WebP writer: a VP8L file whose header and RIFF sizes are right', () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) & 0xff);
    const w = encodeWebpLossless(rgba, 3, 2);
    const dv = new DataView(w.buffer, w.byteOffset);
    expect(String.fromCharCode(...w.subarray(0, 4), ...w.subarray(8, 16))).toBe('RIFFWEBPVP8L');
    expect(dv.getUint32(4, true)).toBe(w.length - 8);
    expect(w[20]).toBe(0x2f);
    expect(imageInfo(w)).toEqual({ format: 'webp', width: 3, height: 2 });
  });
});

describe('rules and numbers', () => {
  test('gpt-image-2 free sizes', () => {
    expect(freeSizeProblem(3840, 2160)).toBeNull();
    expect(freeSizeProblem(1536, 864)).toBeNull();
    expect(freeSizeProblem(1024, 640)).toBeNull(); // 655,360 px exactly
    expect(freeSizeProblem(1024, 624)).toMatch(/pixel count/);
    expect(freeSizeProblem(3840, 2176)).toMatch(/pixel count/);
    expect(freeSizeProblem(2400, 784)).toMatch(/aspect ratio/);
    expect(freeSizeProblem(1030, 1024)).toMatch(/multiples of 16/);
  });

  test('auto picks the standard size nearest the aspect ratio', () => {
    expect(nearestStandardSize(600, 400)).toBe('1536x1024');
    expect(nearestStandardSize(400, 600)).toBe('1024x1536');
    expect(nearestStandardSize(451, 300)).toBe('1536x1024');
    expect(nearestStandardSize(500, 480)).toBe('1024x1024');
  });

  test('output tokens per §7; input image tokens grow with size and fidelity', () => {
    expect(outputImageTokens('low', '1024x1024')).toBe(272);
    expect(outputImageTokens('medium', '1024x1536')).toBe(1584);
    expect(outputImageTokens('high', '1536x1024')).toBe(6208);
    expect(outputImageTokens('xhigh', '1024x1024')).toBe(6240);
    expect(outputImageTokens('low', '2048x2048')).toBe(272 * 4);
    expect(inputImageTokens(512, 512, false)).toBeLessThan(inputImageTokens(2048, 1024, false));
    expect(inputImageTokens(1024, 1024, true) - inputImageTokens(1024, 1024, false)).toBe(4096);
  });
});

test('stores forget their oldest entries beyond the cap', () => {
  const m = new Map([1, 2, 3, 4, 5].map((k) => [k, String(k)]));
  capMap(m, 3);
  expect([...m.keys()]).toEqual([3, 4, 5]);
});

describe('multipart parser', () => {
  test('names, filenames (quoted, escaped), part types, repeated fields', async () => {
    const form = new FormData();
    form.append('prompt', 'line1\r\nline2');
    form.append('image[]', new File([new Uint8Array([1, 2, 3])], 'a "b".png', { type: 'image/png' }));
    form.append('image[]', new Blob([new Uint8Array([4])]));
    const req = new Request('http://x/', { method: 'POST', body: form });
    const ct = req.headers.get('content-type')!;
    const parts = parseMultipart(Buffer.from(await req.arrayBuffer()), /boundary=(.*)$/.exec(ct)![1]!);
    expect(parts.map((p) => [p.name, p.filename, p.contentType, [...p.data]])).toEqual([
      ['prompt', undefined, '', [...Buffer.from('line1\r\nline2')]],
      ['image[]', 'a "b".png', 'image/png', [1, 2, 3]],
      ['image[]', 'blob', 'application/octet-stream', [4]],
    ]);
  });
});
