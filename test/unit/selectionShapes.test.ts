import { describe, expect, it } from 'vitest';
import { dragBounds, rasterEllipse, rasterRect, type Point } from '../../src/core/selection/shapes.ts';
import { rasterPolygon } from '../../src/core/selection/polygon.ts';
import { toImage, toScreen, type View } from '../../src/core/view/viewport.ts';
import { diff, full, rng } from './selectionKit.ts';

// The reference: a test per pixel centre, brute force, written from the rule, not the code.
function reference(W: number, H: number, inside: (px: number, py: number) => boolean): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (inside(x + 0.5, y + 0.5)) out[y * W + x] = 255;
  return out;
}

/** Winding number of the closed path around (px, py), counting edges crossing the ray to the right. */
function winding(pts: readonly Point[], px: number, py: number): number {
  let wn = 0;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const a = pts[j]!;
    const b = pts[i]!;
    if ((a.y > py) !== (b.y > py)) {
      const xc = a.x + ((py - a.y) * (b.x - a.x)) / (b.y - a.y);
      if (px < xc) wn += b.y > a.y ? 1 : -1;
    }
  }
  return wn;
}

/** A circle of radius r about (20, 20) as 32 points. */
const loop = (r: number) => Array.from({ length: 32 }, (_, i) => ({ x: 20 + r * Math.cos((i / 32) * 2 * Math.PI), y: 20 + r * Math.sin((i / 32) * 2 * Math.PI) }));

const W = 61;
const H = 47;

