/**
 * The production server on Fastify: `/healthz`, the key proxy under `/openai-proxy/`, and the
 * built app with its CSP. Every request gets one JSON log line when its answer ends.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentSecurityPolicy } from './csp.ts';
import type { Logger, LogFields } from './log.ts';
import type { Limits } from './limits/limits.ts';
import { Access } from './proxy/access.ts';
import type { Inflight } from './proxy/forward.ts';
import { handleProxy } from './proxy/handler.ts';
import { PROXY_PREFIX } from './proxy/routes.ts';
import { ConfigSource } from './serviceConfig.ts';
import type { ServerSettings } from './settings.ts';
import { staticFiles } from './static.ts';

export interface ServerParts {
  app: FastifyInstance;
  inflight: Set<Inflight>;
  /** Set when shutdown begins: /healthz answers 503 so load balancers stop sending. */
  draining: { value: boolean };
  access: Access;
  config: ConfigSource;
}

export interface BuildOptions {
  settings: ServerSettings;
  limits: Limits;
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /** What /healthz says about the limits store. */
  limitsStore?: () => string;
}

/** The path without its query (a query never reaches a log line). */
const pathOf = (url: string | undefined) => (url ?? '/').split('?')[0]!.slice(0, 200);

export function buildServer(opts: BuildOptions): ServerParts {
  const { settings, log } = opts;
  const app = Fastify({ logger: false, return503OnClosing: true, forceCloseConnections: 'idle', bodyLimit: 1024 });
  const config = new ConfigSource(settings.configPaths);
  const access = new Access(settings);
  const inflight = new Set<Inflight>();
  const draining = { value: false };
  const serve = staticFiles(settings.distDir);

  /** One log line for an answer that has ended. */
  const logLine = (raw: IncomingMessage, res: ServerResponse, started: bigint, extra: LogFields = {}) => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log.info('request', { method: raw.method, path: pathOf(raw.url), status: res.statusCode, ms: Math.round(ms * 10) / 10, aborted: !res.writableFinished || undefined, ...extra });
  };
  const started = new WeakMap<IncomingMessage, bigint>();

  app.addHook('onRequest', (request, reply, done) => {
    const t = process.hrtime.bigint();
    started.set(request.raw, t);
    request.raw.socket.setNoDelay(true);
    // Proxy requests log when the proxy has settled (with its facts); the rest when answered.
    if (!pathOf(request.raw.url).startsWith(PROXY_PREFIX)) reply.raw.once('close', () => logLine(request.raw, reply.raw, t));
    done();
  });

  app.get('/healthz', (_req, reply) => {
    reply.header('cache-control', 'no-store').code(draining.value ? 503 : 200)
      .send({ status: draining.value ? 'draining' : 'ok', proxy: access.mode ?? 'off', limits: opts.limitsStore?.() ?? 'memory' });
  });

  const route = (request: { raw: IncomingMessage }, reply: { hijack(): void; raw: ServerResponse }) => {
    reply.hijack();
    handleProxy(request.raw, reply.raw, { settings, config, access, limits: opts.limits, log, inflight, env: opts.env ?? process.env })
      .then((f) => logLine(request.raw, reply.raw, started.get(request.raw) ?? process.hrtime.bigint(), f))
      .catch((e: unknown) => {
        log.error('proxy failure', { error: e instanceof Error ? e.name : 'unknown' });
        if (!reply.raw.headersSent) reply.raw.writeHead(500).end();
        else reply.raw.destroy();
      });
  };

  // The proxy reads its own bodies (streamed, capped by Content-Length): no parser here.
  void app.register(async (proxy) => {
    proxy.removeAllContentTypeParsers();
    proxy.addContentTypeParser('*', (_req, _payload, done) => done(null));
    proxy.all(`${PROXY_PREFIX}/*`, route);
    proxy.all(PROXY_PREFIX, route);
  });

  app.setNotFoundHandler((request, reply) => {
    const pathname = pathOf(request.raw.url);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      reply.code(405).header('allow', 'GET, HEAD').send({ error: 'Method not allowed' });
      return;
    }
    reply.hijack();
    const res = reply.raw;
    if (settings.csp) res.setHeader('Content-Security-Policy', contentSecurityPolicy(config.get().raw));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    serve(request.raw, res, pathname);
  });

  return { app, inflight, draining, access, config };
}
