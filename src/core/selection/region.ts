/**
 * The selection modules work on the mask as one full-resolution coverage buffer: a Uint8Array
 * of width x height, row-major, 255 = selected (to be changed), 0 = not. That is what
 * `MaskDocument.coverage()` returns and `MaskDocument.load()` takes, and it is two-valued, so
 * the export stays alpha 0 or 255 (README "The brush edge"). Shapes come as a {@link Region}:
 * coverage for a box only, so a small marquee on a large image touches only its box.
 */

/** A box of whole image pixels: columns x..x+w-1, rows y..y+h-1. */
export interface Box { x: number; y: number; w: number; h: number }

/** Coverage for a box of the image (row-major, w x h, 0 or 255). */
export interface Region extends Box { data: Uint8Array }

/** The full mask buffer and its size. */
export interface MaskBuffer { width: number; height: number; data: Uint8Array }

/** Value of a selected pixel. */
export const IN = 255;

/** The box of changed pixels, grown a row span at a time. */
export class ChangedBox {
  x0 = Infinity; y0 = Infinity; x1 = -1; y1 = -1;
  /** Notes pixels x0..x1 of row y as changed. */
  add(x0: number, x1: number, y: number): void {
    if (x0 < this.x0) this.x0 = x0;
    if (x1 > this.x1) this.x1 = x1;
    if (y < this.y0) this.y0 = y;
    if (y > this.y1) this.y1 = y;
  }
  /** The box, offset by (dx, dy); null when nothing changed. */
  box(dx = 0, dy = 0): Box | null {
    return this.x1 < 0 ? null : { x: this.x0 + dx, y: this.y0 + dy, w: this.x1 - this.x0 + 1, h: this.y1 - this.y0 + 1 };
  }
}

/** The smallest box holding both (null counts as empty). */
export function unionBox(a: Box | null, b: Box | null): Box | null {
  if (!a) return b;
  if (!b) return a;
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/** `b` grown by `m` pixels on every side and clipped to a width x height image. */
export function expandBox(b: Box, m: number, width: number, height: number): Box {
  const x = Math.max(0, b.x - m);
  const y = Math.max(0, b.y - m);
  return { x, y, w: Math.min(width, b.x + b.w + m) - x, h: Math.min(height, b.y + b.h + m) - y };
}

/**
 * The bounding box of the non-zero pixels, or null when there are none. Reads four pixels at a
 * time where the buffer is aligned, since a 10 % mask is mostly zeros.
 */
export function boundingBox(m: MaskBuffer): Box | null {
  const { width: w, height: h, data } = m;
  let x0 = w;
  let x1 = -1;
  let y0 = -1;
  let y1 = -1;
  const words = data.byteOffset % 4 === 0 ? new Uint32Array(data.buffer, data.byteOffset, data.length >> 2) : null;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let x = 0;
    // Skip zero words up to the first non-zero byte of the row.
    if (words) {
      while (x < w && (row + x) % 4 !== 0) { if (data[row + x]) break; x++; }
      if (x < w && !data[row + x]) {
        let k = (row + x) >> 2;
        const end = (row + w) >> 2;
        while (k < end && words[k] === 0) k++;
        x = Math.max(x, k * 4 - row);
      }
    }
    while (x < w && !data[row + x]) x++;
    if (x === w) continue;
    if (y0 < 0) y0 = y;
    y1 = y;
    if (x < x0) x0 = x;
    let r = w - 1;
    while (r > x1 && !data[row + r]) r--;
    if (r > x1) x1 = r;
  }
  return y0 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}
