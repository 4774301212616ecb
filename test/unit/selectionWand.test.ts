import { describe, expect, it } from 'vitest';
import { magicWand, wandFromBuffers } from '../../src/core/selection/wand.ts';
import { components, diff, full, rng } from './selectionKit.ts';

const W = 40;
const H = 30;

/** A picture of a few flat colour levels plus noise, so regions have holes and diagonal touches. */
function picture(rand: () => number): Uint8Array {
  const px = new Uint8Array(W * H * 4);
  for (let i = 0; i < W * H; i++) {
    const level = Math.floor(rand() * 3) * 40 + Math.floor(rand() * 8);
    px.set([level, 255 - level, level >> 1, rand() < 0.05 ? 100 : 255], i * 4);
  }
  return px;
}

/** The reference similarity: the largest difference over R, G, B and alpha. */
const maxDiff = (px: Uint8Array, i: number, j: number) => Math.max(...[0, 1, 2, 3].map((c) => Math.abs(px[i * 4 + c]! - px[j * 4 + c]!)));

describe('magic wand', () => {
  it('global mode takes every pixel within tolerance on all four channels', () => {
    const rand = rng(11);
    for (const tol of [0, 5, 40, 255]) {
      const px = picture(rand);
      const seed = 7 * W + 9;
      const got = full(magicWand({ width: W, height: H, data: px }, { x: 9.7, y: 7.2, tolerance: tol, contiguous: false }), W, H);
      const want = new Uint8Array(W * H).map((_, i) => (maxDiff(px, i, seed) <= tol ? 255 : 0));
      expect(diff(got, want, W), `tolerance ${tol}`).toEqual([]);
    }
  });

  it('contiguous mode takes the 4-connected matching region around the click', () => {
    const rand = rng(12);
    for (let k = 0; k < 20; k++) {
      const px = picture(rand);
      const tol = Math.floor(rand() * 50);
      const sx = Math.floor(rand() * W);
      const sy = Math.floor(rand() * H);
      const seed = sy * W + sx;
      const match = new Uint8Array(W * H).map((_, i) => (maxDiff(px, i, seed) <= tol ? 255 : 0));
      const comp = components(match, W, H, 255, false);
      const want = match.map((_, i) => (comp[i] === comp[seed] ? 255 : 0));
      const got = full(magicWand({ width: W, height: H, data: px }, { x: sx, y: sy, tolerance: tol, contiguous: true }), W, H);
      expect(diff(got, want, W)).toEqual([]);
    }
  });

  it('a diagonal touch does not leak; alpha counts; a click outside selects nothing', () => {
    // Two white pixels touching at a corner on black.
    const px = new Uint8Array(4 * 4 * 4);
    for (let i = 0; i < 16; i++) px.set([0, 0, 0, 255], i * 4);
    px.set([255, 255, 255, 255], (1 * 4 + 1) * 4);
    px.set([255, 255, 255, 255], (2 * 4 + 2) * 4);
    const r = magicWand({ width: 4, height: 4, data: px }, { x: 1, y: 1, tolerance: 0, contiguous: true });
    expect(full(r, 4, 4).filter((v) => v).length).toBe(1);
    // Transparent black is not opaque black.
    px.set([0, 0, 0, 0], 0);
    const t = full(magicWand({ width: 4, height: 4, data: px }, { x: 0, y: 0, tolerance: 254, contiguous: false }), 4, 4);
    expect(t.filter((v) => v).length).toBe(1);
    expect(magicWand({ width: 4, height: 4, data: px }, { x: -1, y: 0, tolerance: 9, contiguous: true }).w).toBe(0);
  });

  it('runs from transferable buffers, as in a worker', () => {
    const px = picture(rng(13));
    const direct = magicWand({ width: W, height: H, data: px }, { x: 3, y: 4, tolerance: 30, contiguous: true });
    const res = wandFromBuffers({ width: W, height: H, pixels: px.slice().buffer, x: 3, y: 4, tolerance: 30, contiguous: true });
    expect(res.data).toBeInstanceOf(ArrayBuffer);
    expect({ ...res, data: [...new Uint8Array(res.data)] }).toEqual({ x: direct.x, y: direct.y, w: direct.w, h: direct.h, data: [...direct.data] });
    // The buffer can be transferred: structuredClone with a transfer list detaches it.
    structuredClone(res, { transfer: [res.data] });
    expect(res.data.byteLength).toBe(0);
  });
});
