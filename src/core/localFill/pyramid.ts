/**
 * The image pyramid of a fill: each level halves the one below it. A coarse pixel is part of the
 * hole when any of its children is, so every fine target's parent is a coarse target and every
 * coarse source, scaled up, lands on known fine pixels (the upsampling in `field.ts` relies on it).
 */

/** One level: RGBA pixels and the hole (1 = to fill). Hole pixels are rewritten by the fill. */
export interface Level {
  w: number;
  h: number;
  img: Uint8ClampedArray;
  hole: Uint8Array;
  /** Pixel indices of the hole, row-major. */
  holes: Int32Array;
  /** Texture features, two per pixel (see `texture.ts`); made for the levels that are searched. */
  tex: Uint8ClampedArray | null;
}

/** Wraps an RGBA buffer and its hole as a level (the buffers are used, not copied). */
export function makeLevel(w: number, h: number, img: Uint8ClampedArray, hole: Uint8Array): Level {
  let n = 0;
  for (let i = 0; i < hole.length; i++) n += hole[i]!;
  const holes = new Int32Array(n);
  for (let i = 0, k = 0; i < hole.length; i++) if (hole[i]) holes[k++] = i;
  return { w, h, img, hole, holes, tex: null };
}

/**
 * Halves an interleaved buffer of `l` (`stride` values a pixel): a coarse pixel whose four
 * children are all known gets their rounded mean; one with a hole child is left 0 and marked in
 * the returned coarse `hole`.
 */
export function halve(l: Level, src: Uint8ClampedArray, stride: number): { out: Uint8ClampedArray; hole: Uint8Array } {
  const w = Math.ceil(l.w / 2);
  const h = Math.ceil(l.h / 2);
  const out = new Uint8ClampedArray(w * h * stride);
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const fy0 = 2 * y;
    const fy1 = Math.min(fy0 + 1, l.h - 1);
    for (let x = 0; x < w; x++) {
      const fx0 = 2 * x;
      const fx1 = Math.min(fx0 + 1, l.w - 1);
      const a = fy0 * l.w + fx0;
      const b = fy0 * l.w + fx1;
      const c = fy1 * l.w + fx0;
      const d = fy1 * l.w + fx1;
      const p = y * w + x;
      if (l.hole[a] || l.hole[b] || l.hole[c] || l.hole[d]) {
        hole[p] = 1;
        continue;
      }
      // Edge pixels of odd sizes repeat a child; the average stays exact for what exists.
      for (let ch = 0; ch < stride; ch++) {
        out[p * stride + ch] = (src[a * stride + ch]! + src[b * stride + ch]! + src[c * stride + ch]! + src[d * stride + ch]! + 2) >> 2;
      }
    }
  }
  return { out, hole };
}

/** The next coarser level: box-filtered known pixels; a pixel is hole when any child is. */
export function downsample(l: Level): Level {
  const { out, hole } = halve(l, l.img, 4);
  return makeLevel(Math.ceil(l.w / 2), Math.ceil(l.h / 2), out, hole);
}

/** Per pixel, the chessboard distance to the nearest known pixel (0 for known pixels). */
export function depthMap(l: Level): Int32Array {
  const { w, h, hole } = l;
  const big = w + h;
  const d = new Int32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (!hole[p]) continue;
      let v = big;
      if (x > 0) v = Math.min(v, d[p - 1]! + 1);
      if (y > 0) {
        v = Math.min(v, d[p - w]! + 1);
        if (x > 0) v = Math.min(v, d[p - w - 1]! + 1);
        if (x < w - 1) v = Math.min(v, d[p - w + 1]! + 1);
      }
      d[p] = v;
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    for (let x = w - 1; x >= 0; x--) {
      const p = y * w + x;
      if (!hole[p]) continue;
      let v = d[p]!;
      if (x < w - 1) v = Math.min(v, d[p + 1]! + 1);
      if (y < h - 1) {
        v = Math.min(v, d[p + w]! + 1);
        if (x < w - 1) v = Math.min(v, d[p + w + 1]! + 1);
        if (x > 0) v = Math.min(v, d[p + w - 1]! + 1);
      }
      d[p] = v;
    }
  }
  return d;
}

/** How many pixels deep the hole is (its largest `depthMap` value). */
export function holeDepth(l: Level): number {
  let max = 0;
  for (const v of depthMap(l)) if (v > max) max = v;
  return max;
}

/**
 * Visits the hole ring by ring from its rim inwards. `ring` gets one ring's pixels and which
 * pixels are known so far (the region and the rings before); after it returns, the ring counts
 * as known. Every hole pixel is visited once, provided the level has a known pixel.
 */
export function forEachRing(l: Level, ring: (pixels: number[], known: Uint8Array) => void): void {
  const { w, h } = l;
  const known = new Uint8Array(w * h);
  for (let i = 0; i < known.length; i++) known[i] = l.hole[i] ? 0 : 1;
  const queued = new Uint8Array(w * h);
  const each8 = (p: number, fn: (q: number) => void) => {
    const x = p % w;
    const y = (p - x) / w;
    for (let dy = -1; dy <= 1; dy++) {
      const yy = y + dy;
      if (yy < 0 || yy >= h) continue;
      for (let dx = -1; dx <= 1; dx++) {
        const xx = x + dx;
        if ((dx !== 0 || dy !== 0) && xx >= 0 && xx < w) fn(yy * w + xx);
      }
    }
  };
  let layer: number[] = [];
  for (const p of l.holes) {
    let touches = false;
    each8(p, (q) => { if (known[q]) touches = true; });
    if (touches) { queued[p] = 1; layer.push(p); }
  }
  while (layer.length > 0) {
    ring(layer, known);
    for (const p of layer) known[p] = 1;
    const next: number[] = [];
    for (const p of layer) each8(p, (q) => { if (!known[q] && !queued[q]) { queued[q] = 1; next.push(q); } });
    layer = next;
  }
}
