/**
 * Fill holes and remove specks: refinements by connected regions.
 *
 * Selected pixels connect 8-ways and unselected ones 4-ways, the usual dual pair: a selected
 * outline whose pixels touch only at corners still encloses its hole, and two selected blobs
 * that touch at a corner are one blob, so the two refinements agree on what a region is.
 * Only the selection's bounding box (plus one pixel) is visited: every unselected pixel outside
 * it reaches the image's edge along its own row or column.
 */
import { floodLabel, IntStack } from './flood.ts';
import { boundingBox, expandBox, type Box, type MaskBuffer } from './region.ts';
import { scratchU8 } from './scratch.ts';

/** Copies box `b` of the mask into a label array: `selected` for selected pixels, `unselected` else. */
function labelsOf(mask: MaskBuffer, b: Box, selected: number, unselected: number): Uint8Array {
  const labels = scratchU8('components.labels', b.w * b.h);
  for (let r = 0; r < b.h; r++) {
    const src = (b.y + r) * mask.width + b.x;
    for (let c = 0; c < b.w; c++) labels[r * b.w + c] = mask.data[src + c] ? selected : unselected;
  }
  return labels;
}

/** Growing bounds of changed pixels, in box coordinates. */
class Changed {
  x0 = Infinity; y0 = Infinity; x1 = -1; y1 = -1;
  note(x0: number, x1: number, y: number): void {
    if (x0 < this.x0) this.x0 = x0;
    if (x1 > this.x1) this.x1 = x1;
    if (y < this.y0) this.y0 = y;
    if (y > this.y1) this.y1 = y;
  }
  box(b: Box): Box | null {
    return this.x1 < 0 ? null : { x: b.x + this.x0, y: b.y + this.y0, w: this.x1 - this.x0 + 1, h: this.y1 - this.y0 + 1 };
  }
}

/**
 * Selects every hole in place: each region of unselected pixels (4-connected) that does not
 * reach the image's edge. Returns the box of changed pixels (null: none).
 */
export function fillHoles(mask: MaskBuffer): Box | null {
  const bb = boundingBox(mask);
  if (!bb) return null;
  // One pixel of margin: outside the selection's box every unselected pixel reaches the edge,
  // so the box's rim (the margin, or the image edge where there is none) is where the outside starts.
  const b = expandBox(bb, 1, mask.width, mask.height);
  const OPEN = 1;
  const OUTSIDE = 2;
  const labels = labelsOf(mask, b, 0, OPEN);
  const stack = new IntStack();
  const seed = (c: number, r: number) => floodLabel(labels, b.w, b.h, c, r, OPEN, OUTSIDE, false, null, stack);
  for (let c = 0; c < b.w; c++) { seed(c, 0); seed(c, b.h - 1); }
  for (let r = 0; r < b.h; r++) { seed(0, r); seed(b.w - 1, r); }
  const changed = new Changed();
  for (let r = 0; r < b.h; r++) {
    const dst = (b.y + r) * mask.width + b.x;
    for (let c = 0; c < b.w; c++) {
      if (labels[r * b.w + c] !== OPEN) continue;
      mask.data[dst + c] = 255;
      changed.note(c, c, r);
    }
  }
  return changed.box(b);
}

/**
 * Deselects in place every speck: each region of selected pixels (8-connected) of fewer than
 * `minArea` pixels. Returns the box of changed pixels (null: none).
 */
export function removeSpecks(mask: MaskBuffer, minArea: number): Box | null {
  const b = boundingBox(mask);
  if (!b || minArea <= 1) return null;
  const SEL = 1;
  const SEEN = 2;
  const labels = labelsOf(mask, b, SEL, 0);
  const stack = new IntStack();
  const runs = new IntStack();
  const changed = new Changed();
  for (let r = 0; r < b.h; r++) {
    const row = labels.subarray(r * b.w, (r + 1) * b.w);
    let c = row.indexOf(SEL);
    while (c >= 0) {
      runs.length = 0;
      const area = floodLabel(labels, b.w, b.h, c, r, SEL, SEEN, true, runs, stack);
      if (area < minArea) {
        for (let k = 0; k < runs.length; k += 3) {
          const y = runs.data[k]!;
          const l = runs.data[k + 1]!;
          const e = runs.data[k + 2]!;
          const at = (b.y + y) * mask.width + b.x;
          mask.data.fill(0, at + l, at + e + 1);
          changed.note(l, e, y);
        }
      }
      c = row.indexOf(SEL, c);
    }
  }
  return changed.box(b);
}
