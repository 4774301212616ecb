import { describe, expect, it } from 'vitest';
import { FillCancelled, FillError, fillRegion, fillSteps } from '../../src/core/localFill/fill.ts';
import { compositeLayers, cropHole, planCrop } from '../../src/core/localFill/plan.ts';
import { makeRandom } from '../../src/core/localFill/rng.ts';

/** A textured test picture: diagonal stripes over a horizontal ramp, plus seeded noise. */
function picture(w: number, h: number, seed = 7): Uint8ClampedArray {
  const rand = makeRandom(seed);
  const px = new Uint8ClampedArray(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = (y * w + x) * 4;
      const stripe = ((x + y) >> 3) & 1 ? 60 : 0;
      px[o] = 40 + stripe + (x * 100) / w + (rand() % 9);
      px[o + 1] = 90 + stripe + (rand() % 9);
      px[o + 2] = 150 - stripe + (y * 60) / h + (rand() % 9);
      px[o + 3] = 255;
    }
  }
  return px;
}

function boxHole(w: number, h: number, x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const hole = new Uint8Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) hole[y * w + x] = 1;
  return hole;
}

/** Paints the hole magenta (255, 0, 255): a colour the test picture never has (its green is >= 90). */
function withSentinel(px: Uint8ClampedArray, hole: Uint8Array): Uint8ClampedArray {
  const out = px.slice();
  for (let p = 0; p < hole.length; p++) if (hole[p]) out.set([255, 0, 255, 255], p * 4);
  return out;
}

const isSentinel = (px: Uint8ClampedArray, p: number) => px[p * 4] === 255 && px[p * 4 + 1] === 0 && px[p * 4 + 2] === 255;

describe('fillRegion', () => {
  const W = 160;
  const H = 120;
  const hole = boxHole(W, H, 50, 40, 100, 85);

  it('fills every hole pixel and leaves every other byte as it was', () => {
    const orig = picture(W, H);
    const px = withSentinel(orig, hole);
    const before = px.slice();
    const stats = fillRegion({ rgba: px, width: W, height: H, hole }, { seed: 3 });
    expect(stats.holePixels).toBe(50 * 45);
    expect(stats.smoothOnly).toBe(false);
    let leftover = 0;
    let changedOutside = 0;
    for (let p = 0; p < W * H; p++) {
      if (hole[p]) {
        if (isSentinel(px, p)) leftover++;
      } else {
        for (let c = 0; c < 4; c++) if (px[p * 4 + c] !== before[p * 4 + c]) changedOutside++;
      }
    }
    expect(leftover).toBe(0);
    expect(changedOutside).toBe(0);
  });

  it('copies texture: the filled stripes keep the contrast of the surroundings', () => {
    const orig = picture(W, H);
    const px = withSentinel(orig, hole);
    fillRegion({ rgba: px, width: W, height: H, hole }, { seed: 3 });
    // Green is 90 or 150 (+noise) in the stripes; a smooth fill would sit near the 120 middle.
    let far = 0;
    let n = 0;
    for (let p = 0; p < W * H; p++) {
      if (!hole[p]) continue;
      n++;
      if (Math.abs(px[p * 4 + 1]! - 124) > 20) far++;
    }
    expect(far / n).toBeGreaterThan(0.6);
  });

  const run = (seed: number) => {
    const px = withSentinel(picture(W, H), hole);
    fillRegion({ rgba: px, width: W, height: H, hole }, { seed });
    return px;
  };

  it('gives the same bytes for the same seed and different ones for another seed', () => {
    const a = run(11);
    expect(run(11)).toEqual(a);
    expect(run(12)).not.toEqual(a);
  });

  it('stops with FillCancelled when asked, and reports rising progress', () => {
    const px = withSentinel(picture(W, H), hole);
    const seen: number[] = [];
    expect(() => fillRegion({ rgba: px, width: W, height: H, hole }, {}, {
      onProgress: (f) => seen.push(f),
      shouldCancel: () => seen.length >= 3,
    })).toThrow(FillCancelled);
    expect(seen).toHaveLength(3);
    const all: number[] = [];
    fillRegion({ rgba: withSentinel(picture(W, H), hole), width: W, height: H, hole }, {}, { onProgress: (f) => all.push(f) });
    expect(all.at(-1)).toBe(1);
    for (let i = 1; i < all.length; i++) expect(all[i]!).toBeGreaterThanOrEqual(all[i - 1]!);
  });

  it('fills a hole too large to search at full size from a coarser level, exactly inside it', () => {
    const orig = picture(W, H);
    const px = withSentinel(orig, hole);
    const before = px.slice();
    // Budgets this small leave the two finest levels unsearched: one vote, offsets scaled by 4.
    const stats = fillRegion({ rgba: px, width: W, height: H, hole }, { fullBudget: 300, coarseBudget: 300 });
    expect(stats.finestSearched).toBeGreaterThanOrEqual(2);
    let far = 0;
    for (let p = 0; p < W * H; p++) {
      if (hole[p]) {
        expect(isSentinel(px, p)).toBe(false);
        if (Math.abs(px[p * 4 + 1]! - 124) > 20) far++;
      } else {
        expect(px[p * 4]! + px[p * 4 + 1]! * 256 + px[p * 4 + 2]! * 65536).toBe(before[p * 4]! + before[p * 4 + 1]! * 256 + before[p * 4 + 2]! * 65536);
      }
    }
    // Stripes copied at full resolution, not a smooth blur.
    expect(far / stats.holePixels).toBeGreaterThan(0.5);
  });

  it('carries a structure across the hole: a bar cut by the hole is joined up', () => {
    const w = 140;
    const h = 120;
    const rand = makeRandom(5);
    const px = new Uint8ClampedArray(w * h * 4);
    for (let p = 0; p < w * h; p++) {
      const x = p % w;
      const bar = x >= 64 && x < 76;
      px.set(bar ? [200 + (rand() % 20), 30, 30, 255] : [40, 110 + (rand() % 40), 60, 255], p * 4);
    }
    // 80 wide, 30 tall: a smooth (harmonic) fill would be mostly green in the bar's middle rows.
    const hl = boxHole(w, h, 30, 45, 110, 75);
    fillRegion({ rgba: px, width: w, height: h, hole: hl }, { seed: 2 });
    let barRed = 0, barN = 0, offRed = 0, offN = 0;
    for (let y = 45; y < 75; y++) {
      for (let x = 30; x < 110; x++) {
        const red = px[(y * w + x) * 4]! > 150;
        if (x >= 66 && x < 74) { barN++; if (red) barRed++; }
        else if (x < 58 || x >= 82) { offN++; if (red) offRed++; }
      }
    }
    expect(barRed / barN).toBeGreaterThan(0.8);
    expect(offRed / offN).toBeLessThan(0.05);
  });

  it('fills from the edge of the image, thin holes and holes touching the border', () => {
    const w = 97;
    const h = 61; // odd sizes exercise the pyramid's edge pixels
    const orig = picture(w, h);
    const cases = [boxHole(w, h, 0, 0, 30, 20), boxHole(w, h, 70, 0, 97, 61), boxHole(w, h, 10, 30, 90, 32)];
    for (const hl of cases) {
      const px = withSentinel(orig, hl);
      fillRegion({ rgba: px, width: w, height: h, hole: hl });
      for (let p = 0; p < w * h; p++) if (hl[p]) expect(isSentinel(px, p)).toBe(false);
    }
  });

  it('falls back to a smooth fill when no whole patch is known, and refuses a region that is all hole', () => {
    const w = 40;
    const h = 30;
    const px = picture(w, h);
    // Known: only a 3-pixel frame, thinner than a patch.
    const hl = boxHole(w, h, 3, 3, w - 3, h - 3);
    const stats = fillRegion({ rgba: withSentinel(px, hl), width: w, height: h, hole: hl });
    expect(stats.smoothOnly).toBe(true);
    const all = new Uint8Array(w * h).fill(1);
    expect(() => fillRegion({ rgba: px, width: w, height: h, hole: all })).toThrow(FillError);
  });

  it('leaves the pixels alone when the hole is empty', () => {
    const px = picture(30, 20);
    const before = px.slice();
    const steps = fillSteps({ rgba: px, width: 30, height: 20, hole: new Uint8Array(600) });
    expect(steps.next().done).toBe(true);
    expect(px).toEqual(before);
  });
});

