// The Images API provider against the fake OpenAI server, in real Chromium: what is sent,
// streaming partials, generation, dall-e-2 padding, every catalogue error, retries, cancel.
import { describe, expect, inject, test } from 'vitest';
import { fakeControl, type LoggedRequest } from '../fake-openai/controlClient.ts';
import type { CatalogueName } from '../fake-openai/errors.ts';
import { createImagesProvider } from '../../src/services/openai/images.ts';
import { describeError, EditFailure, type ErrorKey } from '../../src/core/openai/request/errors.ts';
import { DEFAULT_OPTIONS, type EditOptions } from '../../src/core/openai/request/options.ts';
import type { EditEvent, EditOutput, EditProvider } from '../../src/core/provider/types.ts';
import type { OpenAIProviderDeps } from '../../src/services/openai/common.ts';
import { paintedRect, picture } from './openaiHelpers.ts';

// Browser test files share one fake server: this file's requests and faults go by its own key.
const KEY = 'sk-test-openai-images-provider';
const control = fakeControl(inject('fakeOpenAI'));

function provider(over: Partial<OpenAIProviderDeps> = {}, gateway = false): EditProvider {
  return createImagesProvider({
    connection: () => ({ baseURL: gateway ? control.gatewayURL : control.baseURL, apiKey: KEY, proxy: false }),
    retry: { maxRetries: 3, maxServerWaitMs: 60_000, baseMs: 50, capMs: 200 },
    ...over,
  });
}

interface Run { out?: EditOutput; error?: EditFailure; events: EditEvent[] }

async function run(p: EditProvider, job: { prompt?: string; image?: ImageBitmap | null; mask?: Uint8Array | null; references?: Blob[]; options?: Partial<EditOptions>; signal?: AbortSignal; onEvent?: (e: EditEvent) => void }): Promise<Run> {
  const events: EditEvent[] = [];
  try {
    const out = await p.edit({
      prompt: job.prompt ?? 'a red door', image: job.image ?? null, mask: job.mask ?? null, references: job.references ?? [],
      options: { ...DEFAULT_OPTIONS, ...job.options }, signal: job.signal ?? new AbortController().signal,
      onEvent: (e) => { events.push(e); job.onEvent?.(e); },
    });
    return { out, events };
  } catch (e) {
    if (!(e instanceof EditFailure)) throw e;
    return { error: e, events };
  }
}

const mine = async (path: string): Promise<LoggedRequest[]> => control.requests({ path, apiKey: KEY });
const last = async (path: string) => (await mine(path)).at(-1)!;

