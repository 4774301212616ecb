/**
 * One request upstream and its answer back. The body streams up (the JSON ones were read to add
 * the safety identifier); the answer streams down chunk by chunk, with no buffering, while a
 * meter reads its usage. A browser that goes away cancels the upstream request.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LogFields } from '../log.ts';
import type { UpstreamService } from '../serviceConfig.ts';
import { sendError, SHUTDOWN_FRAME } from './answer.ts';
import { downstreamHeaders, upstreamHeaders } from './headers.ts';
import type { ProxyRoute } from './routes.ts';
import { multipartField, safetyIdentifier } from './safety.ts';
import { FieldSniffer, priceUsage, UsageMeter } from './usage.ts';

/** A stream in flight, which shutdown may have to cut. */
export interface Inflight { cut(): void }

const agents = { http: new HttpAgent({ keepAlive: true, maxSockets: 512 }), https: new HttpsAgent({ keepAlive: true, maxSockets: 512 }) };

export interface ForwardInput {
  req: IncomingMessage;
  res: ServerResponse;
  route: ProxyRoute;
  /** The whole body, for JSON routes; null to stream `req` through. */
  body: Buffer | null;
  key: string;
  identity: string;
  service: UpstreamService;
  safetySecret: string;
  extraHeaders: OutgoingHttpHeaders;
  inflight: Set<Inflight>;
  /**
   * Frees the request's concurrency slot and adds its cost (0 when none was reported) to the
   * spend limits. Awaited before the answer's last byte, so the browser's next request already
   * sees both, on every instance.
   */
  settle(usd: number): Promise<void>;
}

type Prepared = { ok: true; body: Buffer | null; prefix: Buffer | null; model: string | null } | { ok: false; message: string };

/** Adds the safety identifier (JSON: set; multipart: a leading part) and finds the model. */
function prepare(input: ForwardInput): Prepared {
  const id = safetyIdentifier(input.identity, input.safetySecret);
  if (input.body) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(input.body.toString('utf8')) as Record<string, unknown>;
      if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error();
    } catch {
      return { ok: false, message: 'The request body is not a JSON object.' };
    }
    if (input.route.safety) json.safety_identifier = id;
    const tool = Array.isArray(json.tools) ? (json.tools as { type?: string; model?: unknown }[]).find((t) => t?.type === 'image_generation') : undefined;
    const model = input.route.path === '/responses' ? tool?.model : json.model;
    return { ok: true, body: Buffer.from(JSON.stringify(json)), prefix: null, model: typeof model === 'string' ? model : null };
  }
  if (!input.route.safety) return { ok: true, body: null, prefix: null, model: null };
  const prefix = multipartField(input.req.headers['content-type'], 'safety_identifier', id);
  if (!prefix) return { ok: false, message: 'The request is not multipart/form-data.' };
  return { ok: true, body: null, prefix, model: null };
}

