/**
 * Where a fill works: the hole's bounding box plus a margin of context to copy from, cut from the
 * full image so a small hole in a 6000x4000 photo reads and searches only its surroundings. The
 * pyramid in `fill.ts` then keeps the search itself bounded, however large the crop.
 */
import { paintedBox, type Box } from '../composite/layBack.ts';
import { EXPORT_THRESHOLD } from '../mask/maskPixels.ts';

/** The region a fill works on, in the full image's pixels. */
export type Crop = Box;

/** Context around the hole: this share of the hole box's longer side, at least MIN_MARGIN. */
export const MARGIN_SHARE = 1;
export const MIN_MARGIN = 64;
/** An image up to this many pixels is worked whole: all of it is context, at little cost. */
export const WHOLE_IMAGE_PIXELS = 2_500_000;

/**
 * The region to fill for a coverage mask (255 = painted; painted from EXPORT_THRESHOLD up, as
 * in the exported mask), or null when nothing is painted. Small images are taken whole; larger
 * ones are cut to the hole's box plus context.
 */
export function planCrop(mask: Uint8Array, width: number, height: number): Crop | null {
  const box = paintedBox(mask, width, height);
  if (!box) return null;
  if (width * height <= WHOLE_IMAGE_PIXELS) return { x: 0, y: 0, w: width, h: height };
  const m = Math.max(MIN_MARGIN, Math.round(MARGIN_SHARE * Math.max(box.w, box.h)));
  const cx0 = Math.max(0, box.x - m);
  const cy0 = Math.max(0, box.y - m);
  const cx1 = Math.min(width, box.x + box.w + m);
  const cy1 = Math.min(height, box.y + box.h + m);
  return { x: cx0, y: cy0, w: cx1 - cx0, h: cy1 - cy0 };
}

/** The crop's hole (1 = fill) from the full-size coverage mask. */
export function cropHole(mask: Uint8Array, width: number, crop: Crop): Uint8Array {
  const hole = new Uint8Array(crop.w * crop.h);
  for (let y = 0; y < crop.h; y++) {
    const src = (crop.y + y) * width + crop.x;
    for (let x = 0; x < crop.w; x++) hole[y * crop.w + x] = mask[src + x]! >= EXPORT_THRESHOLD ? 1 : 0;
  }
  return hole;
}

/**
 * The two layers that put a filled crop back into the full image without touching any other
 * pixel: `cut` is opaque exactly on the hole (drawn with 'destination-out' it clears the hole),
 * `paint` is the fill on the hole and fully transparent elsewhere (drawn 'source-over' it fills
 * the cleared hole). Transparent source pixels leave the destination exactly as it was.
 */
export function compositeLayers(filled: Uint8ClampedArray, hole: Uint8Array): { cut: Uint8ClampedArray<ArrayBuffer>; paint: Uint8ClampedArray<ArrayBuffer> } {
  const cut = new Uint8ClampedArray(filled.length);
  const paint = new Uint8ClampedArray(filled.length);
  for (let p = 0; p < hole.length; p++) {
    if (!hole[p]) continue;
    const o = p * 4;
    cut[o + 3] = 255;
    paint[o] = filled[o]!;
    paint[o + 1] = filled[o + 1]!;
    paint[o + 2] = filled[o + 2]!;
    paint[o + 3] = filled[o + 3]!;
  }
  return { cut, paint };
}
