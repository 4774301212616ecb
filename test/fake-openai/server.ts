/**
 * A fake OpenAI API on loopback, as strict as the real one (see README.md beside this file).
 * `startFakeOpenAI()` from Node tests, Vitest globalSetup and Playwright globalSetup; the same
 * controls over HTTP under `/__control/` for browser and end-to-end tests.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleControl } from './control.ts';
import { ApiError, badJson, catalogue, defaultForStatus, invalid, invalidUrl } from './errors.ts';
import { FaultQueue, retryHeaders, type Fault, type ScriptEntry } from './faults.ts';
import { FileStore } from './files.ts';
import { handleImages } from './images.ts';
import { IMAGE_MODELS, MAINLINE_MODELS } from './models.ts';
import { boundaryOf, parseMultipart, type Part } from './multipart.ts';
import { authOf, publicHeaders, recordJson, recordParts, sha256, type RecordedRequest } from './record.ts';
import { json, type HandlerContext, type Reply } from './reply.ts';
import { ResponseStore } from './responses.ts';
import { sleep, writeError, writeReply } from './write.ts';

export type { Fault, RequestMode, ScriptEntry } from './faults.ts';
export type { RecordedFile, RecordedRequest } from './record.ts';
export { FILL_COLOURS, OUTSIDE_DARKEN, UNMASKED_TINT } from './render.ts';

export interface FakeMode {
  /** Serve the retired models (`gpt-image-1`, `dall-e-2`, `dall-e-3`) on `/v1` too. `/gateway/v1` always does. */
  gateway: boolean;
  /** Also change pixels outside the mask (darkened 25 %), as real models do. */
  alterOutsideMask: boolean;
  /** Wait before answering and between stream frames. */
  delayMs: number;
  /** When set, any other bearer key gets the 401 `invalid_api_key` answer. */
  expectedKey: string | null;
}

export interface FakeOpenAIOptions extends Partial<FakeMode> {
  /** Port to listen on (default 0: an ephemeral port). */
  port?: number;
  /** Keep file bytes (for decoding) of this many newest requests (default 50). */
  keepFiles?: number;
}

export interface RequestFilter {
  /** API path as `/v1/...`. */
  path?: string;
  method?: string;
  /** Only requests sent with this key (compared by hash). */
  apiKey?: string;
  keySha256?: string;
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `url + '/v1'`: give this to `new OpenAI({ baseURL })`. */
  baseURL: string;
  /** `url + '/gateway/v1'`: the same API with the retired models served (gateway mode). */
  gatewayURL: string;
  /** `url + '/__control'`: the HTTP controls. */
  controlURL: string;
  /** The request log (oldest first), optionally only one path / method / bearer key. */
  requests(filter?: RequestFilter): RecordedRequest[];
  /** Queues faults for the next matching requests. */
  script(entries: ScriptEntry[]): void;
  /** Scripted faults not used yet. */
  pendingScript(): ScriptEntry[];
  setMode(mode: Partial<FakeMode>): void;
  mode(): FakeMode;
  /** Clears the log, the script, files, stored responses, and restores the starting mode. */
  reset(): void;
  close(): Promise<void>;
}

/** Headers a browser may send (contract §5); `content-type` and the rest are listed too. */
export const ALLOWED_HEADERS = 'authorization, content-type, accept, x-stainless-retry-count, x-stainless-lang, x-stainless-package-version, x-stainless-os, x-stainless-arch, x-stainless-runtime, x-stainless-runtime-version, x-stainless-timeout, openai-organization, openai-project';
/**
 * On `/gateway/…` the fake also plays a CMS's own proxy in front of the API, which allows the
 * credentials header its pages send (WordPress's REST nonce); `/v1` stays exactly the API's list.
 */
export const GATEWAY_ALLOWED_HEADERS = `${ALLOWED_HEADERS}, x-wp-nonce`;
export const EXPOSED_HEADERS = 'x-request-id, retry-after, retry-after-ms, x-should-retry';

const model = (id: string) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'system' });

