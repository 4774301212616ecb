import { describe, expect, it } from 'vitest';
import { MODELS, RESPONSES_MAINLINE_MODELS } from '../../src/core/openai/models/catalog.ts';
import { capsFor, isKnownModel, isValidModelName, modelsFor } from '../../src/core/openai/models/lookup.ts';
import { checkFreeSize, defaultSize, isExperimentalSize, isValidSize, parseSize, sizeChoices } from '../../src/core/openai/request/sizes.ts';
import type { FreeSize } from '../../src/core/openai/models/types.ts';

describe('the capability table', () => {
  it('has one entry per model, the current ones from the contract and the two retired ones for gateways', () => {
    const ids = MODELS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['gpt-image-2', 'gpt-image-2-2026-04-21', 'gpt-image-2.5-sunburst', 'gpt-image-2.5-flare',
      'gpt-image-2.6-sunburst', 'gpt-image-2.6-flare', 'gpt-image-1.5', 'gpt-image-1-mini', 'chatgpt-image-latest']) {
      expect(capsFor(id).status, id).toBe('current');
    }
    expect(capsFor('gpt-image-1')).toMatchObject({ status: 'retired-upstream', retiredOn: '2026-10-23' });
    expect(capsFor('dall-e-2')).toMatchObject({ status: 'retired-upstream', retiredOn: '2026-05-12' });
  });

  it('states every capability for every model', () => {
    for (const m of MODELS) {
      expect(m.endpoints.length, m.id).toBeGreaterThan(0);
      expect(m.n.min, m.id).toBe(1);
      expect(m.n.max, m.id).toBe(10);
      expect(sizeChoices(m).length, m.id).toBeGreaterThan(0);
      for (const s of sizeChoices(m)) expect(isValidSize(m, s), `${m.id} ${s}`).toBe(true);
      expect(m.promptMax, m.id).toBeGreaterThan(0);
      expect(m.input.maxImages, m.id).toBeGreaterThan(0);
      expect(m.input.maxMaskBytes, m.id).toBe(4 * 1024 * 1024);
      expect(m.input.mimes, m.id).toContain('image/png');
      if (m.transparent) expect(m.formats.filter((f) => f !== 'jpeg').length, m.id).toBeGreaterThan(0);
      expect(m.pricing?.source, m.id).toBeTruthy();
    }
  });

  it('keeps the GPT image rules and the dall-e-2 rules apart', () => {
    const gpt = capsFor('gpt-image-1.5');
    expect(gpt).toMatchObject({ family: 'gpt-image', promptMax: 32000, responseFormat: false, compression: true, transparent: true, partialImages: { max: 3 } });
    expect(gpt.input).toMatchObject({ maxImages: 16, maxImageBytes: 50 * 1024 * 1024 });
    expect(gpt.inputFidelity).toEqual(['low', 'high']);
    expect(gpt.endpoints).toEqual(['images.edit', 'images.generate', 'responses.tool']);
    const dalle = capsFor('dall-e-2');
    expect(dalle).toMatchObject({ family: 'dall-e', promptMax: 1000, responseFormat: true, compression: false, background: false, partialImages: null, moderation: false });
    expect(dalle.sizes).toEqual({ kind: 'list', sizes: ['256x256', '512x512', '1024x1024'], square: true });
    expect(dalle.input).toMatchObject({ maxImages: 1, maxImageBytes: 4 * 1024 * 1024, squarePng: true, mimes: ['image/png'] });
    expect(dalle.endpoints).toContain('images.variation');
    expect(dalle.qualities).toEqual([]);
    expect(dalle.formats).toEqual([]);
  });

  it('gives gpt-image-2 free sizes, transparency in preview and no input_fidelity', () => {
    const m = capsFor('gpt-image-2');
    expect(m.sizes.kind).toBe('free');
    // The spec and the SDK document it as supported "in preview" (contract §10).
    expect(m.transparent).toBe('preview');
    expect(capsFor('gpt-image-2-2026-04-21').transparent).toBe('preview');
    expect(capsFor('gpt-image-2.5-sunburst').transparent).toBe(true);
    expect(capsFor('gpt-image-2.6-sunburst').transparent).toBe(false);
    expect(m.inputFidelity).toEqual([]);
    expect(isValidSize(m, '1536x864')).toBe(true);
    expect(isValidSize(m, 'auto')).toBe(true);
    const rule = m.sizes as FreeSize;
    expect(checkFreeSize(rule, '1000x1000')).toBe('step');
    expect(checkFreeSize(rule, '3840x1008')).toBe('ratio');
    expect(checkFreeSize(rule, '4096x2304')).toBe('edge');
    expect(checkFreeSize(rule, '512x512')).toBe('too-small');
    expect(checkFreeSize(rule, '3840x2176')).toBe('too-large');
    expect(checkFreeSize(rule, 'big')).toBe('format');
    expect(isValidSize(m, '3840x2160')).toBe(true);
    expect(isExperimentalSize(m, '3840x2160')).toBe(true);
    expect(isExperimentalSize(m, '2560x1440')).toBe(false);
    // Only 2.5 has the extra qualities.
    expect(capsFor('gpt-image-2.5-flare').qualities).toContain('max');
    expect(capsFor('gpt-image-2').qualities).not.toContain('xhigh');
    // input_fidelity on 1-mini: the sources disagree, so it is never offered.
    expect(capsFor('gpt-image-1-mini').inputFidelity).toEqual([]);
  });

  it('lists models per endpoint: no dall-e-2 in the Responses tool, variations only for dall-e-2', () => {
    expect(modelsFor('responses.tool').map((m) => m.id)).not.toContain('dall-e-2');
    expect(modelsFor('images.variation').map((m) => m.id)).toEqual(['dall-e-2']);
    expect(modelsFor('images.edit').length).toBe(MODELS.length);
    expect(RESPONSES_MAINLINE_MODELS.some((m) => m.startsWith('gpt-image'))).toBe(false);
  });

  it('accepts a custom model name with the generic GPT image rules, marked custom', () => {
    const m = capsFor('  my-gateway/image-x ');
    expect(m.id).toBe('my-gateway/image-x');
    expect(m.status).toBe('custom');
    expect(m.family).toBe('gpt-image');
    expect(m.sizes).toEqual(capsFor('gpt-image-1.5').sizes);
    expect(m.pricing?.imageOut).toBeUndefined();
    expect(isKnownModel('my-gateway/image-x')).toBe(false);
    expect(isValidModelName('my-gateway/image-x')).toBe(true);
    expect(isValidModelName('bad name')).toBe(false);
    expect(isValidModelName('')).toBe(false);
  });
});

