/**
 * Faults on demand: a queue of specs, each matched to the next request(s) on a path, so a test
 * decides exactly which request fails and how.
 */
import type { CatalogueName } from './errors.ts';
import { sha256 } from './record.ts';

/** Headers that steer the SDK's retries (contract §5). */
export interface RetryHeaders {
  /** Seconds, sent as `retry-after`. */
  retryAfter?: number;
  /** Milliseconds, sent as `retry-after-ms`. */
  retryAfterMs?: number;
  /** Sent as `x-should-retry: true|false`. */
  shouldRetry?: boolean;
  headers?: Record<string, string>;
}

export type Fault =
  /** An error status with the catalogue's default body for it (429 rate limit, 500, 503, 401, 403, 404). */
  | ({ kind: 'status'; status: number } & RetryHeaders)
  /** A named catalogue error (contract §6), with its own status unless `status` overrides it. */
  | ({ kind: 'error'; error: CatalogueName; status?: number; args?: unknown[] } & RetryHeaders)
  /** Any status and JSON body you like. */
  | ({ kind: 'body'; status: number; body: unknown } & RetryHeaders)
  /** Destroys the connection after reading `afterBytes` (default 0) of the request body. */
  | { kind: 'dropUpload'; afterBytes?: number }
  /** Destroys the connection after `afterPartials` partial-image frames (default 1); a JSON answer is cut in half. */
  | { kind: 'dropStream'; afterPartials?: number }
  /** After `afterPartials` partial frames, sends an `event: error` frame (default moderation_blocked) and ends. */
  | { kind: 'streamError'; afterPartials?: number; error?: CatalogueName }
  /** Reads the request, then never answers (until the client gives up). */
  | { kind: 'hang' }
  /** 200 with a body that is not valid JSON (or an SSE frame that is not). */
  | { kind: 'malformedJson' }
  /** 200 with no image: `data: []`, an empty `b64_json`, or a Response with only a text message. */
  | { kind: 'noImage' }
  /** Streamed partial-image frames leave out their optional `output_format` (contract §10). */
  | { kind: 'partialsWithoutFormat' }
  /** Waits `ms` before handling normally. */
  | { kind: 'delay'; ms: number };

/** Per-request overrides of the server mode. */
export interface RequestMode {
  alterOutsideMask?: boolean;
  delayMs?: number;
}

export interface ScriptEntry {
  /** API path as `/v1/...` (also matches the gateway's `/gateway/v1/...`); a trailing `*` matches a prefix; omitted: any API request. */
  path?: string;
  method?: string;
  /**
   * Only requests sent with this bearer key match. Tests that share one server (browser test
   * files run in parallel) each use their own key so their scripts never meet. Kept as a hash.
   */
  apiKey?: string;
  keySha256?: string;
  /** How many matching requests get this entry (default 1). */
  times?: number;
  fault?: Fault;
  /** Mode overrides for the matching requests only. */
  mode?: RequestMode;
}

export class FaultQueue {
  private entries: { entry: ScriptEntry; left: number }[] = [];

  add(entries: readonly ScriptEntry[]): void {
    for (const { apiKey, ...entry } of entries) {
      if (apiKey !== undefined) entry.keySha256 = sha256(apiKey);
      this.entries.push({ entry, left: entry.times ?? 1 });
    }
  }

  /** The entry for this request, consuming one use of the first matching one. */
  take(method: string, apiPath: string, keySha256: string | null): ScriptEntry | null {
    const i = this.entries.findIndex(({ entry: e }) =>
      (!e.method || e.method.toUpperCase() === method)
      && (!e.keySha256 || e.keySha256 === keySha256)
      && (!e.path || (e.path.endsWith('*') ? apiPath.startsWith(e.path.slice(0, -1)) : apiPath === e.path)));
    if (i < 0) return null;
    const slot = this.entries[i]!;
    if (--slot.left <= 0) this.entries.splice(i, 1);
    return slot.entry;
  }

  /** Entries not used up yet (with the uses left). */
  pending(): ScriptEntry[] {
    return this.entries.map(({ entry, left }) => ({ ...entry, times: left }));
  }

  clear(): void {
    this.entries = [];
  }
}

export function retryHeaders(f: RetryHeaders): Record<string, string> {
  const h: Record<string, string> = { ...f.headers };
  if (f.retryAfter !== undefined) h['retry-after'] = String(f.retryAfter);
  if (f.retryAfterMs !== undefined) h['retry-after-ms'] = String(f.retryAfterMs);
  if (f.shouldRetry !== undefined) h['x-should-retry'] = String(f.shouldRetry);
  return h;
}