function readBody(req: IncomingMessage, limit = Infinity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    const onData = (c: Buffer) => {
      chunks.push(c);
      n += c.length;
      if (n >= limit) { req.off('data', onData); req.pause(); resolve(Buffer.concat(chunks)); }
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startFakeOpenAI(opts: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const initial: FakeMode = {
    gateway: opts.gateway ?? false, alterOutsideMask: opts.alterOutsideMask ?? false,
    delayMs: opts.delayMs ?? 0, expectedKey: opts.expectedKey ?? null,
  };
  let mode = { ...initial };
  const keepFiles = opts.keepFiles ?? 50;
  let origin = '';
  const log: RecordedRequest[] = [];
  const queue = new FaultQueue();
  const files = new FileStore(() => origin);
  const responses = new ResponseStore();
  const sockets = new Set<Socket>();
  let seq = 0;

  const record = (r: RecordedRequest) => {
    log.push(r);
    const old = log[log.length - 1 - keepFiles];
    if (old) for (const f of old.files) delete f.bytes;
  };

  const api: FakeOpenAI = {
    url: '', baseURL: '', gatewayURL: '', controlURL: '',
    requests: (f = {}) => {
      const key = f.apiKey !== undefined ? sha256(f.apiKey) : f.keySha256;
      return log.filter((r) => (!f.path || r.apiPath === f.path) && (!f.method || r.method === f.method.toUpperCase())
        && (!key || r.auth.keySha256 === key));
    },
    script: (entries) => queue.add(entries),
    pendingScript: () => queue.pending(),
    setMode: (m) => { mode = { ...mode, ...m }; },
    mode: () => ({ ...mode }),
    reset: () => { log.length = 0; queue.clear(); files.reset(); responses.reset(); mode = { ...initial }; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };

  async function route(method: string, apiPath: string, body: { parts?: Part[]; json?: unknown }, ctx: HandlerContext): Promise<Reply | null> {
    const svc = { resolver: files, host: (d: Buffer, m: string) => files.host(d, m) };
    const images = /^\/v1\/images\/(edits|generations|variations)$/.exec(apiPath);
    if (images && method === 'POST') return handleImages(images[1] as 'edits', body, ctx, svc);
    if (apiPath === '/v1/responses' && method === 'POST') {
      if (!('json' in body)) throw badJson();
      return responses.handle(body.json, ctx, files);
    }
    const resp = /^\/v1\/responses\/([^/]+)$/.exec(apiPath);
    if (resp) {
      const found = responses.get(resp[1]!);
      if (!found) throw invalid(`Response with id '${resp[1]}' not found.`, null, null, 404);
      if (method === 'GET') return json(found);
      if (method === 'DELETE') { responses.delete(resp[1]!); return json({ id: resp[1], object: 'response', deleted: true }); }
    }
    if (apiPath === '/v1/files' || apiPath.startsWith('/v1/files/')) return files.handle(method, apiPath.slice('/v1/files'.length), body.parts, ctx.now());
    if (apiPath.startsWith('/v1/models') && method === 'GET') {
      const ids = [...MAINLINE_MODELS, ...IMAGE_MODELS.filter((m) => !m.retired || ctx.gateway).map((m) => m.id)];
      const one = apiPath.slice('/v1/models/'.length);
      if (apiPath === '/v1/models') return json({ object: 'list', data: ids.map(model) });
      if (ids.includes(one)) return json(model(one));
      throw catalogue.model_not_found(one);
    }
    return null;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, rec: RecordedRequest, key: string | null, fault: Fault | null, reqMode: FakeMode): Promise<void> {
    const method = rec.method;
    if (fault?.kind === 'dropUpload') {
      await readBody(req, fault.afterBytes ?? 0);
      rec.outcome = 'dropped';
      req.socket.destroy();
      return;
    }
    const raw = await readBody(req);
    rec.bodyBytes = raw.length;
    const rawType = req.headers['content-type'] ?? '';
    const ct = rawType.toLowerCase();
    const body: { parts?: Part[]; json?: unknown } = {};
    let parseError: ApiError | null = null;
    if (ct.startsWith('multipart/form-data')) {
      try {
        // The boundary is case-sensitive (Chromium's has capitals): read it from the raw header.
        body.parts = parseMultipart(raw, boundaryOf(rawType) ?? '');
        Object.assign(rec, recordParts(body.parts));
      } catch (e) {
        parseError = invalid(`Could not parse multipart form: ${(e as Error).message}. (fake)`, null, null);
      }
    } else if (raw.length > 0 || ct.includes('json')) {
      try {
        body.json = JSON.parse(raw.toString('utf8'));
        Object.assign(rec, recordJson(body.json, files));
      } catch {
        parseError = badJson();
      }
    }
    if (fault?.kind === 'delay') await sleep(fault.ms);
    if (reqMode.delayMs > 0) await sleep(reqMode.delayMs);
    if (fault?.kind === 'hang') {
      rec.outcome = 'hung';
      res.on('close', () => { rec.outcome = 'aborted'; });
      return;
    }
    if (fault?.kind === 'status' || fault?.kind === 'error' || fault?.kind === 'body') {
      const e = fault.kind === 'status' ? defaultForStatus(fault.status)
        : fault.kind === 'error' ? (catalogue[fault.error] as (...a: unknown[]) => ApiError)(...(fault.args ?? []))
          : new ApiError(fault.status, (fault.body as { error: ApiError['body'] }).error ?? (fault.body as ApiError['body']));
      const status = fault.kind === 'error' ? (fault.status ?? e.status) : fault.kind === 'body' ? fault.status : e.status;
      rec.status = status;
      rec.outcome = 'error';
      rec.error = { code: e.body.code, message: e.body.message };
      if (fault.kind === 'body') {
        res.writeHead(status, { 'content-type': 'application/json', ...retryHeaders(fault) });
        res.end(JSON.stringify(fault.body));
        return;
      }
      writeError(res, new ApiError(status, e.body), retryHeaders(fault));
      return;
    }
    const ctx: HandlerContext = {
      gateway: rec.gateway, requestId: rec.requestId, alterOutsideMask: reqMode.alterOutsideMask,
      noImage: fault?.kind === 'noImage', now: () => Math.floor(Date.now() / 1000),
    };
    try {
      if (!key) throw catalogue.missing_api_key();
      if (reqMode.expectedKey && key !== reqMode.expectedKey) throw catalogue.invalid_api_key(key);
      if (parseError) throw parseError;
      const reply = await route(method, rec.apiPath, body, ctx);
      if (!reply) throw invalidUrl(method, rec.path);
      rec.status = reply.kind === 'sse' ? 200 : reply.status;
      rec.outcome = await writeReply(res, reply, { fault, delayMs: reqMode.delayMs, responsesApi: rec.apiPath === '/v1/responses' });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      rec.status = e.status;
      rec.outcome = 'error';
      rec.error = { code: e.body.code, message: e.body.message };
      writeError(res, e);
    }
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = `req_${randomBytes(16).toString('hex')}`;
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', origin);
    res.setHeader('x-request-id', requestId);
    res.setHeader('access-control-allow-origin', req.headers.origin ?? '*');
    res.setHeader('vary', 'origin');
    res.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    const m = /^(\/gateway)?(\/v1(?:\/.*)?)$/.exec(url.pathname);
    // The key itself goes to the handler, never into the log.
    const { key, ...auth } = authOf(req.headers, mode.expectedKey);
    const rec: RecordedRequest = {
      seq: ++seq, requestId, time: Date.now(), method, path: url.pathname, apiPath: m?.[2] ?? url.pathname,
      query: Object.fromEntries(url.searchParams), gateway: Boolean(m?.[1]) || mode.gateway,
      headers: publicHeaders(req.headers), auth, contentType: req.headers['content-type'] ?? '', bodyBytes: 0, files: [],
    };
    if (method === 'OPTIONS') {
      record(rec);
      rec.status = 204;
      res.writeHead(204, {
        'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
        'access-control-allow-headers': m?.[1] ? GATEWAY_ALLOWED_HEADERS : ALLOWED_HEADERS,
        'access-control-max-age': '600',
      });
      res.end();
      return;
    }
    if (url.pathname.startsWith('/__control')) {
      return handleControl(req, res, url, { api, log, files, readBody: () => readBody(req) });
    }
    if (url.pathname.startsWith('/__files/')) {
      const f = files.hostedFile(url.pathname.slice('/__files/'.length));
      if (!f) return writeError(res, invalidUrl(method, url.pathname));
      res.writeHead(200, { 'content-type': f.mime, 'content-length': String(f.data.length) });
      res.end(f.data);
      return;
    }
    record(rec);
    if (!m) {
      await readBody(req);
      rec.status = 404;
      return writeError(res, invalidUrl(method, url.pathname));
    }
    const entry = queue.take(method, rec.apiPath, rec.auth.keySha256);
    if (entry?.fault) rec.fault = entry.fault.kind;
    await handleApi(req, res, rec, key, entry?.fault ?? null, { ...mode, ...entry?.mode });
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((e: unknown) => {
      console.error('fake-openai: internal error', e);
      if (!res.headersSent) writeError(res, catalogue.server_error());
      else res.destroy();
    });
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(api, { url: origin, baseURL: `${origin}/v1`, gatewayURL: `${origin}/gateway/v1`, controlURL: `${origin}/__control` });
  return api;
}
