/**
 * The key proxy on `npm run dev` (Vite's dev server, loopback): the production server's own
 * proxy (src/server/proxy/), open to the local user, with limits in memory and no log lines.
 * `npm start` does not use this file: it runs src/server/main.ts.
 */
import { resolve } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { Limits } from './limits/limits.ts';
import type { Logger } from './log.ts';
import { Access } from './proxy/access.ts';
import type { Inflight } from './proxy/forward.ts';
import { handleProxy } from './proxy/handler.ts';
import { PROXY_PREFIX } from './proxy/routes.ts';
import { ConfigSource } from './serviceConfig.ts';
import { readSettings } from './settings.ts';

export interface DevProxyOptions {
  /** Where to read config.json (default: public/). */
  configPaths?: string[];
  env?: NodeJS.ProcessEnv;
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** The connect middleware (exported for tests that mount it without Vite). */
export function openaiProxyMiddleware(opts: DevProxyOptions = {}): Connect.NextHandleFunction {
  const env = opts.env ?? process.env;
  // Loopback, no tokens: the dev server is the developer's own.
  const settings = { ...readSettings([], {}), configPaths: opts.configPaths ?? [resolve('public/config.json')] };
  const deps = {
    settings, env, log: quiet, inflight: new Set<Inflight>(),
    config: new ConfigSource(settings.configPaths),
    access: new Access(settings),
    limits: new Limits(settings.limits),
  };
  return (req, res, next) => {
    if (!(req.url ?? '').startsWith(`${PROXY_PREFIX}/`)) return next();
    handleProxy(req, res, deps).catch(() => { if (!res.headersSent) res.writeHead(500).end(); else res.destroy(); });
  };
}

/** The Vite plugin: the proxy on `vite` (dev). */
export function openaiProxy(opts: DevProxyOptions = {}): Plugin {
  return {
    name: 'inpaint-openai-proxy',
    configureServer(server) { server.middlewares.use(openaiProxyMiddleware(opts)); },
  };
}
