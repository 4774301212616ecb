/**
 * The bench's wand worker: the first message brings the picture (transferred), each later one a
 * click; the answer is the region with its coverage transferred back (wandFromBuffers).
 */
import { wandFromBuffers, type WandOptions, type WandResponse } from '../../src/core/selection/wand.ts';

/** The worker's global scope, typed by what this file uses (the project's lib is DOM, not WebWorker). */
const scope = self as unknown as {
  postMessage(message: WandResponse, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
};

let picture: { pixels: ArrayBuffer; width: number; height: number } | null = null;

scope.addEventListener('message', (e) => {
  if (!picture) {
    picture = e.data;
    scope.postMessage({ x: 0, y: 0, w: 0, h: 0, data: new ArrayBuffer(0) }, []);
    return;
  }
  const res = wandFromBuffers({ ...picture, ...(e.data as WandOptions) });
  scope.postMessage(res, [res.data]);
});
