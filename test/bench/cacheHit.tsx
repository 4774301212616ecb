import { canvasToPng } from '../../src/canvas/exportPng.ts';
import { summary } from './stats.ts';
import { ellipseCoverage, frame, mountBenchApp, stubEdits } from './benchApp.tsx';

/** A model's answer as the Images API streams it: the picture at 1536x1024 with the masked part filled. */
async function answerStream(src: ImageBitmap): Promise<string> {
  const c = new OffscreenCanvas(1536, 1024);
  const ctx = c.getContext('2d')!;
  ctx.drawImage(src, 0, 0, 1536, 1024);
  ctx.fillStyle = '#f0f';
  ctx.beginPath();
  ctx.ellipse(768, 512, 300, 200, 0, 0, Math.PI * 2);
  ctx.fill();
  const bytes = new Uint8Array(await (await canvasToPng(c)).arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const done = {
    type: 'image_edit.completed', b64_json: btoa(bin), created_at: 1, size: '1536x1024', quality: 'low', background: 'opaque', output_format: 'png',
    usage: { input_tokens: 100, output_tokens: 400, total_tokens: 500 },
  };
  return `event: image_edit.completed\ndata: ${JSON.stringify(done)}\n\n`;
}

/**
 * Cache hit to result on screen: the same edit sent again is answered from IndexedDB. Timed
 * from Send to the frame that shows the result laid back over the picture: encoding the request
 * (the key is over the bytes it would send), the lookup, reading the stored answer, laying it
 * back at full size and drawing. Cold: the picture opened anew first, as after a reload; repeat:
 * sent again in the same page. The first send goes to a stubbed fetch (nothing leaves the page).
 */
export async function cacheHitBench(sizes: [number, number][], runs = 7): Promise<Record<string, unknown>> {
  const src = await createImageBitmap(await (await fetch('/test/fixtures/coffee.png')).blob());
  const sse = await answerStream(src);
  const stub = stubEdits(() => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }));
  const out: Record<string, unknown> = {};
  try {
    for (const [w, h] of sizes) {
      const app = await mountBenchApp();
      const { services } = app;
      const { editor, edit, results } = services;
      const canvas = new OffscreenCanvas(w, h);
      canvas.getContext('2d')!.drawImage(src, 0, 0, w, h);
      const cov = ellipseCoverage(w, h, Math.PI * 0.04);
      await app.open(canvas, cov);
      await edit.session.submit();
      if (edit.session.state.status !== 'done') throw new Error(`first send: ${edit.session.state.status} ${JSON.stringify(services.notifier.store.get().messages.at(-1))}`);
      await results.settled();
      const sent = stub.count();
      const hit = async (times: number[]) => {
        const t0 = performance.now();
        await edit.session.submit();
        await frame();
        await frame();
        times.push(performance.now() - t0);
        if (!edit.session.state.cached || !editor.state.previewing) throw new Error('not answered from the cache');
      };
      // Cold: the picture opened anew (as after a reload), so nothing of the last send is reused.
      const cold: number[] = [];
      for (let i = 0; i < runs; i++) {
        await app.open(canvas, cov);
        await results.settled();
        await hit(cold);
      }
      // Repeat: sent again in the same page (the encoded files are reused).
      const repeat: number[] = [];
      for (let i = 0; i < runs; i++) await hit(repeat);
      if (stub.count() !== sent) throw new Error('a cache hit made a request');
      out[`${w}x${h}`] = { cacheHitToScreenMs: summary(cold), repeatHitToScreenMs: summary(repeat), requestsDuringHits: stub.count() - sent };
      app.unmount();
    }
  } finally {
    stub.restore();
  }
  return out;
}
