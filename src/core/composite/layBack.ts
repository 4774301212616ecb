import { EXPORT_THRESHOLD } from '../mask/maskPixels.ts';
import type { Rect } from '../openai/request/sizePlan.ts';
import { distanceToSource } from './distance.ts';

/** A rectangle in image pixels. */
export interface Box { x: number; y: number; w: number; h: number }

/** A rectangle as fractions (0..1) of an image's size (as `SizePlan.resultRegion` gives it). */
export type Region = Rect;

/** A rectangle in a result's own pixels (fractional: results are scaled, not cropped to pixels). */
export type SourceRect = Box;

const WHOLE: Region = { x: 0, y: 0, width: 1, height: 1 };

/**
 * Where the original's frame lies in a result of `rw` x `rh`: all of it, or the `region` a
 * provider reports (dall-e-2 answers a square with the picture centred in its padding). A result
 * of another shape than the original is stretched back to it: the model drew the picture so.
 */
export function frameInResult(rw: number, rh: number, region: Region = WHOLE): SourceRect {
  return { x: region.x * rw, y: region.y * rh, w: region.width * rw, h: region.height * rh };
}

/** The part of a result (its `frame` from {@link frameInResult}) that lands on `box` of a W x H original. */
export function boxInResult(box: Box, W: number, H: number, frame: SourceRect): SourceRect {
  const sx = frame.w / W;
  const sy = frame.h / H;
  return { x: frame.x + box.x * sx, y: frame.y + box.y * sy, w: box.w * sx, h: box.h * sy };
}

/**
 * The part of the image a composite can change: the painted area's bounding box. Outside it the
 * output is the original, so only this box needs reading, blending and writing.
 * Returns null when nothing is painted.
 */
export function paintedBox(coverage: Uint8Array, width: number, height: number): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  // Most of a mask is empty: rows are skipped four bytes at a time where they are all zero, and
  // a painted row is read from each end only up to its first and last painted pixel.
  const words = coverage.byteOffset % 4 === 0 ? new Uint32Array(coverage.buffer, coverage.byteOffset, coverage.length >> 2) : null;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const first = firstPainted(coverage, words, row, row + width);
    if (first < 0) continue;
    let last = row + width - 1;
    while (coverage[last]! < EXPORT_THRESHOLD) last--;
    if (first - row < x0) x0 = first - row;
    if (last - row > x1) x1 = last - row;
    if (y < y0) y0 = y;
    y1 = y;
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** The index of the first painted byte in [from, to), or -1; all-zero words are passed over whole. */
function firstPainted(coverage: Uint8Array, words: Uint32Array | null, from: number, to: number): number {
  let i = from;
  if (words) {
    while (i < to && i % 4 !== 0) { if (coverage[i]! >= EXPORT_THRESHOLD) return i; i++; }
    const end = to - 3;
    while (i < end) {
      if (words[i >> 2] !== 0) {
        for (let j = i; j < i + 4; j++) if (coverage[j]! >= EXPORT_THRESHOLD) return j;
      }
      i += 4;
    }
  }
  for (; i < to; i++) if (coverage[i]! >= EXPORT_THRESHOLD) return i;
  return -1;
}

/**
 * Blend weights for laying a result back over the original, for a box of the image: 0 outside
 * the painted area (the original stays bit for bit), rising to 1 over `feather` pixels inside it
 * (a seam that never reaches outside the mask), 1 deeper in. `feather` 0 gives a hard edge.
 */
export function seamWeights(coverage: Uint8Array, width: number, box: Box, feather: number): Float32Array {
  const { w, h } = box;
  const weights = new Float32Array(w * h);
  if (feather <= 0) {
    for (let y = 0; y < h; y++) {
      const src = (box.y + y) * width + box.x;
      for (let x = 0; x < w; x++) weights[y * w + x] = coverage[src + x]! >= EXPORT_THRESHOLD ? 1 : 0;
    }
    return weights;
  }
  // Kept pixels (the sources of the distance). The box is the painted box, so pixels just outside
  // it are kept ones too: pad it by one pixel of "kept" border, so edges touching the box side
  // feather as well, except where the box touches the image border (nothing is kept beyond it).
  const pw = w + 2;
  const ph = h + 2;
  const imageH = coverage.length / width;
  const kept = new Uint8Array(pw * ph);
  for (let py = 0; py < ph; py++) {
    const gy = box.y + py - 1;
    const row = py * pw;
    if (gy < 0 || gy >= imageH) continue;
    if (box.x > 0) kept[row] = 1;
    if (box.x + w < width) kept[row + pw - 1] = 1;
    const src = gy * width + box.x;
    const edge = py === 0 || py === ph - 1;
    for (let x = 0; x < w; x++) kept[row + x + 1] = edge || coverage[src + x]! < EXPORT_THRESHOLD ? 1 : 0;
  }
  fillSeam(weights, kept, pw, ph, feather + 1);
  return weights;
}

/** Side of the blocks the seam is worked out in. */
const SEAM_BLOCK = 64;

