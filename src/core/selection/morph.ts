/**
 * Grow and shrink the whole mask by a true Euclidean distance in image pixels, and smooth it.
 *
 * Grow by N selects every pixel whose centre is within N of a selected pixel's centre; shrink
 * by N deselects every pixel within N of an unselected pixel. The image's edge is not an
 * unselected pixel: a selection that reaches the edge stays there when shrunk (Photoshop's
 * default; GIMP asks), because in an edit mask the edge means "change up to the border".
 *
 * Exact, and the cost does not depend on N. A column pass finds each pixel's vertical distance
 * g to the nearest site in its column (capped at N + 1); a site at height g covers the row span
 * of half-width floor(sqrt(N^2 - g^2)), and a pixel is within N of some site exactly when one
 * of those spans covers it. Every span contains its own column, so two sweeps of a row (the
 * farthest right end reached so far from the left, the farthest left end from the right) decide
 * each pixel in O(1). Only the selection's bounding box plus N is visited.
 */
import { boundingBox, expandBox, type Box, type MaskBuffer } from './region.ts';
import { scratchU16 } from './scratch.ts';

/** For each vertical distance g in 0..N, the largest integer dx with dx^2 + g^2 <= N^2. */
function halfWidths(n: number): Int32Array {
  const out = new Int32Array(n + 1);
  const n2 = n * n;
  for (let g = 0; g <= n; g++) {
    let r = Math.floor(Math.sqrt(n2 - g * g));
    while ((r + 1) * (r + 1) + g * g <= n2) r++;
    while (r > 0 && r * r + g * g > n2) r--;
    out[g] = r;
  }
  return out;
}

/**
 * Within box `b` of the mask, sets to `value` every pixel within distance n of a site, where a
 * site is a pixel of `b` whose selected state is `sitesSelected`. Returns the box of the pixels
 * changed (null when none).
 *
 * Two passes over memory: bottom-up, each pixel's distance to the nearest site at or below it
 * in its column; then top-down, row by row, the distance at or above kept per column, the
 * smaller of the two taken, and the row's two sweeps and writes done while the row is in cache.
 * Distances are capped at n + 1, so they fit a byte for n < 255.
 */
