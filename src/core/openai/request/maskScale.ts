import { EXPORT_THRESHOLD } from '../../mask/maskPixels.ts';
import type { Rect } from './sizePlan.ts';

/**
 * Resamples one axis with a box filter: each destination cell averages the source cells it
 * overlaps, weighted by the overlap. Works for shrinking and enlarging alike.
 */
function resampleAxis(src: ArrayLike<number>, srcLen: number, dstLen: number, lines: number, stride: 'row' | 'col', otherLen: number): Float32Array {
  const dst = new Float32Array(stride === 'row' ? dstLen * lines : otherLen * dstLen);
  const ratio = srcLen / dstLen;
  for (let d = 0; d < dstLen; d++) {
    const a = d * ratio;
    const b = (d + 1) * ratio;
    const i0 = Math.floor(a);
    const i1 = Math.min(srcLen, Math.ceil(b));
    for (let line = 0; line < lines; line++) {
      let sum = 0;
      for (let i = i0; i < i1; i++) {
        const wgt = Math.min(b, i + 1) - Math.max(a, i);
        sum += wgt * (stride === 'row' ? src[line * srcLen + i]! : src[i * otherLen + line]!);
      }
      const v = sum / ratio;
      if (stride === 'row') dst[line * dstLen + d] = v;
      else dst[d * otherLen + line] = v;
    }
  }
  return dst;
}

/**
 * The mask alpha to send: `outW x outH` bytes, 0 where painted and 255 elsewhere, strictly
 * two-valued. The coverage (w x h, 255 = painted) is resampled into `content` with a box filter
 * and cut at the export threshold; everything outside `content` (dall-e-2 padding) is 255, so
 * the model is never asked to fill the padding.
 */
export function maskAlphaForPlan(coverage: Uint8Array, w: number, h: number, outW: number, outH: number, content: Rect): Uint8Array {
  const alpha = new Uint8Array(outW * outH).fill(255);
  const { x: cx, y: cy, width: cw, height: ch } = content;
  // Same size: threshold the coverage as it is (no float copy of a 40-megapixel mask).
  const scaled: ArrayLike<number> = cw === w && ch === h
    ? coverage
    : resampleAxis(resampleAxis(coverage, w, cw, h, 'row', 0), h, ch, cw, 'col', cw);
  // Float sums of exact 0/255 inputs can land a hair under the threshold; allow for that.
  const cut = EXPORT_THRESHOLD - 1e-3;
  for (let y = 0; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      if (scaled[y * cw + x]! >= cut) alpha[(y + cy) * outW + x + cx] = 0;
    }
  }
  return alpha;
}

/** RGBA pixels (black, the given alpha) ready to put into an ImageData and encode as PNG. */
export function alphaToRgba(alpha: Uint8Array): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(alpha.length * 4);
  for (let i = 0; i < alpha.length; i++) rgba[i * 4 + 3] = alpha[i]!;
  return rgba;
}

/** Fraction of pixels painted (alpha 0) in a mask alpha array. */
export function paintedFraction(alpha: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < alpha.length; i++) if (alpha[i] === 0) n++;
  return alpha.length ? n / alpha.length : 0;
}
