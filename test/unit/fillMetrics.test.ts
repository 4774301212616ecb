import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { holeBox, holePsnr, ssimRgb } from '../../src/core/fill/metrics.ts';

const fixture = (name: string) => PNG.sync.read(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));

describe('fill metrics', () => {
  it('reproduce reference.json on OpenCV\'s own Telea output (chelsea--blob10)', () => {
    const ref = JSON.parse(readFileSync(new URL('../fixtures/masks/reference.json', import.meta.url), 'utf8'));
    const photo = fixture('chelsea.png');
    const mask = fixture('masks/chelsea--blob10.png');
    const telea = fixture('masks/chelsea--blob10.telea.png');
    const { width: w, height: h } = photo;
    const hole = new Uint8Array(w * h);
    for (let p = 0; p < w * h; p++) hole[p] = mask.data[p * 4 + 3] === 0 ? 1 : 0;
    const expected = ref.pairs['chelsea--blob10'].telea;
    expect(holePsnr(photo.data, telea.data, hole)).toBeCloseTo(expected.psnr, 3);
    expect(ssimRgb(photo.data, telea.data, w, holeBox(hole, w, h, 8)!)).toBeCloseTo(expected.ssim, 4);
  });

  it('scores identical images as perfect and clips the box to the image', () => {
    const px = new Uint8ClampedArray(20 * 20 * 4).map((_, i) => (i * 37) % 256);
    const hole = new Uint8Array(400);
    hole[0] = 1;
    expect(holePsnr(px, px, hole)).toBe(Infinity);
    const box = holeBox(hole, 20, 20, 8)!;
    expect(box).toEqual({ x0: 0, y0: 0, x1: 9, y1: 9 });
    expect(ssimRgb(px, px, 20, box)).toBeCloseTo(1, 10);
    expect(holeBox(new Uint8Array(400), 20, 20)).toBeNull();
  });
});
