/**
 * One tile's share of a region write (MaskDocument.writeRegion): what a selection tool's
 * coverage for a box does to the tile's pixels under each of the four modes. The rule is the
 * selection core's `combine` on the full mask, cut into tiles, so a region write equals a
 * full-mask combine and load pixel for pixel while touching only the tiles it must.
 */
import type { Rect } from './tiles.ts';

/** How a region meets the mask: replace it, add to it, cut it away, or keep only their overlap. */
export type RegionWriteMode = 'replace' | 'add' | 'subtract' | 'intersect';

/** A region: coverage over `rect` (row-major, rect.w x rect.h; non-zero = selected). */
export interface TileRegion { rect: Rect; data: Uint8Array }

/** True when the mode empties what lies outside the region's box (the old selection there goes). */
export function clearsOutside(mode: RegionWriteMode): boolean {
  return mode === 'replace' || mode === 'intersect';
}

/**
 * The tile's coverage after the region is combined into it under `mode`. `cov` is the tile's
 * coverage now (null = empty; it is not changed), `tile` its rectangle in image pixels. Inside
 * the region: replace sets 255 or 0, add sets 255 where selected, subtract 0 where selected,
 * intersect keeps the old value where selected and 0 elsewhere. Outside it: replace and
 * intersect give 0, add and subtract keep the old value. Returns null for an empty result that
 * needs no array (the caller drops empty tiles anyway), or `cov` itself when nothing can change.
 */
export function regionTile(cov: Uint8Array | null, tile: Rect, region: TileRegion, mode: RegionWriteMode): Uint8Array | null {
  const r = region.rect;
  const x0 = Math.max(tile.x, r.x);
  const y0 = Math.max(tile.y, r.y);
  const x1 = Math.min(tile.x + tile.w, r.x + r.w);
  const y1 = Math.min(tile.y + tile.h, r.y + r.h);
  const overlaps = x1 > x0 && y1 > y0;
  if (!overlaps) return clearsOutside(mode) ? null : cov;
  if (!cov && (mode === 'subtract' || mode === 'intersect')) return null;
  // Replace and intersect start from zeros (outside the region the tile empties); add and subtract from the tile.
  const out = clearsOutside(mode) || !cov ? new Uint8Array(tile.w * tile.h) : cov.slice();
  const src = region.data;
  // Whether the tile's part of the region selects anything: a wand's box is often the whole
  // picture, and most of its tiles then hold nothing selected. Replace and intersect of nothing
  // is an empty tile (no array); add and subtract of nothing leave the tile as it is.
  let any = false;
  for (let y = y0; y < y1 && !any; y++) {
    const s = (y - r.y) * r.w - r.x;
    for (let x = x0; x < x1; x++) if (src[s + x]) { any = true; break; }
  }
  if (!any) return clearsOutside(mode) ? null : cov;
  for (let y = y0; y < y1; y++) {
    const o = (y - tile.y) * tile.w - tile.x;
    const s = (y - r.y) * r.w - r.x;
    switch (mode) {
      case 'replace':
      case 'add':
        for (let x = x0; x < x1; x++) if (src[s + x]) out[o + x] = 255;
        break;
      case 'subtract':
        for (let x = x0; x < x1; x++) if (src[s + x]) out[o + x] = 0;
        break;
      case 'intersect':
        for (let x = x0; x < x1; x++) if (src[s + x]) out[o + x] = cov![o + x]!;
        break;
    }
  }
  return out;
}
