import { layBack } from '../../src/services/composite/layBack.ts';
import { canvasToPng } from '../../src/canvas/exportPng.ts';
import { summary } from './stats.ts';
import { cacheHitBench, hitSizes } from './cacheHit.tsx';
import { submitPrepBench } from './submitPrep.tsx';
import { packCoverage } from '../../src/core/results/coverage.ts';

const W = 6000;
const H = 4000;

/** Compositing a model's 1536x1024 result back onto a 6000x4000 original, mask over ~10 %. */
async function run() {
  // ?hitOnly=1 (BENCH_QUERY in run.mjs): the cache hits alone, for profiling them.
  if (new URLSearchParams(location.search).has('hitOnly')) return { bench: 'results', cacheHit: await cacheHitBench(hitSizes([[640, 427]])) };
  const src = await createImageBitmap(await (await fetch('/test/fixtures/coffee.png')).blob());
  const big = new OffscreenCanvas(W, H);
  big.getContext('2d')!.drawImage(src, 0, 0, W, H);
  const original = await createImageBitmap(big);
  const res = new OffscreenCanvas(1536, 1024);
  const rctx = res.getContext('2d')!;
  rctx.drawImage(src, 0, 0, 1536, 1024);
  rctx.fillStyle = 'rgba(20, 120, 220, 0.6)';
  rctx.fillRect(0, 0, 1536, 1024);
  const result = await createImageBitmap(res);
  const coverage = new Uint8Array(W * H);
  const r = Math.sqrt((0.1 * W * H) / Math.PI);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if ((x - 3000) ** 2 + (y - 2000) ** 2 < r * r) coverage[y * W + x] = 255;
  const composite: number[] = [];
  const encode: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const canvas = layBack({ original, result, coverage, feather: 12, keepOutside: true });
    canvas.getContext('2d')!.getImageData(0, 0, 1, 1); // make sure the work is done
    const t1 = performance.now();
    await canvasToPng(canvas);
    encode.push(performance.now() - t1);
    composite.push(t1 - t0);
  }
  // A draft's mask: the exact coverage packed for IndexedDB (done once per stroke, when idle).
  const pack: number[] = [];
  let packedBytes = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    packedBytes = new Blob([packCoverage(coverage, W, H)]).size;
    pack.push(performance.now() - t0);
  }
  original.close();
  result.close();
  return {
    bench: 'results',
    image: `${W}x${H}`,
    maskCoverage: 0.1,
    compositeMs: summary(composite),
    compositeThenPngMs: summary(encode),
    draftMaskPackMs: summary(pack),
    draftMaskBytes: packedBytes,
    // Send again, answered from IndexedDB: from Send to the frame showing the laid-back result.
    cacheHit: await cacheHitBench(hitSizes([[640, 427], [3000, 2000], [W, H]])),
    // Send to the request on the wire, a picture just opened with 10 % painted (fake server).
    submitPrep: await submitPrepBench(W, H, 0.1),
  };
}

(window as unknown as { runBench: typeof run }).runBench = run;
(window as unknown as { benchReady: boolean }).benchReady = true;
