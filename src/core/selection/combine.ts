/**
 * How a tool's new coverage meets the mask already there: replace, add, subtract or intersect,
 * the four modes every selection tool offers (Shift adds, Alt subtracts). The work is confined
 * to the boxes that can change, and the box of the pixels that did change comes back, so the
 * caller can capture undo and redraw only that.
 */
import { boundingBox, ChangedBox, type Box, type MaskBuffer, type Region } from './region.ts';

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
  const changed = new ChangedBox();
  const sx1 = shape.x + shape.w;
  const sy1 = shape.y + shape.h;
  // Outside the shape: replace and intersect clear the old selection; add and subtract keep it.
  if (old) {
    for (let y = old.y; y < old.y + old.h; y++) {
      const inRows = y >= shape.y && y < sy1;
      // The old box's row, less the shape's columns on the shape's rows: at most two spans.
      const spans = inRows ? [[old.x, Math.min(old.x + old.w, shape.x)], [Math.max(old.x, sx1), old.x + old.w]] : [[old.x, old.x + old.w]];
      for (const [a, e] of spans) clearSpan(m, y * W, a!, e!, y, changed);
    }
  }
  // Inside the shape's box: one tight loop per mode, tracking each row's first and last change.
  for (let r = 0; r < shape.h; r++) {
    const y = shape.y + r;
    const base = y * W + shape.x;
    const src = r * shape.w;
    let first = -1;
    let last = -1;
    for (let c = 0; c < shape.w; c++) {
      const s = shape.data[src + c]!;
      const before = m[base + c]!;
      const after = mode === 'add' ? (s ? 255 : before) : mode === 'subtract' ? (s ? 0 : before)
        : mode === 'replace' ? (s ? 255 : 0) : (s ? before : 0);
      if (after === before) continue;
      m[base + c] = after;
      if (first < 0) first = c;
      last = c;
    }
    if (first >= 0) changed.add(shape.x + first, shape.x + last, y);
  }
  return changed.box();
}

/** Clears columns a..e-1 of the row starting at `row`, noting the changed stretch. */
function clearSpan(m: Uint8Array, row: number, a: number, e: number, y: number, changed: ChangedBox): void {
  let first = -1;
  let last = -1;
  for (let x = a; x < e; x++) {
    if (!m[row + x]) continue;
    m[row + x] = 0;
    if (first < 0) first = x;
    last = x;
  }
  if (first >= 0) changed.add(first, last, y);
}
