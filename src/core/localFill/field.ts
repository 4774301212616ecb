/**
 * The nearest-neighbour field of one pyramid level (PatchMatch, Barnes et al. 2009): for every
 * patch that overlaps the hole (a target), the known patch that looks most like it (a source).
 * Patches are (2r+1)² pixels compared on RGB by sum of squared differences, plus the texture
 * features at their centres (`texture.ts`).
 */
import { depthMap, type Level } from './pyramid.ts';
import { boxSum } from './window.ts';

/** How matches are scored and weighed. */
export interface MatchParams {
  /** Patch radius: patches are (2r+1) pixels square. */
  r: number;
  /** Weight of the texture features against colour, per patch pixel. */
  texWeight: number;
  /** Trust in a hole pixel falls as gamma^-depth (Wexler et al. use 1.3). */
  gamma: number;
  /** Scales σ² of the vote weights: larger blends more evenly. */
  sigmaScale: number;
}

export interface Field {
  level: Level;
  p: MatchParams;
  /** Target centres (every pixel within r of the hole), row-major. */
  tpix: Int32Array;
  /** Per pixel: its target slot, or -1. */
  slot: Int32Array;
  /** Per pixel: 1 when a patch centred there lies inside the image and holds no hole pixel. */
  valid: Uint8Array;
  /** The valid source centres, for random picks. */
  sources: Int32Array;
  /** Per target slot: the source centre's pixel index. */
  nnf: Int32Array;
  /** Per target slot: the distance to its source. */
  dist: Float64Array;
  /** Per target slot: its weight in the vote. */
  weight: Float32Array;
  /** Per target slot: how much of its patch is known, hole pixels counting less the deeper they lie. */
  conf: Float32Array;
}

function confidences(level: Level, r: number, gamma: number, tpix: Int32Array): Float32Array {
  const { w, h } = level;
  const depth = depthMap(level);
  // Known pixels have depth 0, trust 1; only the hole's need the power.
  const pix = new Float32Array(w * h).fill(1);
  for (const p of level.holes) pix[p] = Math.pow(gamma, -depth[p]!);
  const conf = new Float32Array(tpix.length);
  for (let i = 0; i < tpix.length; i++) {
    const t = tpix[i]!;
    const x = t % w;
    const y = (t - x) / w;
    let sum = 0;
    let n = 0;
    for (let dy = Math.max(-r, -y); dy <= Math.min(r, h - 1 - y); dy++) {
      for (let dx = Math.max(-r, -x); dx <= Math.min(r, w - 1 - x); dx++) {
        sum += pix[t + dy * w + dx]!;
        n++;
      }
    }
    conf[i] = sum / n;
  }
  return conf;
}

/** Builds the targets and sources of a level (the matches are left to `peelWithPatches` or `upsample`). */
export function makeField(level: Level, p: MatchParams): Field {
  const { w, h } = level;
  const r = p.r;
  // Targets: every pixel within r of the hole (chessboard), i.e. whose patch overlaps it.
  const near = boxSum(level.hole, w, h, r);
  const slot = new Int32Array(w * h).fill(-1);
  const valid = new Uint8Array(w * h);
  let nt = 0;
  let ns = 0;
  for (let y = 0; y < h; y++) {
    const inY = y >= r && y < h - r;
    for (let x = 0; x < w; x++) {
      const q = y * w + x;
      if (near[q]! > 0) slot[q] = nt++;
      else if (inY && x >= r && x < w - r) {
        valid[q] = 1;
        ns++;
      }
    }
  }
  const tpix = new Int32Array(nt);
  const sources = new Int32Array(ns);
  for (let q = 0, t = 0, s = 0; q < w * h; q++) {
    if (slot[q]! >= 0) tpix[t++] = q;
    else if (valid[q]) sources[s++] = q;
  }
  return {
    level, p, tpix, slot, valid, sources,
    nnf: new Int32Array(nt), dist: new Float64Array(nt), weight: new Float32Array(nt).fill(1),
    conf: confidences(level, r, p.gamma, tpix),
  };
}

/**
 * Distance between the patch at target pixel t (clipped to the image by the offsets given) and
 * the patch at source pixel s: squared RGB differences over the patch, plus the texture
 * features' squared difference at the centres times `texW` (already scaled by the patch area).
 * Stops early once it reaches `limit`.
 */
function patchDist(img: Uint8ClampedArray, tex: Uint8ClampedArray, texW: number, w: number, t: number, s: number,
  dx0: number, dx1: number, dy0: number, dy1: number, limit: number): number {
  const f0 = tex[t * 2]! - tex[s * 2]!;
  const f1 = tex[t * 2 + 1]! - tex[s * 2 + 1]!;
  let sum = texW * (f0 * f0 + f1 * f1);
  if (sum >= limit) return sum;
  for (let dy = dy0; dy <= dy1; dy++) {
    let ti = (t + dy * w + dx0) * 4;
    let si = (s + dy * w + dx0) * 4;
    for (let dx = dx0; dx <= dx1; dx++) {
      const a = img[ti]! - img[si]!;
      const b = img[ti + 1]! - img[si + 1]!;
      const c = img[ti + 2]! - img[si + 2]!;
      sum += a * a + b * b + c * c;
      ti += 4;
      si += 4;
    }
    if (sum >= limit) return sum;
  }
  return sum;
}

/**
 * Starts a level's matches from the coarser level's: each target takes its parent's source,
 * scaled up with the same sub-pixel position, and its parent's vote weight.
 */
