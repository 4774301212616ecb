/**
 * The selection bench in Chromium (BENCH=selection; the Node figures come from
 * selection.node.ts): the magic wand and grow at 6000x4000 on the same picture and mask as in
 * Node (selectionCases.ts), on the page's main thread and the wand also in a worker, click to
 * coverage back on the main thread.
 */
import type { WandRequest, WandResponse } from '../../src/core/selection/wand.ts';
import type { RgbaImage } from '../../src/core/selection/wand.ts';
import { runSelectionCases, tenPercentMask, upscale, WAND_CLICK } from './selectionCases.ts';
import { fixturePixels } from './fixturePixels.ts';
import { summary } from './stats.ts';

/** The wand in a worker that holds the picture: a click posted, the coverage transferred back. */
async function wandInWorker(img: RgbaImage, tolerance: number) {
  const worker = new Worker(new URL('./selectionWand.worker.ts', import.meta.url), { type: 'module' });
  const ask = (msg: unknown, transfer: Transferable[] = []) => new Promise<WandResponse>((ok) => {
    worker.addEventListener('message', (e) => ok(e.data as WandResponse), { once: true });
    worker.postMessage(msg, transfer);
  });
  const copy = img.data.slice().buffer;
  await ask({ pixels: copy, width: img.width, height: img.height }, [copy]);
  const ms: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const res = await ask({ ...WAND_CLICK, tolerance, contiguous: true } satisfies Omit<WandRequest, 'pixels' | 'width' | 'height'>);
    if (i > 0) ms.push(performance.now() - t0);
    if (!res.data.byteLength) throw new Error('the worker selected nothing');
  }
  worker.terminate();
  return summary(ms);
}

async function run() {
  const img = upscale(await fixturePixels('/test/fixtures/coffee.png'));
  const mask = tenPercentMask(await fixturePixels('/test/fixtures/masks/coffee--blob10.png'));
  const main = runSelectionCases(img, mask, { only: ['wand', 'grow'] });
  const tolerance = (main.wandContiguous as { tolerance: number }).tolerance;
  return { engine: navigator.userAgent.match(/Chrom\w*\/[\d.]+/)?.[0] ?? 'chromium', ...main, wandInWorker: { ms: await wandInWorker(img, tolerance) } };
}

(window as unknown as { runBench: typeof run }).runBench = run;
(window as unknown as { benchReady: boolean }).benchReady = true;
