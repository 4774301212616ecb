import { describe, expect, it } from 'vitest';
import { MODELS } from '../../src/core/openai/models/catalog.ts';
import { capsFor } from '../../src/core/openai/models/lookup.ts';
import type { Background, Endpoint, OutputFormat, Quality } from '../../src/core/openai/models/types.ts';
import { buildImagesParams, buildResponsesTool, checkParams, imagesRequest } from '../../src/core/openai/request/build.ts';
import { constrainOptions, DEFAULT_OPTIONS, endpointFor, maxReferences, requestedFormat, visibleOptions, type EditOptions } from '../../src/core/openai/request/options.ts';

const ALL_MODELS = [...MODELS, capsFor('custom-gateway-model')];
const FORMATS: OutputFormat[] = ['png', 'jpeg', 'webp'];
const BACKGROUNDS: Background[] = ['auto', 'opaque', 'transparent'];
const QUALITIES: Quality[] = ['auto', 'high', 'max'];

/** Every combination of form values a user could reach, before constraining. */
function* formStates(): Generator<EditOptions> {
  for (const api of ['images', 'responses'] as const)
    for (const variation of [false, true])
      for (const outputFormat of FORMATS)
        for (const background of BACKGROUNDS)
          for (const quality of QUALITIES)
            for (const n of [1, 12])
              for (const partialImages of [0, 5])
                for (const inputFidelity of [null, 'high'] as const)
                  for (const compression of [100, 40])
                    for (const size of ['1536x1024', '512x512', '1920x1088'])
                      yield { ...DEFAULT_OPTIONS, api, variation, outputFormat, background, quality, n, partialImages, inputFidelity, compression, size, moderation: 'low' };
}

describe('request building, for every model', () => {
  for (const caps of ALL_MODELS) {
    it(`${caps.id}: every form state gives a request the model accepts`, () => {
      let checked = 0;
      const endpointsSeen = new Set<Endpoint>();
      const failures: string[] = [];
      for (const raw of formStates()) {
        for (const hasImage of [true, false]) {
          const ctx = hasImage ? { imageWidth: 640, imageHeight: 427 } : {};
          const o = constrainOptions(caps, raw, ctx);
          const endpoint = endpointFor(o, hasImage);
          endpointsSeen.add(endpoint);
          const params = endpoint === 'responses.tool' ? buildResponsesTool(caps, o, hasImage) : buildImagesParams(caps, o, 'a red door', endpoint);
          // Plain checks in the hot loop (tens of thousands of states); one expect at the end.
          const problems = checkParams(caps, endpoint, params).map((v) => `${v.field} ${v.problem}`);
          if (Object.values(params).some((v) => v === null || v === undefined)) problems.push('null field');
          if ((params.output_format === 'png' || !('output_format' in params)) && 'output_compression' in params) problems.push('compression without jpeg/webp');
          if (params.output_format === 'jpeg' && params.background === 'transparent') problems.push('transparent jpeg');
          if (caps.family === 'gpt-image' && endpoint === 'images.edit' && ('response_format' in params || 'moderation' in params)) problems.push('legacy field on GPT edit');
          if (params.model !== caps.id) problems.push('model');
          if (problems.length) failures.push(`${JSON.stringify(raw)} ${endpoint}: ${problems.join('; ')}`);
          checked++;
        }
      }
      expect(failures.slice(0, 5)).toEqual([]);
      expect(checked).toBeGreaterThan(1000);
      expect(endpointsSeen).toEqual(new Set(caps.endpoints));
    });
  }
});

