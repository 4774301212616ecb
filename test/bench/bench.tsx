import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import Konva from 'konva';
import { App, createServices } from '../../src/app/App.tsx';
import type { KonvaParts } from '../../src/editor/Editor.ts';
import { toScreen } from '../../src/core/view/viewport.ts';
import '../../src/ui/styles.css';
import { round, rng, summary } from './stats.ts';

const W = 6000;
const H = 4000;
const STROKES = 200;
const BRUSH = 80;

type Pt = [number, number];

function heap(): number {
  return (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
}
const mb = (b: number) => round(b / 1048576, 1);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** A 6000x4000 photo-like image: a real fixture scaled up, with noise so it does not compress away. */
async function bigImage(): Promise<ImageBitmap> {
  const src = await createImageBitmap(await (await fetch('/test/fixtures/coffee.png')).blob());
  const c = new OffscreenCanvas(W, H);
  const ctx = c.getContext('2d')!;
  ctx.drawImage(src, 0, 0, W, H);
  return createImageBitmap(c);
}

function makeStrokes(seed: number): Pt[][] {
  const r = rng(seed);
  const strokes: Pt[][] = [];
  for (let s = 0; s < STROKES; s++) {
    let x = 200 + r() * (W - 400);
    let y = 200 + r() * (H - 400);
    let a = r() * Math.PI * 2;
    const pts: Pt[] = [[x, y]];
    for (let i = 0; i < 25; i++) {
      a += (r() - 0.5) * 0.8;
      x = Math.min(W - 1, Math.max(0, x + Math.cos(a) * 40));
      y = Math.min(H - 1, Math.max(0, y + Math.sin(a) * 40));
      pts.push([x, y]);
    }
    strokes.push(pts);
  }
  return strokes;
}

/** Reads one pixel so Chromium rasterises everything recorded so far (its 2D canvas defers work). */
const flush = (layer: Konva.Layer) => layer.getContext()._context.getImageData(0, 0, 1, 1);

async function run() {
  const host = document.getElementById('host')!;
  const services = createServices();
  flushSync(() => createRoot(host).render(<App services={services} />));
  const { editor } = services;
  while (!(editor as unknown as { parts: KonvaParts | null }).parts) await new Promise((r) => setTimeout(r, 10));
  const parts = (editor as unknown as { parts: KonvaParts }).parts;
  const bitmap = await bigImage();
  editor.setImage({ bitmap, name: 'bench.png', format: 'png', width: W, height: H, notes: [], originalWidth: W, originalHeight: H });
  editor.setBrushSize(BRUSH);
  const stageEl = parts.stage.container();
  const rect = stageEl.getBoundingClientRect();
  await new Promise((r) => requestAnimationFrame(r));

  gc();
  const heapBefore = heap();
  let heapPeak = heapBefore;
  const strokes = makeStrokes(42);
  const tPaint0 = performance.now();
  const tool = editor.activeTool;
  for (const s of strokes) {
    tool.onPointerDown({ x: s[0]![0], y: s[0]![1], pressure: 0.5 });
    for (const p of s.slice(1)) tool.onPointerMove([{ x: p[0], y: p[1], pressure: 0.5 }]);
    tool.onPointerUp();
    heapPeak = Math.max(heapPeak, heap());
  }
  const paint200Ms = performance.now() - tPaint0;

  /** One pointer move through the real input path (PointerInput -> tool -> tiles) plus a frame. */
  const ev = (type: string, ix: number, iy: number) => {
    const s = toScreen(editor.currentView, ix, iy);
    stageEl.dispatchEvent(new PointerEvent(type, {
      bubbles: true, pointerId: 1, pointerType: 'mouse', button: type === 'pointermove' ? -1 : 0,
      buttons: 1, clientX: rect.left + s.x, clientY: rect.top + s.y,
    }));
  };
  const measureMoves = (label: string, n: number, step: number) => {
    const times: number[] = [];
    let x = 800;
    let y = 600;
    ev('pointerdown', x, y);
    parts.maskLayer.draw();
    flush(parts.maskLayer);
    for (let i = 0; i < n; i++) {
      x += step;
      if (x > W - 800) { x = 800; y += 120; }
      const t0 = performance.now();
      ev('pointermove', x, y);
      parts.maskLayer.draw();
      parts.uiLayer.draw();
      flush(parts.maskLayer);
      times.push(performance.now() - t0);
      heapPeak = Math.max(heapPeak, heap());
    }
    ev('pointerup', x, y);
    return { label, ...summary(times) };
  };
  // Warm up, then measure at fit-to-view (the whole 6000x4000 image on screen) and at 100 %.
  measureMoves('warmup', 60, 30);
  const atFit = measureMoves('fit', 400, 30);
  editor.setView({ scale: 1, x: -1500, y: -1200 });
  const at100 = measureMoves('100%', 300, 6);
  editor.fit();

  // Undo and redo of one stroke at 6000x4000 (tile snapshots), with the frame.
  const undoTimes: number[] = [];
  const redoTimes: number[] = [];
  for (let i = 0; i < 15; i++) {
    let t0 = performance.now();
    editor.undo();
    parts.maskLayer.draw();
    flush(parts.maskLayer);
    undoTimes.push(performance.now() - t0);
    t0 = performance.now();
    editor.redo();
    parts.maskLayer.draw();
    flush(parts.maskLayer);
    redoTimes.push(performance.now() - t0);
  }

  // Export the 6000x4000 mask as PNG.
  const exportTimes: number[] = [];
  let exportBytes = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const blob = await editor.exportMask();
    exportTimes.push(performance.now() - t0);
    exportBytes = blob.size;
  }

  // Baseline 1: the redraw-all way (IOPaint-style): one image-size canvas, cleared and every
  // stroke redrawn on every move, then shown through Konva.
  const full = new OffscreenCanvas(W, H);
  const fctx = full.getContext('2d')!;
  const baseLayer = new Konva.Layer({ listening: false });
  baseLayer.add(new Konva.Image({ image: full as unknown as HTMLCanvasElement, width: W, height: H, opacity: 0.5 }));
  parts.stage.add(baseLayer);
  parts.maskLayer.visible(false);
  const drawPolyline = (pts: Pt[]) => {
    fctx.beginPath();
    fctx.moveTo(pts[0]![0], pts[0]![1]);
    for (const p of pts.slice(1)) fctx.lineTo(p[0], p[1]);
    fctx.stroke();
  };
  const redrawTimes: number[] = [];
  const current: Pt[] = [[800, 700]];
  fctx.lineCap = 'round';
  fctx.lineJoin = 'round';
  fctx.lineWidth = BRUSH;
  fctx.strokeStyle = '#ff3b30';
  for (let i = 0; i < 40; i++) {
    current.push([800 + i * 30, 700]);
    const t0 = performance.now();
    fctx.clearRect(0, 0, W, H);
    for (const s of strokes) drawPolyline(s);
    drawPolyline(current);
    baseLayer.draw();
    flush(baseLayer);
    redrawTimes.push(performance.now() - t0);
  }
  baseLayer.destroy();

  // Baseline 2: the Konva "free drawing" way, one Konva.Line per stroke, redrawn on every move.
  const lineLayer = new Konva.Layer({ listening: false, opacity: 0.5 });
  for (const s of strokes) lineLayer.add(new Konva.Line({ points: s.flat(), stroke: '#ff3b30', strokeWidth: BRUSH, lineCap: 'round', lineJoin: 'round' }));
  const live = new Konva.Line({ points: [800, 900], stroke: '#ff3b30', strokeWidth: BRUSH, lineCap: 'round', lineJoin: 'round' });
  lineLayer.add(live);
  parts.stage.add(lineLayer);
  const lineTimes: number[] = [];
  for (let i = 0; i < 100; i++) {
    const t0 = performance.now();
    live.points([...live.points(), 800 + i * 30, 900]);
    lineLayer.draw();
    flush(lineLayer);
    lineTimes.push(performance.now() - t0);
  }
  lineLayer.destroy();
  parts.maskLayer.visible(true);

  const doc = editor.doc!;
  const redrawAll = summary(redrawTimes);
  return {
    bench: 'mask-painting',
    image: `${W}x${H}`,
    viewport: '1280x800 CSS px, DPR 1',
    strokesPainted: STROKES,
    brushPx: BRUSH,
    pointerMoveMs: { fit: atFit, actualSize: at100 },
    redrawAllBaselineMs: redrawAll,
    konvaLinePerStrokeBaselineMs: summary(lineTimes),
    speedupVsRedrawAll: { p50: round(redrawAll.p50 / atFit.p50, 1), p95: round(redrawAll.p95 / atFit.p95, 1) },
    undoOneStrokeMs: summary(undoTimes),
    redoOneStrokeMs: summary(redoTimes),
    exportMaskPngMs: summary(exportTimes),
    exportMaskPngBytes: exportBytes,
    paint200StrokesMs: round(paint200Ms),
    memory: {
      jsHeapBeforeMB: mb(heapBefore),
      jsHeapPeakWhilePaintingMB: mb(heapPeak),
      maskTiles: (editor as unknown as { surface: { liveTiles: number } }).surface.liveTiles,
      maskTileCanvasMB: mb((editor as unknown as { surface: { liveTiles: number } }).surface.liveTiles * 256 * 256 * 4),
      undoHistoryMB: mb(doc.historyBytes),
    },
    targets: {
      pointerMoveP95AtMost8ms: atFit.p95 <= 8,
      atLeast20xFasterThanRedrawAll: redrawAll.p95 / atFit.p95 >= 20,
      exportAtMost1500ms: Math.max(...exportTimes) <= 1500,
      undoAtMost50ms: summary(undoTimes).p95 <= 50,
    },
  };
}

(window as unknown as { runBench: typeof run }).runBench = run;
(window as unknown as { benchReady: boolean }).benchReady = true;
