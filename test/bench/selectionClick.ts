/**
 * Magic wand, click to mask shown (BENCH=selectionClick): the browser Editor, attached to a Konva
 * stage built as the app's KonvaStage.tsx builds it, with the app's worker wand runner on a
 * 6000x4000 picture (coffee.png scaled up with grain, as in selectionCases.ts), contiguous at the
 * tolerance that selects about 30 %. Timed from the pointer-down the engine receives to the frame
 * after the mask's tiles were written (the commit, `maskCommitted`, then one animation frame, in
 * which the mask layer draws first: it asked for the frame earlier). Parts: the wand (worker
 * round trip), the write (the engine's commitRegion into the mask's tiles, with the undo step)
 * and the draw (the mask layer's scene draw of the changed tiles). The first click includes
 * reading the picture's pixels and sending them to the worker; later clicks reuse both.
 */
import { Editor } from '../../src/editor/Editor.ts';
import { mountStage } from './benchStage.ts';
import { WorkerWandRunner } from '../../src/services/selection/WorkerWandRunner.ts';
import { toleranceFor30, upscale, WAND_CLICK } from './selectionCases.ts';
import { fixturePixels } from './fixturePixels.ts';
import { summary } from './stats.ts';

async function run() {
  const img = upscale(await fixturePixels('/test/fixtures/coffee.png'));
  const { tolerance, fraction } = toleranceFor30(img, WAND_CLICK.x, WAND_CLICK.y);
  const bitmap = await createImageBitmap(new ImageData(new Uint8ClampedArray(img.data.buffer as ArrayBuffer), img.width, img.height));
  const runner = new WorkerWandRunner();
  // Splits the click's time: the wand (worker round trip) and the rest (the commit into the mask's tiles).
  let wandMs = 0;
  const timed = {
    run: (px: Parameters<WorkerWandRunner['run']>[0], o: Parameters<WorkerWandRunner['run']>[1]) => {
      const t = performance.now();
      return Promise.resolve(runner.run(px, o)).then((r) => { wandMs = performance.now() - t; return r; });
    },
  };
  const editor = new Editor(timed);
  mountStage(editor, 1200, 800);
  let writeMs = 0;
  const commitRegion = editor.commitRegion.bind(editor);
  editor.commitRegion = (...a) => {
    const t = performance.now();
    try { return commitRegion(...a); } finally { writeMs = performance.now() - t; }
  };
  let drawStart = 0;
  let drawMs = 0;
  const maskLayer = editor.parts!.maskLayer;
  maskLayer.on('beforeDraw', () => { drawStart = performance.now(); });
  maskLayer.on('draw', () => { drawMs = performance.now() - drawStart; });
  editor.setViewportSize(1200, 800);
  editor.setImage({ bitmap, name: 'bench.png', format: 'png', width: img.width, height: img.height, notes: [], originalWidth: img.width, originalHeight: img.height });
  editor.setTool('wand');
  editor.setWandOptions({ tolerance, contiguous: true });
  const v = editor.currentView;
  const click = async () => {
    editor.clearMask();
    const shown = new Promise<void>((ok) => {
      const off = editor.on('maskCommitted', () => { off(); requestAnimationFrame(() => ok()); });
    });
    const t0 = performance.now();
    const at = { x: WAND_CLICK.x * v.scale + v.x, y: WAND_CLICK.y * v.scale + v.y };
    editor.handlePointerDown({ id: 1, type: 'mouse', button: 0, ...at, pressure: 0.5 });
    editor.handlePointerUp({ id: 1 });
    await shown;
    return performance.now() - t0;
  };
  const first = await click();
  const ms: number[] = [];
  const wand: number[] = [];
  const write: number[] = [];
  const draw: number[] = [];
  for (let i = 0; i < 5; i++) {
    drawMs = 0;
    ms.push(await click());
    wand.push(wandMs);
    write.push(writeMs);
    draw.push(drawMs);
  }
  const selected = editor.doc!.coverage().reduce((n, c) => n + (c ? 1 : 0), 0) / (img.width * img.height);
  runner.dispose();
  return {
    engine: navigator.userAgent.match(/Chrom\w*\/[\d.]+/)?.[0] ?? 'chromium',
    size: `${img.width}x${img.height}`, tolerance, selectedExpected: fraction, selected,
    clickToMaskShown: {
      firstMs: Math.round(first), ms: summary(ms), wandInWorkerMs: summary(wand), writeMs: summary(write), drawMs: summary(draw), targetMs: 300,
    },
  };
}

(window as unknown as { runBench: typeof run }).runBench = run;
(window as unknown as { benchReady: boolean }).benchReady = true;
