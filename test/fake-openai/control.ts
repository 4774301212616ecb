/**
 * The test controls over HTTP, for code that cannot call Node (Vitest browser mode, the built app
 * under Playwright). Paths the real API does not have:
 *   GET  /__control/health                 → { ok, url, baseURL, gatewayURL }
 *   GET  /__control/requests[?path=&method=&keySha256=] → the request log (files described, with URLs)
 *   GET  /__control/requests/:seq/files/:i[/rgba|/alpha] → the file's bytes / decoded RGBA / alpha
 *   GET  /__control/script                 → faults not used yet
 *   POST /__control/script  [entries] or {entries} → queue faults
 *   POST /__control/mode    {gateway?, alterOutsideMask?, delayMs?, expectedKey?} → the mode
 *   POST /__control/reset                  → clears everything
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FileStore } from './files.ts';
import type { FakeOpenAI } from './server.ts';
import { serialise, type RecordedRequest } from './record.ts';

interface ControlDeps {
  api: FakeOpenAI;
  log: RecordedRequest[];
  files: FileStore;
  readBody: () => Promise<Buffer>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function bytes(res: ServerResponse, data: Uint8Array | null | undefined, type: string, extra: Record<string, string> = {}): void {
  if (!data) return send(res, 404, { error: 'no such file data (decoded formats: PNG, JPEG; bytes are kept for the newest requests)' });
  res.writeHead(200, { 'content-type': type, 'content-length': String(data.length), ...extra });
  res.end(data);
}

/** The mode as JSON: the expected key is never echoed, only whether one is set. */
function modeJson(api: FakeOpenAI) {
  const { expectedKey, ...rest } = api.mode();
  return { ...rest, expectedKeySet: expectedKey !== null };
}

export async function handleControl(req: IncomingMessage, res: ServerResponse, url: URL, d: ControlDeps): Promise<void> {
  const path = url.pathname.slice('/__control'.length);
  const method = req.method ?? 'GET';
  const body = method === 'POST' ? await d.readBody() : Buffer.alloc(0);
  let input: unknown = undefined;
  try {
    input = body.length ? JSON.parse(body.toString('utf8')) : undefined;
  } catch {
    return send(res, 400, { error: 'control body must be JSON' });
  }
  if (method === 'GET' && path === '/health') {
    return send(res, 200, { ok: true, url: d.api.url, baseURL: d.api.baseURL, gatewayURL: d.api.gatewayURL });
  }
  if (method === 'GET' && path === '/requests') {
    const q = (k: string) => url.searchParams.get(k) ?? undefined;
    const filter = { path: q('path'), method: q('method'), keySha256: q('keySha256') };
    return send(res, 200, d.api.requests(filter).map((r) => serialise(r, d.api.controlURL)));
  }
  const file = /^\/requests\/(\d+)\/files\/(\d+)(\/rgba|\/alpha)?$/.exec(path);
  if (method === 'GET' && file) {
    const f = d.log.find((r) => r.seq === Number(file[1]))?.files[Number(file[2])];
    if (!f) return send(res, 404, { error: 'no such request or file' });
    const dims = { 'x-width': String(f.width ?? 0), 'x-height': String(f.height ?? 0), 'access-control-expose-headers': 'x-width, x-height, x-request-id' };
    if (file[3] === '/rgba') return bytes(res, f.rgba(), 'application/octet-stream', dims);
    if (file[3] === '/alpha') return bytes(res, f.alpha(), 'application/octet-stream', dims);
    return bytes(res, f.bytes, f.mimeType, dims);
  }
  if (path === '/script') {
    if (method === 'GET') return send(res, 200, d.api.pendingScript());
    if (method === 'POST') {
      const entries = Array.isArray(input) ? input : (input as { entries?: unknown[] } | undefined)?.entries;
      if (!Array.isArray(entries)) return send(res, 400, { error: 'expected an array of script entries' });
      d.api.script(entries as Parameters<FakeOpenAI['script']>[0]);
      return send(res, 200, d.api.pendingScript());
    }
  }
  if (method === 'POST' && path === '/mode') {
    d.api.setMode((input ?? {}) as Parameters<FakeOpenAI['setMode']>[0]);
    return send(res, 200, modeJson(d.api));
  }
  if (method === 'GET' && path === '/mode') return send(res, 200, modeJson(d.api));
  if (method === 'POST' && path === '/reset') {
    d.api.reset();
    return send(res, 200, { ok: true });
  }
  return send(res, 404, { error: `no control ${method} ${path}` });
}
