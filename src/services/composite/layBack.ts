import { blendInto, paintedBox, seamWeights } from '../../core/composite/layBack.ts';

export interface LayBackOptions {
  /** The image as edited, upright, full size. */
  original: ImageBitmap;
  /** A result at the model's output size (already mapped to the original's frame). */
  result: ImageBitmap;
  /** Full-size coverage, 255 = painted. */
  coverage: Uint8Array;
  /** Seam width in image pixels, inside the painted area. */
  feather: number;
  /** True: everything outside the mask stays the original, bit for bit. False: the whole result. */
  keepOutside: boolean;
}

/**
 * Lays a result back onto the original at full resolution. Only the painted area's bounding box
 * is read, blended and written; the rest of the canvas is the original drawn once.
 */
export function layBack(o: LayBackOptions): OffscreenCanvas {
  const { width: W, height: H } = o.original;
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  if (!o.keepOutside) {
    ctx.drawImage(o.result, 0, 0, W, H);
    return canvas;
  }
  ctx.drawImage(o.original, 0, 0);
  const box = paintedBox(o.coverage, W, H);
  if (!box) return canvas;
  // The result's pixels over the box, scaled from the result's own size.
  const sx = o.result.width / W;
  const sy = o.result.height / H;
  const part = new OffscreenCanvas(box.w, box.h);
  const pctx = part.getContext('2d', { willReadFrequently: true })!;
  pctx.imageSmoothingQuality = 'high';
  pctx.drawImage(o.result, box.x * sx, box.y * sy, box.w * sx, box.h * sy, 0, 0, box.w, box.h);
  const base = ctx.getImageData(box.x, box.y, box.w, box.h);
  blendInto(base.data, pctx.getImageData(0, 0, box.w, box.h).data, seamWeights(o.coverage, W, box, o.feather));
  ctx.putImageData(base, box.x, box.y);
  return canvas;
}