describe('what each endpoint sends', () => {
  it('a GPT image edit: the chosen options, streaming with partial images, nothing else', () => {
    const caps = capsFor('gpt-image-1.5');
    const o = constrainOptions(caps, { ...DEFAULT_OPTIONS, size: '1536x1024', quality: 'high', outputFormat: 'webp', compression: 60, background: 'transparent', inputFidelity: 'high', partialImages: 2 }, { imageWidth: 640, imageHeight: 427 });
    expect(imagesRequest(caps, o, 'a red door', true)).toEqual({
      endpoint: 'images.edit',
      params: {
        background: 'transparent', input_fidelity: 'high', model: 'gpt-image-1.5', n: 1, output_compression: 60, output_format: 'webp',
        partial_images: 2, prompt: 'a red door', quality: 'high', size: '1536x1024', stream: true,
      },
    });
  });

  it('n > 1 is sent without streaming', () => {
    const caps = capsFor('gpt-image-2');
    const o = constrainOptions(caps, { ...DEFAULT_OPTIONS, n: 3, partialImages: 3 }, { imageWidth: 640, imageHeight: 427 });
    const { params } = imagesRequest(caps, o, 'x', true);
    expect(params).not.toHaveProperty('stream');
    expect(params).not.toHaveProperty('partial_images');
    expect(params.n).toBe(3);
  });

  it('a GPT generation carries moderation; an edit never does', () => {
    const caps = capsFor('gpt-image-2');
    const o = constrainOptions(caps, { ...DEFAULT_OPTIONS, moderation: 'low' });
    expect(imagesRequest(caps, o, 'x', false).params).toMatchObject({ moderation: 'low' });
    expect(imagesRequest(caps, o, 'x', true).params).not.toHaveProperty('moderation');
  });

  it('dall-e-2: b64_json, a square size, no GPT fields; variations carry no prompt', () => {
    const caps = capsFor('dall-e-2');
    const o = constrainOptions(caps, { ...DEFAULT_OPTIONS, outputFormat: 'jpeg', background: 'opaque', quality: 'high', n: 2 }, { imageWidth: 640, imageHeight: 427 });
    expect(imagesRequest(caps, o, 'a cat', true)).toEqual({
      endpoint: 'images.edit', params: { model: 'dall-e-2', n: 2, prompt: 'a cat', response_format: 'b64_json', size: '1024x1024' },
    });
    expect(imagesRequest(caps, { ...o, variation: true }, 'ignored', true)).toEqual({
      endpoint: 'images.variation', params: { model: 'dall-e-2', n: 2, response_format: 'b64_json', size: '1024x1024' },
    });
  });

  it('switching to a model resets only what it does not take', () => {
    const start: EditOptions = { ...DEFAULT_OPTIONS, model: 'gpt-image-1.5', size: '1536x1024', background: 'transparent', outputFormat: 'png', inputFidelity: 'high', quality: 'high' };
    const to2 = constrainOptions(capsFor('gpt-image-2'), start, { imageWidth: 640, imageHeight: 427 });
    // gpt-image-2 keeps a transparent background (in preview); 2.6 has none.
    expect(to2).toMatchObject({ model: 'gpt-image-2', size: '1536x1024', background: 'transparent', inputFidelity: null, quality: 'high' });
    expect(constrainOptions(capsFor('gpt-image-2.6-flare'), start).background).toBe('auto');
    const params = buildImagesParams(capsFor('gpt-image-2'), to2, 'a sticker', 'images.edit');
    expect(params).toMatchObject({ background: 'transparent', output_format: 'png' });
    expect(checkParams(capsFor('gpt-image-2'), 'images.edit', params)).toEqual([]);
    const toDalle = constrainOptions(capsFor('dall-e-2'), { ...start, api: 'responses' }, { imageWidth: 640, imageHeight: 427 });
    expect(toDalle).toMatchObject({ api: 'images', size: '1024x1024' });
    const jpeg = constrainOptions(capsFor('gpt-image-1.5'), { ...start, outputFormat: 'jpeg' });
    expect(jpeg.background).toBe('auto');
  });

  it('the Responses tool: one image, mainline fields elsewhere, fidelity only with an image', () => {
    const caps = capsFor('gpt-image-1.5');
    const o = constrainOptions(caps, { ...DEFAULT_OPTIONS, api: 'responses', n: 4, inputFidelity: 'high', moderation: 'low', partialImages: 3 });
    expect(o.n).toBe(1);
    expect(buildResponsesTool(caps, o, true)).toEqual({
      action: 'edit', background: 'auto', input_fidelity: 'high', model: 'gpt-image-1.5', moderation: 'low', output_format: 'png',
      partial_images: 3, quality: 'auto', size: 'auto', type: 'image_generation',
    });
    expect(buildResponsesTool(caps, o, false)).not.toHaveProperty('input_fidelity');
  });

  it('the Responses tool edits when a picture is sent (or continued), generates when none is', () => {
    const caps = capsFor('gpt-image-2');
    const o = constrainOptions(caps, { ...DEFAULT_OPTIONS, api: 'responses' });
    expect(buildResponsesTool(caps, o, true).action).toBe('edit');
    expect(buildResponsesTool(caps, o, false).action).toBe('generate');
    // A follow-up sends no picture, but the last answer's image is in the conversation.
    expect(buildResponsesTool(caps, { ...o, previousResponseId: 'resp_1' }, false).action).toBe('edit');
    expect(checkParams(caps, 'responses.tool', buildResponsesTool(caps, o, true))).toEqual([]);
    expect(checkParams(caps, 'responses.tool', { ...buildResponsesTool(caps, o, true), action: 'redraw' }).map((v) => v.field)).toContain('action');
    expect(checkParams(caps, 'images.edit', { model: 'gpt-image-2', action: 'edit' }).map((v) => v.field)).toContain('action');
  });

  it('the checker itself catches each invalid combination', () => {
    const gpt = capsFor('gpt-image-1.5');
    const fields = (p: Record<string, string | number | boolean | null>, caps = gpt, endpoint: Endpoint = 'images.edit') =>
      checkParams(caps, endpoint, p as never).map((v) => v.field);
    expect(fields({ model: 'gpt-image-1.5', output_format: 'png', output_compression: 50 })).toContain('output_compression');
    expect(fields({ model: 'gpt-image-1.5', output_format: 'jpeg', background: 'transparent' })).toContain('background');
    expect(fields({ model: 'gpt-image-2.6-flare', output_format: 'png', background: 'transparent' }, capsFor('gpt-image-2.6-flare'))).toContain('background');
    expect(fields({ model: 'gpt-image-1.5', response_format: 'b64_json' })).toContain('response_format');
    expect(fields({ model: 'gpt-image-1.5', moderation: 'low' })).toContain('moderation');
    expect(fields({ model: 'gpt-image-1.5', quality: null })).toContain('quality');
    expect(fields({ model: 'gpt-image-1.5', size: '512x512' })).toContain('size');
    expect(fields({ model: 'gpt-image-1.5', partial_images: 2 })).toContain('partial_images');
    expect(fields({ model: 'dall-e-2', stream: true }, capsFor('dall-e-2'))).toContain('stream');
    expect(fields({ model: 'gpt-image-2', input_fidelity: 'high' }, capsFor('gpt-image-2'))).toContain('input_fidelity');
    expect(fields({ model: 'gpt-image-1.5', prompt: 'x'.repeat(32001) })).toContain('prompt');
    expect(fields({ model: 'gpt-image-1.5' }, gpt, 'images.variation')).toContain('model');
  });
});

