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

/** The CPU profiler (BENCH_PROFILE=1) or tracer (BENCH_PROFILE=trace) run.mjs exposes, or null. */
function profilerOf(w: Window): { start: () => Promise<void>; stop: (label: string) => Promise<unknown> } | null {
  const f = w as unknown as Record<string, ((label?: string) => Promise<unknown>) | undefined>;
  const [start, stop] = f.benchProfileStart ? [f.benchProfileStart, f.benchProfileStop] : [f.benchTraceStart, f.benchTraceStop];
  return start && stop ? { start: async () => { await start(); }, stop } : null;
}

/** The sizes to time, or those in the page's `?sizes=640x427,6000x4000` (BENCH_QUERY in run.mjs). */
export function hitSizes(fallback: [number, number][]): [number, number][] {
  const q = new URLSearchParams(location.search).get('sizes');
  return q ? q.split(',').map((s) => s.split('x').map(Number) as [number, number]) : fallback;
}

/** When the last mark `name` was set after `t0` (the results controller marks a hit's steps). */
const markAfter = (name: string, t0: number) => performance.getEntriesByName(name).findLast((e) => e.startTime >= t0)?.startTime ?? NaN;

/**
 * Cache hit to result on screen: the same edit sent again is answered from IndexedDB. Timed
 * from Send to the frame that shows the result laid back over the picture: the key (over the
 * picture's and mask's hashes), the lookup, reading the stored answer, decoding it, laying it
 * back over the painted box and drawing. Cold: the picture opened anew first, as after a reload; repeat:
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
      // Where a hit's time goes: Send to the stored answer (prepare, key, lookup, reading it),
      // decoding the stored result, laying it back (the patch over the painted box), then the
      // draw; and the main thread's busy time over the whole hit.
      const parts = { toAnswer: [] as number[], decode: [] as number[], layBack: [] as number[], draw: [] as number[], mainThreadBusy: [] as number[] };
      const taskMs = (window as unknown as { benchTaskMs?: () => Promise<number> }).benchTaskMs;
      const profiler = profilerOf(window);
      const hit = async (times: number[], split = false, profileAs = '') => {
        let answered = 0;
        const stopSession = edit.session.store.subscribe(() => { if (!answered && edit.session.state.status === 'done') answered = performance.now(); });
        const busy0 = split && taskMs ? await taskMs() : 0;
        if (profileAs) await profiler!.start();
        const t0 = performance.now();
        await edit.session.submit();
        await frame();
        await frame();
        const t1 = performance.now();
        if (profileAs) await profiler!.stop(profileAs);
        stopSession();
        times.push(t1 - t0);
        if (split) {
          if (taskMs) parts.mainThreadBusy.push(await taskMs() - busy0);
          const decoded = markAfter('results:decoded', t0);
          const laidBack = markAfter('results:laidBack', t0);
          parts.toAnswer.push(answered - t0);
          parts.decode.push(decoded - answered);
          parts.layBack.push(laidBack - decoded);
          parts.draw.push(t1 - laidBack);
        }
        performance.clearMarks();
        if (!edit.session.state.cached || !editor.state.previewing) throw new Error('not answered from the cache');
      };
      // Cold: the picture opened anew (as after a reload), so nothing of the last send is reused.
      // What opening costs is timed apart: the picture's first draw (its decode to the screen)
      // and its bytes' hash (taken once when it is opened, while the author paints).
      const cold: number[] = [];
      const firstDraw: number[] = [];
      const pictureHash: number[] = [];
      for (let i = 0; i < runs; i++) {
        const o0 = performance.now();
        await app.open(canvas, cov);
        await frame();
        await frame();
        firstDraw.push(performance.now() - o0);
        const h0 = performance.now();
        await results.inputs.pictureId();
        pictureHash.push(performance.now() - h0);
        await results.settled();
        // BENCH_PROFILE=1: the last cold hit is also recorded as a CPU profile (run.mjs).
        await hit(cold, true, profiler && i === runs - 1 ? `hit-${w}x${h}` : '');
      }
      // Repeat: sent again in the same page (the encoded files are reused).
      const repeat: number[] = [];
      for (let i = 0; i < runs; i++) await hit(repeat);
      if (stub.count() !== sent) throw new Error('a cache hit made a request');
      out[`${w}x${h}`] = {
        cacheHitToScreenMs: summary(cold),
        coldHitParts: {
          toAnswerMs: summary(parts.toAnswer), decodeMs: summary(parts.decode), layBackMs: summary(parts.layBack), drawMs: summary(parts.draw),
          mainThreadBusyMs: parts.mainThreadBusy.length ? summary(parts.mainThreadBusy) : null,
        },
        // Opening the picture, before the hit: its first draw (open to the second frame) and what
        // of its hash was left after that.
        pictureOpen: { firstDrawMs: summary(firstDraw), hashLeftMs: summary(pictureHash) },
        repeatHitToScreenMs: summary(repeat), requestsDuringHits: stub.count() - sent };
      app.unmount();
    }
  } finally {
    stub.restore();
  }
  return out;
}