export function upsample(f: Field, coarse: Field, rand: () => number): void {
  const { w, h } = f.level;
  const cw = coarse.level.w;
  const n = f.sources.length;
  for (let i = 0; i < f.tpix.length; i++) {
    const p = f.tpix[i]!;
    const x = p % w;
    const y = (p - x) / w;
    const cs = coarse.slot[(y >> 1) * cw + (x >> 1)]!;
    let src = -1;
    if (cs >= 0) {
      const s = coarse.nnf[cs]!;
      const sx = 2 * (s % cw) + (x & 1);
      const sy = 2 * Math.floor(s / cw) + (y & 1);
      if (sx < w && sy < h && f.valid[sy * w + sx]) src = sy * w + sx;
      f.weight[i] = coarse.weight[cs]!;
    }
    f.nnf[i] = src >= 0 ? src : f.sources[rand() % n]!;
  }
}

/** The clipped patch window of target pixel t: [dx0, dx1, dy0, dy1]. */
function clip(t: number, w: number, h: number, r: number): [number, number, number, number] {
  const x = t % w;
  const y = (t - x) / w;
  return [Math.max(-r, -x), Math.min(r, w - 1 - x), Math.max(-r, -y), Math.min(r, h - 1 - y)];
}

/** Recomputes targets' distances [start, end) to their current sources (after the hole changed). */
export function measure(f: Field, start: number, end: number): void {
  const { w, h, img } = f.level;
  const tex = f.level.tex!;
  const texW = f.p.texWeight * (2 * f.p.r + 1) ** 2;
  for (let i = start; i < end; i++) {
    const t = f.tpix[i]!;
    const [dx0, dx1, dy0, dy1] = clip(t, w, h, f.p.r);
    f.dist[i] = patchDist(img, tex, texW, w, t, f.nnf[i]!, dx0, dx1, dy0, dy1, Infinity);
  }
}

/**
 * One PatchMatch sweep over targets [start, end) in scan order (or reversed): each target tries
 * its scan-neighbours' sources shifted by one pixel, then random sources around its best at
 * radii halving from `radius` down to 1.
 */
export function sweep(f: Field, rand: () => number, reverse: boolean, radius: number, start: number, end: number): void {
  const { w, h, img } = f.level;
  const tex = f.level.tex!;
  const { tpix, slot, valid, nnf, dist } = f;
  const r = f.p.r;
  const texW = f.p.texWeight * (2 * r + 1) ** 2;
  const n = tpix.length;
  const step = reverse ? -1 : 1;
  const dp = reverse ? 1 : -1; // the neighbour already visited in this sweep
  const loX = r;
  const hiX = w - 1 - r;
  const loY = r;
  const hiY = h - 1 - r;
  for (let k = start; k < end; k++) {
    const i = reverse ? n - 1 - k : k;
    const t = tpix[i]!;
    const x = t % w;
    const y = (t - x) / w;
    const dx0 = Math.max(-r, -x);
    const dx1 = Math.min(r, w - 1 - x);
    const dy0 = Math.max(-r, -y);
    const dy1 = Math.min(r, h - 1 - y);
    let best = nnf[i]!;
    let bestD = dist[i]!;
    // Propagation: a neighbour's match, moved along with the target.
    if (x + dp >= 0 && x + dp < w) {
      const ns = slot[t + dp]!;
      if (ns >= 0) {
        const c = nnf[ns]! + step;
        if (c !== best && valid[c]) {
          const d = patchDist(img, tex, texW, w, t, c, dx0, dx1, dy0, dy1, bestD);
          if (d < bestD) { bestD = d; best = c; }
        }
      }
    }
    if (y + dp >= 0 && y + dp < h) {
      const ns = slot[t + dp * w]!;
      if (ns >= 0) {
        const c = nnf[ns]! + step * w;
        if (c !== best && valid[c]) {
          const d = patchDist(img, tex, texW, w, t, c, dx0, dx1, dy0, dy1, bestD);
          if (d < bestD) { bestD = d; best = c; }
        }
      }
    }
    // Random search around the best so far, in shrinking windows.
    for (let R = radius; R >= 1; R >>= 1) {
      const bx = best % w;
      const by = (best - bx) / w;
      const span = 2 * R + 1;
      let cx = bx + (rand() % span) - R;
      let cy = by + (rand() % span) - R;
      cx = cx < loX ? loX : cx > hiX ? hiX : cx;
      cy = cy < loY ? loY : cy > hiY ? hiY : cy;
      const c = cy * w + cx;
      if (c === best || !valid[c]) continue;
      const d = patchDist(img, tex, texW, w, t, c, dx0, dx1, dy0, dy1, bestD);
      if (d < bestD) { bestD = d; best = c; }
    }
    nnf[i] = best;
    dist[i] = bestD;
  }
}

/**
 * Vote weights (Wexler et al. 2007): exp(-d / 2σ²) on the per-value mean squared difference,
 * σ² its 75th percentile (times `sigmaScale`), times the target's confidence, so well matched
 * patches near the known rim speak loudest.
 */
export function weigh(f: Field): void {
  const { w, h } = f.level;
  const r = f.p.r;
  const n = f.tpix.length;
  const norm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [dx0, dx1, dy0, dy1] = clip(f.tpix[i]!, w, h, r);
    norm[i] = f.dist[i]! / ((dx1 - dx0 + 1) * (dy1 - dy0 + 1) * 3);
  }
  const sorted = norm.toSorted();
  const s2 = Math.max(sorted[Math.floor(sorted.length * 0.75)] ?? 1, 1) * f.p.sigmaScale;
  for (let i = 0; i < n; i++) f.weight[i] = Math.max(Math.exp(-norm[i]! / (2 * s2)) * f.conf[i]!, 1e-6);
}
