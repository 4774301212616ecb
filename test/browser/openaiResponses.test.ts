// The Responses API provider against the fake server: image and mask as data URLs or uploaded
// files, streamed partial images, follow-ups through previous_response_id, errors in the stream.
import { describe, expect, inject, test } from 'vitest';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { createResponsesProvider } from '../../src/services/openai/responses.ts';
import { describeError, EditFailure } from '../../src/core/openai/request/errors.ts';
import { DEFAULT_OPTIONS, type EditOptions } from '../../src/core/openai/request/options.ts';
import type { EditEvent, EditProvider } from '../../src/core/provider/types.ts';
import { paintedRect, picture } from './openaiHelpers.ts';

const KEY = 'sk-test-openai-responses-provider';
const control = fakeControl(inject('fakeOpenAI'));

function provider(uploadThresholdBytes?: number): EditProvider {
  return createResponsesProvider({
    connection: () => ({ baseURL: control.baseURL, apiKey: KEY, proxy: false }),
    retry: { maxRetries: 2, maxServerWaitMs: 60_000, baseMs: 50, capMs: 100 },
    uploadThresholdBytes,
  });
}

const opts = (o: Partial<EditOptions> = {}) => ({ ...DEFAULT_OPTIONS, api: 'responses', model: 'gpt-image-1.5', size: '1024x1024', quality: 'low', partialImages: 2, ...o });
const lastResponse = async () => (await control.requests({ path: '/v1/responses', apiKey: KEY })).at(-1)!;
const tool = async () => ((await lastResponse()).json as { tools: Record<string, unknown>[] }).tools[0]!;

