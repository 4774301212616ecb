/**
 * Lasso and polygon rasterising, under the pixel-centre rule of shapes.ts (a pixel is in when
 * its centre is inside; a centre exactly on a left edge is in, on a right edge out).
 *
 * Self-intersecting paths fill by the **non-zero winding rule**. A freehand lasso is often drawn
 * once round an object and then a little further, or twice round it, or crosses itself where it
 * closes: with non-zero the region circled is selected whole, whatever the direction; the
 * even-odd rule would leave the twice-circled middle out and select only the sliver between the
 * two passes. A figure-eight selects both lobes under either rule.
 */
import type { Point } from './shapes.ts';
import type { Region } from './region.ts';

/** An edge from the scanline tables: x at the first row it spans, its slope, and direction. */
interface Edge { x0: number; y0: number; dxdy: number; yEnd: number; dir: number }

/**
 * Rasterises the closed path through `points` (image pixels, fractional; the last point joins
 * the first) with the non-zero rule, clipped to the image. Scanline with an edge table: each
 * row visits only the edges that cross it, so a lasso of thousands of points over a large
 * picture costs the area it covers plus its crossings.
 */
export function rasterPolygon(points: readonly Point[], width: number, height: number): Region {
  const n = points.length;
  if (n < 3) return { x: 0, y: 0, w: 0, h: 0, data: new Uint8Array(0) };
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    if (p.x < minX) minX = p.x;
    if (p.x > maxX) maxX = p.x;
    if (p.y < minY) minY = p.y;
    if (p.y > maxY) maxY = p.y;
  }
  const x = Math.max(0, Math.ceil(minX - 0.5));
  const xe = Math.min(width, Math.ceil(maxX - 0.5));
  const y = Math.max(0, Math.ceil(minY - 0.5));
  const ye = Math.min(height, Math.ceil(maxY - 0.5));
  if (xe <= x || ye <= y) return { x: 0, y: 0, w: 0, h: 0, data: new Uint8Array(0) };
  const w = xe - x;
  const h = ye - y;
  // Edge table: bucket each edge at the first row whose centre it spans. An edge spans the row
  // centres py with min(y) <= py < max(y) (half-open, so a vertex shared by two edges counts once).
  const buckets: Edge[][] = Array.from({ length: h }, () => []);
  for (let i = 0; i < n; i++) {
    const a = points[i]!;
    const b = points[(i + 1) % n]!;
    if (a.y === b.y) continue;
    const dir = b.y > a.y ? 1 : -1;
    const lo = dir > 0 ? a : b;
    const hi = dir > 0 ? b : a;
    const first = Math.max(y, Math.ceil(lo.y - 0.5));
    const end = Math.min(ye, Math.ceil(hi.y - 0.5));
    if (end <= first) continue;
    buckets[first - y]!.push({ x0: lo.x, y0: lo.y, dxdy: (hi.x - lo.x) / (hi.y - lo.y), yEnd: end, dir });
  }
  const data = new Uint8Array(w * h);
  let active: Edge[] = [];
  const xs: number[] = [];
  const order: number[] = [];
  for (let row = y; row < ye; row++) {
    active = active.filter((e) => e.yEnd > row);
    for (const e of buckets[row - y]!) active.push(e);
    if (active.length === 0) continue;
    const py = row + 0.5;
    xs.length = 0;
    order.length = 0;
    for (let k = 0; k < active.length; k++) {
      const e = active[k]!;
      xs.push(e.x0 + (py - e.y0) * e.dxdy);
      order.push(k);
    }
    order.sort((p, q) => xs[p]! - xs[q]!);
    // Between consecutive crossings the winding is the sum of the directions to the left.
    let wind = 0;
    const base = (row - y) * w;
    for (let k = 0; k < order.length - 1; k++) {
      wind += active[order[k]!]!.dir;
      if (wind === 0) continue;
      const a = Math.max(x, Math.ceil(xs[order[k]!]! - 0.5));
      const e = Math.min(xe, Math.ceil(xs[order[k + 1]!]! - 0.5));
      if (e > a) data.fill(255, base + a - x, base + e - x);
    }
  }
  return { x, y, w, h, data };
}
