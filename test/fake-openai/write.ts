/**
 * Writing answers: JSON, raw bytes, SSE frames with a delay between them, and the faults that
 * act on the answer itself (malformed JSON, a stream dropped or failed after N partial frames).
 */
import type { ServerResponse } from 'node:http';
import { ApiError, catalogue } from './errors.ts';
import type { Fault } from './faults.ts';
import type { Reply, SseFrame } from './reply.ts';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function writeError(res: ServerResponse, e: ApiError, extra: Record<string, string> = {}): void {
  const body = JSON.stringify({ error: e.body });
  res.writeHead(e.status, { 'content-type': 'application/json', ...e.headers, ...extra });
  res.end(body);
}

/** Writes `reply`; resolves to the outcome for the request log. */
export async function writeReply(res: ServerResponse, reply: Reply, opts: { fault: Fault | null; delayMs: number; responsesApi: boolean }): Promise<string> {
  const { fault } = opts;
  if (reply.kind === 'raw') {
    res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': String(reply.body.length) });
    res.end(reply.body);
    return 'answered';
  }
  if (reply.kind === 'json') {
    const text = JSON.stringify(reply.body);
    if (fault?.kind === 'malformedJson') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(text.slice(0, Math.max(10, Math.floor(text.length / 2))));
      return 'malformed';
    }
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...reply.headers });
    if (fault?.kind === 'dropStream') {
      res.write(text.slice(0, Math.floor(text.length / 2)));
      await sleep(20);
      res.socket?.destroy();
      return 'dropped';
    }
    res.end(text);
    return 'answered';
  }
  return writeSse(res, reply.frames(), opts);
}

async function writeSse(res: ServerResponse, frames: Iterable<SseFrame>, opts: { fault: Fault | null; delayMs: number; responsesApi: boolean }): Promise<string> {
  const { fault } = opts;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const cutAfter = fault?.kind === 'dropStream' || fault?.kind === 'streamError' ? (fault.afterPartials ?? 1) : -1;
  let written = 0;
  const cut = async (): Promise<string> => {
    if (fault?.kind === 'dropStream') {
      // Let the frames already written reach the client first: flushed to the socket, then a
      // pause. With none written the headers stay unsent, so the answer never began.
      if (written > 0) await new Promise((r) => res.write('', () => r(undefined)));
      await sleep(written > 0 ? 250 : 20);
      res.socket?.destroy();
      return 'dropped';
    }
    const e = catalogue[(fault as { error?: keyof typeof catalogue }).error ?? 'moderation_blocked']() as ApiError;
    const data = opts.responsesApi
      ? { type: 'error', code: e.body.code, message: e.body.message, param: e.body.param, sequence_number: written }
      : { error: e.body };
    res.end(`event: error\ndata: ${JSON.stringify(data)}\n\n`);
    return 'stream-error';
  };
  if (cutAfter === 0) return cut();
  let partials = 0;
  const it = frames[Symbol.iterator]();
  let next = it.next();
  let first = true;
  while (!next.done) {
    const frame = next.value;
    const following = it.next();
    // Fewer partials than the fault asked for: cut before the last frame, so no final image arrives.
    if (cutAfter > 0 && following.done && partials < cutAfter) return cut();
    if (!first && opts.delayMs > 0) await sleep(opts.delayMs);
    if (res.destroyed) return 'aborted';
    const data = JSON.stringify(fault?.kind === 'partialsWithoutFormat' && frame.partial ? { ...(frame.data as object), output_format: undefined } : frame.data);
    if (fault?.kind === 'malformedJson') {
      res.end(`event: ${frame.event}\ndata: ${data.slice(0, Math.floor(data.length / 2))}\n\n`);
      return 'malformed';
    }
    res.write(`event: ${frame.event}\ndata: ${data}\n\n`);
    first = false;
    written++;
    if (frame.partial && ++partials === cutAfter) return cut();
    next = following;
  }
  res.end();
  return 'streamed';
}
