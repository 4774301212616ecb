import { combine } from '../core/selection/combine.ts';
import type { PixelRect, RegionMode } from './tools/Tool.ts';

/**
 * `full` (row-major, `width` wide) with `region` (row-major over `rect`; non-zero = selected)
 * combined into it under `mode` by the selection core's {@link combine}. Parts of `rect`
 * outside the picture are cut off first. Returns whether any pixel changed.
 */
export function mergeRegion(full: Uint8Array, width: number, rect: PixelRect, region: Uint8Array, mode: RegionMode): boolean {
  if (region.length !== rect.w * rect.h) throw new RangeError('region size does not match its rectangle');
  const height = full.length / width;
  const x0 = Math.max(0, rect.x);
  const y0 = Math.max(0, rect.y);
  const w = Math.max(0, Math.min(width, rect.x + rect.w) - x0);
  const h = Math.max(0, Math.min(height, rect.y + rect.h) - y0);
  let data = region;
  if (w !== rect.w || h !== rect.h) {
    data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      const from = (y + y0 - rect.y) * rect.w + (x0 - rect.x);
      data.set(region.subarray(from, from + w), y * w);
    }
  }
  return combine({ width, height, data: full }, { x: x0, y: y0, w, h, data }, mode) !== null;
}
