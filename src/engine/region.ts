import type { PixelRect, RegionMode } from './tools/Tool.ts';

/**
 * `full` (row-major, `width` wide) with `region` (row-major over `rect`) combined into it:
 * replaced outside and inside by the region, added (the larger coverage) or cut away (what the
 * region covers removed). Parts of `rect` outside the picture are ignored. Returns `full`.
 */
export function mergeRegion(full: Uint8Array, width: number, rect: PixelRect, region: Uint8Array, mode: RegionMode): Uint8Array {
  if (region.length !== rect.w * rect.h) throw new RangeError('region size does not match its rectangle');
  const height = full.length / width;
  if (mode === 'replace') full.fill(0);
  const x0 = Math.max(0, rect.x);
  const x1 = Math.min(width, rect.x + rect.w);
  for (let y = Math.max(0, rect.y); y < Math.min(height, rect.y + rect.h); y++) {
    for (let x = x0; x < x1; x++) {
      const v = region[(y - rect.y) * rect.w + (x - rect.x)]!;
      const i = y * width + x;
      full[i] = mode === 'subtract' ? Math.min(full[i]!, 255 - v) : Math.max(full[i]!, v);
    }
  }
  return full;
}
