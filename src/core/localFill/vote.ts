/**
 * Reconstruction ("voting"): each hole pixel becomes the weighted mean of what every patch
 * covering it says it should be. The matches may come from a coarser level (`shift` > 0): the
 * source offset found there, scaled up, is read from this level's known pixels, which brings
 * back the fine detail the coarse level could not see.
 *
 * The mean of many overlapping, slightly disagreeing patches is a blur; the texture pass's last
 * vote therefore takes each pixel from the single best patch over it instead (Newson et al.'s
 * "best patch" reconstruction), which keeps the sources' texture as it is.
 */
import type { Field } from './field.ts';
import type { Level } from './pyramid.ts';

/** How a vote reconstructs: the weighted mean or the best patch; with or without the texture features. */
export interface VoteMode {
  /** Each pixel from the covering patch of highest weight alone (a vote from a coarser level always blends). */
  best: boolean;
  /** Also vote the texture features (else the hole's features are left as they are). */
  features: boolean;
}

/** The weighted mean, features too (the structure pass). */
export const MEAN_VOTE: VoteMode = { best: false, features: true };
/** The weighted mean of the pixels alone, and the best patch's pixels (the texture pass). */
export const MEAN_PIXEL_VOTE: VoteMode = { best: false, features: false };
export const BEST_PIXEL_VOTE: VoteMode = { best: true, features: false };

/** Per target slot, the source's offset from its target: in x and y, and as a pixel index. */
export interface Offsets { ox: Int32Array; oy: Int32Array; op: Int32Array }

export function offsetsOf(f: Field): Offsets {
  const w = f.level.w;
  const n = f.tpix.length;
  const ox = new Int32Array(n);
  const oy = new Int32Array(n);
  const op = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = f.tpix[i]!;
    const s = f.nnf[i]!;
    const tx = t % w;
    const sx = s % w;
    ox[i] = sx - tx;
    oy[i] = (s - sx) / w - (t - tx) / w;
    op[i] = s - t;
  }
  return { ox, oy, op };
}

/** Sums of one pixel's votes: R, G, B, A, two texture features, and the weight. */
const acc = new Float64Array(7);

function add(img: Uint8ClampedArray, tex: Uint8ClampedArray | null, q: number, wt: number): void {
  const j = q * 4;
  acc[0]! += wt * img[j]!;
  acc[1]! += wt * img[j + 1]!;
  acc[2]! += wt * img[j + 2]!;
  acc[3]! += wt * img[j + 3]!;
  if (tex) {
    acc[4]! += wt * tex[q * 2]!;
    acc[5]! += wt * tex[q * 2 + 1]!;
  }
  acc[6]! += wt;
}

/** Writes the mean of the votes to hole pixel p; false when nothing voted. */
function store(img: Uint8ClampedArray, tex: Uint8ClampedArray | null, p: number): boolean {
  const ws = acc[6]!;
  if (ws <= 0) return false;
  const o = p * 4;
  img[o] = acc[0]! / ws;
  img[o + 1] = acc[1]! / ws;
  img[o + 2] = acc[2]! / ws;
  img[o + 3] = acc[3]! / ws;
  if (tex) {
    tex[p * 2] = acc[4]! / ws;
    tex[p * 2 + 1] = acc[5]! / ws;
  }
  return true;
}

/**
 * Rewrites hole pixels [start, end) of `dst` (its `holes` list) from the field `f`, which
 * belongs to `dst` itself (shift 0) or to the level `shift` octaves coarser. Sources are known
 * pixels, so writing in place never feeds a new value back into the same vote.
 *
 * Two or more octaves down, the 49 coarse patches over a pixel carry 49 differently shifted
 * copies of the texture, whose mean is a streaky blur; there only the 3x3 nearest coarse
 * patches vote, each fading linearly (a tent) with the distance from its centre, which keeps
 * the texture sharp without showing the coarse grid.
 */
export function vote(dst: Level, f: Field, off: Offsets, shift: number, start: number, end: number, mode: VoteMode = MEAN_VOTE): void {
  if (shift === 0) {
    voteSame(dst, f, off, start, end, mode.features ? dst.tex : null, mode.best);
    return;
  }
  const { w, h, img, hole, holes } = dst;
  const tex = mode.features ? dst.tex : null;
  const cw = f.level.w;
  const ch = f.level.h;
  const cimg = f.level.img;
  const { slot, weight } = f;
  const tent = shift >= 2;
  const r = tent ? 1 : f.p.r;
  const span = (1 << shift) * (r + 1);
  const half = (1 << shift) / 2 - 0.5;
  const { ox, oy } = off;
  for (let k = start; k < end; k++) {
    const p = holes[k]!;
    const x = p % w;
    const y = (p - x) / w;
    const pcx = x >> shift;
    const pcy = y >> shift;
    acc.fill(0);
    for (let dy = -r; dy <= r; dy++) {
      const cy = pcy - dy;
      if (cy < 0 || cy >= ch) continue;
      // The tent's weight along y: a row of patches too far away gives nothing.
      const ty = tent ? 1 - Math.abs(y - ((cy << shift) + half)) / span : 1;
      if (ty <= 0) continue;
      for (let dx = -r; dx <= r; dx++) {
        const cx = pcx - dx;
        if (cx < 0 || cx >= cw) continue;
        const i = slot[cy * cw + cx]!;
        if (i < 0) continue;
        const fx = x + (ox[i]! << shift);
        const fy = y + (oy[i]! << shift);
        if (fx < 0 || fx >= w || fy < 0 || fy >= h) continue;
        const q = fy * w + fx;
        if (hole[q]) continue;
        if (!tent) {
          add(img, tex, q, weight[i]!);
          continue;
        }
        const tx = 1 - Math.abs(x - ((cx << shift) + half)) / span;
        if (tx > 0) add(img, tex, q, weight[i]! * tx * ty);
      }
    }
    if (!store(img, tex, p)) {
      // No patch could speak for this pixel (only at odd image edges): take its coarse parent.
      const c = (Math.min(pcy, ch - 1) * cw + Math.min(pcx, cw - 1)) * 4;
      for (let j = 0; j < 4; j++) img[p * 4 + j] = cimg[c + j]!;
    }
  }
}

/**
 * The vote within one level, its hot path: every pixel within r of a hole pixel is a target
 * whose source is known and inside the image, so no check is needed but the image's edges.
 * With `best`, each pixel copies its value in the covering patch of highest weight instead.
 */
function voteSame(dst: Level, f: Field, off: Offsets, start: number, end: number, tex: Uint8ClampedArray | null, best: boolean): void {
  const { w, h, img, holes } = dst;
  const { slot, weight } = f;
  const r = f.p.r;
  const op = off.op;
  for (let k = start; k < end; k++) {
    const p = holes[k]!;
    const x = p % w;
    const y = (p - x) / w;
    const y0 = Math.max(-r, y - (h - 1));
    const y1 = Math.min(r, y);
    const x0 = Math.max(-r, x - (w - 1));
    const x1 = Math.min(r, x);
    acc.fill(0);
    let top = -1;
    let max = -1;
    for (let dy = y0; dy <= y1; dy++) {
      const row = p - dy * w;
      for (let dx = x0; dx <= x1; dx++) {
        const i = slot[row - dx]!;
        if (!best) add(img, tex, p + op[i]!, weight[i]!);
        else if (weight[i]! > max) { max = weight[i]!; top = i; }
      }
    }
    if (!best) {
      store(img, tex, p);
      continue;
    }
    const q = (p + op[top]!) * 4;
    for (let c = 0; c < 4; c++) img[p * 4 + c] = img[q + c]!;
  }
}