describe('Images API edit through the fake server', () => {
  test('sends image.png and mask.png of equal size, the mask transparent exactly where painted; streams partials', async () => {
    const image = await picture(120, 80);
    const mask = paintedRect(120, 80, { x: 30, y: 20, w: 40, h: 25 });
    const r = await run(provider(), { image, mask, options: { model: 'gpt-image-1.5', size: '1536x1024', quality: 'low', partialImages: 2, outputFormat: 'webp', compression: 70 } });
    expect(r.error).toBeUndefined();
    const partials = r.events.filter((e) => e.type === 'partial');
    expect(partials.length).toBe(2);
    expect(r.out!.images).toHaveLength(1);
    expect(r.out!.images[0]!.type).toBe('image/webp');
    expect([r.out!.width, r.out!.height]).toEqual([1536, 1024]);
    expect(r.out!.usage!.outputTokens).toBeGreaterThan(0);

    const req = await last('/v1/images/edits');
    expect(req.fields).toMatchObject({ model: 'gpt-image-1.5', prompt: 'a red door', size: '1536x1024', quality: 'low', output_format: 'webp', output_compression: '70', stream: 'true', partial_images: '2', n: '1' });
    expect(req.fields).not.toHaveProperty('response_format');
    expect(req.fields).not.toHaveProperty('moderation');
    const img = req.files.find((f) => f.field === 'image')!;
    const m = req.files.find((f) => f.field === 'mask')!;
    expect(img).toMatchObject({ filename: 'image.png', mimeType: 'image/png', width: 120, height: 80 });
    expect(m).toMatchObject({ filename: 'mask.png', mimeType: 'image/png', width: 120, height: 80 });
    expect(m.png?.colorType).toBe(6);
    const alpha = await control.fileData(m, 'alpha');
    let wrong = 0;
    for (let y = 0; y < 80; y++) for (let x = 0; x < 120; x++) {
      const inside = x >= 30 && x < 70 && y >= 20 && y < 45;
      if (alpha[y * 120 + x] !== (inside ? 0 : 255)) wrong++;
    }
    expect(wrong).toBe(0);
  });

  test('a partial image without output_format is labelled with the format asked for, not PNG', async () => {
    await control.script([{ path: '/v1/images/edits', apiKey: KEY, fault: { kind: 'partialsWithoutFormat' } }]);
    const image = await picture(64, 64);
    const r = await run(provider(), { image, mask: paintedRect(64, 64, { x: 0, y: 0, w: 16, h: 16 }), options: { model: 'gpt-image-1.5', size: '1024x1024', quality: 'low', partialImages: 2, outputFormat: 'jpeg', compression: 60 } });
    expect(r.error).toBeUndefined();
    const partials = r.events.flatMap((e) => (e.type === 'partial' ? [e.image.type] : []));
    expect(partials).toEqual(['image/jpeg', 'image/jpeg']);
    expect(r.out!.images[0]!.type).toBe('image/jpeg');
  });

  test('references beyond what the model takes are never sent: dall-e-2 gets exactly one image', async () => {
    const image = await picture(64, 64);
    const c = new OffscreenCanvas(16, 16);
    c.getContext('2d')!.fillRect(0, 0, 16, 16);
    const ref = await c.convertToBlob({ type: 'image/png' });
    const r = await run(provider({}, true), { image, mask: paintedRect(64, 64, { x: 0, y: 0, w: 8, h: 8 }), references: [ref, ref], options: { model: 'dall-e-2', size: '256x256' } });
    expect(r.error).toBeUndefined();
    const req = await last('/v1/images/edits');
    expect(req.files.map((f) => f.field).toSorted()).toEqual(['image', 'mask']);
  });

  test('n > 1 comes back as n images without streaming; references go as image[] after the painted one', async () => {
    const image = await picture(64, 64);
    const c = new OffscreenCanvas(32, 32);
    c.getContext('2d')!.fillRect(0, 0, 32, 32);
    const ref = await c.convertToBlob({ type: 'image/jpeg' });
    const p = createImagesProvider({ connection: () => ({ baseURL: control.baseURL, apiKey: KEY, proxy: false }) });
    const out = await p.edit({ prompt: 'x', image, mask: paintedRect(64, 64, { x: 0, y: 0, w: 8, h: 8 }), references: [ref], options: { ...DEFAULT_OPTIONS, model: 'gpt-image-1.5', n: 3, size: '1024x1024' }, signal: new AbortController().signal });
    expect(out.images).toHaveLength(3);
    const req = await last('/v1/images/edits');
    expect(req.fields).not.toHaveProperty('stream');
    expect(req.files.map((f) => [f.field, f.mimeType])).toEqual(expect.arrayContaining([['image[]', 'image/png'], ['image[]', 'image/jpeg'], ['mask', 'image/png']]));
  });

  test('with no image, a prompt generates through images.generate (streamed)', async () => {
    const r = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024', quality: 'low', partialImages: 1, moderation: 'low' } });
    expect(r.error).toBeUndefined();
    expect(r.events.some((e) => e.type === 'partial')).toBe(true);
    expect([r.out!.width, r.out!.height]).toEqual([1024, 1024]);
    const req = await last('/v1/images/generations');
    expect(req.json).toMatchObject({ model: 'gpt-image-2', moderation: 'low', stream: true, partial_images: 1 });
  });

  test('gpt-image-2 scales a big image down to its limit, mask with it, still 0/255', async () => {
    const image = await picture(4000, 1000);
    const mask = paintedRect(4000, 1000, { x: 0, y: 0, w: 2000, h: 1000 });
    const r = await run(provider(), { image, mask, options: { model: 'gpt-image-2', size: '3072x768', quality: 'low', partialImages: 0 } });
    expect(r.error).toBeUndefined();
    expect(r.out!.sentSize).toEqual({ width: 3840, height: 960 });
    const m = (await last('/v1/images/edits')).files.find((f) => f.field === 'mask')!;
    expect([m.width, m.height]).toEqual([3840, 960]);
    const alpha = await control.fileData(m, 'alpha');
    expect(new Set(alpha)).toEqual(new Set([0, 255]));
    expect(alpha[500 * 3840 + 1919]).toBe(0);
    expect(alpha[500 * 3840 + 1921]).toBe(255);
  });

  test('dall-e-2 through a gateway: a padded square, b64_json, mapped back; variations too', async () => {
    const image = await picture(200, 100);
    const mask = paintedRect(200, 100, { x: 0, y: 0, w: 200, h: 100 });
    const r = await run(provider({}, true), { image, mask, options: { model: 'dall-e-2', size: '256x256', n: 2 } });
    expect(r.error).toBeUndefined();
    expect(r.out!.images).toHaveLength(2);
    expect(r.out!.resultRegion).toEqual({ x: 0, y: 64 / 256, width: 1, height: 128 / 256 });
    const req = await last('/v1/images/edits');
    expect(req.gateway).toBe(true);
    expect(req.fields).toEqual({ model: 'dall-e-2', n: '2', prompt: 'a red door', response_format: 'b64_json', size: '256x256' });
    const m = req.files.find((f) => f.field === 'mask')!;
    const alpha = await control.fileData(m, 'alpha');
    expect([m.width, m.height]).toEqual([256, 256]);
    expect([alpha[10 * 256 + 128], alpha[63 * 256 + 128], alpha[64 * 256 + 128], alpha[191 * 256 + 128], alpha[192 * 256 + 128]]).toEqual([255, 255, 0, 0, 255]);

    const v = await run(provider({}, true), { image, options: { model: 'dall-e-2', size: '256x256', variation: true } });
    expect(v.error).toBeUndefined();
    expect((await last('/v1/images/variations')).fields).toEqual({ model: 'dall-e-2', n: '1', response_format: 'b64_json', size: '256x256' });
  });
});

