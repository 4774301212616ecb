/**
 * Reconstruction ("voting"): each hole pixel becomes the weighted mean of what every patch
 * covering it says it should be. The matches may come from a coarser level (`shift` > 0): the
 * source offset found there, scaled up, is read from this level's known pixels, which brings
 * back the fine detail the coarse level could not see.
 */
import type { Field } from './field.ts';
import type { Level } from './pyramid.ts';

/** Per target slot, the source's offset from its target, in the field's pixels. */
export interface Offsets { ox: Int32Array; oy: Int32Array }

export function offsetsOf(f: Field): Offsets {
  const w = f.level.w;
  const n = f.tpix.length;
  const ox = new Int32Array(n);
  const oy = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const t = f.tpix[i]!;
    const s = f.nnf[i]!;
    const tx = t % w;
    const sx = s % w;
    ox[i] = sx - tx;
    oy[i] = (s - sx) / w - (t - tx) / w;
  }
  return { ox, oy };
}

/**
 * Rewrites hole pixels [start, end) of `dst` (its `holes` list) from the field `f`, which
 * belongs to `dst` itself (shift 0) or to the level `shift` octaves coarser. Sources are known
 * pixels, so writing in place never feeds a new value back into the same vote.
 */
export function vote(dst: Level, f: Field, off: Offsets, shift: number, start: number, end: number): void {
  const { w, h, img, hole, holes } = dst;
  const tex = dst.tex;
  const cw = f.level.w;
  const ch = f.level.h;
  const cimg = f.level.img;
  const { slot, weight } = f;
  const r = f.p.r;
  const { ox, oy } = off;
  for (let k = start; k < end; k++) {
    const p = holes[k]!;
    const x = p % w;
    const y = (p - x) / w;
    const pcx = x >> shift;
    const pcy = y >> shift;
    let a0 = 0, a1 = 0, a2 = 0, a3 = 0, t0 = 0, t1 = 0, ws = 0;
    for (let dy = -r; dy <= r; dy++) {
      const cy = pcy - dy;
      if (cy < 0 || cy >= ch) continue;
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
        const wt = weight[i]!;
        const j = q * 4;
        a0 += wt * img[j]!;
        a1 += wt * img[j + 1]!;
        a2 += wt * img[j + 2]!;
        a3 += wt * img[j + 3]!;
        if (tex) {
          t0 += wt * tex[q * 2]!;
          t1 += wt * tex[q * 2 + 1]!;
        }
        ws += wt;
      }
    }
    const o = p * 4;
    if (ws > 0) {
      img[o] = a0 / ws;
      img[o + 1] = a1 / ws;
      img[o + 2] = a2 / ws;
      img[o + 3] = a3 / ws;
      if (tex) {
        tex[p * 2] = t0 / ws;
        tex[p * 2 + 1] = t1 / ws;
      }
    } else {
      // No patch could speak for this pixel (only at odd image edges): take its coarse parent.
      const c = (Math.min(pcy, ch - 1) * cw + Math.min(pcx, cw - 1)) * 4;
      img[o] = cimg[c]!;
      img[o + 1] = cimg[c + 1]!;
      img[o + 2] = cimg[c + 2]!;
      img[o + 3] = cimg[c + 3]!;
    }
  }
}
