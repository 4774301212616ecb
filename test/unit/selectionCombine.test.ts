import { describe, expect, it } from 'vitest';
import { combine, COMBINE_MODES, type CombineMode } from '../../src/core/selection/combine.ts';
import { boundingBox } from '../../src/core/selection/region.ts';
import { rasterEllipse } from '../../src/core/selection/shapes.ts';
import { diff, full, randomMask, rng } from './selectionKit.ts';

const W = 50;
const H = 40;

// Per pixel, from the definitions: a = selected before, s = in the new shape.
const rule: Record<CombineMode, (a: boolean, s: boolean) => boolean> = {
  replace: (_a, s) => s,
  add: (a, s) => a || s,
  subtract: (a, s) => a && !s,
  intersect: (a, s) => a && s,
};

describe('combine modes', () => {
  it('each mode gives the per-pixel rule and returns the box of exactly the changed pixels', () => {
    const rand = rng(7);
    for (const mode of COMBINE_MODES) {
      for (let k = 0; k < 30; k++) {
        const before = randomMask(W, H, rand, 0.2);
        const shape = rasterEllipse({ x0: rand() * 60 - 5, y0: rand() * 50 - 5, x1: rand() * 60 - 5, y1: rand() * 50 - 5 }, W, H);
        const s = full(shape, W, H);
        const want = before.map((v, i) => (rule[mode](v !== 0, s[i] !== 0) ? 255 : 0));
        const mask = { width: W, height: H, data: before.slice() };
        // Half the runs pass the old selection's box, half let combine find it.
        const box = combine(mask, shape, mode, k % 2 ? boundingBox({ width: W, height: H, data: before }) : undefined);
        expect(diff(mask.data, want, W), mode).toEqual([]);
        const changed = new Uint8Array(W * H).map((_, i) => (before[i] !== want[i] ? 255 : 0));
        expect(box, mode).toEqual(boundingBox({ width: W, height: H, data: changed }));
      }
    }
  });

  it('replace with an empty shape clears the mask; nothing changed gives null', () => {
    const mask = { width: W, height: H, data: randomMask(W, H, rng(8)) };
    const empty = { x: 0, y: 0, w: 0, h: 0, data: new Uint8Array(0) };
    expect(combine(mask, empty, 'add')).toBeNull();
    expect(combine(mask, empty, 'replace')).not.toBeNull();
    expect(mask.data.every((v) => v === 0)).toBe(true);
    expect(combine(mask, empty, 'intersect')).toBeNull();
  });
});
