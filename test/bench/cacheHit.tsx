import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { App, createServices } from '../../src/app/App.tsx';
import { canvasToPng } from '../../src/canvas/exportPng.ts';
import { idbBackend } from '../../src/services/storage/backend.ts';
import { ResultStore } from '../../src/services/storage/index.ts';
import { summary } from './stats.ts';
import '../../src/ui/styles.css';

const DB = 'inpaint-editor-bench';
const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

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
  const realFetch = window.fetch;
  let requests = 0;
  window.fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/images/edits')) {
      requests++;
      return new Response(sse, { headers: { 'content-type': 'text/event-stream' } });
    }
    return realFetch(input, init);
  };
  const out: Record<string, unknown> = {};
  try {
    for (const [w, h] of sizes) {
      const kv = idbBackend(DB, 'kv');
      for (const k of await kv.keys()) await kv.del(k);
      const host = document.createElement('div');
      host.style.cssText = 'position:fixed;left:0;top:0;width:1280px;height:800px';
      document.body.appendChild(host);
      const services = createServices({ panelOpen: true, localFill: null }, { storage: new ResultStore(kv, 'indexeddb') });
      const root = createRoot(host);
      flushSync(() => root.render(<App services={services} />));
      // The Konva stage is a lazy chunk: measure once it is on the page, as a user would.
      while (!host.querySelector('.konvajs-content')) await new Promise((r) => setTimeout(r, 10));
      await services.edit.init();
      await services.results.start();
      const { editor, edit, results } = services;
      const canvas = new OffscreenCanvas(w, h);
      canvas.getContext('2d')!.drawImage(src, 0, 0, w, h);
      const bitmap = await createImageBitmap(canvas);
      editor.setImage({ bitmap, name: 'bench.png', format: 'png', width: w, height: h, notes: [], originalWidth: w, originalHeight: h, source: { blob: () => canvasToPng(canvas) } });
      const cov = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (((x - w / 2) / (w * 0.2)) ** 2 + ((y - h / 2) / (h * 0.2)) ** 2 < 1) cov[y * w + x] = 255;
      editor.loadMaskCoverage(cov);
      edit.connection.save({ baseURL: 'http://bench.invalid/v1', apiKey: 'sk-bench', remember: false });
      edit.form.setModel('gpt-image-1.5');
      edit.form.set('quality', 'low');
      edit.form.set('partialImages', 0);
      edit.form.setPrompt('a bench');
      await edit.session.submit();
      if (edit.session.state.status !== 'done') throw new Error(`first send: ${edit.session.state.status} ${JSON.stringify(services.notifier.store.get().messages.at(-1))}`);
      await results.settled();
      const sent = requests;
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
        const again = await createImageBitmap(canvas);
        editor.setImage({ bitmap: again, name: 'bench.png', format: 'png', width: w, height: h, notes: [], originalWidth: w, originalHeight: h, source: { blob: () => canvasToPng(canvas) } });
        editor.loadMaskCoverage(cov);
        await results.settled();
        await hit(cold);
      }
      // Repeat: sent again in the same page (the encoded files are reused).
      const repeat: number[] = [];
      for (let i = 0; i < runs; i++) await hit(repeat);
      if (requests !== sent) throw new Error('a cache hit made a request');
      out[`${w}x${h}`] = { cacheHitToScreenMs: summary(cold), repeatHitToScreenMs: summary(repeat), requestsDuringHits: requests - sent };
      root.unmount();
      host.remove();
    }
  } finally {
    window.fetch = realFetch;
  }
  return out;
}
