import type { Region } from '../../core/selection/region.ts';
import { magicWand, type WandOptions, type WandResponse } from '../../core/selection/wand.ts';
import type { RgbaPixels } from '../../engine/types.ts';
import type { WandRunner } from '../../engine/tools/Tool.ts';

/** What the wand worker answers: a click's region, or why it could not. */
export type WandReply = { id: number; region: WandResponse } | { id: number; error: string };

/** Pictures below this many pixels are selected inline: the worker's round trip would cost more. */
export const WORKER_MIN_PIXELS = 1_000_000;

const defaultWorker = () => new Worker(new URL('./wand.worker.ts', import.meta.url), { type: 'module', name: 'magic-wand' });

/**
 * The magic wand off the main thread, so a click on a big photo never freezes the page. The
 * worker keeps a copy of the picture, sent once per picture (the engine's pixels are reused
 * while the picture stays open, so identity tells a new picture); each click posts only its
 * options and gets the region back transferred. Small pictures, and a worker that failed, run
 * inline.
 */
export class WorkerWandRunner implements WandRunner {
  private worker: Worker | null = null;
  private sent: RgbaPixels | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { ok: (r: Region) => void; fail: (e: Error) => void }>();
  private broken = false;

  constructor(private readonly createWorker: () => Worker = defaultWorker) {}

  run(pixels: RgbaPixels, opts: WandOptions): Promise<Region> | Region {
    if (this.broken || pixels.width * pixels.height < WORKER_MIN_PIXELS) return magicWand(pixels, opts);
    const w = this.start();
    if (this.sent !== pixels) {
      // A copy: the engine keeps reading its own pixels.
      const copy = new Uint8Array(pixels.data).buffer;
      w.postMessage({ type: 'picture', pixels: copy, width: pixels.width, height: pixels.height }, [copy]);
      this.sent = pixels;
    }
    const id = this.nextId++;
    return new Promise<Region>((ok, fail) => {
      this.waiting.set(id, { ok, fail });
      // A Worker's postMessage has no target origin (the rule is for windows).
      // oxlint-disable-next-line unicorn/require-post-message-target-origin
      w.postMessage({ type: 'click', id, opts });
    }).catch(() => magicWand(pixels, opts));
  }

  /** Stops the worker; clicks under way are selected inline. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.sent = null;
    for (const p of this.waiting.values()) p.fail(new Error('wand worker stopped'));
    this.waiting.clear();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.addEventListener('message', (e: MessageEvent<WandReply>) => {
      const p = this.waiting.get(e.data.id);
      if (!p) return;
      this.waiting.delete(e.data.id);
      if ('error' in e.data) p.fail(new Error(e.data.error));
      else {
        const r = e.data.region;
        p.ok({ x: r.x, y: r.y, w: r.w, h: r.h, data: new Uint8Array(r.data) });
      }
    });
    w.addEventListener('error', () => {
      this.broken = true;
      this.dispose();
    });
    this.worker = w;
    return w;
  }
}