describe('default output size', () => {
  it('picks the listed size nearest the image aspect ratio', () => {
    const m = capsFor('gpt-image-1.5');
    expect(defaultSize(m, 640, 427)).toBe('1536x1024');
    expect(defaultSize(m, 427, 640)).toBe('1024x1536');
    expect(defaultSize(m, 500, 520)).toBe('1024x1024');
    expect(defaultSize(m)).toBe('auto');
  });

  it('gives dall-e-2 the smallest square holding the image', () => {
    const m = capsFor('dall-e-2');
    expect(defaultSize(m, 200, 100)).toBe('256x256');
    expect(defaultSize(m, 300, 500)).toBe('512x512');
    expect(defaultSize(m, 640, 427)).toBe('1024x1024');
    expect(defaultSize(m, 4000, 3000)).toBe('1024x1024');
  });

  it('gives gpt-image-2 a free size of the image shape within its rules', () => {
    const m = capsFor('gpt-image-2');
    const rule = m.sizes as FreeSize;
    for (const [w, h] of [[640, 427], [427, 640], [1000, 1000], [6000, 4000], [8000, 1000], [300, 200], [1920, 1080], [2560, 1440]] as const) {
      const size = defaultSize(m, w, h);
      expect(checkFreeSize(rule, size), `${w}x${h} -> ${size}`).toBeNull();
      const s = parseSize(size)!;
      const want = Math.min(3, Math.max(1 / 3, w / h));
      expect(Math.abs(Math.log(s.width / s.height) - Math.log(want)), `${w}x${h} -> ${size}`).toBeLessThan(0.03);
      expect(isExperimentalSize(m, size)).toBe(false);
    }
    // An image already of a valid size is matched exactly.
    expect(defaultSize(m, 1920, 1088)).toBe('1920x1088');
  });
});
