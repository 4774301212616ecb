/**
 * Gives memory back when the server goes idle. V8 collects garbage only when JavaScript allocates,
 * so after a burst of streamed edits the buffers each chunk arrived in (tens of MB of
 * ArrayBuffers, freed by no one until the next collection) stay resident for as long as no request
 * comes: hours, on a team's editor at night. Once no request has been in flight for a while after
 * some activity, one full collection frees them. It never runs while an answer streams, so it
 * adds nothing to a request's latency; a request that arrives during it waits for it (tens of ms).
 */
import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What one idle collection did, for its log line (the memory after is read a second later). */
export interface IdleCollection { ms: number; rssBeforeMb: number; rssAfterMb: number; arrayBuffersBeforeMb: number; arrayBuffersAfterMb: number }

export interface IdleCollector {
  /** Stops watching (shutdown): no collection runs after this. */
  stop(): void;
}

/**
 * V8's own `gc()`: the global one when node runs with `--expose-gc`, else fetched the way it is
 * exposed to a new context once the flag is set at run time (so `node server.js` needs no flag).
 */
function fullGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;

/**
 * Runs a full collection once `server` has had no request in flight for `idleMs`, when at least
 * one request came since the last collection (an idle server is not collected again and again).
 * `idleMs` 0 turns it off.
 */
export function collectWhenIdle(server: Server, idleMs: number, onCollect: (c: IdleCollection) => void = () => {}): IdleCollector {
  if (idleMs <= 0) return { stop: () => {} };
  const gc = fullGc();
  let inFlight = 0;
  let dirty = false;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const collect = () => {
    timer = null;
    if (stopped || inFlight > 0 || !dirty) return;
    dirty = false;
    const before = process.memoryUsage();
    const t = performance.now();
    gc();
    const ms = Math.round((performance.now() - t) * 10) / 10;
    // Read a second later: V8 frees ArrayBuffers on a background sweeper, so right after gc()
    // they may still count (1.4 MB then, 0.1 MB at the next reading, in one bench run).
    setTimeout(() => {
      const after = process.memoryUsage();
      onCollect({ ms, rssBeforeMb: mb(before.rss), rssAfterMb: mb(after.rss), arrayBuffersBeforeMb: mb(before.arrayBuffers), arrayBuffersAfterMb: mb(after.arrayBuffers) });
    }, 1000).unref();
  };
  server.on('request', (_req, res) => {
    inFlight++;
    dirty = true;
    if (timer) { clearTimeout(timer); timer = null; }
    res.once('close', () => {
      inFlight--;
      if (inFlight === 0 && !stopped) {
        if (timer) clearTimeout(timer);
        // Unref'd: a server that is otherwise done does not stay up for it.
        timer = setTimeout(collect, idleMs).unref();
      }
    });
  });
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
