import type { Region } from '../../core/selection/region.ts';
import type { ImagePoint, RegionMode, ToolContext } from './Tool.ts';

/**
 * The mode of a selection action, from the modifier keys held at pointer-down, else the
 * toolbar's: Shift adds, Alt subtracts, Shift+Alt intersects (Photoshop's and GIMP's keys).
 * Only the keys held at pointer-down choose the mode; a marquee reads keys pressed later as
 * shape constraints (see marquee.ts).
 */
export function modeAt(p: ImagePoint, toolbar: RegionMode): RegionMode {
  if (p.shift && p.alt) return 'intersect';
  if (p.shift) return 'add';
  if (p.alt) return 'subtract';
  return toolbar;
}

/** Commits a rasterised region under `mode` as one undo step; an empty region still clears under replace and intersect. */
export function commitSelection(ctx: ToolContext, r: Region, mode: RegionMode): boolean {
  return ctx.commitRegion({ x: r.x, y: r.y, w: r.w, h: r.h }, r.data, mode);
}
