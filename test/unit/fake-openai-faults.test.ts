// Faults on demand, each observed through the real SDK: retries honouring retry-after, the
// catalogue bodies, dropped connections, a request that never answers, broken and empty answers.
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { catalogue, type CatalogueName } from '../fake-openai/errors.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { KEY, decodePng, errorOf, expectEnvelope, png, pngFile, rawEdit, sdk } from './fakeOpenAIKit.ts';
import { sha256 } from '../fake-openai/record.ts';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake ??= await startFakeOpenAI();
  fake.reset();
});
afterAll(() => fake?.close());

const EDITS = '/v1/images/edits';
const body = (over: Record<string, unknown> = {}) =>
  ({ model: 'gpt-image-1-mini', prompt: 'x', size: '1024x1024', quality: 'low', image: pngFile(png(32, 32)), ...over }) as never;
const posts = () => fake.requests({ path: EDITS, method: 'POST' });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('retries', () => {
  test('429 with retry-after-ms: the SDK retries, counting in x-stainless-retry-count', async () => {
    fake.script([{ path: EDITS, times: 2, fault: { kind: 'status', status: 429, retryAfterMs: 10 } }]);
    const r = await sdk(fake, { maxRetries: 2 }).images.edit(body());
    expect(r.data).toHaveLength(1);
    expect(posts().map((q) => [q.status, q.headers['x-stainless-retry-count']])).toEqual([[429, '0'], [429, '1'], [200, '2']]);
    expect(posts()[0]!.fault).toBe('status');
  });

  test('429 with retry-after in seconds', async () => {
    fake.script([{ path: EDITS, fault: { kind: 'status', status: 429, retryAfter: 1 } }]);
    await sdk(fake, { maxRetries: 1 }).images.edit(body());
    expect(posts().map((q) => q.status)).toEqual([429, 200]);
  });

  test('the 429 body is the rate-limit envelope; x-should-retry:false stops the retry', async () => {
    fake.script([{ path: EDITS, fault: { kind: 'status', status: 429, shouldRetry: false } }]);
    const e = await errorOf(sdk(fake, { maxRetries: 2 }).images.edit(body()));
    expect(e.status).toBe(429);
    expect(e.error).toMatchObject({ code: 'rate_limit_exceeded', type: 'requests' });
    expect(posts()).toHaveLength(1);
  });

  test('500 and 503 are retried; a 500 with x-should-retry:false is not', async () => {
    fake.script([
      { path: EDITS, fault: { kind: 'status', status: 500, retryAfterMs: 5 } },
      { path: EDITS, fault: { kind: 'status', status: 503, retryAfterMs: 5 } },
    ]);
    await sdk(fake, { maxRetries: 2 }).images.edit(body());
    expect(posts().map((q) => q.status)).toEqual([500, 503, 200]);
    fake.script([{ path: EDITS, fault: { kind: 'status', status: 500, shouldRetry: false } }]);
    const e = await errorOf(sdk(fake, { maxRetries: 2 }).images.edit(body()));
    expectEnvelope(e, 500, { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null });
    expect(posts()).toHaveLength(4);
  });
});