describe('crop planning', () => {
  it('cuts a large image to the painted box plus context, clipped, with the export threshold', () => {
    const W = 3000;
    const H = 2000;
    const mask = new Uint8Array(W * H);
    for (let y = 400; y < 440; y++) for (let x = 500; x < 600; x++) mask[y * W + x] = 255;
    mask[10] = 127; // below the threshold: not painted
    const crop = planCrop(mask, W, H)!;
    // Box 100x40: margin max(64, 100) = 100 each side.
    expect(crop).toEqual({ x: 400, y: 300, w: 300, h: 240 });
    const hole = cropHole(mask, W, crop);
    expect(hole.reduce((a, b) => a + b, 0)).toBe(100 * 40);
    expect(hole[(400 - 300) * 300 + (500 - 400)]).toBe(1);
    expect(hole[(399 - 300) * 300 + (500 - 400)]).toBe(0);
    mask.fill(0);
    mask[0] = 200;
    expect(planCrop(mask, W, H)).toEqual({ x: 0, y: 0, w: 65, h: 65 });
    mask.fill(0);
    expect(planCrop(mask, W, H)).toBeNull();
  });

  it('takes a small image whole, for all the context it has', () => {
    const mask = new Uint8Array(1000 * 800);
    mask[400 * 1000 + 500] = 255;
    expect(planCrop(mask, 1000, 800)).toEqual({ x: 0, y: 0, w: 1000, h: 800 });
  });

  it('builds layers that touch only the hole', () => {
    const filled = new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 200]);
    const { cut, paint } = compositeLayers(filled, new Uint8Array([0, 1]));
    expect([...cut]).toEqual([0, 0, 0, 0, 0, 0, 0, 255]);
    expect([...paint]).toEqual([0, 0, 0, 0, 4, 5, 6, 200]);
  });
});