describe('the form shows only what the model takes', () => {
  it('reference images: the model limit less the painted image, on edits only; the format asked for', () => {
    expect(maxReferences(capsFor('gpt-image-2'), 'images.edit')).toBe(15);
    expect(maxReferences(capsFor('gpt-image-2'), 'responses.tool')).toBe(15);
    expect(maxReferences(capsFor('dall-e-2'), 'images.edit')).toBe(0);
    expect(maxReferences(capsFor('gpt-image-2'), 'images.generate')).toBe(0);
    expect(maxReferences(capsFor('dall-e-2'), 'images.variation')).toBe(0);
    expect(requestedFormat(capsFor('gpt-image-2'), { outputFormat: 'webp' })).toBe('webp');
    // dall-e-2 takes no output_format: its answers are PNG whatever the form last held.
    expect(requestedFormat(capsFor('dall-e-2'), { outputFormat: 'jpeg' })).toBe('png');
  });

  it('hides GPT options for dall-e-2 and compression for png', () => {
    const dalle = visibleOptions(capsFor('dall-e-2'), { ...DEFAULT_OPTIONS, model: 'dall-e-2' }, true);
    expect(dalle).toMatchObject({ quality: false, outputFormat: false, compression: false, background: false, partialImages: false, inputFidelity: false, moderation: false, references: false });
    const png = visibleOptions(capsFor('gpt-image-1.5'), DEFAULT_OPTIONS, true);
    expect(png).toMatchObject({ compression: false, inputFidelity: true, moderation: false, references: true, partialImages: true, mainlineModel: false });
    const resp = visibleOptions(capsFor('gpt-image-2'), { ...DEFAULT_OPTIONS, api: 'responses', outputFormat: 'jpeg' }, false);
    expect(resp).toMatchObject({ compression: true, inputFidelity: false, moderation: true, mainlineModel: true, n: false });
  });
});