describe('Responses API through the fake server', () => {
  test('image as input_image, mask as input_image_mask, partials streamed; a follow-up continues from the answer', async () => {
    const p = provider();
    const image = await picture(96, 64);
    const mask = paintedRect(96, 64, { x: 10, y: 10, w: 20, h: 30 });
    const events: EditEvent[] = [];
    const out = await p.edit({ prompt: 'a cat on the sofa', image, mask, options: opts({ moderation: 'low', inputFidelity: 'high' }), signal: new AbortController().signal, onEvent: (e) => events.push(e) });
    expect(events.filter((e) => e.type === 'partial')).toHaveLength(2);
    expect(out.images).toHaveLength(1);
    expect([out.width, out.height]).toEqual([1024, 1024]);
    expect(out.responseId).toMatch(/^resp_/);
    expect(out.provider).toBe('openai-responses');

    const req = await lastResponse();
    const body = req.json as { model: string; tools: Record<string, unknown>[]; input: { content: Record<string, unknown>[] }[]; tool_choice: unknown; stream: boolean };
    expect(body.model).toBe('gpt-5.5');
    expect(body.stream).toBe(true);
    expect(body.tool_choice).toEqual({ type: 'image_generation' });
    expect(body.tools[0]).toMatchObject({ type: 'image_generation', model: 'gpt-image-1.5', size: '1024x1024', quality: 'low', moderation: 'low', input_fidelity: 'high', partial_images: 2, output_format: 'png' });
    expect(body.tools[0]).not.toHaveProperty('output_compression');
    const content = body.input[0]!.content;
    expect(content[0]).toEqual({ type: 'input_text', text: 'a cat on the sofa' });
    expect(content[1]).toMatchObject({ type: 'input_image', detail: 'auto' });
    expect(String(content[1]!.image_url)).toMatch(/^data:image\/png;base64/);
    const maskFile = req.files.find((f) => f.field.includes('input_image_mask'))!;
    expect(maskFile).toMatchObject({ mimeType: 'image/png', width: 96, height: 64 });
    const alpha = await control.fileData(maskFile, 'alpha');
    expect([alpha[20 * 96 + 20], alpha[5 * 96 + 5], alpha.filter((a) => a === 0).length]).toEqual([0, 255, 600]);

    // "Now make it look realistic": only the prompt goes, continuing from the last answer.
    const next = await p.edit({ prompt: 'now make it look realistic', image, mask, options: opts({ previousResponseId: out.responseId! }), signal: new AbortController().signal });
    expect(next.images).toHaveLength(1);
    const follow = await lastResponse();
    const fb = follow.json as { previous_response_id: string; input: { content: { type: string }[] }[]; tools: Record<string, unknown>[] };
    expect(fb.previous_response_id).toBe(out.responseId);
    expect(fb.input[0]!.content.map((c) => c.type)).toEqual(['input_text']);
    expect(fb.tools[0]).not.toHaveProperty('input_image_mask');
    expect(next.responseId).not.toBe(out.responseId);
  });

  test("the tool's action: edit with a picture and on a follow-up, generate without; reported with the options sent", async () => {
    const p = provider();
    const image = await picture(48, 48);
    const edited = await p.edit({ prompt: 'a hat', image, mask: paintedRect(48, 48, { x: 0, y: 0, w: 10, h: 10 }), options: opts({ partialImages: 0 }), signal: new AbortController().signal });
    expect((await tool()).action).toBe('edit');
    expect(edited.sentOptions).toMatchObject({ action: 'edit' });
    const followed = await p.edit({ prompt: 'now blue', image, mask: null, options: opts({ partialImages: 0, previousResponseId: edited.responseId! }), signal: new AbortController().signal });
    expect((await tool()).action).toBe('edit');
    expect(followed.sentOptions).toMatchObject({ action: 'edit' });
    const drawn = await p.edit({ prompt: 'a lighthouse', image: null, mask: null, options: opts({ partialImages: 0 }), signal: new AbortController().signal });
    expect((await tool()).action).toBe('generate');
    expect(drawn.sentOptions).toMatchObject({ action: 'generate' });
  });

  test('a partial image without output_format is labelled with the format asked for', async () => {
    await control.script([{ path: '/v1/responses', apiKey: KEY, fault: { kind: 'partialsWithoutFormat' } }]);
    const events: EditEvent[] = [];
    await provider().edit({ prompt: 'a kite', image: null, mask: null, options: opts({ outputFormat: 'webp', partialImages: 2 }), signal: new AbortController().signal, onEvent: (e) => events.push(e) });
    expect(events.flatMap((e) => (e.type === 'partial' ? [e.image.type] : []))).toEqual(['image/webp', 'image/webp']);
  });

  test('large or reused images are uploaded once through the Files API (purpose vision) and sent by file_id', async () => {
    const p = provider(0);
    const image = await picture(80, 80);
    const mask = paintedRect(80, 80, { x: 0, y: 0, w: 40, h: 80 });
    const uploadsBefore = (await control.requests({ path: '/v1/files', apiKey: KEY })).length;
    await p.edit({ prompt: 'first', image, mask, options: opts(), signal: new AbortController().signal });
    const uploads = (await control.requests({ path: '/v1/files', apiKey: KEY })).slice(uploadsBefore);
    expect(uploads).toHaveLength(2);
    for (const u of uploads) expect(u.fields).toMatchObject({ purpose: 'vision' });
    const body = (await lastResponse()).json as { input: { content: Record<string, unknown>[] }[]; tools: { input_image_mask: Record<string, unknown> }[] };
    expect(body.input[0]!.content[1]).toMatchObject({ type: 'input_image', file_id: expect.stringMatching(/^file-/) });
    expect(body.input[0]!.content[1]).not.toHaveProperty('image_url');
    expect(body.tools[0]!.input_image_mask).toEqual({ file_id: expect.stringMatching(/^file-/) });

    // The same picture again: no new upload, the same ids.
    await p.edit({ prompt: 'second', image, mask, options: opts(), signal: new AbortController().signal });
    expect((await control.requests({ path: '/v1/files', apiKey: KEY })).length - uploadsBefore).toBe(2);
    const again = (await lastResponse()).json as typeof body;
    expect(again.input[0]!.content[1]!.file_id).toBe(body.input[0]!.content[1]!.file_id);
  });

  test('a small image sent a second time is uploaded then (reused), not inlined again', async () => {
    const p = provider();
    const image = await picture(40, 40);
    await p.edit({ prompt: 'one', image, mask: null, options: opts(), signal: new AbortController().signal });
    const first = (await lastResponse()).json as { input: { content: Record<string, unknown>[] }[] };
    expect(first.input[0]!.content[1]).toHaveProperty('image_url');
    await p.edit({ prompt: 'two', image, mask: null, options: opts(), signal: new AbortController().signal });
    const second = (await lastResponse()).json as typeof first;
    expect(second.input[0]!.content[1]).toHaveProperty('file_id');
  });

  test('with no image the tool generates; errors in the stream and lost conversations get their messages', async () => {
    const p = provider();
    const out = await p.edit({ prompt: 'a lighthouse', image: null, mask: null, options: opts({ outputFormat: 'jpeg', compression: 50 }), signal: new AbortController().signal });
    expect(out.images[0]!.type).toBe('image/jpeg');
    expect(((await lastResponse()).json as { tools: Record<string, unknown>[] }).tools[0]).toMatchObject({ output_format: 'jpeg', output_compression: 50 });

    const fail = async (o: Partial<EditOptions>) => {
      try {
        await p.edit({ prompt: 'x', image: null, mask: null, options: opts(o), signal: new AbortController().signal });
        return null;
      } catch (e) {
        return e instanceof EditFailure ? describeError(e.info) : null;
      }
    };
    await control.script([{ path: '/v1/responses', apiKey: KEY, fault: { kind: 'streamError', afterPartials: 1, error: 'moderation_blocked' } }]);
    expect((await fail({}))?.key).toBe('openai.error.moderation');
    expect((await fail({ previousResponseId: 'resp_gone' }))?.key).toBe('openai.error.previousResponse');
    await control.script([{ path: '/v1/responses', apiKey: KEY, fault: { kind: 'error', error: 'organization_verification' } }]);
    expect((await fail({}))?.key).toBe('openai.error.verification');
  });

  test('Cancel mid-stream aborts the Responses stream too', async () => {
    await control.script([{ path: '/v1/responses', apiKey: KEY, mode: { delayMs: 700 } }]);
    const ctl = new AbortController();
    let err: unknown = null;
    try {
      await provider().edit({ prompt: 'x', image: null, mask: null, options: opts({ partialImages: 3 }), signal: ctl.signal, onEvent: (e) => { if (e.type === 'partial') ctl.abort(); } });
    } catch (e) { err = e; }
    expect(err instanceof EditFailure && err.info.kind).toBe('aborted');
    // The connection was closed mid-stream: the fake found it gone before its next frame.
    await expect.poll(async () => (await lastResponse()).outcome, { timeout: 10_000 }).toBe('aborted');
  });
});
