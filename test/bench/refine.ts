/**
 * Mask refinements through the engine (BENCH=refine): the browser Editor, attached to a Konva
 * stage, on a 6000x4000 picture whose mask is selectionCases.ts's 10 % mask (coffee's blob hole
 * scaled up, 200 holes, 400 specks). Each refinement is applied as the Refine panel's Apply does
 * (`applyRefine`: read the mask, refine, write the changed tiles as one undo step), timed to the
 * frame after (`shownMs`, the mask layer having drawn) with the synchronous part alone
 * (`applyMs`); then undone, untimed. The preview is timed per slider step: grow 1..12 px, one
 * `previewRefine` per step as the panel coalesces moves to one per frame, to the frame after; the
 * first step also reads the mask (`firstStepMs`). Last, Apply after that preview, which commits
 * what the preview computed.
 */
import { Editor } from '../../src/editor/Editor.ts';
import type { RefineOp } from '../../src/engine/refine.ts';
import { mountStage } from './benchStage.ts';
import { fixturePixels } from './fixturePixels.ts';
import { H, tenPercentMask, W } from './selectionCases.ts';
import { round, summary } from './stats.ts';

const RUNS = 5;
const OPS: [string, RefineOp][] = [
  ['grow 5 px', { kind: 'grow', px: 5 }], ['grow 50 px', { kind: 'grow', px: 50 }],
  ['shrink 5 px', { kind: 'shrink', px: 5 }], ['shrink 50 px', { kind: 'shrink', px: 50 }],
  ['fill holes', { kind: 'fillHoles' }], ['remove specks < 64 px', { kind: 'removeSpecks', area: 64 }],
  ['smooth r 4', { kind: 'smooth', radius: 4 }], ['smooth r 20', { kind: 'smooth', radius: 20 }],
];

const frame = () => new Promise<void>((ok) => requestAnimationFrame(() => ok()));

async function run() {
  const mask = tenPercentMask(await fixturePixels('/test/fixtures/masks/coffee--blob10.png'));
  const bitmap = await createImageBitmap(new ImageData(W, H));
  const editor = new Editor();
  mountStage(editor, 1200, 800);
  editor.setViewportSize(1200, 800);
  editor.setImage({ bitmap, name: 'bench.png', format: 'png', width: W, height: H, notes: [], originalWidth: W, originalHeight: H });
  editor.loadMaskCoverage(mask.data);
  await frame();
  const cases: Record<string, unknown> = {};
  for (const [name, op] of OPS) {
    const apply: number[] = [];
    const shown: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t0 = performance.now();
      const changed = editor.applyRefine(op);
      const t1 = performance.now();
      await frame();
      const t2 = performance.now();
      if (!changed) throw new Error(`${name} changed nothing`);
      // The first run warms up (the refinements' working buffers are made then).
      if (i > 0) { apply.push(t1 - t0); shown.push(t2 - t0); }
      editor.undo();
      await frame();
    }
    cases[name] = { applyMs: summary(apply), shownMs: summary(shown), targetMs: 250 };
  }
  const steps: number[] = [];
  let firstStep = 0;
  for (let px = 1; px <= 12; px++) {
    const t0 = performance.now();
    editor.previewRefine({ kind: 'grow', px });
    await frame();
    if (px === 1) firstStep = performance.now() - t0;
    else steps.push(performance.now() - t0);
  }
  const t0 = performance.now();
  editor.applyRefine();
  await frame();
  const applyShown = performance.now() - t0;
  return {
    engine: navigator.userAgent.match(/Chrom\w*\/[\d.]+/)?.[0] ?? 'chromium',
    size: `${W}x${H}`, maskFraction: round(mask.data.reduce((n, v) => n + (v ? 1 : 0), 0) / (W * H), 3),
    apply: cases,
    preview: { op: 'grow 1..12 px', firstStepMs: round(firstStep), stepMs: summary(steps), applyShownMs: round(applyShown) },
  };
}

(window as unknown as { runBench: typeof run }).runBench = run;
(window as unknown as { benchReady: boolean }).benchReady = true;