/** Forwards; resolves when the answer has ended, was cut, or failed, with its log facts. */
export function forward(input: ForwardInput): Promise<{ facts: LogFields }> {
  const { req, res, route } = input;
  const prepared = prepare(input);
  if (!prepared.ok) {
    sendError(res, { status: 400, code: 'proxy_bad_body', message: prepared.message });
    return Promise.resolve({ facts: { refused: 'proxy_bad_body' } });
  }
  const target = new URL(input.service.baseUrl + route.path);
  const headers = upstreamHeaders(req.headers, input.key);
  const length = prepared.body ? prepared.body.length : Number(req.headers['content-length']) + (prepared.prefix?.length ?? 0);
  headers['content-length'] = String(length);
  const https = target.protocol === 'https:';
  const started = Date.now();

  return new Promise((resolve) => {
    const sniffer = new FieldSniffer('model');
    let meter: UsageMeter | null = null;
    let status = 0;
    let outcome = 'answered';
    let done = false;
    /** Shutdown asked to stop at the next event boundary. */
    let cutting = false;
    /** The last two bytes sent down: `\n\n` ends an event. */
    let tail = '';
    /** The answer is server-sent events (headers given to writeHead are not readable back). */
    let sse = false;

    let usd: number | null = null;
    /** The answer's cost from the usage it reported (once; null when it reported none). */
    const cost = () => {
      if (usd === null) {
        const usage = meter?.end() ?? null;
        usd = usage ? priceUsage(prepared.model ?? sniffer.value, usage) : -1;
      }
      return usd < 0 ? null : usd;
    };
    const finish = (extra: LogFields = {}) => {
      if (done) return;
      done = true;
      input.inflight.delete(entry);
      const dollars = cost();
      resolve({ facts: { status: status || undefined, upstreamMs: Date.now() - started, outcome, model: prepared.model ?? sniffer.value, usd: dollars === null ? null : Number(dollars.toFixed(6)), ...extra } });
    };
    /** Ends a cut answer: the upstream request stops, the browser gets a message it shows. */
    const endCut = () => {
      outcome = 'cut';
      upstream.destroy();
      if (!res.headersSent) sendError(res, { status: 503, code: 'server_shutdown', message: 'The editor’s server is restarting. Send again in a moment.' });
      else if (sse) res.end(SHUTDOWN_FRAME);
      else res.destroy();
      finish();
    };
    const entry: Inflight = {
      cut: () => {
        // A stream stops between two events, never inside one (the browser could not read it).
        if (!res.headersSent || !sse || tail === '\n\n') endCut();
        else cutting = true;
      },
    };

    const upstream = (https ? httpsRequest : httpRequest)(target, { method: 'POST', headers, agent: https ? agents.https : agents.http }, (up) => {
      status = up.statusCode ?? 502;
      meter = new UsageMeter(up.headers['content-type']);
      sse = /text\/event-stream/i.test(up.headers['content-type'] ?? '');
      // x-accel-buffering: nginx passes each event on at once.
      res.writeHead(status, { ...downstreamHeaders(up.headers), 'x-accel-buffering': 'no', ...input.extraHeaders });
      res.flushHeaders();
      // Each chunk goes down as it comes (with backpressure), read for usage on the way.
      up.on('data', (c: Buffer) => {
        if (outcome === 'cut') return;
        meter!.feed(c);
        if (!res.write(c)) up.pause();
        tail = (tail + c.subarray(-2).toString('latin1')).slice(-2);
        if (cutting && tail === '\n\n') endCut();
      });
      res.on('drain', () => up.resume());
      up.on('end', () => {
        if (outcome === 'cut') return;
        // A spend that cannot be recorded (the limits store is down) is logged, not lost silently.
        void input.settle(cost() ?? 0).then(() => ({}), () => ({ spendRecorded: false }))
          .then((extra: LogFields) => { res.end(); finish(extra); });
      });
      up.on('error', () => {
        if (outcome === 'cut') return;
        outcome = 'upstream-dropped';
        res.destroy();
        finish();
      });
    });
    upstream.on('error', () => {
      if (outcome === 'cut') return;
      if (outcome === 'answered') outcome = res.headersSent ? 'upstream-dropped' : 'upstream-unreachable';
      if (!res.headersSent) sendError(res, { status: 502, code: 'proxy_upstream_unreachable', message: `The proxy could not reach ${target.host}.` });
      else res.destroy();
      finish();
    });
    // The browser cancelled or went away: stop the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) {
        if (outcome === 'answered') outcome = 'client-aborted';
        upstream.destroy();
        finish();
      }
    });
    input.inflight.add(entry);
    if (prepared.body) {
      upstream.end(prepared.body);
    } else {
      if (prepared.prefix) upstream.write(prepared.prefix);
      req.on('data', (c: Buffer) => sniffer.feed(c));
      req.pipe(upstream);
    }
  });
}
