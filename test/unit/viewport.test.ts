import { describe, expect, it } from 'vitest';
import { fitView, panBy, pinch, toImage, toScreen, zoomAt } from '../../src/core/view/viewport.ts';

describe('viewport', () => {
  it('fits and centres an image', () => {
    const v = fitView(6000, 4000, 1232, 832, 16);
    expect(v.scale).toBeCloseTo(0.2);
    expect(toScreen(v, 3000, 2000)).toEqual({ x: 616, y: 416 });
  });

  it('zooms about a point, keeping the image point under it', () => {
    const v = { scale: 0.5, x: 10, y: 20 };
    const p = toImage(v, 300, 200);
    const z = zoomAt(v, 3, 300, 200);
    expect(z.scale).toBeCloseTo(1.5);
    const q = toImage(z, 300, 200);
    expect(q.x).toBeCloseTo(p.x);
    expect(q.y).toBeCloseTo(p.y);
  });

  it('maps screen to image and back at any zoom', () => {
    for (const scale of [0.13, 1, 2.7, 16]) {
      const v = { scale, x: -123.4, y: 56.7 };
      const s = toScreen(v, 411.25, 97.5);
      const i = toImage(v, s.x, s.y);
      expect(i.x).toBeCloseTo(411.25, 9);
      expect(i.y).toBeCloseTo(97.5, 9);
    }
  });

  it('pans and pinches', () => {
    expect(panBy({ scale: 2, x: 1, y: 2 }, 10, -5)).toEqual({ scale: 2, x: 11, y: -3 });
    const v = { scale: 1, x: 0, y: 0 };
    const p = pinch(v, [{ x: 100, y: 100 }, { x: 200, y: 100 }], [{ x: 100, y: 100 }, { x: 300, y: 100 }]);
    expect(p.scale).toBeCloseTo(2);
    // The image point under the first midpoint (150,100) ends under the new midpoint (200,100).
    const q = toImage(p, 200, 100);
    expect(q.x).toBeCloseTo(150);
    expect(q.y).toBeCloseTo(100);
  });
});
