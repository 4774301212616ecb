/**
 * OpenAI errors → what the user is told to do (contract §6). The service reduces whatever was
 * thrown to an {@link ApiErrorInfo}; this maps it to a message key (every key has a string in
 * the UI's en.ts, checked by a test) and its parameters.
 */

export interface ApiErrorInfo {
  kind: 'api' | 'connection' | 'timeout' | 'aborted' | 'no-image' | 'stream-dropped' | 'malformed' | 'retry-later';
  status?: number;
  code?: string | null;
  type?: string | null;
  param?: string | null;
  message?: string;
  model?: string;
  /** The server's `x-request-id`, to quote to support. */
  requestId?: string | null;
  moderation?: { categories: string[]; stage?: string | null };
  /** Host the request went to (for connection errors). */
  host?: string;
  /** For 'retry-later': seconds the server asked to wait (beyond what we wait on our own). */
  waitSeconds?: number;
  /** How many times the request was sent before giving up (1: it was not retried). */
  attempts?: number;
}

export const ERROR_KEYS = [
  'openai.error.cancelled', 'openai.error.auth', 'openai.error.verification', 'openai.error.forbidden',
  'openai.error.unknownModel', 'openai.error.notFound', 'openai.error.rateLimit', 'openai.error.rateLimitOnce', 'openai.error.quota',
  'openai.error.retryLater', 'openai.error.server', 'openai.error.serverOnce', 'openai.error.connection', 'openai.error.timeout',
  'openai.error.streamDropped', 'openai.error.streamFailed', 'openai.error.malformed', 'openai.error.noImage', 'openai.error.moderation', 'openai.error.mime',
  'openai.error.imageMissing', 'openai.error.maskSize', 'openai.error.maskAlpha', 'openai.error.dalleAlpha',
  'openai.error.dalleFile', 'openai.error.size', 'openai.error.quality', 'openai.error.unknownParameter',
  'openai.error.compression', 'openai.error.transparent', 'openai.error.tooLarge', 'openai.error.badRequest',
  'openai.error.billing', 'openai.error.previousResponse', 'openai.error.host', 'openai.error.unknown',
  'openai.error.proxyToken', 'openai.error.proxyRate', 'openai.error.proxyBusy', 'openai.error.proxyBudget',
  'openai.error.proxyBudgetAll', 'openai.error.proxyUnavailable', 'openai.error.proxyRestart',
  'openai.error.proxySafetyId',
] as const;

/** The `error.type` a host's proxy answers with for its own refusals; the editor shows their message. */
export const HOST_ERROR_TYPE = 'inpaint_host_error';

export type ErrorKey = (typeof ERROR_KEYS)[number];
export interface ErrorMessage { key: ErrorKey; params: Record<string, string | number> }

/** Codes the production server's proxy answers with (src/server/proxy), each with its message. */
const PROXY_CODES: Record<string, ErrorKey> = {
  proxy_token_missing: 'openai.error.proxyToken',
  proxy_token_invalid: 'openai.error.proxyToken',
  proxy_rate_limited: 'openai.error.proxyRate',
  proxy_busy: 'openai.error.proxyBusy',
  proxy_budget: 'openai.error.proxyBudget',
  proxy_budget_deployment: 'openai.error.proxyBudgetAll',
  proxy_limits_unavailable: 'openai.error.proxyUnavailable',
  proxy_disabled: 'openai.error.proxyUnavailable',
  proxy_no_key: 'openai.error.proxyUnavailable',
  proxy_safety_identifier: 'openai.error.proxySafetyId',
  server_shutdown: 'openai.error.proxyRestart',
};

/** `Invalid value: 'x'` → x. */
const quotedValue = (m: string) => /Invalid value: '([^']*)'/.exec(m)?.[1] ?? '';

/** Categories from `moderation_details`, or from `safety_violations=[a, b]` in the message. */
function moderationCategories(info: ApiErrorInfo): string {
  const cats = info.moderation?.categories ?? [];
  if (cats.length) return cats.join(', ');
  const m = /safety_violations=\[([^\]]*)\]/.exec(info.message ?? '');
  return m?.[1]?.trim() || '';
}

