/** The proxy's own answers: OpenAI-shaped error bodies, so the editor reads them like the API's. */
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

export interface ProxyError { status: number; code: string; message: string; headers?: OutgoingHttpHeaders }

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: OutgoingHttpHeaders = {}): void {
  if (res.headersSent) { res.destroy(); return; }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/**
 * An error answer. `x-should-retry: false`: the editor's retry loop would only be refused again
 * (a limit, a missing token), so it says so at once.
 */
export function sendError(res: ServerResponse, e: ProxyError): void {
  sendJson(res, e.status, { error: { message: e.message, type: 'proxy_error', param: null, code: e.code } }, { 'x-should-retry': 'false', ...e.headers });
}

/** The SSE frame that ends a stream the server has to cut (shutdown): the editor shows its message. */
export const SHUTDOWN_FRAME = `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'server_error', code: 'server_shutdown', message: 'The editor’s server is restarting and stopped this image. Send again in a moment.' } })}\n\n`;
