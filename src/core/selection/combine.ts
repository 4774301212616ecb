/**
 * How a tool's new coverage meets the mask already there: replace, add, subtract or intersect,
 * the four modes every selection tool offers (Shift adds, Alt subtracts). The work is confined
 * to the boxes that can change, and the box of the pixels that did change comes back, so the
 * caller can capture undo and redraw only that.
 */
import { boundingBox, type Box, type MaskBuffer, type Region } from './region.ts';

export type CombineMode = 'replace' | 'add' | 'subtract' | 'intersect';

export const COMBINE_MODES: readonly CombineMode[] = ['replace', 'add', 'subtract', 'intersect'];

/**
 * Combines `shape` into `mask` in place under `mode` and returns the bounding box of the pixels
 * that changed (null when none did). Replace and intersect also clear what lies outside the
 * shape, so they visit the old selection's box too: pass `maskBox` (the bounding box of the
 * mask's selected pixels, or null when it is empty) when it is known, to spare a scan.
 */
export function combine(mask: MaskBuffer, shape: Region, mode: CombineMode, maskBox?: Box | null): Box | null {
  const { width: W, data: m } = mask;
  const old = mode === 'replace' || mode === 'intersect' ? (maskBox === undefined ? boundingBox(mask) : maskBox) : null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -1;
  let y1 = -1;
  const note = (x: number, y: number) => {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  };
  const sx1 = shape.x + shape.w;
  const sy1 = shape.y + shape.h;
  // Outside the shape: replace and intersect clear the old selection; add and subtract keep it.
  if (old) {
    for (let y = old.y; y < old.y + old.h; y++) {
      const inRows = y >= shape.y && y < sy1;
      for (let x = old.x; x < old.x + old.w; x++) {
        if (inRows && x >= shape.x && x < sx1) continue;
        const i = y * W + x;
        if (m[i]) { m[i] = 0; note(x, y); }
      }
    }
  }
  // Inside the shape's box.
  for (let r = 0; r < shape.h; r++) {
    const y = shape.y + r;
    for (let c = 0; c < shape.w; c++) {
      const s = shape.data[r * shape.w + c]!;
      const i = y * W + shape.x + c;
      const before = m[i]!;
      let after: number;
      if (mode === 'replace') after = s ? 255 : 0;
      else if (mode === 'add') after = s ? 255 : before;
      else if (mode === 'subtract') after = s ? 0 : before;
      else after = s ? before : 0;
      if (after !== before) { m[i] = after; note(shape.x + c, y); }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}
