/**
 * Marquee geometry and rasterising. The sampling rule, shared by every shape tool: **a pixel is
 * selected when its centre (x + 0.5, y + 0.5) is inside the shape**, the rule the brush already
 * follows (README "The brush edge"). Edges are half-open, left and top in, right and bottom out,
 * so two rectangles that share an edge never both take a pixel, and a rectangle from x0 to x1
 * takes exactly the centres in [x0, x1). An ellipse takes the centres on or inside its curve.
 * Shapes may sit at fractional image positions (from any zoom); the result is exact at full
 * resolution because it never rasterises at screen resolution.
 */
import type { Region } from './region.ts';

export interface Point { x: number; y: number }

/** An axis-aligned shape's bounds in image pixels (fractional), x0 <= x1, y0 <= y1. */
export interface Bounds { x0: number; y0: number; x1: number; y1: number }

/** The modifiers of a marquee drag: Shift constrains, Alt draws from the centre. */
export interface DragModifiers { square?: boolean; fromCentre?: boolean }

/**
 * The bounds a marquee drag from `start` to `end` describes. `square` (Shift) makes a square or
 * circle whose side is the drag's larger extent, growing in the drag's direction; `fromCentre`
 * (Alt) makes `start` the centre and the drag a half-extent. Both together: a square about start.
 */
export function dragBounds(start: Point, end: Point, mods: DragModifiers = {}): Bounds {
  let dx = end.x - start.x;
  let dy = end.y - start.y;
  if (mods.square) {
    const side = Math.max(Math.abs(dx), Math.abs(dy));
    dx = (dx < 0 ? -1 : 1) * side;
    dy = (dy < 0 ? -1 : 1) * side;
  }
  if (mods.fromCentre) {
    const ax = Math.abs(dx);
    const ay = Math.abs(dy);
    return { x0: start.x - ax, y0: start.y - ay, x1: start.x + ax, y1: start.y + ay };
  }
  const x1 = start.x + dx;
  const y1 = start.y + dy;
  return { x0: Math.min(start.x, x1), y0: Math.min(start.y, y1), x1: Math.max(start.x, x1), y1: Math.max(start.y, y1) };
}

/** First pixel index whose centre is at or after `v`. */
const firstCentreAtOrAfter = (v: number) => Math.ceil(v - 0.5);

/** An empty region (nothing selected) at the image's origin. */
const empty = (): Region => ({ x: 0, y: 0, w: 0, h: 0, data: new Uint8Array(0) });

/** The whole pixels whose centres can fall in [v0, v1), clipped to 0..size. */
function span(v0: number, v1: number, size: number): [number, number] {
  return [Math.max(0, firstCentreAtOrAfter(v0)), Math.min(size, firstCentreAtOrAfter(v1))];
}

/** Rasterises a rectangle: the pixels whose centres lie in [x0, x1) x [y0, y1), within the image. */
export function rasterRect(b: Bounds, width: number, height: number): Region {
  const [x, xe] = span(b.x0, b.x1, width);
  const [y, ye] = span(b.y0, b.y1, height);
  if (xe <= x || ye <= y) return empty();
  return { x, y, w: xe - x, h: ye - y, data: new Uint8Array((xe - x) * (ye - y)).fill(255) };
}

/**
 * Rasterises the ellipse inscribed in `b`: the pixels whose centres satisfy
 * ((px - cx) / rx)^2 + ((py - cy) / ry)^2 <= 1, within the image. Each row is one span, found
 * from the ellipse equation, so the cost is the area, not a test per pixel of the bounding box.
 */
export function rasterEllipse(b: Bounds, width: number, height: number): Region {
  const cx = (b.x0 + b.x1) / 2;
  const cy = (b.y0 + b.y1) / 2;
  const rx = (b.x1 - b.x0) / 2;
  const ry = (b.y1 - b.y0) / 2;
  if (!(rx > 0 && ry > 0)) return empty();
  const x = Math.max(0, firstCentreAtOrAfter(b.x0));
  const y = Math.max(0, firstCentreAtOrAfter(b.y0));
  const xe = Math.min(width, Math.floor(b.x1 - 0.5) + 1);
  const ye = Math.min(height, Math.floor(b.y1 - 0.5) + 1);
  if (xe <= x || ye <= y) return empty();
  const w = xe - x;
  const data = new Uint8Array(w * (ye - y));
  const inside = (px: number, py: number) => ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 <= 1;
  for (let row = y; row < ye; row++) {
    const py = row + 0.5;
    const t = 1 - ((py - cy) / ry) ** 2;
    if (t < 0) continue;
    const half = rx * Math.sqrt(t);
    // The span from the closed form, then nudged so the test itself decides the end pixels
    // (the square root can be one ulp off at a pixel centre exactly on the curve).
    let a = Math.max(x, firstCentreAtOrAfter(cx - half));
    let e = Math.min(xe - 1, Math.floor(cx + half - 0.5));
    while (a > x && inside(a - 0.5, py)) a--;
    while (a <= e && !inside(a + 0.5, py)) a++;
    while (e < xe - 1 && inside(e + 1.5, py)) e++;
    while (e >= a && !inside(e + 0.5, py)) e--;
    if (e >= a) data.fill(255, (row - y) * w + (a - x), (row - y) * w + (e - x) + 1);
  }
  return { x, y, w, h: ye - y, data };
}
