/**
 * The fill's two bands, after Bertalmio et al. ("Simultaneous structure and texture image
 * inpainting", 2003): the structure pass gives the hole's likely low frequencies (the big shapes
 * and colours, safe guesses pixel by pixel), the texture pass gives its detail. The hole keeps
 * the texture pass's pixels T with their low band swapped for the structure pass's S:
 * T + G_σ * (S - T), G_σ a Gaussian blur.
 *
 * Where the two low bands differ much, the texture pass has put other content there, and its
 * detail laid on the structure's colours would show as a ghost (halos round its edges); there
 * the structure's pixels are kept instead, fading with the difference.
 */
import type { Level } from './pyramid.ts';

/** What to add to the texture pass's result over a box of a level: 3 floats a pixel, row-major. */
export interface Correction {
  x0: number;
  y0: number;
  w: number;
  h: number;
  rgb: Float32Array;
}

/** Reads the hole pixels of a level in `holes` order, 4 values each. */
export function holePixels(l: Level): Uint8ClampedArray {
  const { img, holes } = l;
  const out = new Uint8ClampedArray(holes.length * 4);
  for (let k = 0; k < holes.length; k++) {
    const p = holes[k]! * 4;
    out[k * 4] = img[p]!;
    out[k * 4 + 1] = img[p + 1]!;
    out[k * 4 + 2] = img[p + 2]!;
    out[k * 4 + 3] = img[p + 3]!;
  }
  return out;
}

function gaussian(sigma: number): Float32Array {
  const rad = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float32Array(2 * rad + 1);
  for (let i = -rad; i <= rad; i++) k[i + rad] = Math.exp(-(i * i) / (2 * sigma * sigma));
  return k;
}

/**
 * One separable pass of the blur over `src` (box-sized, 3 values a pixel), along x or y.
 * Samples beyond the box are missing, not zero (the weights are renormalised): the box reaches
 * past the hole by the blur's radius, so only the image's own edges cut a hole pixel's window.
 */
function blurAxis(src: Float32Array, bw: number, bh: number, k: Float32Array, alongX: boolean): Float32Array {
  const out = new Float32Array(src.length);
  const rad = (k.length - 1) / 2;
  const n = alongX ? bw : bh;
  const lines = alongX ? bh : bw;
  const step = (alongX ? 1 : bw) * 3;
  for (let a = 0; a < lines; a++) {
    const base = (alongX ? a * bw : a) * 3;
    for (let i = 0; i < n; i++) {
      let s0 = 0, s1 = 0, s2 = 0, ws = 0;
      const j0 = Math.max(-rad, -i);
      const j1 = Math.min(rad, n - 1 - i);
      let q = base + (i + j0) * step;
      for (let j = j0; j <= j1; j++, q += step) {
        const wt = k[j + rad]!;
        s0 += wt * src[q]!;
        s1 += wt * src[q + 1]!;
        s2 += wt * src[q + 2]!;
        ws += wt;
      }
      const o = base + i * step;
      out[o] = s0 / ws;
      out[o + 1] = s1 / ws;
      out[o + 2] = s2 / ws;
    }
  }
  return out;
}

/**
 * The correction of a level whose `img` holds the texture pass's result, given the structure
 * pass's hole pixels (`holePixels`): the low band (σ = `sigma` pixels of this level) of their
 * difference, and, where that exceeds `tolerance` (an RGB distance), more and more of the
 * whole difference. Zero outside the hole's box.
 */
export function bandCorrection(level: Level, structure: Uint8ClampedArray, sigma: number, tolerance: number): Correction {
  const { w, h, img, holes } = level;
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (let k = 0; k < holes.length; k++) {
    const p = holes[k]!;
    const x = p % w;
    const y = (p - x) / w;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const kernel = gaussian(sigma);
  const rad = (kernel.length - 1) / 2;
  // The box spans the hole plus the blur's reach, inside the image.
  x0 = Math.max(0, x0 - rad);
  y0 = Math.max(0, y0 - rad);
  x1 = Math.min(w - 1, x1 + rad);
  y1 = Math.min(h - 1, y1 + rad);
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const diff = new Float32Array(bw * bh * 3);
  for (let k = 0; k < holes.length; k++) {
    const p = holes[k]!;
    const x = p % w;
    const y = (p - x) / w;
    const o = ((y - y0) * bw + x - x0) * 3;
    for (let c = 0; c < 3; c++) diff[o + c] = structure[k * 4 + c]! - img[p * 4 + c]!;
  }
  const low = blurAxis(blurAxis(diff, bw, bh, kernel, true), bw, bh, kernel, false);
  const t2 = tolerance * tolerance;
  for (let o = 0; o < low.length; o += 3) {
    const d2 = low[o]! * low[o]! + low[o + 1]! * low[o + 1]! + low[o + 2]! * low[o + 2]!;
    const toStructure = 1 - Math.exp(-d2 / t2);
    for (let c = 0; c < 3; c++) low[o + c] = low[o + c]! + toStructure * (diff[o + c]! - low[o + c]!);
  }
  return { x0, y0, w: bw, h: bh, rgb: low };
}

/**
 * Adds a correction to the hole of `dst`, which is `shift` octaves finer than the correction's
 * level (0: the same level): read bilinearly at each pixel's position.
 */
export function applyCorrection(dst: Level, corr: Correction, shift: number): void {
  const { w, img, holes } = dst;
  const scale = 1 / (1 << shift);
  const maxX = corr.w - 1;
  const maxY = corr.h - 1;
  // Neighbour steps of the bilinear read (none along an axis one sample wide).
  const dx = maxX > 0 ? 3 : 0;
  const dy = maxY > 0 ? corr.w * 3 : 0;
  const rgb = corr.rgb;
  for (let k = 0; k < holes.length; k++) {
    const p = holes[k]!;
    const x = p % w;
    const y = (p - x) / w;
    const u = Math.min(maxX, Math.max(0, (x + 0.5) * scale - 0.5 - corr.x0));
    const v = Math.min(maxY, Math.max(0, (y + 0.5) * scale - 0.5 - corr.y0));
    const ux = Math.min(Math.floor(u), Math.max(0, maxX - 1));
    const vy = Math.min(Math.floor(v), Math.max(0, maxY - 1));
    const fx = u - ux;
    const fy = v - vy;
    const a = (vy * corr.w + ux) * 3;
    for (let c = 0; c < 3; c++) {
      const top = rgb[a + c]! + fx * (rgb[a + dx + c]! - rgb[a + c]!);
      const bottom = rgb[a + dy + c]! + fx * (rgb[a + dy + dx + c]! - rgb[a + dy + c]!);
      img[p * 4 + c] = img[p * 4 + c]! + top + fy * (bottom - top);
    }
  }
}
