import { describe, expect, it } from 'vitest';
import { grow, shrink, smooth } from '../../src/core/selection/morph.ts';
import { fillHoles, removeSpecks } from '../../src/core/selection/components.ts';
import { boundingBox } from '../../src/core/selection/region.ts';
import { components, diff, randomMask, rng } from './selectionKit.ts';

/** Brute force: is some pixel with `pred` within distance n (centre to centre) of (x, y)? */
function near(m: Uint8Array, W: number, H: number, x: number, y: number, n: number, pred: (v: number) => boolean): boolean {
  for (let yy = 0; yy < H; yy++) for (let xx = 0; xx < W; xx++) if (pred(m[yy * W + xx]!) && (xx - x) ** 2 + (yy - y) ** 2 <= n * n) return true;
  return false;
}

const changedBox = (a: Uint8Array, b: Uint8Array, W: number, H: number) =>
  boundingBox({ width: W, height: H, data: a.map((v, i) => (v !== b[i] ? 255 : 0)) });

describe('grow and shrink: exact Euclidean distance', () => {
  it('match a brute-force distance check on random masks for several N', () => {
    const rand = rng(21);
    for (const n of [1, 2, 3, 5, 8, 13]) {
      for (let k = 0; k < 4; k++) {
        const W = 20 + Math.floor(rand() * 25);
        const H = 15 + Math.floor(rand() * 25);
        const m = randomMask(W, H, rand, 0.03);
        const wantGrow = m.map((v, i) => (v || near(m, W, H, i % W, Math.floor(i / W), n, (u) => u !== 0) ? 255 : 0));
        // Shrink: deselect within n of an unselected pixel of the image (the edge is not one).
        const wantShrink = m.map((v, i) => (v && !near(m, W, H, i % W, Math.floor(i / W), n, (u) => u === 0) ? 255 : 0));
        const g = { width: W, height: H, data: m.slice() };
        const s = { width: W, height: H, data: m.slice() };
        const gb = grow(g, n);
        const sb = shrink(s, n);
        expect(diff(g.data, wantGrow, W), `grow ${n}`).toEqual([]);
        expect(diff(s.data, wantShrink, W), `shrink ${n}`).toEqual([]);
        expect(gb).toEqual(changedBox(m, wantGrow, W, H));
        expect(sb).toEqual(changedBox(m, wantShrink, W, H));
      }
    }
  });

  it('grows one pixel into a disc of radius N, not a square or a diamond', () => {
    const W = 41;
    const m = new Uint8Array(W * W);
    m[20 * W + 20] = 255;
    grow({ width: W, height: W, data: m }, 10);
    // Lattice points within radius 10: 317.
    expect(m.filter((v) => v).length).toBe(317);
    expect([m[20 * W + 30], m[27 * W + 27], m[28 * W + 27]]).toEqual([255, 255, 0]);
  });

  it('a selection touching the image edge stays at the edge when shrunk', () => {
    const W = 10;
    const m = new Uint8Array(W * W).fill(255);
    expect(shrink({ width: W, height: W, data: m }, 3)).toBeNull();
    expect(m.every((v) => v === 255)).toBe(true);
  });
});

describe('fill holes and remove specks', () => {
  it('fill holes selects exactly the unselected 4-connected regions that miss the edge', () => {
    const rand = rng(22);
    for (let k = 0; k < 30; k++) {
      const W = 10 + Math.floor(rand() * 30);
      const H = 10 + Math.floor(rand() * 30);
      const m = randomMask(W, H, rand, 0.45);
      const comp = components(m, W, H, 0, false);
      const border = new Set<number>();
      for (let i = 0; i < W * H; i++) {
        const x = i % W;
        const y = Math.floor(i / W);
        if ((x === 0 || y === 0 || x === W - 1 || y === H - 1) && comp[i]! >= 0) border.add(comp[i]!);
      }
      const want = m.map((v, i) => (v || !border.has(comp[i]!) ? 255 : 0));
      const mask = { width: W, height: H, data: m.slice() };
      const box = fillHoles(mask);
      expect(diff(mask.data, want, W)).toEqual([]);
      expect(box).toEqual(changedBox(m, want, W, H));
    }
  });

  it('remove specks deselects the 8-connected selected regions smaller than N pixels', () => {
    const rand = rng(23);
    for (const n of [2, 3, 6, 20]) {
      for (let k = 0; k < 8; k++) {
        const W = 10 + Math.floor(rand() * 30);
        const H = 10 + Math.floor(rand() * 30);
        const m = randomMask(W, H, rand, 0.25);
        const comp = components(m, W, H, 255, true);
        const area = new Map<number, number>();
        for (const c of comp) if (c >= 0) area.set(c, (area.get(c) ?? 0) + 1);
        const want = m.map((v, i) => (v && area.get(comp[i]!)! >= n ? 255 : 0));
        const mask = { width: W, height: H, data: m.slice() };
        const box = removeSpecks(mask, n);
        expect(diff(mask.data, want, W), `N ${n}`).toEqual([]);
        expect(box).toEqual(changedBox(m, want, W, H));
      }
    }
  });
});

describe('smooth', () => {
  it('is the majority of the (2r+1)^2 window clipped to the image, checked by brute force', () => {
    const rand = rng(24);
    for (const r of [1, 2, 4]) {
      for (let k = 0; k < 6; k++) {
        const W = 12 + Math.floor(rand() * 30);
        const H = 12 + Math.floor(rand() * 30);
        const m = randomMask(W, H, rand, 0.3);
        const want = m.map((_, i) => {
          const x = i % W;
          const y = Math.floor(i / W);
          let n = 0;
          let area = 0;
          for (let yy = y - r; yy <= y + r; yy++) for (let xx = x - r; xx <= x + r; xx++) {
            if (xx < 0 || yy < 0 || xx >= W || yy >= H) continue;
            area++;
            if (m[yy * W + xx]) n++;
          }
          return n * 2 > area ? 255 : 0;
        });
        const mask = { width: W, height: H, data: m.slice() };
        const box = smooth(mask, r);
        expect(diff(mask.data, want, W), `r ${r}`).toEqual([]);
        expect(box).toEqual(changedBox(m, want, W, H));
      }
    }
  });

  it('removes a one-pixel spur, fills a one-pixel notch, keeps straight edges, and stays two-valued', () => {
    const W = 40;
    const m = new Uint8Array(W * W);
    for (let y = 10; y < 30; y++) for (let x = 10; x < 30; x++) m[y * W + x] = 255;
    for (let x = 30; x < 36; x++) m[20 * W + x] = 255; // a spur 1 px wide
    m[10 * W + 20] = 0; // a notch in the top edge
    const mask = { width: W, height: W, data: m.slice() };
    expect(smooth(mask, 1)).not.toBeNull();
    expect(mask.data.every((v) => v === 0 || v === 255)).toBe(true);
    // The spur goes but for its root, a 1x3 bump beside the body (5 of 9 in each one's window).
    for (let x = 31; x < 36; x++) expect(mask.data[20 * W + x], `spur at ${x}`).toBe(0);
    expect(mask.data[10 * W + 20]).toBe(255);
    // Everything else is the square less its four corner pixels.
    const corners = [10 * W + 10, 10 * W + 29, 29 * W + 10, 29 * W + 29];
    const square = new Uint8Array(W * W);
    for (let y = 10; y < 30; y++) for (let x = 10; x < 30; x++) square[y * W + x] = 255;
    for (const c of corners) square[c] = 0;
    for (const y of [19, 20, 21]) square[y * W + 30] = 255;
    expect(diff(mask.data, square, W)).toEqual([]);
  });
});
