/** Tile grid over the mask: the unit of painting, undo capture and display. */

export interface TileGrid {
  width: number;
  height: number;
  size: number;
  cols: number;
  rows: number;
}

export function makeGrid(width: number, height: number, size = 256): TileGrid {
  return { width, height, size, cols: Math.ceil(width / size), rows: Math.ceil(height / size) };
}

export interface Rect { x: number; y: number; w: number; h: number }

/** The image-pixel rectangle a tile covers (edge tiles are smaller). */
export function tileRect(g: TileGrid, index: number): Rect {
  const col = index % g.cols;
  const row = Math.floor(index / g.cols);
  const x = col * g.size;
  const y = row * g.size;
  return { x, y, w: Math.min(g.size, g.width - x), h: Math.min(g.size, g.height - y) };
}

/** The pixels of `rect` cut out of full-size coverage `full` (row-major, `width` wide), as a tile's own buffer. */
export function cutTile(full: Uint8Array, width: number, rect: Rect): Uint8Array {
  const out = new Uint8Array(rect.w * rect.h);
  for (let y = 0; y < rect.h; y++) {
    const start = (rect.y + y) * width + rect.x;
    out.set(full.subarray(start, start + rect.w), y * rect.w);
  }
  return out;
}

/** Indices of the tiles a rectangle (in image px, may be fractional) touches, clipped to the image. */
export function tilesInRect(g: TileGrid, x0: number, y0: number, x1: number, y1: number): number[] {
  const c0 = Math.max(0, Math.floor(x0 / g.size));
  const r0 = Math.max(0, Math.floor(y0 / g.size));
  const c1 = Math.min(g.cols - 1, Math.floor(x1 / g.size));
  const r1 = Math.min(g.rows - 1, Math.floor(y1 / g.size));
  const out: number[] = [];
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) out.push(r * g.cols + c);
  return out;
}

/** A round-capped line from (x0,y0) to (x1,y1) of the given radius, in image pixels. */
export interface Segment { x0: number; y0: number; x1: number; y1: number; radius: number }

/** Tiles a segment can change, with one pixel of margin for anti-aliasing. */
export function tilesForSegment(g: TileGrid, s: Segment): number[] {
  const m = s.radius + 1;
  return tilesInRect(g, Math.min(s.x0, s.x1) - m, Math.min(s.y0, s.y1) - m,
    Math.max(s.x0, s.x1) + m, Math.max(s.y0, s.y1) + m);
}

/** Squared distance from point (px,py) to the segment. */
export function distSqToSegment(px: number, py: number, s: Segment): number {
  const dx = s.x1 - s.x0;
  const dy = s.y1 - s.y0;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - s.x0) * dx + (py - s.y0) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = s.x0 + t * dx - px;
  const ey = s.y0 + t * dy - py;
  return ex * ex + ey * ey;
}
