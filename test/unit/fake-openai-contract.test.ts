// The fake against section 10 of the contract (the published OpenAPI document and openai-node
// 7.57's types): gpt-image-2's transparency in preview, the JSON edit body's own fields and
// sizes, the defaults when no model is named, and the 2.6 models' standard rules.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { dataUrl, errorOf, expectEnvelope, maskPng, png, pngFile, rawEdit, rawJson, sdk } from './fakeOpenAIKit.ts';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake ??= await startFakeOpenAI();
  fake.reset();
});
afterAll(() => fake?.close());

const invalid = (message: string, param: string | null, code: string | null) => ({ message, type: 'invalid_request_error', param, code });
const SIZES_GPT = "Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.";
const image = () => pngFile(png(300, 200), 'photo.png');
const edit = (over: Record<string, unknown> = {}) =>
  sdk(fake).images.edit({ model: 'gpt-image-2', prompt: 'a red balloon', image: image(), mask: pngFile(maskPng(300, 200, { x: 10, y: 10, w: 50, h: 50 }), 'mask.png'), ...over } as never);
const jsonEdit = (over: Record<string, unknown> = {}) =>
  rawJson(fake, '/images/edits', { model: 'gpt-image-2', prompt: 'a red balloon', images: [{ image_url: dataUrl(png(64, 64)) }], ...over });
const tool = (size: string) => rawJson(fake, '/responses', { model: 'gpt-5.5', input: 'a kite', stream: false, tools: [{ type: 'image_generation', size }] });

describe('gpt-image-2: a transparent background is supported in preview', () => {
  test('images.edit with background transparent and png is answered, transparent', async () => {
    const r = await edit({ background: 'transparent', output_format: 'png' });
    expect(r.background).toBe('transparent');
    expect(fake.requests({ path: '/v1/images/edits' })[0]!.status).toBe(200);
  });

  test('the Responses tool takes it too', async () => {
    const res = await rawJson(fake, '/responses', {
      model: 'gpt-5.5', input: 'a sticker of a fox', stream: false,
      tools: [{ type: 'image_generation', model: 'gpt-image-2', background: 'transparent', output_format: 'webp' }],
    });
    expect(res.status).toBe(200);
  });

  test('transparent with jpeg stays refused', async () => {
    expectEnvelope(await errorOf(edit({ background: 'transparent', output_format: 'jpeg' })), 400,
      invalid('Transparent background is not supported for JPEG output format', 'background', 'invalid_value'));
  });
});

describe('the JSON edit body', () => {
  test('has no partial_images', async () => {
    const res = await jsonEdit({ stream: true, partial_images: 2 });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual(invalid("Unknown parameter: 'partial_images'.", 'partial_images', 'unknown_parameter'));
  });

  test('takes only auto and the three standard sizes, even for a free-size model', async () => {
    const res = await jsonEdit({ size: '1536x864' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toEqual(invalid(`Invalid value: '1536x864'. ${SIZES_GPT}`, 'size', 'invalid_value'));
    const ok = await jsonEdit({ size: '1024x1536' });
    expect(ok.status).toBe(200);
    expect((await ok.json()).size).toBe('1024x1536');
  });

  test('takes moderation, while the multipart edit does not', async () => {
    expect((await jsonEdit({ moderation: 'low' })).status).toBe(200);
    const res = await rawEdit(fake, { model: 'gpt-image-2', prompt: 'x', image: image(), moderation: 'low' });
    expect((await res.json()).error).toMatchObject({ code: 'unknown_parameter', param: 'moderation' });
  });

  test('multipart edits keep partial_images and free sizes', async () => {
    const res = await rawEdit(fake, { model: 'gpt-image-2', prompt: 'x', image: image(), stream: 'true', partial_images: '1', size: '1536x864' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    await res.text();
  });
});

describe('defaults when no model is named', () => {
  test('an edit defaults to gpt-image-1.5 (a GPT answer: usage, output_format, GPT sizes)', async () => {
    const res = await rawEdit(fake, { prompt: 'x', image: image(), size: '1024x1536', output_format: 'webp' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ size: '1024x1536', output_format: 'webp' });
    expect(body.usage.output_tokens).toBeGreaterThan(0);
  });

  test('the edit default takes no dall-e size', async () => {
    const res = await rawEdit(fake, { prompt: 'x', image: image(), size: '512x512' });
    expect((await res.json()).error).toEqual(invalid(`Invalid value: '512x512'. ${SIZES_GPT}`, 'size', 'invalid_value'));
  });

  test('a generation defaults to dall-e-2 with no GPT-only parameter, to gpt-image-1.5 with one', async () => {
    const plain = await rawJson(fake, '/images/generations', { prompt: 'a kite' });
    expect(plain.status).toBe(404);
    expect((await plain.json()).error.message).toContain('`dall-e-2`');
    const gpt = await rawJson(fake, '/images/generations', { prompt: 'a kite', output_format: 'jpeg' });
    expect(gpt.status).toBe(200);
    expect((await gpt.json()).output_format).toBe('jpeg');
  });

  test("the Responses tool's default model is gpt-image-2.6-sunburst (standard sizes only)", async () => {
    expect((await tool('1024x1024')).status).toBe(200);
    const free = await tool('1536x864');
    expect(free.status).toBe(400);
    expect((await free.json()).error).toMatchObject({ code: 'invalid_value' });
  });
});

describe('gpt-image-2.6 models have the standard rules, not 2.5s', () => {
  test.each(['gpt-image-2.6-sunburst', 'gpt-image-2.6-flare'])('%s: standard sizes, no xhigh or max, no transparency', async (model) => {
    expectEnvelope(await errorOf(edit({ model, size: '1536x864' })), 400, invalid(`Invalid value: '1536x864'. ${SIZES_GPT}`, 'size', 'invalid_value'));
    for (const quality of ['xhigh', 'max']) {
      expectEnvelope(await errorOf(edit({ model, quality, size: '1024x1024' })), 400,
        invalid(`Invalid value: '${quality}'. Supported values are: 'low', 'medium', 'high', and 'auto'.`, 'quality', 'invalid_value'));
    }
    expectEnvelope(await errorOf(edit({ model, background: 'transparent', size: '1024x1024' })), 400,
      invalid('Transparent background is not supported for this model.', 'background', 'invalid_value'));
    const ok = await edit({ model, size: '1536x1024', quality: 'high' });
    expect(ok).toMatchObject({ size: '1536x1024', quality: 'high' });
  });

  test('2.5 keeps its free sizes and xhigh', async () => {
    expect((await edit({ model: 'gpt-image-2.5-flare', size: '1536x864', quality: 'xhigh' })).size).toBe('1536x864');
  });
});