describe('error bodies', () => {
  test('401: a wrong key against expectedKey, and no key at all; the key is never logged', async () => {
    fake.setMode({ expectedKey: KEY });
    const wrong = 'sk-wrong-key-9999';
    const e = await errorOf(sdk(fake, { apiKey: wrong }).images.edit(body()));
    expectEnvelope(e, 401, { message: 'Incorrect API key provided: sk-**********9999. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' });
    expect(posts()[0]!.auth).toEqual({ present: true, scheme: 'Bearer', keySha256: sha256(wrong), matchesExpected: false });
    await sdk(fake).images.edit(body());
    expect(posts()[1]!.auth.matchesExpected).toBe(true);
    const none = await fetch(`${fake.baseURL}/images/edits`, { method: 'POST' });
    expect(none.status).toBe(401);
    expect((await none.json()).error.message).toMatch(/^You didn't provide an API key/);
    const logged = JSON.stringify(await (await fetch(`${fake.controlURL}/requests`)).json());
    expect(logged).not.toContain(KEY);
    expect(logged).not.toContain(wrong);
  });

  test('403 organisation verification, 404 unknown model', async () => {
    fake.script([{ path: EDITS, fault: { kind: 'status', status: 403 } }]);
    const e = await errorOf(sdk(fake).images.edit(body()));
    expect(e.status).toBe(403);
    expect((e.error as { message: string }).message).toMatch(/^Your organization must be verified to use the model `gpt-image-1.5`/);
    expect((await errorOf(sdk(fake).images.edit(body({ model: 'gpt-image-7' })))).status).toBe(404);
  });

  test('moderation_blocked carries moderation_details', async () => {
    fake.script([{ fault: { kind: 'error', error: 'moderation_blocked', args: ['req-1', ['violence'], 'input'] } }]);
    const e = await errorOf(sdk(fake).images.edit(body()));
    expectEnvelope(e, 400, {
      message: 'Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID req-1. safety_violations=[violence].',
      type: 'image_generation_user_error', param: null, code: 'moderation_blocked',
      moderation_details: { moderation_stage: 'input', categories: ['violence'] },
    });
  });

  test('every catalogue entry can be scripted and arrives as its status and envelope', async () => {
    const names = Object.keys(catalogue) as CatalogueName[];
    fake.script(names.map((error) => ({ path: EDITS, fault: { kind: 'error' as const, error } })));
    for (const name of names) {
      const res = await rawEdit(fake, { model: 'gpt-image-1.5', prompt: 'x', image: pngFile(png(8, 8)) });
      const want = (catalogue[name] as () => { status: number; body: unknown })();
      expect([name, res.status, await res.json()]).toEqual([name, want.status, { error: want.body }]);
      expect(res.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
    }
    expect(fake.pendingScript()).toEqual([]);
  });

  test('the SDK error carries the x-request-id the log has', async () => {
    fake.script([{ fault: { kind: 'status', status: 400 } }]);
    const e = await errorOf(sdk(fake).images.edit(body()));
    expect(e.requestID).toBe(posts()[0]!.requestId);
  });
});

describe('broken connections and answers', () => {
  test('a connection dropped during the upload: APIConnectionError, retried when allowed', async () => {
    fake.script([{ path: EDITS, fault: { kind: 'dropUpload', afterBytes: 100 } }]);
    expect(await errorOf(sdk(fake).images.edit(body({ image: pngFile(png(512, 512)) })))).toBeInstanceOf(APIConnectionError);
    expect(posts()[0]!.outcome).toBe('dropped');
    fake.script([{ path: EDITS, fault: { kind: 'dropUpload' } }]);
    await sdk(fake, { maxRetries: 1 }).images.edit(body());
    expect(posts().map((q) => q.outcome)).toEqual(['dropped', 'dropped', 'answered']);
  });

  test('a stream dropped after one partial frame fails mid-iteration', async () => {
    fake.script([{ path: EDITS, fault: { kind: 'dropStream', afterPartials: 1 } }]);
    const stream = (await sdk(fake).images.edit(body({ stream: true, partial_images: 3 }))) as unknown as AsyncIterable<{ type: string }>;
    const got: string[] = [];
    const e = await errorOf((async () => { for await (const ev of stream) got.push(ev.type); })());
    expect(got).toEqual(['image_edit.partial_image']);
    expect(e).toBeInstanceOf(Error);
    expect(posts()[0]!.outcome).toBe('dropped');
  });

  test('partialsWithoutFormat: partial frames leave out output_format, the completed frame keeps it', async () => {
    fake.script([{ path: EDITS, fault: { kind: 'partialsWithoutFormat' } }]);
    const stream = (await sdk(fake).images.edit(body({ stream: true, partial_images: 2, output_format: 'webp' }))) as unknown as AsyncIterable<Record<string, unknown>>;
    const got: Record<string, unknown>[] = [];
    for await (const ev of stream) got.push(ev);
    expect(got.map((ev) => [ev.type, 'output_format' in ev])).toEqual([
      ['image_edit.partial_image', false], ['image_edit.partial_image', false], ['image_edit.completed', true],
    ]);
    expect(got[2]!.output_format).toBe('webp');
  });

  test('a JSON answer cut in half', async () => {
    fake.script([{ path: EDITS, fault: { kind: 'dropStream' } }]);
    await expect(sdk(fake).images.edit(body())).rejects.toThrow();
  });

  test('an error event mid-stream becomes an APIError in the loop', async () => {
    fake.script([{ path: '/v1/responses', fault: { kind: 'streamError', afterPartials: 1 } }]);
    const stream = await sdk(fake).responses.create({ model: 'gpt-5.5', input: 'x', stream: true, tools: [{ type: 'image_generation', partial_images: 2, size: '1024x1024', quality: 'low' }] });
    const got: string[] = [];
    const e = await errorOf((async () => { for await (const ev of stream) got.push(ev.type); })());
    expect(got.filter((t) => t.endsWith('partial_image'))).toHaveLength(1);
    expect(got).not.toContain('response.completed');
    expect(e).toBeInstanceOf(APIError);
    expect(e.code).toBe('moderation_blocked');
  });

  test('a request that never answers: aborted by an AbortSignal, or timed out', async () => {
    fake.script([{ path: EDITS, times: 2, fault: { kind: 'hang' } }]);
    const ac = new AbortController();
    const pending = sdk(fake).images.edit(body(), { signal: ac.signal });
    await until(() => posts()[0]?.outcome === 'hung');
    ac.abort();
    expect(await errorOf(pending)).toBeInstanceOf(APIUserAbortError);
    await until(() => posts()[0]?.outcome === 'aborted');
    expect(await errorOf(sdk(fake).images.edit(body(), { timeout: 300 }))).toBeInstanceOf(APIConnectionTimeoutError);
  });

  test('malformed JSON in a 200', async () => {
    fake.script([{ path: EDITS, fault: { kind: 'malformedJson' } }]);
    await expect(sdk(fake).images.edit(body())).rejects.toThrow();
    const res = await rawEdit(fake, { model: 'gpt-image-1.5', prompt: 'x', image: pngFile(png(8, 8)) });
    expect(res.status).toBe(200);
  });

  test('a 200 with no image in it', async () => {
    fake.script([{ path: EDITS, fault: { kind: 'noImage' } }, { path: '/v1/responses', fault: { kind: 'noImage' } }]);
    expect((await sdk(fake).images.edit(body())).data).toEqual([]);
    const r = await sdk(fake).responses.create({ model: 'gpt-5.5', input: 'x', tools: [{ type: 'image_generation' }] });
    expect(r.output.map((o) => o.type)).toEqual(['message']);
  });

  test('script matching: method, path prefix, gateway paths, times, what is left', async () => {
    fake.script([
      { path: '/v1/files', fault: { kind: 'status', status: 500, shouldRetry: false } },
      { path: '/v1/images/*', method: 'POST', times: 3, fault: { kind: 'status', status: 503, shouldRetry: false } },
    ]);
    const gw = sdk(fake, { baseURL: fake.gatewayURL });
    expect((await errorOf(gw.images.edit(body({ model: 'gpt-image-1' })))).status).toBe(503);
    expect(fake.requests()[0]).toMatchObject({ path: '/gateway/v1/images/edits', apiPath: EDITS, gateway: true });
    expect(fake.pendingScript().map((e) => e.times)).toEqual([1, 2]);
  });

  test('entries scoped to an API key, and per-request mode overrides', async () => {
    fake.script([
      { apiKey: 'sk-other-file', fault: { kind: 'status', status: 500, shouldRetry: false } },
      { apiKey: KEY, mode: { alterOutsideMask: true } },
    ]);
    const mine = await sdk(fake).images.edit(body({ image: pngFile(png(32, 32, () => [200, 200, 200, 255])), mask: pngFile(png(32, 32, () => [0, 0, 0, 255])) }));
    expect(decodePng(mine.data![0]!.b64_json!).data[0]).toBe(150);
    expect(fake.pendingScript()).toHaveLength(1);
    expect(fake.pendingScript()[0]).not.toHaveProperty('apiKey');
    expect((await errorOf(sdk(fake, { apiKey: 'sk-other-file' }).images.edit(body()))).status).toBe(500);
    expect(fake.requests({ apiKey: 'sk-other-file' })).toHaveLength(1);
  });
});
