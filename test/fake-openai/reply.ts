/** What a handler answers, before the writer applies delays and stream faults. */

export interface SseFrame {
  event: string;
  data: unknown;
  /** A partial-image frame: `dropStream`/`streamError` faults count these. */
  partial?: boolean;
}

export type Reply =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; body: Buffer; contentType: string }
  | { kind: 'sse'; frames: () => Iterable<SseFrame> };

export const json = (body: unknown, status = 200): Reply => ({ kind: 'json', status, body });

/** The per-request context handlers get from the server. */
export interface HandlerContext {
  /** Served through the gateway base path or with gateway mode on: retired models exist. */
  gateway: boolean;
  requestId: string;
  alterOutsideMask: boolean;
  /** A `noImage` fault: answer 200 with no image in it. */
  noImage: boolean;
  /** Unix seconds, the `created` of answers. */
  now: () => number;
}
