/**
 * One request upstream and its answer back. The body streams up (the JSON ones were read to add
 * the safety identifier); the answer streams down chunk by chunk, with no buffering, while a
 * meter reads its usage. A browser that goes away cancels the upstream request.
 *
 * Spend: an answer that ends is charged the usage it reported. One cut short (the browser
 * cancelled, or shutdown cut it) is charged the usage seen so far or, when none came and the
 * whole request had reached the upstream (which bills the work it began), the catalogue's
 * estimate of the request at its dearest (`usdEstimated` in the log line).
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type ServerResponse, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LogFields } from '../log.ts';
import type { UpstreamService } from '../serviceConfig.ts';
import { sendError, SHUTDOWN_FRAME } from './answer.ts';
import { downstreamHeaders, upstreamHeaders } from './headers.ts';
import type { ProxyRoute } from './routes.ts';
import { prepare } from './prepare.ts';
import { safetyIdentifier } from './safety.ts';
import { estimateDollars, priceUsage, UsageMeter } from './usage.ts';

/** A stream in flight, which shutdown may have to cut. */
export interface Inflight { cut(): void }

/**
 * How long an upstream connection may sit unused before it is closed. Kept alive, the next edit
 * skips a TLS handshake; but without a limit every socket a burst opened (50 for 50 streams in
 * flight, each with its TLS buffers) stays open until the upstream drops it. An active
 * stream is never cut by it: the agent closes only sockets in its free list.
 */
const UPSTREAM_IDLE_MS = 15_000;
const pool = { keepAlive: true, maxSockets: 512, timeout: UPSTREAM_IDLE_MS };
const agents = { http: new HttpAgent(pool), https: new HttpsAgent(pool) };

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

/** Forwards; resolves when the answer has ended, was cut, or failed, with its log facts. */
export function forward(input: ForwardInput): Promise<{ facts: LogFields }> {
  const { req, res, route } = input;
  const prepared = prepare(route, input.body, req.headers['content-type'], safetyIdentifier(input.identity, input.safetySecret));
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

    /** The whole request reached the upstream's socket: from here on it may bill. */
    let sentWhole = false;

    let usd: number | null = null;
    /** The answer's cost from the usage it reported (once; null when it reported none). */
    const cost = () => {
      if (usd === null) {
        const usage = meter?.end() ?? null;
        usd = usage ? priceUsage(prepared.asked().model, usage) : -1;
      }
      return usd < 0 ? null : usd;
    };
    const finish = (extra: LogFields = {}) => {
      if (done) return;
      done = true;
      input.inflight.delete(entry);
      const dollars = cost();
      resolve({ facts: { status: status || undefined, upstreamMs: Date.now() - started, outcome, model: prepared.asked().model, usd: dollars === null ? null : Number(dollars.toFixed(6)), ...extra } });
    };
    let settled: Promise<LogFields> | null = null;
    /** Frees the slot and records the spend, once; a spend that cannot be recorded (the limits store is down) is logged, not lost silently. */
    const settle = (dollars: number, facts: LogFields = {}) =>
      (settled ??= input.settle(dollars).then(() => facts, () => ({ ...facts, spendRecorded: false })));
    /** Settles an answer cut short, then finishes: charged what the upstream will bill. */
    const settleCut = () => {
      const seen = cost();
      const billed = status === 0 || (status >= 200 && status < 300);
      const est = seen === null && sentWhole && billed ? estimateDollars(prepared.asked()) : null;
      void settle(seen ?? est ?? 0, est === null ? {} : { usd: Number(est.toFixed(6)), usdEstimated: true }).then(finish);
    };
    /** Ends a cut answer: the upstream request stops, the browser gets a message it shows. */
    const endCut = () => {
      outcome = 'cut';
      upstream.destroy();
      if (!res.headersSent) sendError(res, { status: 503, code: 'server_shutdown', message: 'The editor’s server is restarting. Send again in a moment.' });
      else if (sse) res.end(SHUTDOWN_FRAME);
      else res.destroy();
      settleCut();
    };
    /** Refuses a multipart body whose scan found what may not go upstream (the request never completes there). */
    const refuseBody = (why: string) => {
      outcome = 'refused';
      upstream.destroy();
      // The rest of the body is read and dropped, so the browser gets to read the answer.
      req.resume();
      const own = why.includes('safety_identifier');
      const code = own ? 'proxy_safety_identifier' : 'proxy_bad_body';
      sendError(res, { status: 400, code, message: own ? 'The request carries its own safety_identifier; this server sets it for each user.' : `The request body is malformed: ${why}.` });
      finish({ refused: code });
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
        if (outcome !== 'answered') return;
        void settle(cost() ?? 0).then((extra) => { res.end(); finish(extra); });
      });
      up.on('error', () => {
        if (outcome !== 'answered') return;
        outcome = 'upstream-dropped';
        res.destroy();
        // The upstream failed: only the usage it had reported is charged.
        void settle(cost() ?? 0).then(finish);
      });
    });
    upstream.on('finish', () => { sentWhole = true; });
    upstream.on('error', () => {
      // Destroyed by one of the paths above (cut, refused, the browser gone), which settle themselves.
      if (outcome !== 'answered') return;
      outcome = res.headersSent ? 'upstream-dropped' : 'upstream-unreachable';
      if (!res.headersSent) sendError(res, { status: 502, code: 'proxy_upstream_unreachable', message: `The proxy could not reach ${target.host}.` });
      else res.destroy();
      void settle(cost() ?? 0).then(finish);
    });
    // The browser cancelled or went away: stop the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished && outcome !== 'refused') {
        if (outcome === 'answered') outcome = 'client-aborted';
        upstream.destroy();
        settleCut();
      }
    });
    input.inflight.add(entry);
    if (prepared.body) {
      upstream.end(prepared.body);
    } else {
      if (prepared.prefix) upstream.write(prepared.prefix);
      const scan = prepared.scan;
      // Each chunk is scanned before it goes on: a refused one never reaches the upstream.
      req.on('data', (c: Buffer) => {
        if (outcome === 'refused') return;
        scan?.feed(c);
        if (scan?.refused) { refuseBody(scan.refused); return; }
        if (!upstream.write(c)) req.pause();
      });
      upstream.on('drain', () => { if (outcome !== 'refused') req.resume(); });
      req.on('end', () => { if (outcome !== 'refused') upstream.end(); });
    }
  });
}
