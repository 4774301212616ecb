/**
 * The page's side of the fill worker: starts it on first use, matches replies to jobs, and on
 * cancel answers at once while the worker stops at its next slice. A worker that does not
 * confirm a cancel soon (busy encoding a huge PNG, say) is replaced, so the next job never waits.
 */
import type { FillFailure, FromWorker, ToWorker } from './protocol.ts';

/** A failed fill, with the reason the UI words (`localFill.error.<code>`). */
export class LocalFillError extends Error {
  constructor(readonly code: FillFailure | 'no-image' | 'mask-size', detail?: string) {
    super(detail ?? code);
    this.name = 'LocalFillError';
  }
}

/** What a finished fill gives: the worker's answer, less its envelope. */
export type FillResult = Omit<Extract<FromWorker, { type: 'done' }>, 'type' | 'id'>;

export interface FillRequest {
  bitmap: ImageBitmap;
  mask: Uint8Array;
  seed: number;
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
}

interface Pending {
  resolve: (r: FillResult) => void;
  reject: (e: unknown) => void;
  onProgress?: (fraction: number) => void;
}

/** How long a cancelled job may keep the worker before it is replaced. */
const CANCEL_GRACE_MS = 2000;

export const abortError = () => new DOMException('The local fill was cancelled.', 'AbortError');

export class FillWorkerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** Cancelled jobs the worker has not confirmed yet, with their replacement timers. */
  private stopping = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(private readonly createWorker: () => Worker) {}

  /** Fills `mask` in `bitmap` (the caller's bitmap and mask stay the caller's: copies are sent). */
  async run(req: FillRequest): Promise<FillResult> {
    if (req.signal.aborted) throw abortError();
    const copy = await createImageBitmap(req.bitmap);
    if (req.signal.aborted) {
      copy.close();
      throw abortError();
    }
    const mask = req.mask.slice();
    let worker: Worker;
    try {
      worker = this.ensureWorker();
    } catch (e) {
      // A page whose policy forbids workers (a strict CSP in a host page, say).
      copy.close();
      throw new LocalFillError('failed', e instanceof Error ? e.message : String(e));
    }
    const id = this.nextId++;
    return new Promise<FillResult>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        reject(abortError());
        worker.postMessage({ type: 'cancel', id } satisfies ToWorker, []);
        this.stopping.set(id, setTimeout(() => this.replace(worker), CANCEL_GRACE_MS));
      };
      const settle = <T>(fn: (v: T) => void) => (v: T) => {
        req.signal.removeEventListener('abort', onAbort);
        fn(v);
      };
      this.pending.set(id, { resolve: settle(resolve), reject: settle(reject), onProgress: req.onProgress });
      req.signal.addEventListener('abort', onAbort, { once: true });
      worker.postMessage({ type: 'fill', id, bitmap: copy, mask, seed: req.seed } satisfies ToWorker, [copy, mask.buffer]);
    });
  }

  /** Stops the worker; jobs under way fail. */
  dispose(): void {
    if (this.worker) this.replace(this.worker);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = this.createWorker();
    w.addEventListener('message', (e: MessageEvent<FromWorker>) => this.onMessage(e.data));
    w.addEventListener('error', (e) => {
      e.preventDefault();
      this.failAll(new LocalFillError('failed', e.message || 'The fill worker stopped.'));
      this.replace(w);
    });
    this.worker = w;
    return w;
  }

  private onMessage(m: FromWorker): void {
    if (m.type !== 'progress') {
      clearTimeout(this.stopping.get(m.id));
      this.stopping.delete(m.id);
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    switch (m.type) {
      case 'progress':
        p.onProgress?.(m.fraction);
        return;
      case 'done':
        this.pending.delete(m.id);
        p.resolve({ png: m.png, width: m.width, height: m.height, stats: m.stats, crop: m.crop, timings: m.timings });
        return;
      case 'cancelled':
        this.pending.delete(m.id);
        p.reject(abortError());
        return;
      case 'error':
        this.pending.delete(m.id);
        p.reject(new LocalFillError(m.code, m.message));
    }
  }

  private replace(w: Worker): void {
    w.terminate();
    if (this.worker === w) this.worker = null;
    for (const t of this.stopping.values()) clearTimeout(t);
    this.stopping.clear();
    this.failAll(new LocalFillError('failed', 'The fill worker was restarted.'));
  }

  private failAll(e: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(e);
  }
}
