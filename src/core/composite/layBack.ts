import { EXPORT_THRESHOLD } from '../mask/maskPixels.ts';
import { distanceTransform } from './distance.ts';

/** A rectangle in image pixels. */
export interface Box { x: number; y: number; w: number; h: number }

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
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (coverage[row + x]! >= EXPORT_THRESHOLD) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (first < x0) x0 = first;
    if (last > x1) x1 = last;
    if (y < y0) y0 = y;
    y1 = y;
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/**
 * Blend weights for laying a result back over the original, for a box of the image: 0 outside
 * the painted area (the original stays bit for bit), rising to 1 over `feather` pixels inside it
 * (a seam that never reaches outside the mask), 1 deeper in. `feather` 0 gives a hard edge.
 */
export function seamWeights(coverage: Uint8Array, width: number, box: Box, feather: number): Float32Array {
  const { w, h } = box;
  const inside = (i: number) => coverage[(box.y + Math.floor(i / w)) * width + box.x + (i % w)]! >= EXPORT_THRESHOLD;
  const weights = new Float32Array(w * h);
  if (feather <= 0) {
    for (let i = 0; i < w * h; i++) weights[i] = inside(i) ? 1 : 0;
    return weights;
  }
  // Distance to the nearest kept pixel. The box is the painted box, so pixels just outside it are
  // kept ones too: pad by one pixel of "kept" border so edges touching the box side feather as well,
  // except where the box touches the image border (there is nothing kept beyond it).
  const pw = w + 2;
  const ph = h + 2;
  const imageH = coverage.length / width;
  const dist = distanceTransform(pw, ph, (i) => {
    const px = (i % pw) - 1;
    const py = Math.floor(i / pw) - 1;
    if (px < 0 || py < 0 || px >= w || py >= h) {
      const gx = box.x + px;
      const gy = box.y + py;
      return gx >= 0 && gy >= 0 && gx < width && gy < imageH;
    }
    return !inside(py * w + px);
  });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!inside(i)) continue;
      // A painted pixel next to a kept one is at distance 1: give it the first step of the ramp.
      weights[i] = Math.min(1, dist[(y + 1) * pw + x + 1]! / (feather + 1));
    }
  }
  return weights;
}

/**
 * Lays `result` over `original` in place, inside a box: out = original + (result - original) * w,
 * on all four channels (a transparent result keeps its alpha). Both arrays are RGBA of the box.
 */
export function blendInto(original: Uint8ClampedArray, result: Uint8ClampedArray, weights: Float32Array): void {
  for (let i = 0, j = 0; i < weights.length; i++, j += 4) {
    const k = weights[i]!;
    if (k === 0) continue;
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
