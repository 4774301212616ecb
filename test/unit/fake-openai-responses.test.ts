// Both streaming formats parsed by the real SDK (contract §3, §4), the Responses API with the
// image_generation tool, Files references, and response chains through previous_response_id.
import { toFile } from 'openai';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { FILL_COLOURS, UNMASKED_TINT, startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { KEY, dataUrl, decodePng, errorOf, expectEnvelope, maskPng, pixelAt, png, pngFile, rawJson, sdk } from './fakeOpenAIKit.ts';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake ??= await startFakeOpenAI();
  fake.reset();
});
afterAll(() => fake?.close());

/** Mean absolute RGB difference of two same-size images. */
function distance(a: { data: Uint8Array }, b: { data: Uint8Array }): number {
  let d = 0;
  for (let i = 0; i < a.data.length; i += 4) for (let c = 0; c < 3; c++) d += Math.abs(a.data[i + c]! - b.data[i + c]!);
  return d / (a.data.length / 4);
}

const mix = (x: number, y: number) => Math.round(x + (y - x) * UNMASKED_TINT);

const userImage = (bytes: Buffer, text = 'put a hat on it') => [{
  role: 'user' as const,
  content: [{ type: 'input_text' as const, text }, { type: 'input_image' as const, detail: 'auto' as const, image_url: dataUrl(bytes) }],
}];

describe('Images API streaming', () => {
  test('images.edit({stream:true}): partial frames then completed, parsed by the SDK', async () => {
    const stream = await sdk(fake).images.edit({
      model: 'gpt-image-1.5', prompt: 'x', stream: true, partial_images: 2,
      image: pngFile(png(300, 200)), mask: pngFile(maskPng(300, 200, { x: 0, y: 0, w: 150, h: 200 })),
    });
    const events = [];
    for await (const ev of stream) events.push(ev);
    expect(events.map((e) => e.type)).toEqual(['image_edit.partial_image', 'image_edit.partial_image', 'image_edit.completed']);
    const [p0, p1, done] = events as [typeof events[0] & { partial_image_index: number }, typeof events[0] & { partial_image_index: number }, typeof events[0]];
    expect(p0).toMatchObject({ partial_image_index: 0, size: 'auto', quality: 'auto', background: 'auto', output_format: 'png' });
    expect(p1.partial_image_index).toBe(1);
    expect(typeof p0.created_at).toBe('number');
    expect(done).toMatchObject({ size: '1536x1024', quality: 'high', background: 'opaque', output_format: 'png' });
    expect((done as { usage: { output_tokens: number } }).usage.output_tokens).toBe(6208 + 2 * 100);
    const [i0, i1, fin] = events.map((e) => decodePng(e.b64_json));
    expect(distance(i0!, fin!)).toBeGreaterThan(distance(i1!, fin!));
    expect(distance(i1!, fin!)).toBeGreaterThan(0);
  });

  test('the wire format is event:/data: frames of text/event-stream', async () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({ model: 'gpt-image-1-mini', prompt: 'x', stream: 'true', partial_images: '1', size: '1024x1024' })) form.append(k, v);
    form.append('image', pngFile(png(32, 32)));
    const res = await fetch(`${fake.baseURL}/images/edits`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: form });
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const frames = (await res.text()).trim().split('\n\n').map((f) => f.split('\n'));
    expect(frames.map((f) => f[0])).toEqual(['event: image_edit.partial_image', 'event: image_edit.completed']);
    expect(JSON.parse(frames[1]![1]!.slice('data: '.length)).type).toBe('image_edit.completed');
  });

  test('images.generate({stream:true}) uses image_generation.* events', async () => {
    const stream = await sdk(fake).images.generate({ model: 'gpt-image-2', prompt: 'a gradient', stream: true, partial_images: 1, size: '1024x1024', quality: 'low' });
    const types = [];
    for await (const ev of stream) types.push(ev.type);
    expect(types).toEqual(['image_generation.partial_image', 'image_generation.completed']);
  });
});

