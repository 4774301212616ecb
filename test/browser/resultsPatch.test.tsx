// A cache hit shows its result as a patch over the mask's painted box, drawn over the picture:
// what the screen shows is the full composite exactly (inside the mask the result, outside the
// original), nothing the picture's size is read on the way, and a download after the hit is the
// full composite built as before, byte for byte.
import { afterEach, expect, test } from 'vitest';
import type { Mounted } from './helpers.tsx';
import { exportImagePng } from '../../src/canvas/exportPng.ts';
import { blendInto, boxInResult, frameInResult, paintedBox, seamWeights } from '../../src/core/composite/layBack.ts';
import { control, idbStore, mountWithResults, pixelsOf, prepareEdit, wipeDb } from './resultsHelpers.tsx';

const KEY = 'sk-test-results-patch';
const DB = 'inpaint-results-patch-test';

let m: Mounted | null = null;
afterEach(async () => { m?.unmount(); m = null; await wipeDb(DB); });

/** The full-size composite as the lay-back built it before patches: the whole picture drawn, its box read, blended and written back. */
function oldComposite(original: ImageBitmap, result: ImageBitmap, coverage: Uint8Array, feather: number): OffscreenCanvas {
  const { width: W, height: H } = original;
  const canvas = new OffscreenCanvas(W, H);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(original, 0, 0);
  const box = paintedBox(coverage, W, H)!;
  const src = boxInResult(box, W, H, frameInResult(result.width, result.height));
  const part = new OffscreenCanvas(box.w, box.h);
  const pctx = part.getContext('2d', { willReadFrequently: true })!;
  pctx.imageSmoothingQuality = 'high';
  pctx.drawImage(result, src.x, src.y, src.w, src.h, 0, 0, box.w, box.h);
  const base = ctx.getImageData(box.x, box.y, box.w, box.h);
  blendInto(base.data, pctx.getImageData(0, 0, box.w, box.h).data, seamWeights(coverage, W, box, feather));
  ctx.putImageData(base, box.x, box.y);
  return canvas;
}

/** Every getImageData read's area (width x height) while `run` runs. */
async function readsDuring(run: () => Promise<void>): Promise<number[]> {
  const areas: number[] = [];
  const protos = [OffscreenCanvasRenderingContext2D.prototype, CanvasRenderingContext2D.prototype];
  const real = protos.map((p) => p.getImageData);
  protos.forEach((p, i) => {
    p.getImageData = function (this: never, ...a: Parameters<typeof p.getImageData>) {
      areas.push(a[2] * a[3]);
      return (real[i] as typeof p.getImageData).apply(this, a);
    } as typeof p.getImageData;
  });
  try {
    await run();
  } finally {
    protos.forEach((p, i) => { p.getImageData = real[i] as typeof p.getImageData; });
  }
  return areas;
}

test('a cache hit shows the exact composite as a patch over the painted box, reads nothing picture-sized, and downloads the full composite byte for byte', async () => {
  m = await mountWithResults(KEY, { storage: idbStore(DB) });
  const { edit, results, editor } = m.services;
  await prepareEdit(m, 'a patch');
  await control.script([{ path: '/v1/images/edits', apiKey: KEY, mode: { alterOutsideMask: true } }]);
  await edit.session.submit();
  expect(edit.session.state.status).toBe('done');
  await results.settled();
  const sent = (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).length;

  const reads = await readsDuring(() => edit.session.submit());
  expect(edit.session.state.cached).toBe(true);
  expect((await control.requests({ path: '/v1/images/edits', apiKey: KEY })).length).toBe(sent);

  const original = editor.bitmap!;
  const { width: W, height: H } = original;
  const coverage = editor.doc!.coverage();
  const box = paintedBox(coverage, W, H)!;
  // On screen: a patch of the painted box's size, lying over exactly that box.
  const pv = editor.preview!;
  expect(pv.target).toEqual({ x: box.x, y: box.y, width: box.w, height: box.h });
  expect([pv.image.width, pv.image.height]).toEqual([box.w, box.h]);
  expect(box.w * box.h).toBeLessThan((W * H) / 4);
  // No read on the hit's way is the picture's size: the largest is the box.
  expect(Math.max(...reads)).toBeLessThanOrEqual(box.w * box.h);

  const result = await createImageBitmap(results.results.state.round!.results[0]!.blob);
  const reference = oldComposite(original, result, coverage, results.results.state.feather);
  const want = pixelsOf(reference);
  const orig = pixelsOf(original);

  // The screen at one image pixel per screen pixel: the image layer is the composite exactly.
  editor.setView({ scale: 1, x: 0, y: 0 });
  editor.parts!.stage.draw();
  const layer = editor.parts!.imageLayer.getCanvas()._canvas;
  const screen = layer.getContext('2d', { willReadFrequently: true })!.getImageData(0, 0, W, H).data;
  let inside = 0;
  let fromResult = 0;
  let outsideDiff = 0;
  let diff = 0;
  for (let i = 0; i < W * H; i++) {
    for (let c = 0; c < 3; c++) if (screen[i * 4 + c] !== want[i * 4 + c]) diff++;
    if (coverage[i]! >= 128) {
      inside++;
      if (screen[i * 4] === 255 && screen[i * 4 + 1] === 0 && screen[i * 4 + 2] === 255) fromResult++;
    } else {
      for (let c = 0; c < 3; c++) if (screen[i * 4 + c] !== orig[i * 4 + c]) outsideDiff++;
    }
  }
  expect(diff).toBe(0);
  expect(outsideDiff).toBe(0);
  // Inside the mask the fake's fill (magenta) shows, but on the seam.
  expect(fromResult).toBeGreaterThan(inside * 0.6);

  // Download after the hit: the full composite, the same PNG the old lay-back gave.
  const saved: Blob[] = [];
  const realUrl = URL.createObjectURL;
  URL.createObjectURL = (b: Blob | MediaSource) => { if (b instanceof Blob) saved.push(b); return realUrl(b); };
  try {
    await results.results.download('png');
  } finally {
    URL.createObjectURL = realUrl;
  }
  expect(saved).toHaveLength(1);
  const expected = new Uint8Array(await (await exportImagePng(reference)).arrayBuffer());
  expect(new Uint8Array(await saved[0]!.arrayBuffer())).toEqual(expected);

  // The strip's thumbnail is the result drawn small from the round's decoded bitmap (once idle),
  // not an <img> of the result's file (a second read and decode of it on every hit).
  const strip = m.host.querySelector('[data-testid="results"]')!;
  expect(strip.querySelector('img')).toBeNull();
  const thumb = strip.querySelector<HTMLCanvasElement>('[data-testid="result-thumb-1"]')!;
  await expect.poll(() => thumb.width, { timeout: 5000 }).toBeGreaterThan(1);
  expect(thumb.width / thumb.height).toBeCloseTo(result.width / result.height, 1);
  const small = new OffscreenCanvas(thumb.width, thumb.height);
  const sctx = small.getContext('2d')!;
  sctx.imageSmoothingQuality = 'medium';
  sctx.drawImage(result, 0, 0, thumb.width, thumb.height);
  expect(Array.from(pixelsOf(thumb))).toEqual(Array.from(pixelsOf(small)));
  result.close();
});
