/**
 * The key proxy: `/openai-proxy/status` and the allowlisted `/openai-proxy/v1/*` calls. Every
 * check runs before the upstream is contacted, in this order: route, service and key, access
 * mode, origin, identity, body size, limits. Then the request streams upstream with the server's
 * key and a safety identifier, and the answer streams back unbuffered, watched for its usage.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LogFields, Logger } from '../log.ts';
import type { Limits } from '../limits/limits.ts';
import type { ConfigSource } from '../serviceConfig.ts';
import type { ServerSettings } from '../settings.ts';
import type { Access } from './access.ts';
import { sendError, sendJson, type ProxyError } from './answer.ts';
import { checkOrigin } from './origin.ts';
import { matchRoute, PROXY_PREFIX, type ProxyRoute } from './routes.ts';
import { forward, type Inflight } from './forward.ts';

export interface ProxyDeps {
  settings: ServerSettings;
  config: ConfigSource;
  access: Access;
  limits: Limits;
  log: Logger;
  inflight: Set<Inflight>;
  env: NodeJS.ProcessEnv;
}

/** CORS for an allowed embed origin: ours, never the upstream's. */
const cors = (origin: string) => ({ 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': 'x-request-id, retry-after, x-should-retry' });

const notFound: ProxyError = { status: 404, code: 'proxy_not_found', message: 'The proxy does not forward this request.' };

/** Reads the JSON body whose length is already known to be under the cap. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

/**
 * Answers one proxy request; resolves with the facts for its log line (never a header, a body
 * or the key).
 */
export async function handleProxy(req: IncomingMessage, res: ServerResponse, deps: ProxyDeps): Promise<LogFields> {
  const url = req.url ?? '';
  const method = req.method ?? 'GET';
  const cfg = deps.config.get();
  const fail = (e: ProxyError, facts: LogFields = {}): LogFields => {
    sendError(res, e);
    // The unread body is read and dropped (unless the answer closes the connection): left
    // unread, the connection stays busy, neither reused nor idle, and holds up shutdown.
    if (e.headers?.connection !== 'close') req.resume();
    return { ...facts, refused: e.code };
  };

  if (url === `${PROXY_PREFIX}/status` && (method === 'GET' || method === 'HEAD')) {
    const key = cfg.service ? deps.env[cfg.service.keyEnv] : undefined;
    // Says whether a key is there and whether a token is asked for; never the key.
    sendJson(res, 200, { proxy: deps.access.mode !== null, keyConfigured: !!key && deps.access.mode !== null, access: deps.access.mode, tokenRequired: deps.access.asksToken });
    return { route: 'status' };
  }
  const origin = checkOrigin(req.headers, { publicOrigins: deps.settings.publicOrigins, embedOrigins: cfg.embedOrigins });
  if (method === 'OPTIONS' && matchRoute('POST', url) && origin === 'embed') {
    res.writeHead(204, { ...cors(req.headers.origin!), 'access-control-allow-methods': 'POST', 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '', 'access-control-max-age': '600' });
    res.end();
    return { route: 'preflight' };
  }
  const route: ProxyRoute | null = matchRoute(method, url);
  if (!route) return fail(notFound);
  const facts: LogFields = { route: route.path };
  if (!cfg.service) return fail({ status: 503, code: 'proxy_no_service', message: cfg.serviceError ?? 'No service configured.' }, facts);
  const key = deps.env[cfg.service.keyEnv];
  if (!key) return fail({ status: 503, code: 'proxy_no_key', message: `The proxy has no API key: set ${cfg.service.keyEnv} where the server runs.` }, facts);
  if (deps.access.mode === null) return fail({ status: 503, code: 'proxy_disabled', message: 'The proxy is off: this server is reachable from the network and has no access tokens or trusted header configured.' }, facts);
  if (origin === null) return fail({ status: 403, code: 'proxy_origin', message: 'The proxy serves only the editor’s own pages and its configured hosts.' }, facts);
  const who = deps.access.identify(req);
  if (!who.ok) return fail(who, facts);
  facts.identity = who.identity;

  const length = Number(req.headers['content-length']);
  if (req.headers['content-length'] === undefined || !Number.isSafeInteger(length)) {
    return fail({ status: 411, code: 'proxy_length_required', message: 'The proxy needs a Content-Length.', headers: { connection: 'close' } }, facts);
  }
  if (length > deps.settings.bodyLimitBytes) {
    // Refused from the header alone: the body is never read, and the connection is closed.
    return fail({ status: 413, code: 'proxy_body_too_large', message: `The request is larger than ${Math.round(deps.settings.bodyLimitBytes / 1048576)} MB.`, headers: { connection: 'close' } }, { ...facts, bytesIn: length });
  }
  facts.bytesIn = length;

  const admitted = await deps.limits.admit(who.identity);
  if (!admitted.ok) {
    const headers = admitted.retryAfterS ? { 'retry-after': String(admitted.retryAfterS) } : undefined;
    return fail({ status: admitted.status, code: admitted.code, message: admitted.message, headers }, facts);
  }
  try {
    const body = route.json ? await readBody(req) : null;
    const outcome = await forward({
      req, res, route, body, key, identity: who.identity, service: cfg.service,
      safetySecret: deps.settings.safetySecret ?? key,
      extraHeaders: origin === 'embed' ? cors(req.headers.origin!) : {},
      inflight: deps.inflight,
      settle: async (usd) => {
        await admitted.release();
        if (usd > 0) await deps.limits.addSpend(who.identity, usd);
      },
    });
    return { ...facts, ...outcome.facts };
  } finally {
    void admitted.release();
  }
}
