/**
 * When to try a failed request again, and how long to wait first. Pure, so the policy is
 * tested without a network; the service runs the loop and shows the wait.
 */

export interface RetryPolicy {
  maxRetries: number;
  /** The longest server-asked wait we sit through; beyond it the user is told to come back. */
  maxServerWaitMs: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, maxServerWaitMs: 60_000, baseMs: 500, capMs: 8_000 };

/** A failed attempt, as far as retrying goes. */
export interface Failure {
  /** HTTP status, or undefined for a connection error before any answer. */
  status?: number;
  headers?: { get(name: string): string | null } | null;
  /** Any byte of an answer (a stream event) already arrived: never retried, it may be billed. */
  answered: boolean;
  /** The error's code: `insufficient_quota` is a 429 that waiting does not cure. */
  code?: string | null;
}

export type RetryDecision = { retry: false; serverWaitMs?: number } | { retry: true; waitMs: number };

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date; null when absent. */
export function serverWaitMs(headers: Failure['headers'], now = Date.now()): number | null {
  const ms = Number(headers?.get('retry-after-ms'));
  if (headers?.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = headers?.get('retry-after');
  if (!ra) return null;
  const secs = Number(ra);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const date = Date.parse(ra);
  return Number.isFinite(date) ? Math.max(0, date - now) : null;
}

/**
 * Retry 408, 409, 429, 5xx and connection errors, unless the server says `x-should-retry:
 * false` or an answer had begun. Waits what the server asks (up to `maxServerWaitMs`), else
 * 0.5 s doubling to 8 s, less up to a quarter of jitter.
 */
export function decideRetry(f: Failure, attempt: number, policy: RetryPolicy = DEFAULT_RETRY, random = Math.random): RetryDecision {
  if (f.answered || attempt >= policy.maxRetries || f.code === 'insufficient_quota') return { retry: false };
  const should = f.headers?.get('x-should-retry');
  if (should === 'false') return { retry: false };
  const retriable = should === 'true' || f.status === undefined || f.status === 408 || f.status === 409 || f.status === 429 || f.status >= 500;
  if (!retriable) return { retry: false };
  const asked = serverWaitMs(f.headers);
  if (asked !== null) {
    if (asked > policy.maxServerWaitMs) return { retry: false, serverWaitMs: asked };
    return { retry: true, waitMs: asked };
  }
  const backoff = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return { retry: true, waitMs: Math.round(backoff * (1 - 0.25 * random())) };
}
