// The fake's /v1/images/edits through the real openai SDK 7.57 and raw fetch: what it accepts
// (sizes, usage, pixels) and each rejection with the exact envelope of contract §6.
import { toFile } from 'openai';
import jpeg from 'jpeg-js';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { FILL_COLOURS, OUTSIDE_DARKEN, startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { imageInfo } from '../fake-openai/imageCodec.ts';
import { dataUrl, decodePng, errorOf, expectEnvelope, maskPng, pixelAt, png, pngFile, rawEdit, rawJson, sdk } from './fakeOpenAIKit.ts';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake ??= await startFakeOpenAI();
  fake.reset();
});
afterAll(() => fake?.close());

const image = () => pngFile(png(300, 200), 'photo.png');
const mask = () => pngFile(maskPng(300, 200, { x: 100, y: 50, w: 100, h: 100 }), 'mask.png');
const edit = (over: Record<string, unknown> = {}) =>
  sdk(fake).images.edit({ model: 'gpt-image-1.5', prompt: 'a red balloon', image: image(), mask: mask(), ...over } as never);

describe('accepted edits', () => {
  test('a valid edit: nearest size for auto, usage per §7, masked area filled, the rest untouched', async () => {
    const r = await edit();
    expect(r).toMatchObject({ size: '1536x1024', quality: 'high', background: 'opaque', output_format: 'png' });
    expect(r.usage).toMatchObject({ output_tokens: 6208, input_tokens_details: { text_tokens: 4 } });
    expect(r.usage!.input_tokens_details!.image_tokens).toBeGreaterThan(0);
    expect(r.usage!.total_tokens).toBe(r.usage!.input_tokens + r.usage!.output_tokens);
    const out = decodePng(r.data![0]!.b64_json!);
    expect([out.width, out.height]).toEqual([1536, 1024]);
    // Output (768,512) maps to source (150,100), inside the mask; (52,52) to source (10,10), outside.
    expect(pixelAt(out, 768, 512)).toEqual([...FILL_COLOURS[0]!, 255]);
    expect(pixelAt(out, 52, 52)).toEqual([10, 10, 90, 255]);
    expect(r.data![0]!.revised_prompt).toBeUndefined();
  });

  test('the request log holds the mask as sent: transparent exactly in the painted rectangle', async () => {
    await edit();
    const [req] = fake.requests({ path: '/v1/images/edits' });
    expect(req!.fields).toMatchObject({ model: 'gpt-image-1.5', prompt: 'a red balloon' });
    const m = req!.files.find((f) => f.field === 'mask')!;
    expect(m).toMatchObject({ filename: 'mask.png', mimeType: 'image/png', width: 300, height: 200, png: { colorType: 6, hasAlpha: true } });
    const alpha = m.alpha()!;
    expect(alpha[100 * 300 + 150]).toBe(0);
    expect(alpha[49 * 300 + 150]).toBe(255);
    expect(alpha.filter((a) => a === 0).length).toBe(100 * 100);
  });

  test('n, jpeg with compression, explicit size and quality; usage scales with n', async () => {
    const r = await edit({ n: 2, size: '1024x1024', quality: 'low', output_format: 'jpeg', output_compression: 60 });
    expect(r.data).toHaveLength(2);
    expect(r.usage!.output_tokens).toBe(272 * 2);
    const j = jpeg.decode(Buffer.from(r.data![1]!.b64_json!, 'base64'));
    expect([j.width, j.height]).toEqual([1024, 1024]);
  });

  test('webp output is a WebP of the requested size', async () => {
    const r = await edit({ output_format: 'webp', size: '1024x1536' });
    expect(imageInfo(Buffer.from(r.data![0]!.b64_json!, 'base64'))).toMatchObject({ format: 'webp', width: 1024, height: 1536 });
  });

  test('gpt-image-2 honours a free size and bills it per pixel', async () => {
    const r = await edit({ model: 'gpt-image-2', size: '1536x864', quality: 'medium' });
    expect(r.size).toBe('1536x864');
    expect(decodePng(r.data![0]!.b64_json!).width).toBe(1536);
    expect(r.usage!.output_tokens).toBe(Math.round((1056 * 1536 * 864) / (1024 * 1024)));
  });

  test('several images go as image[]; the mask applies to the first', async () => {
    const r = await edit({ image: [image(), pngFile(png(64, 64), 'ref.png')] });
    expect(pixelAt(decodePng(r.data![0]!.b64_json!), 768, 512)).toEqual([...FILL_COLOURS[0]!, 255]);
    // The SDK puts files after the scalars in any order (contract §5): compare as a set.
    expect(fake.requests()[0]!.files.map((f) => f.field).toSorted()).toEqual(['image[]', 'image[]', 'mask']);
  });

  test('alterOutsideMask mode darkens pixels outside the mask too', async () => {
    fake.setMode({ alterOutsideMask: true });
    const out = decodePng((await edit()).data![0]!.b64_json!);
    const k = 1 - OUTSIDE_DARKEN;
    expect(pixelAt(out, 52, 52)).toEqual([Math.round(10 * k), Math.round(10 * k), Math.round(90 * k), 255]);
    expect(pixelAt(out, 768, 512)).toEqual([...FILL_COLOURS[0]!, 255]);
  });

  test('the JSON variant: images by data URL and file_id, mask by data URL, moderation allowed', async () => {
    const file = await sdk(fake).files.create({ file: await toFile(png(300, 200), 'up.png', { type: 'image/png' }), purpose: 'vision' });
    const res = await rawJson(fake, '/images/edits', {
      model: 'gpt-image-1.5', prompt: 'x', moderation: 'low',
      images: [{ image_url: dataUrl(png(300, 200)) }, { file_id: file.id }],
      mask: { image_url: dataUrl(maskPng(300, 200, { x: 0, y: 0, w: 10, h: 10 })) },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).size).toBe('1536x1024');
    expect(fake.requests({ path: '/v1/images/edits' })[0]!.files.map((f) => f.field)).toEqual(['images[0].image_url', 'images[1].file_id', 'mask.image_url']);
  });
});

