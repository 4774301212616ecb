/**
 * The magic wand's worker: a `picture` message brings the open picture's pixels (transferred,
 * kept for every later click), a `click` message asks for a selection; the answer carries the
 * click's id and the region, its coverage transferred back (wandFromBuffers).
 */
import { wandFromBuffers, type WandOptions } from '../../core/selection/wand.ts';
import type { WandReply } from './WorkerWandRunner.ts';

/** The worker's global scope, typed by what this file uses (the project's lib is DOM, not WebWorker). */
const scope = self as unknown as {
  postMessage(message: WandReply, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
};

let picture: { pixels: ArrayBuffer; width: number; height: number } | null = null;

scope.addEventListener('message', (e) => {
  const m = e.data as { type: 'picture'; pixels: ArrayBuffer; width: number; height: number } | { type: 'click'; id: number; opts: WandOptions };
  if (m.type === 'picture') {
    picture = { pixels: m.pixels, width: m.width, height: m.height };
    return;
  }
  if (!picture) {
    scope.postMessage({ id: m.id, error: 'no picture' }, []);
    return;
  }
  const res = wandFromBuffers({ ...picture, ...m.opts });
  scope.postMessage({ id: m.id, region: res }, [res.data]);
});
