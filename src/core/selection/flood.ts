/**
 * Scanline flood fill over a label array, the one connected-region walk the magic wand, fill
 * holes and remove specks share. It fills a whole run of a row at a time and pushes one seed per
 * run it finds on the rows above and below, so the stack holds runs, not pixels, and nothing is
 * allocated per pixel.
 */

/** A growable Int32 stack (pairs or triples pushed by the caller). */
export class IntStack {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) { this.data = new Int32Array(capacity); }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  pop(): number { return this.data[--this.length]!; }
}

/** Where a fill records its runs, as (row, first column, last column) triples, when asked. */
export type RunSink = IntStack | null;

/**
 * Relabels every pixel connected to (sx, sy) whose label is `from` to `to` (from !== to) in a
 * w x h label array, and returns how many it relabelled. `eight`: 8-connected (diagonal
 * neighbours count), else 4-connected. Each filled run is appended to `runs` when given.
 */
export function floodLabel(labels: Uint8Array, w: number, h: number, sx: number, sy: number,
  from: number, to: number, eight: boolean, runs: RunSink = null, stack = new IntStack()): number {
  if (labels[sy * w + sx] !== from) return 0;
  let count = 0;
  const reach = eight ? 1 : 0;
  stack.length = 0;
  stack.push(sx);
  stack.push(sy);
  while (stack.length) {
    const y = stack.pop();
    const x = stack.pop();
    const row = y * w;
    if (labels[row + x] !== from) continue;
    let l = x;
    let r = x;
    while (l > 0 && labels[row + l - 1] === from) l--;
    while (r < w - 1 && labels[row + r + 1] === from) r++;
    labels.fill(to, row + l, row + r + 1);
    count += r - l + 1;
    if (runs) { runs.push(y); runs.push(l); runs.push(r); }
    const a = Math.max(0, l - reach);
    const b = Math.min(w - 1, r + reach);
    for (let ny = y - 1; ny <= y + 1; ny += 2) {
      if (ny < 0 || ny >= h) continue;
      const nrow = ny * w;
      let x2 = a;
      while (x2 <= b) {
        if (labels[nrow + x2] !== from) { x2++; continue; }
        stack.push(x2);
        stack.push(ny);
        while (x2 <= b && labels[nrow + x2] === from) x2++;
      }
    }
  }
  return count;
}