function apiError(info: ApiErrorInfo): ErrorMessage {
  const msg = info.message ?? '';
  const code = info.code ?? '';
  const status = info.status ?? 0;
  const base = { model: info.model ?? '', request: info.requestId ?? '', message: msg.slice(0, 300) };
  const to = (key: ErrorKey, params: Record<string, string | number> = {}): ErrorMessage => ({ key, params: { ...base, ...params } });

  // A host's own proxy refused (not logged in, over its limit…): its message, already in the
  // user's language, says it best (README: "Errors from a host's proxy").
  if (info.type === HOST_ERROR_TYPE && msg) return to('openai.error.host');
  // The editor's own server (src/server/proxy) refused, or is restarting: its codes come first.
  const proxy = PROXY_CODES[code];
  if (proxy) return to(proxy);

  if (code === 'moderation_blocked' || code === 'content_policy_violation' || /safety system/i.test(msg)) {
    return to('openai.error.moderation', { categories: moderationCategories(info) || '—', stage: info.moderation?.stage ?? '—' });
  }
  if (status === 401) return to('openai.error.auth');
  if (code === 'billing_hard_limit_reached' || /billing hard limit/i.test(msg)) return to('openai.error.billing');
  if (code === 'previous_response_not_found' || info.param === 'previous_response_id') return to('openai.error.previousResponse');
  if (status === 403) return /verif/i.test(msg) || /gpt-image|image model/i.test(msg) || !msg ? to('openai.error.verification') : to('openai.error.forbidden');
  if (code === 'model_not_found' || /model .* does not exist|does not exist or you do not have access/i.test(msg)) return to('openai.error.unknownModel');
  if (status === 404) return to('openai.error.notFound');
  // Sent once: the server said not to retry (x-should-retry: false), so no retries "ran out".
  const once = info.attempts === 1;
  if (status === 429) return code === 'insufficient_quota' ? to('openai.error.quota') : to(once ? 'openai.error.rateLimitOnce' : 'openai.error.rateLimit');
  if (status === 413) return to('openai.error.tooLarge');
  if (status >= 500) return to(once ? 'openai.error.serverOnce' : 'openai.error.server', { status });
  if (code === 'unsupported_file_mimetype' || /unsupported mimetype/i.test(msg)) return to('openai.error.mime', { param: info.param ?? 'image' });
  if (/Invalid image file or mode/i.test(msg)) return to('openai.error.imageMissing');
  if (/mask/i.test(msg) && /alpha/i.test(msg)) return to('openai.error.maskAlpha');
  if (/mask/i.test(msg) || info.param === 'mask') return to('openai.error.maskSize');
  if (/format must be in \['RGBA'/i.test(msg)) return to('openai.error.dalleAlpha');
  if (/must be a PNG and less than 4 MB/i.test(msg)) return to('openai.error.dalleFile');
  if (code === 'invalid_png_output_compression' || /Compression less than 100/i.test(msg)) return to('openai.error.compression');
  if (/Transparent background/i.test(msg)) return to('openai.error.transparent');
  if (code === 'unknown_parameter' || /Unknown parameter/i.test(msg)) {
    return to('openai.error.unknownParameter', { param: info.param ?? /Unknown parameter: '([^']*)'/.exec(msg)?.[1] ?? '' });
  }
  if (info.param === 'size') return to('openai.error.size', { value: quotedValue(msg) });
  if (info.param === 'quality') return to('openai.error.quality', { value: quotedValue(msg) });
  if (status === 400 || status === 422) return to('openai.error.badRequest');
  // An `error` event in a stream that had begun: no status, the body's type (server_error, …).
  if (!status && info.type) return to('openai.error.streamFailed');
  return to('openai.error.unknown', { status });
}

/** The message for a failed request. */
export function describeError(info: ApiErrorInfo): ErrorMessage {
  switch (info.kind) {
    case 'aborted': return { key: 'openai.error.cancelled', params: {} };
    case 'connection': return { key: 'openai.error.connection', params: { host: info.host ?? '' } };
    case 'timeout': return { key: 'openai.error.timeout', params: { host: info.host ?? '' } };
    case 'stream-dropped': return { key: 'openai.error.streamDropped', params: {} };
    case 'malformed': return { key: 'openai.error.malformed', params: { host: info.host ?? '' } };
    case 'no-image': return { key: 'openai.error.noImage', params: { model: info.model ?? '' } };
    case 'retry-later': return { key: 'openai.error.retryLater', params: { seconds: info.waitSeconds ?? 0 } };
    default: return apiError(info);
  }
}

/** What an OpenAI provider throws: the reduced error, for {@link describeError}. */
export class EditFailure extends Error {
  constructor(readonly info: ApiErrorInfo) {
    super(`${info.kind}${info.status ? ` ${info.status}` : ''}${info.message ? `: ${info.message}` : ''}`);
    this.name = 'EditFailure';
  }
}
