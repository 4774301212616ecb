/**
 * The outpainting bench in Chromium (BENCH=outpaint): a 6000x4000 photo extended to 16:9
 * (7111x4000) in the browser's editor (picture drawn onto the bigger canvas, mask written into
 * its tiles, view refitted), its undo (the old canvas put back), and the lay-back of a
 * 1536x864 result over the extended canvas (the compositor on a mask of the new area).
 * The fill's quality is the outfill bench's (test/bench/outfill*).
 */
import { extendToRatio } from '../../src/core/selection/canvasExtend.ts';
import { Editor } from '../../src/editor/Editor.ts';
import { layBack } from '../../src/services/composite/layBack.ts';
import { paintedBox, seamWeights } from '../../src/core/composite/layBack.ts';
import { upscale } from './selectionCases.ts';
import { fixturePixels } from './fixturePixels.ts';
import { summary } from './stats.ts';

const RUNS = 5;

async function run() {
  const img = upscale(await fixturePixels('/test/fixtures/coffee.png'));
  const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(img.data.buffer as ArrayBuffer), img.width, img.height));
  const editor = new Editor();
  editor.setImage({ bitmap, name: 'bench.png', format: 'png', width: img.width, height: img.height, notes: [], originalWidth: img.width, originalHeight: img.height });
  const r = extendToRatio(img.width, img.height, '16:9');
  if (!r.ok) throw new Error(r.problem);
  const ext = r.value;
  const extend: number[] = [];
  const undo: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    if (!editor.extendCanvas(ext)) throw new Error('not extended');
    const t1 = performance.now();
    editor.undo();
    const t2 = performance.now();
    // The first run warms the code up and is left out.
    if (i > 0) { extend.push(t1 - t0); undo.push(t2 - t1); }
  }
  editor.extendCanvas(ext);
  const coverage = editor.doc!.coverage();
  const result = new OffscreenCanvas(1536, 864);
  const rctx = result.getContext('2d')!;
  rctx.fillStyle = '#c0a080';
  rctx.fillRect(0, 0, 1536, 864);
  const compose: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const out = layBack({ original: editor.bitmap!, result, coverage, feather: 8, keepOutside: true });
    // Reading one pixel back makes the canvas finish its work inside the timing.
    out.getContext('2d')!.getImageData(0, 0, 1, 1);
    if (i > 0) compose.push(performance.now() - t0);
  }
  // The same lay-back split in two: the seam (a mask snapshot works it out once per mask
  // version), and the lay-back given it, as the app runs it.
  const seam: number[] = [];
  const given: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const box = paintedBox(coverage, ext.width, ext.height)!;
    const weights = seamWeights(coverage, ext.width, box, 8);
    const t1 = performance.now();
    const out = layBack({ original: editor.bitmap!, result, coverage, feather: 8, keepOutside: true, seam: { box, weights } });
    out.getContext('2d')!.getImageData(0, 0, 1, 1);
    if (i > 0) { seam.push(t1 - t0); given.push(performance.now() - t1); }
  }
  const painted = coverage.reduce((n, v) => n + (v ? 1 : 0), 0);
  return {
    picture: `${img.width}x${img.height}`, extended: `${ext.width}x${ext.height}`, newAreaFraction: Math.round((painted / coverage.length) * 1000) / 1000,
    extendMs: summary(extend), undoMs: summary(undo), composeMs: summary(compose), seamMs: summary(seam), composeGivenSeamMs: summary(given),
  };
}

(window as unknown as { runBench: typeof run }).runBench = run;
(window as unknown as { benchReady: boolean }).benchReady = true;
