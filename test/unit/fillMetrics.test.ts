import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { detailEnergy, detailRatio, holeBox, holePsnr, ringAround, ssimRgb } from '../support/fillMetrics.ts';

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

describe('detail measure', () => {
  it('scores a flat region 0 and a checkerboard its Laplacian, over pixels whose neighbours are in the region', () => {
    const w = 12;
    const h = 10;
    const px = new Uint8ClampedArray(w * h * 4);
    for (let p = 0; p < w * h; p++) {
      const v = ((p % w) + Math.floor(p / w)) % 2 ? 90 : 0;
      px.set([v, v, v, 255], p * 4);
    }
    const all = new Uint8Array(w * h).fill(1);
    // Every inner pixel differs by 90 from its four neighbours: |4·90| = 360.
    expect(detailEnergy(px, w, h, all)).toBeCloseTo(360, 6);
    expect(detailEnergy(new Uint8ClampedArray(w * h * 4).fill(77), w, h, all)).toBe(0);
    // A 1-pixel region has no pixel with its neighbours inside: no score.
    const one = new Uint8Array(w * h);
    one[5 * w + 5] = 1;
    expect(detailEnergy(px, w, h, one)).toBeNaN();
  });

  it('rings the hole with the known pixels within the radius', () => {
    const w = 10;
    const h = 8;
    const hole = new Uint8Array(w * h);
    hole[3 * w + 4] = 1;
    hole[3 * w + 5] = 1;
    const ring = ringAround(hole, w, h, 1);
    // A 4x3 box around the 2x1 hole, less the hole.
    expect(ring.reduce((a, b) => a + b, 0)).toBe(10);
    expect(ring[3 * w + 4]).toBe(0);
    expect(ring[2 * w + 3]).toBe(1);
    expect(ring[1 * w + 4]).toBe(0);
  });

  it('finds about as much detail inside a hole of a photo as around it', () => {
    const photo = fixture('chelsea.png');
    const mask = fixture('masks/chelsea--box15.png');
    const { width: w, height: h } = photo;
    const hole = new Uint8Array(w * h);
    for (let p = 0; p < w * h; p++) hole[p] = mask.data[p * 4 + 3] === 0 ? 1 : 0;
    const ratio = detailRatio(photo.data, w, h, hole);
    expect(ratio).toBeGreaterThan(0.8);
    expect(ratio).toBeLessThan(1.5);
  });
});