function setNear(mask: MaskBuffer, b: Box, n: number, sitesSelected: boolean, value: number): Box | null {
  const { width: W, data: m } = mask;
  const { x: bx, y: by, w: bw, h: bh } = b;
  const cap = n + 1;
  const below = scratchU16('near.below', bw * bh);
  const site = sitesSelected ? 1 : 0;
  for (let r = bh - 1; r >= 0; r--) {
    const src = (by + r) * W + bx;
    const row = r * bw;
    for (let c = 0; c < bw; c++) {
      if ((m[src + c] ? 1 : 0) === site) below[row + c] = 0;
      else below[row + c] = r === bh - 1 ? cap : Math.min(cap, below[row + bw + c]! + 1);
    }
  }
  const half = halfWidths(n);
  const above = new Uint16Array(bw).fill(cap);
  const dist = new Uint16Array(bw);
  const near = new Uint8Array(bw);
  let x0 = Infinity;
  let x1 = -1;
  let y0 = -1;
  let y1 = -1;
  for (let r = 0; r < bh; r++) {
    const row = r * bw;
    // Left to right: the column distance, and the farthest right end of a site's span so far.
    let reach = -1;
    for (let c = 0; c < bw; c++) {
      const up = above[c] = below[row + c] === 0 ? 0 : Math.min(cap, above[c]! + 1);
      const d = Math.min(up, below[row + c]!);
      dist[c] = d;
      if (d <= n && c + half[d]! > reach) reach = c + half[d]!;
      near[c] = reach >= c ? 1 : 0;
    }
    // Right to left: the farthest left end so far; then the pixel is decided and written.
    reach = bw;
    const dst = (by + r) * W + bx;
    for (let c = bw - 1; c >= 0; c--) {
      const d = dist[c]!;
      if (d <= n && c - half[d]! < reach) reach = c - half[d]!;
      if ((near[c] || reach <= c) && m[dst + c] !== value) {
        m[dst + c] = value;
        if (c < x0) x0 = c;
        if (c > x1) x1 = c;
        if (y0 < 0) y0 = r;
        y1 = r;
      }
    }
  }
  return x1 < 0 ? null : { x: bx + x0, y: by + y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Checks a radius: a whole number of pixels, 0 to 65,000. */
function radius(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 65_000) throw new RangeError(`radius must be a whole number of pixels from 0 to 65000, got ${n}`);
  return n;
}

/** Grows the selection in place by `n` pixels; returns the box of changed pixels (null: none). */
export function grow(mask: MaskBuffer, n: number): Box | null {
  const bb = boundingBox(mask);
  if (!bb || radius(n) === 0) return null;
  return setNear(mask, expandBox(bb, n, mask.width, mask.height), n, true, 255);
}

/** Shrinks the selection in place by `n` pixels; returns the box of changed pixels (null: none). */
export function shrink(mask: MaskBuffer, n: number): Box | null {
  const bb = boundingBox(mask);
  if (!bb || radius(n) === 0) return null;
  // An unselected pixel farther than n outside the selection's box is farther than n from it.
  return setNear(mask, expandBox(bb, n, mask.width, mask.height), n, false, 0);
}

/**
 * Smooths the edges in place: a box blur of radius `r` thresholded at one half, i.e. a pixel is
 * selected when more than half of the (2r+1) x (2r+1) window around it is (the window clipped
 * to the image, so a selection at the edge stays there). A spur or notch narrower than the
 * window's half goes, straight edges stay where they are, corners round off; the result is
 * two-valued. Two running-sum passes, so r costs nothing extra. Returns the box of changed
 * pixels (null: none).
 */
export function smooth(mask: MaskBuffer, r: number): Box | null {
  const bb = boundingBox(mask);
  if (!bb || radius(r) === 0) return null;
  if (r > 32_000) throw new RangeError('smoothing radius is at most 32000 pixels');
  const { width: W, height: H, data: m } = mask;
  const b = expandBox(bb, r, W, H);
  const { x: bx, y: by, w: bw, h: bh } = b;
  // Horizontal counts: selected pixels within r along the row (outside b nothing is selected).
  const hsum = scratchU16('smooth.rows', bw * bh);
  for (let row = 0; row < bh; row++) {
    const src = (by + row) * W + bx;
    const out = row * bw;
    let sum = 0;
    for (let c = 0; c < Math.min(r, bw); c++) if (m[src + c]) sum++;
    for (let c = 0; c < bw; c++) {
      if (c + r < bw && m[src + c + r]) sum++;
      hsum[out + c] = sum;
      if (c - r >= 0 && m[src + c - r]) sum--;
    }
  }
  // Vertical running sums of those counts, then the majority test against the clipped window.
  const col = new Int32Array(bw);
  for (let row = 0; row < Math.min(r, bh); row++) for (let c = 0; c < bw; c++) col[c] = col[c]! + hsum[row * bw + c]!;
  const winW = new Int32Array(bw);
  for (let c = 0; c < bw; c++) winW[c] = Math.min(W - 1, bx + c + r) - Math.max(0, bx + c - r) + 1;
  let x0 = Infinity;
  let x1 = -1;
  let y0 = -1;
  let y1 = -1;
  for (let row = 0; row < bh; row++) {
    if (row + r < bh) for (let c = 0, k = (row + r) * bw; c < bw; c++) col[c] = col[c]! + hsum[k + c]!;
    const y = by + row;
    const winH = Math.min(H - 1, y + r) - Math.max(0, y - r) + 1;
    const dst = y * W + bx;
    for (let c = 0; c < bw; c++) {
      const v = 2 * col[c]! > winW[c]! * winH ? 255 : 0;
      if (m[dst + c] === v) continue;
      m[dst + c] = v;
      if (c < x0) x0 = c;
      if (c > x1) x1 = c;
      if (y0 < 0) y0 = row;
      y1 = row;
    }
    if (row - r >= 0) for (let c = 0, k = (row - r) * bw; c < bw; c++) col[c] = col[c]! - hsum[k + c]!;
  }
  return x1 < 0 ? null : { x: bx + x0, y: by + y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}