describe('shape rasterisers: a pixel is in when its centre is inside', () => {
  it('a rectangle takes exactly the centres in [x0, x1) x [y0, y1)', () => {
    // Edges through pixel centres: the left and top ones are in, the right and bottom ones out.
    const r = rasterRect({ x0: 2.5, y0: 1.5, x1: 5.5, y1: 3.5 }, 10, 10);
    expect({ x: r.x, y: r.y, w: r.w, h: r.h }).toEqual({ x: 2, y: 1, w: 3, h: 2 });
    // Just short of a centre takes nothing on that side.
    expect(rasterRect({ x0: 2.51, y0: 1.5, x1: 2.99, y1: 3 }, 10, 10).w).toBe(0);
    const rand = rng(1);
    for (let k = 0; k < 200; k++) {
      const b = dragBounds({ x: rand() * 80 - 10, y: rand() * 60 - 10 }, { x: rand() * 80 - 10, y: rand() * 60 - 10 });
      const got = full(rasterRect(b, W, H), W, H);
      const want = reference(W, H, (px, py) => px >= b.x0 && px < b.x1 && py >= b.y0 && py < b.y1);
      expect(diff(got, want, W)).toEqual([]);
    }
  });

  it('an ellipse takes the centres on or inside its curve, at fractional positions', () => {
    const rand = rng(2);
    for (let k = 0; k < 200; k++) {
      const b = dragBounds({ x: rand() * 80 - 10, y: rand() * 60 - 10 }, { x: rand() * 80 - 10, y: rand() * 60 - 10 });
      const cx = (b.x0 + b.x1) / 2;
      const cy = (b.y0 + b.y1) / 2;
      const rx = (b.x1 - b.x0) / 2;
      const ry = (b.y1 - b.y0) / 2;
      const got = full(rasterEllipse(b, W, H), W, H);
      const want = reference(W, H, (px, py) => ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 <= 1);
      expect(diff(got, want, W)).toEqual([]);
    }
    // A circle of radius 2 centred on a pixel centre takes its four tips (on the curve).
    const c = full(rasterEllipse({ x0: 3.5, y0: 3.5, x1: 7.5, y1: 7.5 }, 12, 12), 12, 12);
    expect(c.reduce((n, v) => n + (v ? 1 : 0), 0)).toBe(13);
    expect(c[5 * 12 + 3]).toBe(255);
  });

  it('polygon and lasso paths fill by the non-zero rule', () => {
    const rand = rng(3);
    for (let k = 0; k < 150; k++) {
      // Random paths of 3 to 40 points cross themselves many times.
      const n = 3 + Math.floor(rand() * 38);
      const pts = Array.from({ length: n }, () => ({ x: rand() * 80 - 10, y: rand() * 60 - 10 }));
      const got = full(rasterPolygon(pts, W, H), W, H);
      expect(diff(got, reference(W, H, (px, py) => winding(pts, px, py) !== 0), W)).toEqual([]);
    }
  });

  it('a path circling twice selects its middle (non-zero), where even-odd would leave a hole', () => {
    const twice = [...loop(15), ...loop(13)];
    const m = full(rasterPolygon(twice, 40, 40), 40, 40);
    expect(m[20 * 40 + 20]).toBe(255);
    // The reference's even-odd count at the centre is 2: even-odd would not select it.
    expect(winding(twice, 20.5, 20.5)).toBe(2);
    // A figure-eight drawn one way round selects both lobes (windings +1 and -1).
    const eight = [{ x: 2, y: 2 }, { x: 18, y: 18 }, { x: 18, y: 2 }, { x: 2, y: 18 }];
    const e = full(rasterPolygon(eight, 20, 20), 20, 20);
    expect([e[10 * 20 + 4], e[10 * 20 + 15], e[3 * 20 + 10]]).toEqual([255, 255, 0]);
  });

  it('shapes drawn in screen coordinates at three zooms match the reference tested in screen space', () => {
    const rand = rng(4);
    for (const view of [{ scale: 0.37, x: 12.3, y: -4.1 }, { scale: 1, x: 0.5, y: 0.25 }, { scale: 5.3, x: -101.7, y: -77.2 }] as View[]) {
      for (let k = 0; k < 20; k++) {
        // Pointer positions on screen (fractional CSS px, as pointer events give at any DPR),
        // covering the image at this zoom.
        const screen = Array.from({ length: 12 }, () => toScreen(view, rand() * 70 - 5, rand() * 55 - 5));
        const img = screen.map((p) => toImage(view, p.x, p.y));
        const inScreen = (px: number, py: number) => { const s = toScreen(view, px, py); return winding(screen, s.x, s.y) !== 0; };
        expect(diff(full(rasterPolygon(img, W, H), W, H), reference(W, H, inScreen), W)).toEqual([]);
        const a = img[0]!;
        const b = img[1]!;
        const box = dragBounds(a, b);
        const s0 = toScreen(view, box.x0, box.y0);
        const s1 = toScreen(view, box.x1, box.y1);
        const rectInScreen = (px: number, py: number) => { const s = toScreen(view, px, py); return s.x >= s0.x && s.x < s1.x && s.y >= s0.y && s.y < s1.y; };
        expect(diff(full(rasterRect(box, W, H), W, H), reference(W, H, rectInScreen), W)).toEqual([]);
      }
    }
  });

  it('drag geometry: Shift makes a square in the drag direction, Alt draws from the centre', () => {
    const s = { x: 10, y: 10 };
    expect(dragBounds(s, { x: 4, y: 13 })).toEqual({ x0: 4, y0: 10, x1: 10, y1: 13 });
    expect(dragBounds(s, { x: 4, y: 13 }, { square: true })).toEqual({ x0: 4, y0: 10, x1: 10, y1: 16 });
    expect(dragBounds(s, { x: 14, y: 8 }, { fromCentre: true })).toEqual({ x0: 6, y0: 8, x1: 14, y1: 12 });
    expect(dragBounds(s, { x: 14, y: 8 }, { square: true, fromCentre: true })).toEqual({ x0: 6, y0: 6, x1: 14, y1: 14 });
    // A circle from the centre: the ellipse of a square drag is round.
    const c = rasterEllipse(dragBounds({ x: 20, y: 20 }, { x: 25, y: 21 }, { square: true, fromCentre: true }), 40, 40);
    expect([c.w, c.h]).toEqual([10, 10]);
  });
});
