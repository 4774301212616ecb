import { describe, expect, it } from 'vitest';
import { ANCHORS, extendByPadding, extendToRatio, outputForCanvas, parseRatio, RATIO_PRESETS, ratioLabel, type Anchor } from '../../src/core/selection/canvasExtend.ts';
import { capsFor } from '../../src/core/openai/models/lookup.ts';
import { checkFreeSize, parseSize } from '../../src/core/openai/request/sizes.ts';
import type { FreeSize } from '../../src/core/openai/models/types.ts';

const ok = <T>(r: { ok: true; value: T } | { ok: false; problem: string }): T => {
  if (!r.ok) throw new Error(r.problem);
  return r.value;
};

describe('extend canvas: size and offset', () => {
  it('adds padding per side; the picture sits at (left, top)', () => {
    expect(ok(extendByPadding(600, 400, { top: 10, right: 0, bottom: 30, left: 25 }))).toEqual({
      width: 625, height: 440, offset: { x: 25, y: 10 }, padding: { top: 10, right: 0, bottom: 30, left: 25 },
    });
    expect(extendByPadding(600, 400, { top: -1, right: 0, bottom: 0, left: 0 })).toEqual({ ok: false, problem: 'bad-padding' });
    expect(extendByPadding(600, 400, { top: 0.5, right: 0, bottom: 0, left: 0 })).toEqual({ ok: false, problem: 'bad-padding' });
    expect(extendByPadding(6000, 4000, { top: 0, right: 3000, bottom: 0, left: 0 })).toEqual({ ok: false, problem: 'too-large' });
  });

  it('each preset gives the smallest canvas of that ratio that holds the picture', () => {
    const want: Record<string, [number, number]> = {
      '1:1': [600, 600], '4:3': [600, 450], '3:2': [600, 400], '16:9': [711, 400], '9:16': [600, 1067],
    };
    for (const preset of RATIO_PRESETS) {
      const e = ok(extendToRatio(600, 400, preset));
      expect([e.width, e.height], preset).toEqual(want[preset]);
      expect(e.width >= 600 && e.height >= 400).toBe(true);
    }
    // A typed ratio, in the forms people type.
    expect(parseRatio('21:9')).toEqual({ w: 21, h: 9 });
    expect(parseRatio(' 2.39 / 1 ')).toEqual({ w: 2.39, h: 1 });
    expect(parseRatio('1.5')).toEqual({ w: 1.5, h: 1 });
    expect([parseRatio('0:1'), parseRatio('a:b'), parseRatio('30:1'), parseRatio('')]).toEqual([null, null, null, null]);
    const e = ok(extendToRatio(600, 400, '2:1'));
    expect([e.width, e.height]).toEqual([800, 400]);
    expect(extendToRatio(600, 400, 'wide')).toEqual({ ok: false, problem: 'bad-ratio' });
  });

  it('each of the nine anchors pins the picture to its side, corner or centre', () => {
    const offsets: Record<Anchor, [number, number]> = {
      'top-left': [0, 0], top: [55, 0], 'top-right': [111, 0],
      left: [0, 0], center: [55, 0], right: [111, 0],
      'bottom-left': [0, 0], bottom: [55, 0], 'bottom-right': [111, 0],
    };
    for (const a of ANCHORS) {
      const wide = ok(extendToRatio(600, 400, '16:9', a));
      expect([wide.offset.x, wide.offset.y], a).toEqual(offsets[a]);
      expect(wide.padding.left + wide.padding.right).toBe(111);
      // A tall canvas moves the picture vertically instead.
      const tall = ok(extendToRatio(600, 400, '9:16', a));
      const fy = a.startsWith('top') ? 0 : a.startsWith('bottom') ? 667 : 333;
      expect([tall.offset.x, tall.offset.y], a).toEqual([0, fy]);
      expect(tall.padding.bottom).toBe(667 - fy);
    }
  });
});

describe('extend canvas: the size sent to each model', () => {
  it('gpt-image-2 gets a free size of the new shape within its rules', () => {
    const caps = capsFor('gpt-image-2');
    const e = ok(extendToRatio(1600, 1200, '16:9'));
    const out = outputForCanvas(caps, e.width, e.height);
    expect(checkFreeSize(caps.sizes as FreeSize, out.size)).toBeNull();
    const s = parseSize(out.size)!;
    expect(Math.abs(s.width / s.height - 16 / 9)).toBeLessThan(0.02);
    expect(out.plan).toMatchObject({ width: e.width, height: e.height, scaledDown: false });
  });

  it('listed-size models get the nearest listed shape and say when it differs', () => {
    const caps = capsFor('gpt-image-1.5');
    expect(outputForCanvas(caps, 1600, 900)).toMatchObject({ size: '1536x1024', shapeDiffers: true });
    expect(outputForCanvas(caps, 900, 1350)).toMatchObject({ size: '1024x1536', shapeDiffers: false });
    expect(outputForCanvas(caps, 1000, 1000)).toMatchObject({ size: '1024x1024', shapeDiffers: false });
  });

  it('dall-e-2 keeps its square padding: the extended canvas is fitted and centred in the square', () => {
    const out = outputForCanvas(capsFor('dall-e-2'), 711, 400);
    expect(out.size).toBe('1024x1024');
    expect(out.shapeDiffers).toBe(false);
    expect(out.plan.content).toEqual({ x: 0, y: 224, width: 1024, height: 576 });
  });
});

describe('extend canvas: the shape said to the user', () => {
  it('names a preset within 0.5 %, else the ratio in lowest terms, else a decimal', () => {
    expect(ratioLabel(711, 400)).toBe('16:9');
    expect(ratioLabel(400, 711)).toBe('9:16');
    expect(ratioLabel(600, 400)).toBe('3:2');
    expect(ratioLabel(2100, 900)).toBe('7:3');
    expect(ratioLabel(1200, 1000)).toBe('6:5');
    expect(ratioLabel(1003, 541)).toBe('1.85:1');
  });
});
