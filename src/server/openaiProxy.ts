/**
 * Proxy mode for `npm start`: the preview server forwards `/openai-proxy/v1/*` to the configured
 * upstream (`service.base_url`) and adds `Authorization: Bearer $<service.api_key_env>` from the
 * server's environment. The key never reaches the browser: the app sends a placeholder, which
 * is replaced here, and no answer carries the key back.
 */
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { readConfigFile } from './configFile.ts';

export const PROXY_PREFIX = '/openai-proxy';

export interface ProxyService { base_url: string; api_key_env: string }

export interface ProxyOptions {
  /** Fixed upstream and key variable (tests); otherwise read from config.json on each request. */
  service?: ProxyService;
  /** Where to read config.json (default: the build output, then public/). */
  configPaths?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Headers not forwarded upstream: hop-by-hop ones, the browser's identity, and its auth. */
const DROP = new Set(['host', 'connection', 'keep-alive', 'authorization', 'cookie', 'origin', 'referer', 'proxy-authorization', 'te', 'trailer', 'upgrade']);

function readService(opts: ProxyOptions): ProxyService | null {
  if (opts.service) return opts.service;
  return readConfigFile(opts.configPaths ?? [resolve('dist/config.json'), resolve('public/config.json')], (json) => {
    const s = (json as { service?: Partial<ProxyService> }).service;
    return s?.base_url && s.api_key_env ? { base_url: s.base_url, api_key_env: s.api_key_env } : null;
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const proxyError = (message: string, code: string) => ({ error: { message, type: 'proxy_error', param: null, code } });

/** The connect middleware (exported for tests that mount it without Vite). */
export function openaiProxyMiddleware(opts: ProxyOptions = {}): Connect.NextHandleFunction {
  const env = opts.env ?? process.env;
  return (req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
    const url = req.url ?? '';
    if (!url.startsWith(`${PROXY_PREFIX}/`)) return next();
    const service = readService(opts);
    const key = service ? env[service.api_key_env] : undefined;
    if (url === `${PROXY_PREFIX}/status`) {
      // Says only whether a key is there, never the key or its variable's value.
      return sendJson(res, 200, { proxy: true, keyConfigured: !!key });
    }
    if (!url.startsWith(`${PROXY_PREFIX}/v1/`)) return sendJson(res, 404, proxyError('Unknown proxy path', 'proxy_not_found'));
    if (!service || !key) return sendJson(res, 503, proxyError(`The proxy has no API key: set ${service?.api_key_env ?? 'the key variable'} where the server runs.`, 'proxy_no_key'));

    const target = new URL(service.base_url.replace(/\/+$/, '') + url.slice(`${PROXY_PREFIX}/v1`.length));
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !DROP.has(k)) headers[k] = v;
    headers.authorization = `Bearer ${key}`;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const upstream = send(target, { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) sendJson(res, 502, proxyError(`The proxy could not reach ${target.host}.`, 'proxy_upstream_unreachable'));
      else res.destroy();
    });
    // The browser cancelled (or went away): stop the upstream request too.
    res.on('close', () => { if (!res.writableFinished) upstream.destroy(); });
    req.pipe(upstream);
  };
}

/** The Vite plugin: the proxy on `vite preview` (what `npm start` runs) and on `vite` (dev). */
export function openaiProxy(opts: ProxyOptions = {}): Plugin {
  return {
    name: 'inpaint-openai-proxy',
    configurePreviewServer(server) { server.middlewares.use(openaiProxyMiddleware(opts)); },
    configureServer(server) { server.middlewares.use(openaiProxyMiddleware(opts)); },
  };
}
