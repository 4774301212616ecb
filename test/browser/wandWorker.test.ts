import { describe, expect, it } from 'vitest';
import { magicWand } from '../../src/core/selection/wand.ts';
import { WorkerWandRunner, WORKER_MIN_PIXELS } from '../../src/services/selection/WorkerWandRunner.ts';

// The magic wand's worker: on a picture big enough to use it, each click's region equals the
// inline wand's, the picture is sent once, and a later picture replaces it.

/** Rings of two colours around a centre, with grain, so contiguous and global differ. */
function picture(width: number, height: number, shift: number) {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) {
    const ring = Math.floor(Math.hypot(x - width / 2, y - height / 2) / (60 + shift)) % 2;
    const v = ring ? 200 : 40;
    const g = (x * 7 + y * 13) % 9;
    data.set([v + g, v, v - g, 255], (y * width + x) * 4);
  }
  return { width, height, data };
}

describe('WorkerWandRunner', () => {
  it('selects in the worker exactly what the inline wand selects, for each picture', async () => {
    const posted: string[] = [];
    const runner = new WorkerWandRunner(() => {
      const w = new Worker(new URL('../../src/services/selection/wand.worker.ts', import.meta.url), { type: 'module' });
      const post = w.postMessage.bind(w);
      w.postMessage = ((m: { type: string }, t?: Transferable[]) => { posted.push(m.type); post(m, t ?? []); }) as Worker['postMessage'];
      return w;
    });
    const a = picture(1200, 1000, 0);
    const b = picture(1200, 1000, 25);
    expect(a.width * a.height).toBeGreaterThanOrEqual(WORKER_MIN_PIXELS);
    for (const [img, opts] of [
      [a, { x: 600, y: 500, tolerance: 12, contiguous: true }],
      [a, { x: 10, y: 10, tolerance: 12, contiguous: false }],
      [b, { x: 600.7, y: 500.2, tolerance: 30, contiguous: true }],
    ] as const) {
      const out = runner.run(img, opts);
      expect(out).toBeInstanceOf(Promise);
      const got = await out;
      const want = magicWand(img, opts);
      expect([got.x, got.y, got.w, got.h]).toEqual([want.x, want.y, want.w, want.h]);
      // Counted, not toEqual: a deep diff of a million bytes is far slower than the wand.
      let differ = 0;
      for (let i = 0; i < want.data.length; i++) if (got.data[i] !== want.data[i]) differ++;
      expect([got.data.length, differ]).toEqual([want.data.length, 0]);
      expect(got.w * got.h).toBeGreaterThan(1000);
    }
    expect(posted).toEqual(['picture', 'click', 'click', 'picture', 'click']);
    runner.dispose();
  });
});
