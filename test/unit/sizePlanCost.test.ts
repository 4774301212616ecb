import { describe, expect, it } from 'vitest';
import { capsFor } from '../../src/core/openai/models/lookup.ts';
import { planSize } from '../../src/core/openai/request/sizePlan.ts';
import { maskAlphaForPlan, paintedFraction } from '../../src/core/openai/request/maskScale.ts';
import { estimateCost } from '../../src/core/openai/cost/estimate.ts';
import { gptImage2Tokens, outputTokensPerImage } from '../../src/core/openai/cost/tokens.ts';
import { usageDollars, usageFromApi, addUsage } from '../../src/core/openai/cost/usage.ts';
import { DEFAULT_OPTIONS, constrainOptions } from '../../src/core/openai/request/options.ts';

/** A w x h coverage with a filled rectangle painted (255). */
function coverageRect(w: number, h: number, r: { x: number; y: number; w: number; h: number }): Uint8Array {
  const c = new Uint8Array(w * h);
  for (let y = r.y; y < r.y + r.h; y++) c.fill(255, y * w + r.x, y * w + r.x + r.w);
  return c;
}

describe('size plan', () => {
  it('sends an image the model can use as it is', () => {
    const p = planSize(capsFor('gpt-image-1.5'), 640, 427, '1536x1024');
    expect(p).toMatchObject({ width: 640, height: 427, scaledDown: false, scale: 1, content: { x: 0, y: 0, width: 640, height: 427 } });
  });

  it('scales a larger image down to the limit, and states it', () => {
    const p = planSize(capsFor('gpt-image-1.5'), 6000, 4000, 'auto');
    expect(p).toMatchObject({ width: 2048, height: 1365, scaledDown: true, limit: { maxEdge: 2048 } });
    const p2 = planSize(capsFor('gpt-image-2'), 8000, 5000, 'auto');
    expect(p2.width * p2.height).toBeLessThanOrEqual(8_294_400);
    expect(Math.max(p2.width, p2.height)).toBeLessThanOrEqual(3840);
    const p3 = planSize(capsFor('gpt-image-1.5'), 6000, 4000, 'auto', 1024);
    expect(p3).toMatchObject({ width: 1024, height: 682 });
  });

  it('pads dall-e-2 input to a centred square of the output size, and maps the result back', () => {
    const p = planSize(capsFor('dall-e-2'), 640, 427, '512x512');
    expect(p.width).toBe(512);
    expect(p.height).toBe(512);
    expect(p.content).toEqual({ x: 0, y: 85, width: 512, height: 342 });
    expect(p.resultRegion.y).toBeCloseTo(85 / 512, 6);
    expect(p.resultRegion.height).toBeCloseTo(342 / 512, 6);
  });
});

describe('mask for the sent size', () => {
  it('is the coverage itself at the same size: 0 where painted, 255 elsewhere', () => {
    const cov = coverageRect(100, 60, { x: 10, y: 20, w: 30, h: 5 });
    cov[0] = 127; // an anti-aliased edge below half stays unpainted
    cov[1] = 128;
    const a = maskAlphaForPlan(cov, 100, 60, 100, 60, { x: 0, y: 0, width: 100, height: 60 });
    expect(new Set(a)).toEqual(new Set([0, 255]));
    expect(a[20 * 100 + 10]).toBe(0);
    expect(a[24 * 100 + 39]).toBe(0);
    expect(a[25 * 100 + 10]).toBe(255);
    expect(a[0]).toBe(255);
    expect(a[1]).toBe(0);
  });

  it('scales with the image and stays strictly two-valued', () => {
    const cov = coverageRect(6000, 4000, { x: 1500, y: 1000, w: 3000, h: 2000 });
    const a = maskAlphaForPlan(cov, 6000, 4000, 2048, 1365, { x: 0, y: 0, width: 2048, height: 1365 });
    expect(a.length).toBe(2048 * 1365);
    expect(new Set(a)).toEqual(new Set([0, 255]));
    expect(paintedFraction(a)).toBeCloseTo(0.25, 2);
    expect(a[682 * 2048 + 1024]).toBe(0);
    expect(a[10 * 2048 + 10]).toBe(255);
  });

  it('pads dall-e-2 masks with 255 so the padding is never filled', () => {
    const cov = new Uint8Array(640 * 427).fill(255);
    const p = planSize(capsFor('dall-e-2'), 640, 427, '256x256');
    const a = maskAlphaForPlan(cov, 640, 427, p.width, p.height, p.content);
    expect(a.length).toBe(256 * 256);
    expect(a[0]).toBe(255); // padding above
    expect(a[(p.content.y + 5) * 256 + 100]).toBe(0);
    expect(a[255 * 256 + 100]).toBe(255); // padding below
    expect(new Set(a)).toEqual(new Set([0, 255]));
  });
});

