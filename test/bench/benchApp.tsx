import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { App, createServices } from '../../src/app/App.tsx';
import { canvasToPng } from '../../src/canvas/exportPng.ts';
import { idbBackend } from '../../src/services/storage/backend.ts';
import { ResultStore } from '../../src/services/storage/index.ts';
import '../../src/ui/styles.css';

const DB = 'inpaint-editor-bench';

/** Waits for the next animation frame. */
export const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));

/**
 * Routes the page's calls to `/images/edits` to `answer` (counted; `onCall` runs first, at the
 * moment the request would go on the wire); every other fetch goes through. Returns the count
 * and a function that puts the real fetch back.
 */
export function stubEdits(answer: () => Response, onCall?: () => void): { count: () => number; restore: () => void } {
  const realFetch = window.fetch;
  let requests = 0;
  window.fetch = async (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/images/edits')) {
      onCall?.();
      requests++;
      return answer();
    }
    return realFetch(input, init);
  };
  return { count: () => requests, restore: () => { window.fetch = realFetch; } };
}

/** An ellipse over the middle of a w x h picture, `share` of its area painted (255). */
export function ellipseCoverage(w: number, h: number, share: number): Uint8Array {
  const cov = new Uint8Array(w * h);
  const k = Math.sqrt(share / Math.PI); // semi-axes as fractions of the sides: pi * a * b = share
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (((x - w / 2) / (w * k)) ** 2 + ((y - h / 2) / (h * k)) ** 2 < 1) cov[y * w + x] = 255;
  return cov;
}

/** The app mounted in a 1280x800 box over an emptied bench database, with an OpenAI edit set up. */
export async function mountBenchApp() {
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
  const { editor, edit } = services;
  edit.connection.save({ baseURL: 'http://bench.invalid/v1', apiKey: 'sk-bench', remember: false });
  edit.form.setModel('gpt-image-1.5');
  edit.form.set('quality', 'low');
  edit.form.set('partialImages', 0);
  edit.form.setPrompt('a bench');
  const files = new WeakMap<OffscreenCanvas, Promise<Blob>>();
  /**
   * Opens `canvas` as a newly opened picture (a new bitmap and source: nothing of an earlier one
   * is reused) with `cov` painted. Its file is its PNG, encoded once per canvas, as a picture
   * opened from a file or put back from storage after a reload has one.
   */
  const open = async (canvas: OffscreenCanvas, cov: Uint8Array) => {
    const { width: w, height: h } = canvas;
    let file = files.get(canvas);
    if (!file) files.set(canvas, file = canvasToPng(canvas));
    const blob = await file;
    const bitmap = await createImageBitmap(canvas);
    editor.setImage({ bitmap, name: 'bench.png', format: 'png', width: w, height: h, notes: [], originalWidth: w, originalHeight: h, source: { blob } });
    editor.loadMaskCoverage(cov);
  };
  const unmount = () => { root.unmount(); host.remove(); };
  return { services, open, unmount };
}
