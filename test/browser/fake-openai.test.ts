// The fake OpenAI server seen from real Chromium, as the app will see it: the openai SDK in the
// browser (CORS preflight included), WebP answers that decode to exact pixels, the HTTP controls.
import OpenAI from 'openai';
import { describe, expect, inject, test } from 'vitest';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { FILL_COLOURS } from '../fake-openai/render.ts';

// Browser test files share one server: this file's requests and scripts go by its own key.
const KEY = 'sk-browser-fake-openai-test';
const control = fakeControl(inject('fakeOpenAI'));
const client = (maxRetries = 0) => new OpenAI({ apiKey: KEY, baseURL: control.baseURL, dangerouslyAllowBrowser: true, maxRetries });

async function pngFile(name: string, w: number, h: number, draw: (ctx: OffscreenCanvasRenderingContext2D) => void): Promise<File> {
  const c = new OffscreenCanvas(w, h);
  draw(c.getContext('2d')!);
  return new File([await c.convertToBlob({ type: 'image/png' })], name, { type: 'image/png' });
}

async function pixels(b64: string): Promise<{ width: number; height: number; at: (x: number, y: number) => number[] }> {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  const bmp = await createImageBitmap(new Blob([bytes]), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  const c = new OffscreenCanvas(bmp.width, bmp.height);
  const ctx = c.getContext('2d')!;
  ctx.drawImage(bmp, 0, 0);
  const data = ctx.getImageData(0, 0, bmp.width, bmp.height).data;
  return { width: bmp.width, height: bmp.height, at: (x, y) => Array.from(data.subarray((y * bmp.width + x) * 4, (y * bmp.width + x) * 4 + 4)) };
}

describe('fake OpenAI from the browser', () => {
  test('a streamed WebP edit through the SDK: preflight passes, pixels exact, mask logged as sent', async () => {
    const image = await pngFile('image.png', 64, 48, (ctx) => { ctx.fillStyle = 'rgb(10,20,30)'; ctx.fillRect(0, 0, 64, 48); });
    const mask = await pngFile('mask.png', 64, 48, (ctx) => { ctx.fillRect(0, 0, 64, 48); ctx.clearRect(16, 16, 16, 16); });
    const stream = await client().images.edit({ model: 'gpt-image-1.5', prompt: 'a door', image, mask, output_format: 'webp', stream: true, partial_images: 1 });
    const events = [];
    for await (const ev of stream) events.push(ev);
    expect(events.map((e) => e.type)).toEqual(['image_edit.partial_image', 'image_edit.completed']);
    const out = await pixels(events[1]!.b64_json);
    expect([out.width, out.height]).toEqual([1536, 1024]);
    // Output (480,427) comes from source (20,20), inside the cleared square; (48,43) from (2,2).
    expect(out.at(480, 427)).toEqual([...FILL_COLOURS[0]!, 255]);
    expect(out.at(48, 43)).toEqual([10, 20, 30, 255]);

    const [req] = (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).slice(-1);
    const m = req!.files.find((f) => f.field === 'mask')!;
    expect(m).toMatchObject({ mimeType: 'image/png', width: 64, height: 48, filename: 'mask.png' });
    const alpha = await control.fileData(m, 'alpha');
    expect([alpha[20 * 64 + 20], alpha[2 * 64 + 2], alpha.filter((a) => a === 0).length]).toEqual([0, 255, 256]);
    const preflights = await control.requests({ method: 'OPTIONS', path: '/v1/images/edits' });
    expect(preflights.some((p) => p.headers.origin === location.origin)).toBe(true);
  });

  test('a scripted 429 is retried by the SDK in the browser; the Responses stream parses', async () => {
    await control.script([{ path: '/v1/responses', apiKey: KEY, fault: { kind: 'status', status: 429, retryAfterMs: 10 } }]);
    const stream = await client(1).responses.create({
      model: 'gpt-5.5', input: 'a lighthouse', stream: true,
      tools: [{ type: 'image_generation', partial_images: 1, size: '1024x1024', quality: 'low', output_format: 'jpeg', output_compression: 50 }],
    });
    const types: string[] = [];
    let result = '';
    for await (const ev of stream) {
      types.push(ev.type);
      if (ev.type === 'response.output_item.done' && ev.item.type === 'image_generation_call') result = ev.item.result ?? '';
    }
    expect(types.at(-1)).toBe('response.completed');
    expect((await pixels(result)).width).toBe(1024);
    const log = await control.requests({ path: '/v1/responses', apiKey: KEY });
    expect(log.slice(-2).map((r) => r.status)).toEqual([429, 200]);
  });
});