const invalid = (message: string, param: string | null, code: string | null) => ({ message, type: 'invalid_request_error', param, code });
const SIZES_GPT = "Supported values are: '1024x1024', '1024x1536', '1536x1024', and 'auto'.";

describe('rejected edits, with the envelopes of contract §6', () => {
  test('an untyped Blob (application/octet-stream)', async () => {
    const e = await errorOf(edit({ image: new Blob([new Uint8Array(png(300, 200))]) }));
    expectEnvelope(e, 400, invalid("Invalid file 'image': unsupported mimetype ('application/octet-stream'). Supported file formats are 'image/jpeg', 'image/png', and 'image/webp'.", 'image', 'unsupported_file_mimetype'));
  });

  test('a mask without an alpha channel (RGB and grey)', async () => {
    for (const colorType of [2, 0] as const) {
      const e = await errorOf(edit({ mask: pngFile(png(300, 200, () => [255, 255, 255, 255], colorType), 'mask.png') }));
      expectEnvelope(e, 400, invalid('Invalid mask image format - mask image missing alpha channel', 'mask', 'invalid_value'));
    }
  });

  test('a mask of another size than the first image', async () => {
    const e = await errorOf(edit({ mask: pngFile(maskPng(200, 300, { x: 0, y: 0, w: 5, h: 5 }), 'mask.png') }));
    expectEnvelope(e, 400, invalid('Invalid mask image format - mask size does not match image size', 'mask', 'invalid_value'));
  });

  test('a JPEG mask', async () => {
    const e = await errorOf(edit({ mask: pngFile(png(300, 200), 'mask.jpg', 'image/jpeg') }));
    expectEnvelope(e, 400, invalid("Invalid file 'mask': unsupported mimetype ('image/jpeg'). Supported file formats are 'image/png'.", 'mask', 'unsupported_file_mimetype'));
  });

  test.each([
    ['gpt-image-1.5', '512x512', 400, invalid(`Invalid value: '512x512'. ${SIZES_GPT}`, 'size', 'invalid_value')],
    ['gpt-image-1-mini', '1536x864', 400, invalid(`Invalid value: '1536x864'. ${SIZES_GPT}`, 'size', 'invalid_value')],
    ['gpt-image-2', '1000x1000', 400, invalid("Invalid size '1000x1000': width and height must both be multiples of 16. (fake)", 'size', 'invalid_value')],
    ['gpt-image-2', '3840x1008', 400, invalid("Invalid size '3840x1008': the aspect ratio must be between 1:3 and 3:1. (fake)", 'size', 'invalid_value')],
    ['gpt-image-2', '4096x2304', 400, invalid("Invalid size '4096x2304': the longest edge must be at most 3840 pixels. (fake)", 'size', 'invalid_value')],
    ['gpt-image-2', '512x512', 400, invalid("Invalid size '512x512': the total pixel count must be between 655360 and 8294400. (fake)", 'size', 'invalid_value')],
  ])('%s rejects size %s', async (model, size, status, body) => {
    expectEnvelope(await errorOf(edit({ model, size })), status, body);
  });

  test('quality standard on a GPT model; xhigh only on 2.5+', async () => {
    expectEnvelope(await errorOf(edit({ quality: 'standard' })), 400, invalid("Invalid value: 'standard'. Supported values are: 'low', 'medium', 'high', and 'auto'.", 'quality', 'invalid_value'));
    expect((await edit({ model: 'gpt-image-2.5-sunburst', quality: 'xhigh', size: '1024x1024' })).quality).toBe('xhigh');
  });

  test('compression below 100 with PNG output', async () => {
    expectEnvelope(await errorOf(edit({ output_compression: 80 })), 400,
      { message: 'Compression less than 100 is not supported for PNG output format', type: 'image_generation_user_error', param: 'output_compression', code: 'invalid_png_output_compression' });
  });

  test('transparent background with JPEG, and on gpt-image-2.6', async () => {
    expectEnvelope(await errorOf(edit({ background: 'transparent', output_format: 'jpeg' })), 400,
      invalid('Transparent background is not supported for JPEG output format', 'background', 'invalid_value'));
    expectEnvelope(await errorOf(edit({ model: 'gpt-image-2.6-sunburst', background: 'transparent', size: '1024x1024' })), 400,
      invalid('Transparent background is not supported for this model.', 'background', 'invalid_value'));
  });

  test.each(['response_format', 'moderation', 'style', 'foo'])('%s is an unknown parameter on a GPT multipart edit', async (param) => {
    const res = await rawEdit(fake, { model: 'gpt-image-1.5', prompt: 'x', image: image(), [param]: 'b64_json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: invalid(`Unknown parameter: '${param}'.`, param, 'unknown_parameter') });
  });

  test('null-ish values: the SDK refuses null; strings that are not values are refused here', async () => {
    await expect(edit({ quality: null })).rejects.toThrow(TypeError);
    const n = await rawEdit(fake, { model: 'gpt-image-1.5', prompt: 'x', image: image(), n: 'null' });
    expect(await n.json()).toEqual({ error: invalid("Invalid type for 'n': expected an integer, but got a string instead.", 'n', 'invalid_type') });
    const q = await rawEdit(fake, { model: 'gpt-image-1.5', prompt: 'x', image: image(), quality: 'undefined' });
    expect((await q.json()).error.message).toBe("Invalid value: 'undefined'. Supported values are: 'low', 'medium', 'high', and 'auto'.");
    const j = await rawJson(fake, '/images/edits', { model: 'gpt-image-1.5', prompt: 'x', images: [{ image_url: dataUrl(png(8, 8)) }], size: null });
    expect((await j.json()).error).toMatchObject({ param: 'size', code: 'invalid_type' });
  });

  test('input_fidelity: omitted on gpt-image-2, only low on 1-mini', async () => {
    expectEnvelope(await errorOf(edit({ model: 'gpt-image-2', input_fidelity: 'low' })), 400,
      invalid("Unsupported parameter: 'input_fidelity' is not supported with this model.", 'input_fidelity', 'unsupported_parameter'));
    expectEnvelope(await errorOf(edit({ model: 'gpt-image-1-mini', input_fidelity: 'high' })), 400,
      invalid("Invalid value: 'high'. Supported values are: 'low'.", 'input_fidelity', 'invalid_value'));
  });

  test('n, partial_images and prompt limits', async () => {
    expectEnvelope(await errorOf(edit({ n: 11 })), 400, invalid("Invalid 'n': integer above maximum value. Expected a value <= 10, but got 11 instead.", 'n', 'integer_above_max_value'));
    expectEnvelope(await errorOf(edit({ partial_images: 4, stream: true })), 400, invalid("Invalid 'partial_images': integer above maximum value. Expected a value <= 3, but got 4 instead.", 'partial_images', 'integer_above_max_value'));
    expectEnvelope(await errorOf(edit({ prompt: 'x'.repeat(32001) })), 400, invalid("Invalid 'prompt': string too long. Expected a string with maximum length 32000, but got a string with length 32001 instead.", 'prompt', 'string_above_max_length'));
    const none = await rawEdit(fake, { model: 'gpt-image-1.5', image: image() });
    expect((await none.json()).error).toEqual(invalid("Missing required parameter: 'prompt'.", 'prompt', 'missing_required_parameter'));
  });

  test('17 images; a missing or empty image part', async () => {
    const e = await errorOf(edit({ image: Array.from({ length: 17 }, () => pngFile(png(8, 8))) , mask: undefined }));
    expect(e.error).toMatchObject({ param: 'image', code: 'array_above_max_length' });
    const bad = { message: 'Invalid image file or mode for image 1, please check your image file.', type: 'image_generation_user_error', param: null, code: null };
    expect((await (await rawEdit(fake, { model: 'gpt-image-1.5', prompt: 'x' })).json()).error).toEqual(bad);
    expect((await (await rawEdit(fake, { model: 'gpt-image-1.5', prompt: 'x', image: pngFile(Buffer.alloc(0)) })).json()).error).toEqual(bad);
    expect((await (await rawEdit(fake, { model: 'gpt-image-1.5', prompt: 'x', image: pngFile(png(300, 200).subarray(0, 200)) })).json()).error).toEqual(bad);
  });

  test('retired models answer model_not_found without gateway mode', async () => {
    for (const model of ['gpt-image-1', 'dall-e-2']) {
      expectEnvelope(await errorOf(edit({ model })), 404, invalid(`The model \`${model}\` does not exist or you do not have access to it.`, null, 'model_not_found'));
    }
  });
});

const gw = () => sdk(fake, { baseURL: fake.gatewayURL });
const square = (colorType: 2 | 6 = 6) => pngFile(png(256, 256, (x) => [x, 0, 0, x < 128 ? 0 : 255], colorType));

describe('gateway mode serves the retired models with their old rules', () => {
  test('gpt-image-1 works through /gateway/v1 and through gateway mode on /v1', async () => {
    expect((await gw().images.edit({ model: 'gpt-image-1', prompt: 'x', image: image() })).size).toBe('1536x1024');
    fake.setMode({ gateway: true });
    expect((await edit({ model: 'gpt-image-1' })).size).toBe('1536x1024');
  });

  test('dall-e-2: square PNG with alpha, its sizes, URL answers that download', async () => {
    const r = await gw().images.edit({ model: 'dall-e-2', prompt: 'x', image: square(), size: '256x256' });
    expect(r.usage).toBeUndefined();
    const got = await fetch(r.data![0]!.url!);
    expect(got.headers.get('content-type')).toBe('image/png');
    const out = decodePng(Buffer.from(await got.arrayBuffer()).toString('base64'));
    expect([out.width, out.height]).toEqual([256, 256]);
    // No mask: the image's own transparent half is what gets edited.
    expect(pixelAt(out, 10, 10)).toEqual([...FILL_COLOURS[0]!, 255]);
    expect(pixelAt(out, 200, 10)).toEqual([200, 0, 0, 255]);
  });

  test('dall-e-2 refusals', async () => {
    expectEnvelope(await errorOf(gw().images.edit({ model: 'dall-e-2', prompt: 'x', image: square(2) })), 400,
      invalid("Invalid input image - format must be in ['RGBA', 'LA', 'L'], got RGB.", null, null));
    expectEnvelope(await errorOf(gw().images.edit({ model: 'dall-e-2', prompt: 'x', image: pngFile(png(256, 256), 'a.webp', 'image/webp') })), 400,
      invalid("Invalid file 'image': unsupported mimetype ('image/webp'). Supported file formats are 'image/png'.", 'image', 'unsupported_file_mimetype'));
    expectEnvelope(await errorOf(gw().images.edit({ model: 'dall-e-2', prompt: 'x', image: square(), size: '1024x1536' })), 400,
      invalid("Invalid value: '1024x1536'. Supported values are: '256x256', '512x512', and '1024x1024'.", 'size', 'invalid_value'));
    expect((await errorOf(gw().images.edit({ model: 'dall-e-2', prompt: 'x'.repeat(1001), image: square() }))).error).toMatchObject({ code: 'string_above_max_length' });
    expect((await errorOf(gw().images.edit({ model: 'dall-e-2', prompt: 'x', image: pngFile(png(300, 200)) }))).error).toMatchObject({ param: 'image' });
    expect((await errorOf(gw().images.edit({ model: 'dall-e-2', prompt: 'x', image: square(), output_format: 'png' }))).error).toMatchObject({ code: 'unknown_parameter' });
  });

  test('dall-e-2 variations, b64_json', async () => {
    const r = await gw().images.createVariation({ model: 'dall-e-2', image: square(2), response_format: 'b64_json', n: 2, size: '512x512' });
    expect(r.data!.map((d) => decodePng(d.b64_json!).width)).toEqual([512, 512]);
    expect((await errorOf(sdk(fake).images.createVariation({ model: 'dall-e-2', image: square() }))).status).toBe(404);
  });
});

describe('generations', () => {
  test('GPT generation: JSON ImagesResponse; response_format and style are refused', async () => {
    const r = await sdk(fake).images.generate({ model: 'gpt-image-2', prompt: 'a kite', size: '2048x1152', quality: 'low', output_format: 'jpeg' });
    expect(r).toMatchObject({ size: '2048x1152', quality: 'low', output_format: 'jpeg' });
    expect(r.usage!.output_tokens).toBe(Math.round((272 * 2048 * 1152) / (1024 * 1024)));
    for (const param of ['response_format', 'style'] as const) {
      const e = await errorOf(sdk(fake).images.generate({ model: 'gpt-image-1.5', prompt: 'x', [param]: param === 'style' ? 'vivid' : 'url' }));
      expectEnvelope(e, 400, invalid(`Unknown parameter: '${param}'.`, param, 'unknown_parameter'));
    }
  });

  test('dall-e-3 (gateway): n=1, its sizes, revised_prompt and URL answers', async () => {
    const r = await gw().images.generate({ model: 'dall-e-3', prompt: 'a kite', size: '1792x1024', quality: 'hd', style: 'natural' });
    expect(r.data![0]!.revised_prompt).toBe('a kite (revised by the fake)');
    expect(r.data![0]!.url).toMatch(/\/__files\/img-/);
    expect((await errorOf(gw().images.generate({ model: 'dall-e-3', prompt: 'x', n: 2 }))).error).toMatchObject({ code: 'integer_above_max_value', param: 'n' });
    expect((await errorOf(gw().images.edit({ model: 'dall-e-3', prompt: 'x', image: image() }))).error).toMatchObject({ param: 'model', code: 'invalid_value' });
  });
});
