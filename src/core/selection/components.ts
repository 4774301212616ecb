/**
 * Fill holes and remove specks: refinements by connected regions.
 *
 * Selected pixels connect 8-ways and unselected ones 4-ways, the usual dual pair: a selected
 * outline whose pixels touch only at corners still encloses its hole, and two selected blobs
 * that touch at a corner are one blob, so the two refinements agree on what a region is.
 * Only the selection's bounding box (plus one pixel) is visited: every unselected pixel outside
 * it reaches the image's edge along its own row or column.
 *
 * Regions are found over runs, not pixels: each row of the box is cut into runs of one value
 * (native indexOf finds their ends), runs that touch between rows are joined by union-find, and
 * the answer is written a run at a time. A 24 MP mask has a few hundred thousand runs.
 */
import { IntStack } from './flood.ts';
import { boundingBox, ChangedBox, expandBox, type Box, type MaskBuffer } from './region.ts';

/** Runs of one value in a box, row by row: starts and ends (inclusive, box columns). */
interface Runs { start: IntStack; end: IntStack; rowFirst: Int32Array }

/** Cuts each row of box `b` into runs of selected (`selected`) or unselected pixels. */
function runsOf(mask: MaskBuffer, b: Box, selected: boolean): Runs {
  const start = new IntStack(4096);
  const end = new IntStack(4096);
  const rowFirst = new Int32Array(b.h + 1);
  for (let r = 0; r < b.h; r++) {
    rowFirst[r] = start.length;
    const at = (b.y + r) * mask.width + b.x;
    const row = mask.data.subarray(at, at + b.w);
    let c = 0;
    while (c < b.w) {
      // The first pixel of a run, then the first pixel past it.
      const s = selected ? firstNonZero(row, c) : row.indexOf(0, c);
      if (s < 0) break;
      const e = selected ? row.indexOf(0, s) : firstNonZero(row, s);
      start.push(s);
      end.push((e < 0 ? b.w : e) - 1);
      c = e < 0 ? b.w : e;
    }
  }
  rowFirst[b.h] = start.length;
  return { start, end, rowFirst };
}

/** Index of the first non-zero byte at or after `from`, or -1. */
function firstNonZero(row: Uint8Array, from: number): number {
  for (let i = from; i < row.length; i++) if (row[i]) return i;
  return -1;
}

/**
 * Joins runs of neighbouring rows that touch (4-connected: they share a column; 8-connected:
 * also diagonally), and returns each run's root.
 */
function link(runs: Runs, rows: number, eight: boolean): Int32Array {
  const n = runs.start.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]!]!; i = parent[i]!; }
    return i;
  };
  const s = runs.start.data;
  const e = runs.end.data;
  const reach = eight ? 1 : 0;
  for (let r = 1; r < rows; r++) {
    let a = runs.rowFirst[r - 1]!;
    const aEnd = runs.rowFirst[r]!;
    let b = aEnd;
    const bEnd = runs.rowFirst[r + 1]!;
    // Both rows' runs are in order: walk them together, joining each overlapping pair.
    while (a < aEnd && b < bEnd) {
      if (s[a]! <= e[b]! + reach && s[b]! <= e[a]! + reach) {
        const ra = find(a);
        const rb = find(b);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
      if (e[a]! < e[b]!) a++;
      else b++;
    }
  }
  for (let i = 0; i < n; i++) parent[i] = find(i);
  return parent;
}

/** Rows of each run (runs are stored row by row). */
function runRows(runs: Runs, rows: number): Int32Array {
  const out = new Int32Array(runs.start.length);
  for (let r = 0; r < rows; r++) out.fill(r, runs.rowFirst[r]!, runs.rowFirst[r + 1]!);
  return out;
}

/** Writes `value` over the runs `pick` chooses; returns the box of the pixels written. */
function writeRuns(mask: MaskBuffer, b: Box, runs: Runs, pick: (i: number) => boolean, value: number): Box | null {
  const rows = runRows(runs, b.h);
  const changed = new ChangedBox();
  for (let i = 0; i < runs.start.length; i++) {
    if (!pick(i)) continue;
    const at = (b.y + rows[i]!) * mask.width + b.x;
    mask.data.fill(value, at + runs.start.data[i]!, at + runs.end.data[i]! + 1);
    changed.add(runs.start.data[i]!, runs.end.data[i]!, rows[i]!);
  }
  return changed.box(b.x, b.y);
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
  const runs = runsOf(mask, b, false);
  const root = link(runs, b.h, false);
  const outside = new Uint8Array(runs.start.length);
  const rows = runRows(runs, b.h);
  for (let i = 0; i < root.length; i++) {
    if (rows[i] === 0 || rows[i] === b.h - 1 || runs.start.data[i] === 0 || runs.end.data[i] === b.w - 1) outside[root[i]!] = 1;
  }
  return writeRuns(mask, b, runs, (i) => !outside[root[i]!], 255);
}

/**
 * Deselects in place every speck: each region of selected pixels (8-connected) of fewer than
 * `minArea` pixels. Returns the box of changed pixels (null: none).
 */
export function removeSpecks(mask: MaskBuffer, minArea: number): Box | null {
  const b = boundingBox(mask);
  if (!b || minArea <= 1) return null;
  const runs = runsOf(mask, b, true);
  const root = link(runs, b.h, true);
  const area = new Float64Array(runs.start.length);
  for (let i = 0; i < root.length; i++) { const k = root[i]!; area[k] = area[k]! + runs.end.data[i]! - runs.start.data[i]! + 1; }
  return writeRuns(mask, b, runs, (i) => area[root[i]!]! < minArea, 0);
}
