/**
 * The server's connections and how many answers each has in progress, so shutdown can close at
 * once those that carry none. Node's own `closeIdleConnections()` misses a connection that has
 * not sent a request yet (a browser's preconnect, a load balancer's spare): left open, each held
 * shutdown until INPAINT_SHUTDOWN_MS.
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface Connections {
  /** Closes every connection with no answer in progress, and from now on each as its last answer ends. */
  closeIdle(): void;
}

/** Ends a connection (the client sees it closed between answers), and destroys it if the client keeps its half open. */
function endSoon(s: Socket): void {
  s.end();
  setTimeout(() => s.destroy(), 1000).unref();
}

export function trackConnections(server: Server): Connections {
  const answering = new Map<Socket, number>();
  let closing = false;
  server.on('connection', (s: Socket) => {
    answering.set(s, 0);
    s.once('close', () => answering.delete(s));
  });
  server.on('request', (req, res) => {
    const s = req.socket;
    answering.set(s, (answering.get(s) ?? 0) + 1);
    res.once('close', () => {
      if (!answering.has(s)) return;
      const left = answering.get(s)! - 1;
      answering.set(s, left);
      // Shutting down: a keep-alive connection would otherwise wait for its client to close it.
      if (closing && left === 0) endSoon(s);
    });
  });
  return {
    closeIdle: () => {
      closing = true;
      for (const [s, n] of answering) if (n === 0) endSoon(s);
    },
  };
}