describe('cost', () => {
  it('uses the guide table: gpt-image-1.5 high 1024x1024 is 4160 tokens, $0.133 plus input', () => {
    const caps = capsFor('gpt-image-1.5');
    const o = constrainOptions(caps, { ...DEFAULT_OPTIONS, model: caps.id, size: '1024x1024', quality: 'high', partialImages: 0 });
    const e = estimateCost(caps, o, { prompt: 'abcd'.repeat(10), images: 0 });
    expect(e.outputTokens).toEqual({ min: 4160, max: 4160 });
    expect(e.inputTokens).toBe(10);
    expect(e.dollars!.min).toBeCloseTo(4160 * 32e-6 + 10 * 5e-6, 9);
    expect(e.ranged).toBe(false);
  });

  it('multiplies by n, adds 100 per partial image and the input images', () => {
    const caps = capsFor('gpt-image-1');
    const one = estimateCost(caps, { ...DEFAULT_OPTIONS, model: caps.id, size: '1536x1024', quality: 'low', partialImages: 3, n: 1 }, { prompt: '', images: 1 });
    expect(one.outputTokens).toEqual({ min: 400 + 300, max: 400 + 300 });
    expect(one.inputTokens).toBe(135);
    const three = estimateCost(caps, { ...DEFAULT_OPTIONS, model: caps.id, size: '1536x1024', quality: 'low', partialImages: 3, n: 3 }, { prompt: '', images: 1 });
    expect(three.outputTokens).toEqual({ min: 1200, max: 1200 }); // n > 1 does not stream
    const hi = estimateCost(caps, { ...DEFAULT_OPTIONS, model: caps.id, size: '1536x1024', quality: 'low', inputFidelity: 'high', n: 1, partialImages: 0 }, { prompt: '', images: 2 });
    expect(hi.inputTokens).toBe(6100);
  });

  it('gives a range for auto quality and size', () => {
    const caps = capsFor('gpt-image-1.5');
    const e = estimateCost(caps, { ...DEFAULT_OPTIONS, model: caps.id, size: 'auto', quality: 'auto', partialImages: 0 }, { prompt: '', images: 0 });
    expect(e.outputTokens).toEqual({ min: 272, max: 6240 });
    expect(e.ranged).toBe(true);
  });

  it('gpt-image-2: the size formula reproduces the official per-image prices', () => {
    expect(gptImage2Tokens('high', 1024, 1024)).toBe(7024);
    expect(gptImage2Tokens('high', 1536, 1024)).toBe(5488);
    expect(gptImage2Tokens('high', 1024, 1536)).toBe(5488);
    const caps = capsFor('gpt-image-2');
    const dollars = (q: 'low' | 'medium' | 'high', w: number, h: number) => (outputTokensPerImage(caps.pricing, q, w, h)! * caps.pricing!.imageOut!) / 1e6;
    expect(dollars('low', 1024, 1024)).toBeCloseTo(0.006, 3);
    expect(dollars('medium', 1024, 1024)).toBeCloseTo(0.053, 3);
    expect(dollars('high', 1024, 1024)).toBeCloseTo(0.211, 3);
    expect(dollars('low', 1536, 1024)).toBeCloseTo(0.005, 3);
    expect(dollars('medium', 1024, 1536)).toBeCloseTo(0.041, 3);
    expect(dollars('high', 1536, 1024)).toBeCloseTo(0.165, 3);
  });

  it('says when a price is not published, and prices dall-e-2 per image', () => {
    const flare = capsFor('gpt-image-2.5-flare');
    const e = estimateCost(flare, { ...DEFAULT_OPTIONS, model: flare.id, size: '1024x1024', quality: 'high' }, { prompt: 'x', images: 1 });
    expect(e.dollars).toBeNull();
    expect(e.outputTokens).not.toBeNull();
    expect(estimateCost(flare, { ...DEFAULT_OPTIONS, model: flare.id, quality: 'max' }, { prompt: 'x', images: 1 }).outputTokens).toBeNull();
    const dalle = capsFor('dall-e-2');
    const d = estimateCost(dalle, { ...DEFAULT_OPTIONS, model: 'dall-e-2', size: '512x512', n: 2 }, { prompt: 'x', images: 1 });
    expect(d.dollars).toEqual({ min: 0.036, max: 0.036 });
    expect(estimateCost(capsFor('custom-x'), { ...DEFAULT_OPTIONS, model: 'custom-x', size: '1024x1024', quality: 'low' }, { prompt: '', images: 0 }).dollars).toBeNull();
    expect(estimateCost(capsFor('gpt-image-2'), { ...DEFAULT_OPTIONS, api: 'responses' }, { prompt: '', images: 0 }).plusMainline).toBe(true);
  });

  it('reads the actual usage and prices it', () => {
    const u = usageFromApi({ input_tokens: 50, input_tokens_details: { text_tokens: 10, image_tokens: 40 }, output_tokens: 4160, total_tokens: 4210 })!;
    expect(u).toEqual({ inputTokens: 50, outputTokens: 4160, totalTokens: 4210, inputTextTokens: 10, inputImageTokens: 40 });
    expect(usageDollars(capsFor('gpt-image-1.5'), u)).toBeCloseTo((10 * 5 + 40 * 8 + 4160 * 32) / 1e6, 9);
    expect(usageDollars(capsFor('chatgpt-image-latest'), u)).toBeNull();
    expect(usageFromApi(undefined)).toBeNull();
    expect(addUsage(u, u)).toMatchObject({ inputTokens: 100, outputTokens: 8320, inputImageTokens: 80 });
  });
});
