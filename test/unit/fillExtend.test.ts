import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fillRegion } from '../../src/core/localFill/fill.ts';
import { bandScores, cutAndExtend, type Extended, type Side } from '../bench/outfillCases.ts';
import { detailRatio } from '../support/fillMetrics.ts';

const fixture = (name: string) => {
  const p = PNG.sync.read(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
  return { width: p.width, height: p.height, data: new Uint8Array(p.data) };
};

/** Fills an extended canvas as the local fill gets it (band transparent and masked); returns the pixels. */
function extend(e: Extended, seed = 1, hole = e.hole): Uint8ClampedArray {
  const px = e.rgba.slice();
  fillRegion({ rgba: px, width: e.width, height: e.height, hole }, { seed });
  return px;
}

/** Counts hole pixels left transparent or not opaque, and bytes changed outside the hole. */
function audit(before: Uint8ClampedArray, after: Uint8ClampedArray, hole: Uint8Array): { notOpaque: number; changedOutside: number } {
  let notOpaque = 0;
  let changedOutside = 0;
  for (let p = 0; p < hole.length; p++) {
    if (hole[p]) {
      if (after[p * 4 + 3] !== 255) notOpaque++;
    } else {
      for (let c = 0; c < 4; c++) if (after[p * 4 + c] !== before[p * 4 + c]) changedOutside++;
    }
  }
  return { notOpaque, changedOutside };
}

describe('extending the canvas with the local fill', () => {
  const coffee = fixture('coffee.png');

  for (const side of ['right', 'bottom'] as Side[]) {
    it(`fills a transparent 15 % band on the ${side} with the photo's texture, exact outside it`, () => {
      const e = cutAndExtend(coffee, side, 0.15);
      const px = extend(e);
      // Every band pixel opaque (the band came in as alpha 0, RGB 0), nothing else touched.
      expect(audit(e.rgba, px, e.hole)).toEqual({ notOpaque: 0, changedOutside: 0 });
      // Not a smear: the band keeps at least half the fine detail of the 24 px of photo beside
      // it. Measured on this photo: the fill 0.71 (right) and 0.76 (bottom), the photo's own
      // band 0.98 and 1.02; the structure pass alone (a smooth mean of patches) 0.38 and 0.28,
      // and the harmonic fill's rows of one colour score near 0.
      const { detail, psnr } = bandScores(coffee, px, e);
      expect(detail).toBeGreaterThan(0.5);
      // Beats reflecting the photo's last pixels (16.3 and 12.1 dB) by at least a dB.
      expect(psnr).toBeGreaterThan(side === 'right' ? 17.3 : 13.1);
    });
  }

  it('gives the same bytes for the same seed, other bytes for another seed', () => {
    const chelsea = fixture('chelsea.png');
    const e = cutAndExtend(chelsea, 'bottom', 0.2);
    const a = extend(e, 5);
    expect(extend(e, 5)).toEqual(a);
    expect(extend(e, 6)).not.toEqual(a);
  });

  it('extends two sides at once, and never copies transparent pixels it is not asked to fill', () => {
    const chelsea = fixture('chelsea.png');
    const right = cutAndExtend(chelsea, 'right', 0.3);
    const e = cutAndExtend({ width: right.width, height: right.height, data: right.rgba }, 'bottom', 0.3);
    // The hole: the right and bottom bands, but the outer 10 px of the right band left unmasked
    // (transparent, to stay so): a source the fill must not read as black.
    const hole = new Uint8Array(e.width * e.height);
    for (let p = 0; p < hole.length; p++) hole[p] = e.hole[p] || (right.hole[p] && p % e.width < e.width - 10) ? 1 : 0;
    const px = extend(e, 1, hole);
    expect(audit(e.rgba, px, hole)).toEqual({ notOpaque: 0, changedOutside: 0 });
    // Nothing black came in from the transparent strip: the darkest filled pixel is as light as
    // the photo's darkest (chelsea has no near-black pixel).
    let darkestPhoto = 765;
    let darkestFill = 765;
    for (let p = 0; p < hole.length; p++) {
      const sum = px[p * 4]! + px[p * 4 + 1]! + px[p * 4 + 2]!;
      if (hole[p]) darkestFill = Math.min(darkestFill, sum);
      else if (px[p * 4 + 3] === 255) darkestPhoto = Math.min(darkestPhoto, sum);
    }
    expect(darkestFill).toBeGreaterThanOrEqual(darkestPhoto);
    expect(detailRatio(px, e.width, e.height, hole)).toBeGreaterThan(0.5);
  });
});