/**
 * Writes the weights of a box from its padded grid of kept pixels (`pw` x `ph`, a one-pixel
 * border around the box): min(1, distance to the nearest kept pixel / `reach`), 0 on kept
 * pixels. Only a kept pixel closer than `reach` changes a weight, and such a pixel lies within
 * `reach` of it on both axes: so the box is worked out in blocks, each over its own window of
 * that margin, and a block whose window holds no kept pixel at all (deep inside the mask, most
 * of a large one) is all 1 with no distance worked out; a block of kept pixels only stays all 0.
 */
function fillSeam(weights: Float32Array, kept: Uint8Array, pw: number, ph: number, reach: number): void {
  const w = pw - 2;
  const h = ph - 2;
  // Kept pixels above and left of each grid point: how many a window holds, at once.
  const iw = pw + 1;
  const sums = new Int32Array(iw * (ph + 1));
  for (let y = 0; y < ph; y++) {
    let row = 0;
    for (let x = 0; x < pw; x++) {
      row += kept[y * pw + x]!;
      sums[(y + 1) * iw + x + 1] = sums[y * iw + x + 1]! + row;
    }
  }
  const m = Math.ceil(reach);
  for (let by = 0; by < h; by += SEAM_BLOCK) {
    for (let bx = 0; bx < w; bx += SEAM_BLOCK) {
      const bw = Math.min(SEAM_BLOCK, w - bx);
      const bh = Math.min(SEAM_BLOCK, h - by);
      // A block all of kept pixels keeps its zero weights: none to work out. (An extended canvas's
      // painted box spans it whole, and most of it is the old picture, kept.)
      const own = sums[(by + 1 + bh) * iw + bx + 1 + bw]! - sums[(by + 1) * iw + bx + 1 + bw]! - sums[(by + 1 + bh) * iw + bx + 1]! + sums[(by + 1) * iw + bx + 1]!;
      if (own === bw * bh) continue;
      // The block's window in the padded grid (box pixel (x, y) is grid pixel (x + 1, y + 1)).
      const x0 = Math.max(0, bx + 1 - m);
      const y0 = Math.max(0, by + 1 - m);
      const x1 = Math.min(pw, bx + 1 + bw + m);
      const y1 = Math.min(ph, by + 1 + bh + m);
      const count = sums[y1 * iw + x1]! - sums[y0 * iw + x1]! - sums[y1 * iw + x0]! + sums[y0 * iw + x0]!;
      if (count === 0) {
        for (let y = by; y < by + bh; y++) weights.fill(1, y * w + bx, y * w + bx + bw);
        continue;
      }
      const ww = x1 - x0;
      const wh = y1 - y0;
      const win = new Uint8Array(ww * wh);
      for (let y = 0; y < wh; y++) win.set(kept.subarray((y0 + y) * pw + x0, (y0 + y) * pw + x1), y * ww);
      const dist = distanceToSource(ww, wh, win, reach);
      for (let y = by; y < by + bh; y++) {
        const drow = (y + 1 - y0) * ww + 1 - x0;
        for (let x = bx; x < bx + bw; x++) {
          // A painted pixel next to a kept one is at distance 1: give it the first step of the ramp.
          if (!kept[(y + 1) * pw + x + 1]) weights[y * w + x] = Math.min(1, dist[drow + x]! / reach);
        }
      }
    }
  }
}

/**
 * How far (in levels, the largest of the four channels) a result may differ from the original
 * and still be mixed with it on the seam. Up to `AGREE_FULL` the seam's weight holds as it is;
 * from there to `AGREE_NONE` it gives way to the result; beyond, only the result is shown.
 */
export const AGREE_FULL = 5;
export const AGREE_NONE = 15;

/**
 * Lays `result` over `original` in place, inside a box: out = original + (result - original) * k,
 * on all four channels (a transparent result keeps its alpha). Both arrays are RGBA of the box.
 *
 * On the seam (0 < w < 1) the original is taken only where it agrees with the result: k rises
 * from the seam's w to 1 as they differ from {@link AGREE_FULL} to {@link AGREE_NONE} levels.
 * The seam hides the edge where the model continued the picture, and never brings back what
 * was painted out (a pole, a cable: the very thing that differs from the result): what shows of
 * the original is at most about 5 levels from the result on any channel.
 */
export function blendInto(original: Uint8ClampedArray, result: Uint8ClampedArray, weights: Float32Array): void {
  const span = AGREE_NONE - AGREE_FULL;
  for (let i = 0, j = 0; i < weights.length; i++, j += 4) {
    let k = weights[i]!;
    if (k === 0) continue;
    if (k < 1) {
      const diff = Math.max(
        Math.abs(result[j]! - original[j]!), Math.abs(result[j + 1]! - original[j + 1]!),
        Math.abs(result[j + 2]! - original[j + 2]!), Math.abs(result[j + 3]! - original[j + 3]!),
      );
      if (diff >= AGREE_NONE) k = 1;
      else if (diff > AGREE_FULL) k = 1 - (1 - k) * ((AGREE_NONE - diff) / span);
    }
    if (k === 1) {
      original[j] = result[j]!;
      original[j + 1] = result[j + 1]!;
      original[j + 2] = result[j + 2]!;
      original[j + 3] = result[j + 3]!;
      continue;
    }
    for (let c = 0; c < 4; c++) original[j + c] = Math.round(original[j + c]! + (result[j + c]! - original[j + c]!) * k);
  }
}
