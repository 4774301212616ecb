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
 * written, in tiles, and only its tiles that hold painted pixels; the rest of the canvas is the
 * original drawn once. With nothing painted, the whole
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
  const weights = o.seam?.weights ?? seamWeights(o.coverage, W, box, o.feather);
  // The box in tiles: a tile with no weight above 0 keeps the original drawn above, unread.
  // (An extended canvas's box is the whole canvas, mostly the old picture: most tiles.) Each
  // tile's result is scaled with a margin of a few source pixels around it, so its edge samples
  // the same neighbours a scaling of the whole box would.
  const margin = Math.ceil((2 * W) / frame.w) + 2;
  for (let ty = 0; ty < box.h; ty += COMPOSE_TILE) {
    for (let tx = 0; tx < box.w; tx += COMPOSE_TILE) {
      const tw = Math.min(COMPOSE_TILE, box.w - tx);
      const th = Math.min(COMPOSE_TILE, box.h - ty);
      const tile = tileWeights(weights, box.w, tx, ty, tw, th);
      if (!tile) continue;
      const x = box.x + tx;
      const y = box.y + ty;
      const x0 = Math.max(0, x - margin);
      const y0 = Math.max(0, y - margin);
      const x1 = Math.min(W, x + tw + margin);
      const y1 = Math.min(H, y + th + margin);
      const src = boxInResult({ x: x0, y: y0, w: x1 - x0, h: y1 - y0 }, W, H, frame);
      const part = new OffscreenCanvas(x1 - x0, y1 - y0);
      const pctx = part.getContext('2d', { willReadFrequently: true })!;
      pctx.imageSmoothingQuality = 'high';
      pctx.drawImage(o.result, src.x, src.y, src.w, src.h, 0, 0, x1 - x0, y1 - y0);
      const base = ctx.getImageData(x, y, tw, th);
      blendInto(base.data, pctx.getImageData(x - x0, y - y0, tw, th).data, tile);
      ctx.putImageData(base, x, y);
    }
  }
  return canvas;
}

/** Side of the tiles the box is laid back in. */
const COMPOSE_TILE = 512;

/** A tile's weights (row-major, `tw` x `th`) cut from the box's, or null when all are 0. */
function tileWeights(weights: Float32Array, boxW: number, tx: number, ty: number, tw: number, th: number): Float32Array | null {
  let any = false;
  for (let y = 0; y < th && !any; y++) {
    const row = (ty + y) * boxW + tx;
    for (let x = 0; x < tw; x++) if (weights[row + x]! > 0) { any = true; break; }
  }
  if (!any) return null;
  const out = new Float32Array(tw * th);
  for (let y = 0; y < th; y++) out.set(weights.subarray((ty + y) * boxW + tx, (ty + y) * boxW + tx + tw), y * tw);
  return out;
}
