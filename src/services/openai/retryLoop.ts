import { EditFailure } from '../../core/openai/request/errors.ts';
import { decideRetry, DEFAULT_RETRY, type RetryPolicy } from '../../core/openai/request/retry.ts';
import type { EditEvent } from '../../core/provider/types.ts';
import type { FailureFacts } from './sdk.ts';

/** Tracks, within one attempt, whether any part of an answer has arrived. */
export interface Attempt { answered: boolean }

export interface RetryOptions {
  signal: AbortSignal;
  policy?: RetryPolicy;
  onEvent?: (e: EditEvent) => void;
  reduce: (e: unknown, attempt: Attempt) => Promise<FailureFacts>;
}

/** Waits `ms`, or rejects as soon as `signal` aborts (Cancel during a retry wait). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) { reject(new EditFailure({ kind: 'aborted' })); return; }
    const done = () => { signal.removeEventListener('abort', stop); resolve(); };
    const timer = setTimeout(done, ms);
    const stop = () => { clearTimeout(timer); reject(new EditFailure({ kind: 'aborted' })); };
    signal.addEventListener('abort', stop, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds, retrying 429/5xx/connection failures per the policy and
 * announcing each wait (`retry` event) so the user sees it. A timeout, a cancel, an answer that
 * had begun or any other error ends it with an {@link EditFailure}.
 */
export async function withRetries<T>(attempt: (a: Attempt) => Promise<T>, opts: RetryOptions): Promise<T> {
  const policy = opts.policy ?? DEFAULT_RETRY;
  for (let n = 0; ; n++) {
    const state: Attempt = { answered: false };
    try {
      return await attempt(state);
    } catch (e) {
      if (opts.signal.aborted) throw new EditFailure({ kind: 'aborted' });
      const facts = await opts.reduce(e, state);
      if (facts.info.kind !== 'api' && facts.info.kind !== 'connection') throw new EditFailure(facts.info);
      const answered = state.answered || facts.began === true;
      const decision = decideRetry({ status: facts.status, headers: facts.headers, answered, code: facts.info.code }, n, policy);
      if (!decision.retry) {
        if (decision.serverWaitMs !== undefined) throw new EditFailure({ kind: 'retry-later', waitSeconds: Math.ceil(decision.serverWaitMs / 1000) });
        throw new EditFailure({ ...facts.info, attempts: n + 1 });
      }
      opts.onEvent?.({ type: 'retry', attempt: n + 1, waitMs: decision.waitMs, reason: facts.status ? `HTTP ${facts.status}` : 'connection' });
      await abortableSleep(decision.waitMs, opts.signal);
    }
  }
}