describe('errors, retries and cancel', () => {
  const catalogue: [CatalogueName, ErrorKey][] = [
    ['unsupported_mimetype', 'openai.error.mime'], ['invalid_image_file', 'openai.error.imageMissing'],
    ['mask_size_mismatch', 'openai.error.maskSize'], ['mask_missing_alpha', 'openai.error.maskAlpha'],
    ['invalid_size', 'openai.error.size'], ['invalid_quality', 'openai.error.quality'], ['unknown_parameter', 'openai.error.unknownParameter'],
    ['invalid_png_output_compression', 'openai.error.compression'], ['transparent_jpeg', 'openai.error.transparent'],
    ['transparent_model', 'openai.error.transparent'], ['moderation_blocked', 'openai.error.moderation'],
    ['content_policy_violation', 'openai.error.moderation'], ['dalle2_image_mode', 'openai.error.dalleAlpha'],
    ['dalle2_png_4mb', 'openai.error.dalleFile'], ['missing_api_key', 'openai.error.auth'], ['invalid_api_key', 'openai.error.auth'],
    ['organization_verification', 'openai.error.verification'], ['model_not_found', 'openai.error.unknownModel'],
    ['insufficient_quota', 'openai.error.quota'], ['billing_hard_limit', 'openai.error.billing'],
    ['invalid_json', 'openai.error.badRequest'],
  ];
  test('each catalogue error becomes its message, sent once (never retried)', async () => {
    const image = await picture(32, 32);
    for (const [name, key] of catalogue) {
      const before = (await mine('/v1/images/edits')).length;
      await control.script([{ path: '/v1/images/edits', apiKey: KEY, fault: { kind: 'error', error: name } }]);
      const r = await run(provider(), { image, mask: paintedRect(32, 32, { x: 0, y: 0, w: 4, h: 4 }), options: { model: 'gpt-image-1.5', size: '1024x1024' } });
      expect(r.error, name).toBeDefined();
      expect(describeError(r.error!.info).key, name).toBe(key);
      expect((await mine('/v1/images/edits')).length - before, name).toBe(1);
    }
    await control.script([{ path: '/v1/images/edits', apiKey: KEY, fault: { kind: 'error', error: 'moderation_blocked', args: ['req-1', ['violence', 'self-harm'], 'input'] } }]);
    const r = await run(provider(), { image, options: { model: 'gpt-image-1.5' } });
    expect(describeError(r.error!.info).params).toMatchObject({ categories: 'violence, self-harm', stage: 'input' });
  });

  test('429 with retry-after is retried after exactly the wait asked, and the wait is announced', async () => {
    await control.script([
      { path: '/v1/images/generations', apiKey: KEY, fault: { kind: 'status', status: 429, retryAfter: 1 } },
      { path: '/v1/images/generations', apiKey: KEY, fault: { kind: 'status', status: 503, retryAfterMs: 300 } },
    ]);
    const r = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024', quality: 'low', partialImages: 0 } });
    expect(r.error).toBeUndefined();
    const retries = r.events.filter((e) => e.type === 'retry');
    expect(retries).toEqual([
      { type: 'retry', attempt: 1, waitMs: 1000, reason: 'HTTP 429' },
      { type: 'retry', attempt: 2, waitMs: 300, reason: 'HTTP 503' },
    ]);
    const log = await mine('/v1/images/generations');
    expect(log.slice(-3).map((q) => q.status)).toEqual([429, 503, 200]);
  });

  test('500s back off and give up after the limit; x-should-retry: false and long waits are not retried', async () => {
    await control.script([{ path: '/v1/images/generations', apiKey: KEY, times: 4, fault: { kind: 'status', status: 500 } }]);
    const r = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024' } });
    expect(describeError(r.error!.info).key).toBe('openai.error.server');
    expect(r.events.filter((e) => e.type === 'retry').map((e) => (e as { attempt: number }).attempt)).toEqual([1, 2, 3]);

    await control.script([{ path: '/v1/images/generations', apiKey: KEY, fault: { kind: 'status', status: 503, shouldRetry: false } }]);
    const n = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024' } });
    expect(n.events.some((e) => e.type === 'retry')).toBe(false);

    await control.script([{ path: '/v1/images/generations', apiKey: KEY, fault: { kind: 'status', status: 429, retryAfter: 600 } }]);
    const long = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024' } });
    expect(describeError(long.error!.info)).toEqual({ key: 'openai.error.retryLater', params: { seconds: 600 } });
  });

  test('a stream dropped midway is reported and not retried (it may be billed)', async () => {
    const before = (await mine('/v1/images/generations')).length;
    await control.script([{ path: '/v1/images/generations', apiKey: KEY, fault: { kind: 'dropStream', afterPartials: 1 } }]);
    const r = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024', partialImages: 2 } });
    expect(r.events.filter((e) => e.type === 'partial')).toHaveLength(1);
    expect(r.error!.info.kind).toBe('stream-dropped');
    expect((await mine('/v1/images/generations')).length - before).toBe(1);
  });

  test('an error event inside the stream becomes its message', async () => {
    await control.script([{ path: '/v1/images/generations', apiKey: KEY, fault: { kind: 'streamError', afterPartials: 1 } }]);
    const r = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024', partialImages: 2 } });
    expect(describeError(r.error!.info).key).toBe('openai.error.moderation');
  });

  test('Cancel aborts mid-stream at once', async () => {
    await control.script([{ path: '/v1/images/generations', apiKey: KEY, mode: { delayMs: 1500 } }]);
    const ctl = new AbortController();
    const r = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024', partialImages: 3 }, signal: ctl.signal, onEvent: (e) => { if (e.type === 'partial') ctl.abort(); } });
    expect(r.events.filter((e) => e.type === 'partial')).toHaveLength(1);
    expect(r.error!.info.kind).toBe('aborted');
    expect(describeError(r.error!.info).key).toBe('openai.error.cancelled');
    // The connection was closed mid-stream: the fake found it gone before its next frame.
    await expect.poll(async () => (await last('/v1/images/generations')).outcome, { timeout: 10_000 }).toBe('aborted');
  });

  test('Cancel during a retry wait stops there', async () => {
    await control.script([{ path: '/v1/images/generations', apiKey: KEY, fault: { kind: 'status', status: 429, retryAfter: 30 } }]);
    const ctl = new AbortController();
    const r = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024' }, signal: ctl.signal, onEvent: (e) => { if (e.type === 'retry') ctl.abort(); } });
    expect(r.error!.info.kind).toBe('aborted');
  });

  test('a request that never answers times out with its message; a success without an image says so', async () => {
    await control.script([{ path: '/v1/images/generations', apiKey: KEY, fault: { kind: 'hang' } }]);
    const r = await run(provider({ timeoutMs: 800 }), { options: { model: 'gpt-image-2', size: '1024x1024' } });
    expect(describeError(r.error!.info).key).toBe('openai.error.timeout');
    await control.script([{ path: '/v1/images/generations', apiKey: KEY, fault: { kind: 'noImage' } }]);
    const none = await run(provider(), { options: { model: 'gpt-image-2', size: '1024x1024', n: 2 } });
    expect(describeError(none.error!.info).key).toBe('openai.error.noImage');
  });
});
