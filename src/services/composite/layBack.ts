import type { Seam } from '../../core/mask/snapshot.ts';
import { blendInto, boxInResult, frameInResult, paintedBox, seamWeights, type Region } from '../../core/composite/layBack.ts';

export interface LayBackOptions {
  /** The image as edited, upright, full size. */
  original: ImageBitmap;
  /** A result at the model's output size. */
  result: CanvasImageSource & { width: number; height: number };
  /** The part of `result` that shows the original (fractions; default all of it, see `EditOutput.resultRegion`). */
  region?: Region;
  /** Full-size coverage, 255 = painted; null when nothing was painted. */
  coverage: Uint8Array | null;
  /** Seam width in image pixels, inside the painted area. */
  feather: number;
  /** True: everything outside the mask stays the original, bit for bit. False: the whole result. */
  keepOutside: boolean;
  /** The painted box and seam weights for this coverage and feather, when already worked out (a mask snapshot's). */
  seam?: Seam | null;
}

/**
 * Lays a result back onto the original at full resolution: the result's frame (its `region`) is
 * scaled to the original's size. Only the painted area's bounding box is read, blended and
 * written; the rest of the canvas is the original drawn once. With nothing painted, the whole
 * result is used: the request asked for the whole picture to change.
 */
export function layBack(o: LayBackOptions): OffscreenCanvas {
  const { width: W, height: H } = o.original;
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  const frame = frameInResult(o.result.width, o.result.height, o.region);
  const box = o.seam?.box ?? (o.coverage ? paintedBox(o.coverage, W, H) : null);
  if (!o.keepOutside || !box || !o.coverage) {
    ctx.drawImage(o.result, frame.x, frame.y, frame.w, frame.h, 0, 0, W, H);
    return canvas;
  }
  ctx.drawImage(o.original, 0, 0);
  // The result's pixels over the box, scaled from the result's own size.
  const src = boxInResult(box, W, H, frame);
  const part = new OffscreenCanvas(box.w, box.h);
  const pctx = part.getContext('2d', { willReadFrequently: true })!;
  pctx.imageSmoothingQuality = 'high';
  pctx.drawImage(o.result, src.x, src.y, src.w, src.h, 0, 0, box.w, box.h);
  const base = ctx.getImageData(box.x, box.y, box.w, box.h);
  blendInto(base.data, pctx.getImageData(0, 0, box.w, box.h).data, o.seam?.weights ?? seamWeights(o.coverage, W, box, o.feather));
  ctx.putImageData(base, box.x, box.y);
  return canvas;
}
