/**
 * The local fill's worker: reads the crop around the hole from the image, fills it in slices
 * of a few tens of milliseconds (so progress and cancel messages get through), puts the hole's
 * pixels back into the full image and encodes it as PNG. Jobs run one at a time, in order.
 */
import { canvasToPng } from '../../canvas/exportPng.ts';
import { FillError, fillSteps } from '../../core/localFill/fill.ts';
import { compositeLayers, cropHole, planCrop } from '../../core/localFill/plan.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/** The worker's global scope, typed by what this file uses (the project's lib is DOM, not WebWorker). */
const scope = self as unknown as {
  postMessage(message: FromWorker, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToWorker>) => void): void;
};

/** Longest stretch of filling between two looks at the message queue. */
const SLICE_MS = 25;
/** Least time between two progress messages. */
const PROGRESS_MS = 100;

const cancelled = new Set<number>();
let queue: Promise<void> = Promise.resolve();

class Cancelled extends Error {}

const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

/** Lets queued messages (a cancel) run: a message-channel hop, which no timer clamping delays. */
const tick = () => new Promise<void>((resolve) => {
  const ch = new MessageChannel();
  ch.port1.addEventListener('message', () => { ch.port1.close(); resolve(); });
  ch.port1.start();
  ch.port2.postMessage(null);
});

async function run(job: Extract<ToWorker, { type: 'fill' }>): Promise<void> {
  const { id, bitmap, mask } = job;
  const t0 = performance.now();
  try {
    if (cancelled.has(id)) throw new Cancelled();
    const width = bitmap.width;
    const height = bitmap.height;
    const crop = planCrop(mask, width, height);
    if (!crop) {
      post({ type: 'error', id, code: 'empty-mask', message: 'Nothing is painted.' });
      return;
    }
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(crop.x, crop.y, crop.w, crop.h);
    const hole = cropHole(mask, width, crop);
    const tRead = performance.now();

    const steps = fillSteps({ rgba: data.data, width: crop.w, height: crop.h, hole }, { seed: job.seed });
    let slice = performance.now();
    let reported = 0;
    let stats;
    for (;;) {
      const s = steps.next();
      if (s.done) { stats = s.value; break; }
      const now = performance.now();
      if (now - slice < SLICE_MS) continue;
      if (now - reported >= PROGRESS_MS) {
        post({ type: 'progress', id, fraction: s.value });
        reported = now;
      }
      await tick();
      if (cancelled.has(id)) throw new Cancelled();
      slice = performance.now();
    }
    const tFill = performance.now();

    const { cut, paint } = compositeLayers(data.data, hole);
    const layer = new OffscreenCanvas(crop.w, crop.h);
    const lctx = layer.getContext('2d')!;
    lctx.putImageData(new ImageData(cut, crop.w, crop.h), 0, 0);
    ctx.globalCompositeOperation = 'destination-out';
    ctx.drawImage(layer, crop.x, crop.y);
    lctx.putImageData(new ImageData(paint, crop.w, crop.h), 0, 0);
    ctx.globalCompositeOperation = 'source-over';
    ctx.drawImage(layer, crop.x, crop.y);
    const png = await canvasToPng(canvas);
    const t1 = performance.now();
    if (cancelled.has(id)) throw new Cancelled();
    post({
      type: 'done', id, png, width, height, stats, crop,
      timings: { read: tRead - t0, fill: tFill - tRead, encode: t1 - tFill, total: t1 - t0 },
    });
  } catch (e) {
    if (e instanceof Cancelled) post({ type: 'cancelled', id });
    else if (e instanceof FillError) post({ type: 'error', id, code: 'no-source', message: e.message });
    else post({ type: 'error', id, code: 'failed', message: e instanceof Error ? e.message : String(e) });
  } finally {
    bitmap.close();
    cancelled.delete(id);
  }
}

scope.addEventListener('message', (e) => {
  const m = e.data;
  if (m.type === 'cancel') cancelled.add(m.id);
  else queue = queue.then(() => run(m));
});
