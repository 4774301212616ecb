/**
 * Which headers cross the proxy, as allowlists both ways. Upward: what describes the body and
 * the SDK's harmless telemetry; never the browser's cookies, its auth (the token), or
 * `OpenAI-Organization`/`OpenAI-Project` (a caller must not pick another project of the key).
 * Back: what the editor reads (type, request id, retry hints); never upstream CORS headers,
 * cookies, rate-limit figures, or `openai-organization`/`openai-project`.
 */
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

const UP = new Set(['content-type', 'content-length', 'accept', 'accept-language', 'idempotency-key', 'openai-beta', 'user-agent']);
// No content-length back: answers are re-chunked, so their end (the last chunk) comes only once
// the limits have counted them, and the browser's next request sees the count.
const DOWN = new Set([
  'content-type', 'content-encoding', 'cache-control', 'x-request-id',
  'retry-after', 'retry-after-ms', 'x-should-retry', 'openai-processing-ms', 'openai-version',
]);

export function upstreamHeaders(from: IncomingHttpHeaders, key: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(from)) {
    if (v !== undefined && (UP.has(k) || k.startsWith('x-stainless-'))) out[k] = v;
  }
  // Compressed answers would hide the usage the spend limit reads.
  out['accept-encoding'] = 'identity';
  out.authorization = `Bearer ${key}`;
  return out;
}

export function downstreamHeaders(from: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(from)) if (v !== undefined && DOWN.has(k)) out[k] = v;
  return out;
}
