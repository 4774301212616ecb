import type OpenAI from 'openai';
import { EditFailure, type ApiErrorInfo } from '../../core/openai/request/errors.ts';

type SdkModule = typeof import('openai');

let sdk: Promise<SdkModule> | null = null;

/** The openai SDK, loaded on first use: it is 85 kB gzipped and most sessions never call it. */
export function loadSdk(): Promise<SdkModule> {
  sdk ??= import('openai');
  return sdk;
}

/** Where requests go. In proxy mode the server adds the key; the browser holds none. */
export interface Connection {
  baseURL: string;
  apiKey: string;
  proxy: boolean;
  /**
   * An embedding host's credentials for its own proxy (e.g. `X-WP-Nonce`), sent with every
   * request to this `baseURL` and nowhere else. Never part of a cache key, never stored or logged.
   */
  headers?: Readonly<Record<string, string>>;
}

/**
 * A placeholder the proxy replaces; the SDK insists on some key. Not a secret. A proxy that asks
 * for an access token gets the token here instead (`conn.apiKey`), and replaces it likewise.
 */
export const PROXY_KEY_PLACEHOLDER = 'proxy-mode';

/**
 * A client for one request. Retries are ours (so the wait can be shown and a started answer is
 * never retried), hence `maxRetries: 0`.
 */
export async function createClient(conn: Connection, timeoutMs: number): Promise<OpenAI> {
  const { default: Client } = await loadSdk();
  return new Client({
    apiKey: conn.proxy ? conn.apiKey || PROXY_KEY_PLACEHOLDER : conn.apiKey,
    baseURL: conn.baseURL,
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    timeout: timeoutMs,
    ...(conn.headers ? { defaultHeaders: { ...conn.headers } } : {}),
    // With no `Response` beside it, the SDK probes FormData support with fetch('data:,') before an
    // upload, which a strict Content-Security-Policy (connect-src without data:) reports as a violation.
    fetch: Object.assign((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init), { Response }),
  });
}

/**
 * An error's HTTP status and headers, for the retry decision. `began`: it was thrown while an
 * answer that had arrived was read (never retried: the request may be billed).
 */
export interface FailureFacts { status?: number; headers?: Headers | null; info: ApiErrorInfo; began?: boolean }

/** An error as the API's body (or a failed image call) gives it. */
export interface ErrorBody { message?: string; code?: string | null; type?: string; param?: string | null; moderation_details?: { categories?: string[]; moderation_stage?: string } }

/** An `api` error's facts, with the body's moderation details when it has them. */
export function apiErrorInfo(body: ErrorBody, info: Omit<ApiErrorInfo, 'kind' | 'moderation'>): ApiErrorInfo {
  const d = body.moderation_details;
  return d ? { kind: 'api', ...info, moderation: { categories: d.categories ?? [], stage: d.moderation_stage ?? null } } : { kind: 'api', ...info };
}

/**
 * Reduces whatever a request threw to plain facts. Only an HTTP error status or a connection
 * that failed before any answer may be retried; `answered` says a stream had begun, and anything
 * the SDK throws besides its connection errors comes from reading an answer that had arrived
 * (an `error` event in a stream, a body cut short, JSON that does not parse).
 */
export async function reduceError(e: unknown, ctx: { model: string; host: string; answered: boolean; timedOut: boolean }): Promise<FailureFacts> {
  if (e instanceof EditFailure) return { info: e.info };
  const m = await loadSdk();
  if (ctx.timedOut || e instanceof m.APIConnectionTimeoutError) return { info: { kind: 'timeout', host: ctx.host } };
  if (e instanceof m.APIUserAbortError || (e instanceof DOMException && e.name === 'AbortError')) return { info: { kind: 'aborted' } };
  if (e instanceof m.APIError && e.status !== undefined) {
    const body = (e.error ?? {}) as ErrorBody;
    const info = apiErrorInfo(body, {
      status: e.status, code: e.code ?? body.code ?? null, type: e.type ?? null, param: e.param ?? null,
      message: body.message ?? e.message, model: ctx.model, requestId: e.requestID ?? null,
    });
    return { status: e.status, headers: e.headers ?? null, info };
  }
  if (e instanceof m.APIConnectionError) return { info: { kind: ctx.answered ? 'stream-dropped' : 'connection', host: ctx.host } };
  if (e instanceof m.APIError) {
    // An `error` event inside a stream: an API error with no status, in an answer that had begun.
    const body = (e.error ?? {}) as ErrorBody;
    return { info: apiErrorInfo(body, { code: body.code ?? null, type: body.type ?? null, param: body.param ?? null, message: body.message ?? e.message, model: ctx.model }), began: true };
  }
  if (e instanceof SyntaxError) return { info: { kind: 'malformed', host: ctx.host }, began: true };
  // fetch fails the reading of a body whose connection dropped with a TypeError.
  if (e instanceof TypeError) return { info: { kind: 'stream-dropped', host: ctx.host }, began: true };
  return { info: { kind: 'api', message: String((e as Error)?.message ?? e), model: ctx.model }, began: true };
}
