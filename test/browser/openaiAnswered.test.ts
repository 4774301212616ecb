// Once an answer has arrived it is never retried (it may be billed): the OpenAI providers against a
// stubbed fetch that answers exactly as each case needs, counting the requests made.
import { afterEach, describe, expect, test } from 'vitest';
import { createImagesProvider } from '../../src/services/openai/images.ts';
import { createResponsesProvider } from '../../src/services/openai/responses.ts';
import { describeError, EditFailure } from '../../src/core/openai/request/errors.ts';
import { DEFAULT_OPTIONS } from '../../src/core/openai/request/options.ts';
import type { EditProvider } from '../../src/core/provider/types.ts';
import type { OpenAIProviderDeps } from '../../src/services/openai/common.ts';
import { paintedRect, picture } from './openaiHelpers.ts';

const realFetch = globalThis.fetch;
afterEach(() => { globalThis.fetch = realFetch; });

/** Replaces fetch with `answer` (for the API only) and counts the calls. */
function stubFetch(answer: (n: number) => Response | Promise<Response>): { calls: () => number } {
  let n = 0;
  globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith('http://stub.test/')) return realFetch(input, init);
    n++;
    return answer(n);
  }) as typeof fetch;
  return { calls: () => n };
}

const sse = (frames: string[], then: 'end' | 'hang' | 'drop' = 'end') => new Response(new ReadableStream<Uint8Array>({
  start(c) {
    for (const f of frames) c.enqueue(new TextEncoder().encode(f));
    if (then === 'end') c.close();
    if (then === 'drop') c.error(new TypeError('network error'));
  },
}), { status: 200, headers: { 'content-type': 'text/event-stream' } });

const deps: Partial<OpenAIProviderDeps> = { retry: { maxRetries: 3, maxServerWaitMs: 1000, baseMs: 10, capMs: 20 }, idleTimeoutMs: 400, timeoutMs: 20_000 };
const connection = () => ({ baseURL: 'http://stub.test/v1', apiKey: 'sk-stub', proxy: false });

async function fail(p: EditProvider, options: Record<string, unknown> = {}): Promise<EditFailure> {
  const image = await picture(64, 48);
  try {
    await p.edit({
      prompt: 'p', image, mask: paintedRect(64, 48, { x: 10, y: 10, w: 20, h: 20 }),
      options: { ...DEFAULT_OPTIONS, model: 'gpt-image-1.5', size: '1024x1024', quality: 'low', partialImages: 1, ...options },
      signal: new AbortController().signal,
    });
  } catch (e) {
    if (e instanceof EditFailure) return e;
    throw e;
  }
  throw new Error('the edit did not fail');
}

const partialFrame = 'event: image_edit.partial_image\ndata: {"type":"image_edit.partial_image","b64_json":"","partial_image_index":0}\n\n';

describe('an answer that has begun is never retried', () => {
  test('a stream that opens and then stays silent times out (the watchdog runs from its headers), once', async () => {
    const f = stubFetch(() => sse([], 'hang'));
    const e = await fail(createImagesProvider({ ...deps, connection }));
    expect(describeError(e.info).key).toBe('openai.error.timeout');
    expect(f.calls()).toBe(1);
  });

  test('an error event as the stream begins is reported, not retried', async () => {
    const f = stubFetch(() => sse(['event: error\ndata: {"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}\n\n']));
    const e = await fail(createImagesProvider({ ...deps, connection }));
    expect(describeError(e.info)).toMatchObject({ key: 'openai.error.streamFailed', params: { message: 'The server had an error' } });
    expect(f.calls()).toBe(1);
  });

  test('a stream cut after a partial image is "dropped", once', async () => {
    const f = stubFetch(() => sse([partialFrame], 'drop'));
    const e = await fail(createImagesProvider({ ...deps, connection }));
    expect(describeError(e.info).key).toBe('openai.error.streamDropped');
    expect(f.calls()).toBe(1);
  });

  test('a plain answer that is not JSON is "could not be read", once', async () => {
    const f = stubFetch(() => new Response('{"created": 17138', { status: 200, headers: { 'content-type': 'application/json' } }));
    const e = await fail(createImagesProvider({ ...deps, connection }), { n: 2 });
    expect(describeError(e.info)).toEqual({ key: 'openai.error.malformed', params: { host: 'stub.test' } });
    expect(f.calls()).toBe(1);
  });

  test('a completed image that does not decode is "no image", once', async () => {
    const f = stubFetch(() => sse(['event: image_edit.completed\ndata: {"type":"image_edit.completed","b64_json":"bm90IGFuIGltYWdl","output_format":"png"}\n\n']));
    const e = await fail(createImagesProvider({ ...deps, connection }));
    expect(describeError(e.info).key).toBe('openai.error.noImage');
    expect(f.calls()).toBe(1);
  });

  test('Responses: an error event as the stream begins is reported, not retried', async () => {
    const f = stubFetch(() => sse(['event: error\ndata: {"type":"error","code":"server_error","message":"boom","param":null,"sequence_number":0}\n\n']));
    const e = await fail(createResponsesProvider({ ...deps, connection }), { api: 'responses' });
    expect(e.info.kind).toBe('api');
    expect(f.calls()).toBe(1);
  });

  test('but a connection that fails before any answer is retried, up to the limit', async () => {
    const f = stubFetch(() => { throw new TypeError('Failed to fetch'); });
    const e = await fail(createImagesProvider({ ...deps, connection }));
    expect(describeError(e.info)).toEqual({ key: 'openai.error.connection', params: { host: 'stub.test' } });
    expect(f.calls()).toBe(4);
  });
});
