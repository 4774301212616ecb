/** Shared by the selection tests: reference pieces written independently of src/core/selection. */
import type { Region } from '../../src/core/selection/region.ts';

export { rng } from '../bench/stats.ts';

/** A region laid onto an empty W x H mask. */
export function full(r: Region, W: number, H: number): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < r.h; y++) for (let x = 0; x < r.w; x++) out[(r.y + y) * W + r.x + x] = r.data[y * r.w + x]!;
  return out;
}

/** Indices where two masks differ (the first few), for readable failures. */
export function diff(a: Uint8Array, b: Uint8Array, W: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < a.length && out.length < 5; i++) if (a[i] !== b[i]) out.push(`(${i % W},${Math.floor(i / W)}) ${a[i]} vs ${b[i]}`);
  return out;
}

/** Random 0/255 mask of density p, then a few filled discs so regions have real shapes. */
export function randomMask(W: number, H: number, rand: () => number, p = 0.08): Uint8Array {
  const m = new Uint8Array(W * H);
  for (let i = 0; i < m.length; i++) if (rand() < p) m[i] = 255;
  for (let k = 0; k < 3; k++) {
    const cx = rand() * W;
    const cy = rand() * H;
    const r = 1 + rand() * Math.min(W, H) / 4;
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) m[y * W + x] = 255;
  }
  return m;
}

/**
 * Connected components by union-find over every pixel with `value` (8- or 4-connected): a
 * component id per pixel (-1 elsewhere). Brute force, unlike the scanline fill under test.
 */
export function components(m: Uint8Array, W: number, H: number, value: number, eight: boolean): Int32Array {
  const parent = new Int32Array(W * H).map((_, i) => i);
  const find = (i: number): number => { while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; } return i; };
  const is = (x: number, y: number) => x >= 0 && y >= 0 && x < W && y < H && (m[y * W + x] ? 255 : 0) === value;
  const nb = eight ? [[-1, 0], [0, -1], [-1, -1], [1, -1]] : [[-1, 0], [0, -1]];
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      if (!is(x, y)) continue;
      for (const [dx, dy] of nb) if (is(x + dx!, y + dy!)) parent[find(y * W + x)] = find((y + dy!) * W + x + dx!);
    }
  }
  const out = new Int32Array(W * H).fill(-1);
  for (let i = 0; i < W * H; i++) if (is(i % W, Math.floor(i / W))) out[i] = find(i);
  return out;
}