describe('Responses API', () => {
  test('responses.create({stream:true}): the §4 event sequence; the image only in output_item.done', async () => {
    const stream = await sdk(fake).responses.create({
      model: 'gpt-5.5', stream: true, input: userImage(png(64, 64)),
      tools: [{ type: 'image_generation', partial_images: 2, size: '1024x1024', quality: 'low' }], tool_choice: { type: 'image_generation' },
    });
    const events = [];
    for await (const ev of stream) events.push(ev);
    expect(events.map((e) => e.type)).toEqual([
      'response.created', 'response.in_progress', 'response.output_item.added',
      'response.image_generation_call.in_progress', 'response.image_generation_call.generating',
      'response.image_generation_call.partial_image', 'response.image_generation_call.partial_image',
      'response.image_generation_call.completed', 'response.output_item.done', 'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const partial = events[5] as unknown as Record<string, unknown>;
    expect(partial).toMatchObject({ output_index: 0, partial_image_index: 0, size: '1024x1024', quality: 'low', output_format: 'png' });
    expect(typeof partial.partial_image_b64).toBe('string');
    expect(partial.b64_json).toBeUndefined();
    expect(Object.keys(events[7]!).toSorted()).toEqual(['item_id', 'output_index', 'sequence_number', 'type']);
    const done = events[8] as unknown as { item: { type: string; result: string; status: string } };
    expect(done.item).toMatchObject({ type: 'image_generation_call', status: 'completed' });
    expect(decodePng(done.item.result).width).toBe(1024);
    const completed = events[9] as unknown as { response: { output: { result: string }[]; tool_usage: { image_gen: { output_tokens: number } } } };
    expect(completed.response.output[0]!.result).toBe(done.item.result);
    expect(completed.response.tool_usage.image_gen.output_tokens).toBe(272 + 200);
  });

  test('input_image by data URL with input_image_mask: the masked area is edited', async () => {
    const r = await sdk(fake).responses.create({
      model: 'gpt-5.5', input: userImage(png(300, 200)),
      tools: [{ type: 'image_generation', input_image_mask: { image_url: dataUrl(maskPng(300, 200, { x: 100, y: 50, w: 100, h: 100 })) } }],
    });
    expect(r.object).toBe('response');
    const call = r.output[0] as unknown as { type: string; action: string; size: string; result: string };
    expect(call).toMatchObject({ type: 'image_generation_call', action: 'edit', size: '1536x1024' });
    expect(pixelAt(decodePng(call.result), 768, 512)).toEqual([...FILL_COLOURS[0]!, 255]);
    expect(r.usage!.total_tokens).toBe(r.usage!.input_tokens + r.usage!.output_tokens);
  });

  test('input_image_mask takes exactly image_url or file_id', async () => {
    const base = { model: 'gpt-5.5', input: userImage(png(300, 200)) };
    const m = dataUrl(maskPng(300, 200, { x: 0, y: 0, w: 1, h: 1 }));
    const both = await rawJson(fake, '/responses', { ...base, tools: [{ type: 'image_generation', input_image_mask: { image_url: m, file_id: 'file-1' } }] });
    expect((await both.json()).error).toMatchObject({ param: 'tools[0].input_image_mask', code: 'invalid_value' });
    const extra = await rawJson(fake, '/responses', { ...base, tools: [{ type: 'image_generation', input_image_mask: { image_url: m, detail: 'high' } }] });
    expect((await extra.json()).error).toEqual({ message: "Unknown parameter: 'tools[0].input_image_mask.detail'.", type: 'invalid_request_error', param: 'tools[0].input_image_mask.detail', code: 'unknown_parameter' });
    const wrong = await rawJson(fake, '/responses', { ...base, tools: [{ type: 'image_generation', input_image_mask: { image_url: dataUrl(maskPng(30, 20, { x: 0, y: 0, w: 1, h: 1 })) } }] });
    expect((await wrong.json()).error.message).toBe('Invalid mask image format - mask size does not match image size');
  });

  test('image and mask uploaded through Files (purpose vision) and referenced by file_id', async () => {
    const client = sdk(fake);
    const img = await client.files.create({ file: await toFile(png(300, 200), 'image.png', { type: 'image/png' }), purpose: 'vision' });
    const mask = await client.files.create({ file: await toFile(maskPng(300, 200, { x: 100, y: 50, w: 100, h: 100 }), 'mask.png', { type: 'image/png' }), purpose: 'vision' });
    const r = await client.responses.create({
      model: 'gpt-5.5',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'edit' }, { type: 'input_image', detail: 'auto', file_id: img.id }] }],
      tools: [{ type: 'image_generation', input_image_mask: { file_id: mask.id } }],
    });
    expect(pixelAt(decodePng((r.output[0] as unknown as { result: string }).result), 768, 512)).toEqual([...FILL_COLOURS[0]!, 255]);
    const logged = fake.requests({ path: '/v1/responses' })[0]!.files;
    expect(logged.map((f) => [f.field, f.fileId, f.width])).toEqual([
      ['input[0].content[1].file_id', img.id, 300], ['tools[0].input_image_mask.file_id', mask.id, 300]]);
    const e = await errorOf(client.responses.create({ model: 'gpt-5.5', input: [{ role: 'user', content: [{ type: 'input_image', detail: 'auto', file_id: 'file-nope' }] }], tools: [{ type: 'image_generation' }] }));
    expect(e.error).toMatchObject({ message: 'No such File object: file-nope' });
  });

  test('previous_response_id continues from the last image; image_generation_call references work too', async () => {
    const client = sdk(fake);
    const tools = [{ type: 'image_generation' as const, size: '1024x1024' as const, quality: 'low' as const }];
    const first = await client.responses.create({ model: 'gpt-5.5', input: 'a gradient', tools });
    const firstCall = first.output[0] as unknown as { id: string; result: string; action: string };
    expect(firstCall.action).toBe('generate');
    const second = await client.responses.create({ model: 'gpt-5.5', input: 'now make it realistic', previous_response_id: first.id, tools });
    expect(second.previous_response_id).toBe(first.id);
    const a = decodePng(firstCall.result);
    const b = decodePng((second.output[0] as unknown as { result: string; action: string }).result);
    expect((second.output[0] as unknown as { action: string }).action).toBe('edit');
    // No mask: the whole previous image is tinted halfway toward the fill colour.
    const [r, g, bl] = pixelAt(a, 700, 300);
    expect(pixelAt(b, 700, 300)).toEqual([mix(r!, FILL_COLOURS[0]![0]), mix(g!, FILL_COLOURS[0]![1]), mix(bl!, FILL_COLOURS[0]![2]), 255]);
    const third = await client.responses.create({ model: 'gpt-5.5', tools, input: [{ role: 'user', content: 'again' }, { type: 'image_generation_call', id: firstCall.id } as never] });
    expect((third.output[0] as unknown as { action: string }).action).toBe('edit');
    expect((await client.responses.retrieve(second.id)).id).toBe(second.id);
  });

  test('an unknown or unstored previous response', async () => {
    const client = sdk(fake);
    expectEnvelope(await errorOf(client.responses.create({ model: 'gpt-5.5', input: 'x', previous_response_id: 'resp_nope' })), 400,
      { message: "Previous response with id 'resp_nope' not found.", type: 'invalid_request_error', param: 'previous_response_id', code: 'previous_response_not_found' });
    const unstored = await client.responses.create({ model: 'gpt-5.5', input: 'x', store: false });
    expect((await errorOf(client.responses.create({ model: 'gpt-5.5', input: 'y', previous_response_id: unstored.id }))).error).toMatchObject({ code: 'previous_response_not_found' });
  });

  test('a mainline model is required; the tool model must exist', async () => {
    const client = sdk(fake);
    for (const model of ['gpt-image-1.5', 'dall-e-3']) {
      expect((await errorOf(client.responses.create({ model, input: 'x', tools: [{ type: 'image_generation' }] }))).error).toMatchObject({ param: 'model', code: 'model_not_supported' });
    }
    expect((await (await rawJson(fake, '/responses', { input: 'x' })).json()).error).toMatchObject({ message: "Missing required parameter: 'model'." });
    for (const model of ['gpt-image-9', 'gpt-image-1']) {
      expectEnvelope(await errorOf(client.responses.create({ model: 'gpt-5.5', input: 'x', tools: [{ type: 'image_generation', model }] })), 400,
        { message: `The model '${model}' does not exist.`, type: 'image_generation_user_error', param: 'tools', code: 'invalid_value' });
    }
    expect((await errorOf(client.responses.create({ model: 'gpt-5.5', input: 'x', tools: [{ type: 'image_generation', quality: 'standard' as never }] }))).error)
      .toMatchObject({ param: 'tools[0].quality', message: "Invalid value: 'standard'. Supported values are: 'low', 'medium', 'high', and 'auto'." });
    expect((await errorOf(client.responses.create({ model: 'gpt-5.5', input: 'x', tools: [{ type: 'image_generation', action: 'edit' }] }))).error)
      .toMatchObject({ param: 'tools[0].action' });
  });

  test('without the tool the answer is a text message', async () => {
    const r = await sdk(fake).responses.create({ model: 'gpt-5.5', input: 'hello' });
    expect(r.output_text).toBe('(fake) hello');
  });
});
