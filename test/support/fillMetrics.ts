/**
 * How close a fill comes to the original, measured as `reference.json` of the shared mask
 * fixtures was: PSNR over the RGB values inside the hole, and SSIM over the hole's bounding box
 * plus 8 px, with scikit-image's defaults (7x7 uniform window, sample covariance, data range
 * 255, mean of the per-channel R, G, B scores, window centres at least 3 px inside the box);
 * and, since both reward a smooth guess, how much fine detail a fill keeps (`detailRatio`).
 */
import { boxSum } from '../../src/core/localFill/window.ts';

/** Inclusive-exclusive pixel box. */
export interface Box { x0: number; y0: number; x1: number; y1: number }

/** The hole's bounding box grown by `pad` and clipped to the image, or null for no hole. */
export function holeBox(hole: Uint8Array, w: number, h: number, pad = 8): Box | null {
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!hole[y * w + x]) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x1 < 0) return null;
  return { x0: Math.max(0, x0 - pad), y0: Math.max(0, y0 - pad), x1: Math.min(w, x1 + pad + 1), y1: Math.min(h, y1 + pad + 1) };
}

/** PSNR in dB over the R, G and B values of the hole pixels of two RGBA images. */
export function holePsnr(a: ArrayLike<number>, b: ArrayLike<number>, hole: Uint8Array): number {
  let se = 0;
  let n = 0;
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    for (let c = 0; c < 3; c++) {
      const d = a[p * 4 + c]! - b[p * 4 + c]!;
      se += d * d;
    }
    n += 3;
  }
  return n === 0 || se === 0 ? Infinity : 10 * Math.log10((255 * 255) / (se / n));
}

/** Mean SSIM of two RGBA images of width `w` over `box`, R, G, B averaged. */
export function ssimRgb(a: ArrayLike<number>, b: ArrayLike<number>, w: number, box: Box): number {
  const win = 7;
  const half = 3;
  const np = win * win;
  const covNorm = np / (np - 1);
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let total = 0;
  let count = 0;
  for (let ch = 0; ch < 3; ch++) {
    for (let y = box.y0 + half; y < box.y1 - half; y++) {
      for (let x = box.x0 + half; x < box.x1 - half; x++) {
        let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (let dy = -half; dy <= half; dy++) {
          for (let dx = -half; dx <= half; dx++) {
            const i = ((y + dy) * w + x + dx) * 4 + ch;
            const u = a[i]!;
            const v = b[i]!;
            sx += u; sy += v; sxx += u * u; syy += v * v; sxy += u * v;
          }
        }
        const ux = sx / np, uy = sy / np;
        const vx = covNorm * (sxx / np - ux * ux);
        const vy = covNorm * (syy / np - uy * uy);
        const vxy = covNorm * (sxy / np - ux * uy);
        total += ((2 * ux * uy + c1) * (2 * vxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
        count++;
      }
    }
  }
  return count === 0 ? NaN : total / count;
}

/**
 * Fine detail of an RGBA image over a region: the mean absolute Laplacian of gray
 * ((R+G+B)/3) at the region's pixels whose four neighbours are in it too. A smooth fill
 * scores near 0; a fill that keeps the texture of its surroundings scores like them.
 */
export function detailEnergy(rgba: ArrayLike<number>, w: number, h: number, region: ArrayLike<number>): number {
  const g = (p: number) => (rgba[p * 4]! + rgba[p * 4 + 1]! + rgba[p * 4 + 2]!) / 3;
  let sum = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      if (!region[p] || !region[p - 1] || !region[p + 1] || !region[p - w] || !region[p + w]) continue;
      sum += Math.abs(4 * g(p) - g(p - 1) - g(p + 1) - g(p - w) - g(p + w));
      n++;
    }
  }
  return n === 0 ? NaN : sum / n;
}

/** The known pixels within `radius` (chessboard distance) of the hole: its surroundings. */
export function ringAround(hole: Uint8Array, w: number, h: number, radius: number): Uint8Array {
  const near = boxSum(hole, w, h, radius);
  const ring = new Uint8Array(w * h);
  for (let p = 0; p < ring.length; p++) if (!hole[p] && near[p]! > 0) ring[p] = 1;
  return ring;
}

/**
 * How much of its surroundings' detail a filled hole has: `detailEnergy` inside the hole over
 * that of the ring of known pixels `radius` wide around it (about 1 for a fill that keeps the
 * texture, near 0 for a smear).
 */
export function detailRatio(rgba: ArrayLike<number>, w: number, h: number, hole: Uint8Array, radius = 24): number {
  return detailEnergy(rgba, w, h, hole) / detailEnergy(rgba, w, h, ringAround(hole, w, h, radius));
}
