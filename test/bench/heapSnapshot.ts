/**
 * Opt-in heap diagnostics for the session bench (`SESSION_HEAP_SNAPSHOTS=60,160`): V8 heap
 * snapshots of the page over CDP (each after a full GC) written to `bench-output/`, to open in
 * DevTools' Memory panel or to compare with `node test/bench/heapDiff.mjs A B`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright';

/** The edits after which to take a snapshot, from SESSION_HEAP_SNAPSHOTS ("60,160"); none if unset. */
export function snapshotEdits(env = process.env.SESSION_HEAP_SNAPSHOTS): Set<number> {
  return new Set((env ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0));
}

// One session per page, kept open: V8 keeps an object's snapshot id only while its heap profiler
// stays enabled, and the diff matches objects across snapshots by that id.
const sessions = new WeakMap<Page, Promise<CDPSession>>();

async function profiler(page: Page): Promise<CDPSession> {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page).then(async (cdp) => { await cdp.send('HeapProfiler.enable'); return cdp; });
    sessions.set(page, s);
  }
  return s;
}

/** Writes a heap snapshot of `page` to `bench-output/<name>.heapsnapshot`; returns its path. */
export async function writeHeapSnapshot(page: Page, name: string): Promise<string> {
  const cdp = await profiler(page);
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const dir = new URL('../../bench-output/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${name}.heapsnapshot`, dir);
  writeFileSync(file, chunks.join(''));
  return file.pathname;
}
