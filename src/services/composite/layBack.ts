import type { Seam } from '../../core/mask/snapshot.ts';
import { blendInto, boxInResult, frameInResult, paintedBox, seamWeights, type Box, type Region } from '../../core/composite/layBack.ts';

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
 * A result laid back over the painted box only: outside the box the composite is the original,
 * so this is all of it that differs. `pixels` are the box's blended RGBA (what the full
 * composite writes there), `canvas` the same pixels to draw over the picture at `box`.
 */
export interface Patch { box: Box; pixels: ImageData; canvas: OffscreenCanvas }

/** The painted box, or null when the whole result is used (nothing painted, or outside not kept). */
function patchBox(o: LayBackOptions): Box | null {
  if (!o.keepOutside || !o.coverage) return null;
  const { width: W, height: H } = o.original;
  return o.seam?.box ?? paintedBox(o.coverage, W, H);
}

/**
 * The result laid back inside the painted box, at full resolution: the original's pixels of the
 * box, the result's frame scaled over them, blended with the seam's weights. Reads and writes
 * only box-sized canvases, never one the size of the picture. Null when the whole result is
 * used (see {@link layBack}).
 */
export function layBackPatch(o: LayBackOptions): Patch | null {
  const box = patchBox(o);
  if (!box) return null;
  const { width: W, height: H } = o.original;
  const frame = frameInResult(o.result.width, o.result.height, o.region);
  const work = new OffscreenCanvas(box.w, box.h);
  const wctx = work.getContext('2d', { willReadFrequently: true })!;
  // The original's box, copied unscaled: the same bytes a full-size draw of it holds there.
  wctx.drawImage(o.original, box.x, box.y, box.w, box.h, 0, 0, box.w, box.h);
  const pixels = wctx.getImageData(0, 0, box.w, box.h);
  // The result's pixels over the box, scaled from the result's own size.
  const src = boxInResult(box, W, H, frame);
  wctx.clearRect(0, 0, box.w, box.h);
  wctx.imageSmoothingQuality = 'high';
  wctx.drawImage(o.result, src.x, src.y, src.w, src.h, 0, 0, box.w, box.h);
  blendInto(pixels.data, wctx.getImageData(0, 0, box.w, box.h).data, o.seam?.weights ?? seamWeights(o.coverage!, W, box, o.feather));
  // The working canvas becomes the patch: no second box-sized canvas to allocate.
  wctx.putImageData(pixels, 0, 0);
  return { box, pixels, canvas: work };
}

/**
 * Lays a result back onto the original at full resolution: the result's frame (its `region`) is
 * scaled to the original's size. Only the painted area's bounding box is blended (the
 * {@link Patch}, passed in when already made); the rest of the canvas is the original drawn
 * once. With nothing painted, the whole result is used: the request asked for the whole picture
 * to change.
 */
export function layBack(o: LayBackOptions, made?: Patch | null): OffscreenCanvas {
  const { width: W, height: H } = o.original;
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  const patch = made === undefined ? layBackPatch(o) : made;
  if (!patch) {
    const frame = frameInResult(o.result.width, o.result.height, o.region);
    ctx.drawImage(o.result, frame.x, frame.y, frame.w, frame.h, 0, 0, W, H);
    return canvas;
  }
  ctx.drawImage(o.original, 0, 0);
  ctx.putImageData(patch.pixels, patch.box.x, patch.box.y);
  return canvas;
}
