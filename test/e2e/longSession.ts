/**
 * A long session: many edits in a row through the real UI and a fake OpenAI server, in one page.
 * Measures the JS heap (after a forced GC), counts object URLs made and revoked, and reads what
 * IndexedDB holds against the history limits. Used by the end-to-end test (a short run) and by
 * `npm run bench` (`BENCH=session`, 200 edits). Plain Playwright calls, no test runner needed.
 */
import type { Page } from 'playwright';

/** Counts URL.createObjectURL and revokeObjectURL (installed before the page's own scripts). */
export function countObjectUrls(): void {
  const live = new Set<string>();
  const counts = { created: 0, revoked: 0, live };
  (window as unknown as { __objectUrls: typeof counts }).__objectUrls = counts;
  const create = URL.createObjectURL.bind(URL);
  const revoke = URL.revokeObjectURL.bind(URL);
  URL.createObjectURL = (obj: Blob | MediaSource) => { const u = create(obj); counts.created++; live.add(u); return u; };
  URL.revokeObjectURL = (u: string) => { if (live.delete(u)) counts.revoked++; revoke(u); };
}

export interface StoredFacts {
  records: number;
  /** Bytes the history accounts for (each picture once). */
  historyBytes: number;
  blobs: number;
  blobBytes: number;
  /** Blobs no record or draft refers to (should be none). */
  orphans: number;
  drafts: number;
  cacheEntries: number;
}

export interface SessionReport {
  edits: number;
  ms: number;
  /**
   * Used JS heap after a forced GC: before the first edit, after it (the SDK loaded, caches warm:
   * the baseline for growth), after the last; `curve` every `every` edits.
   */
  heap: { before: number; afterFirstEdit: number; after: number; growth: number; curve: { edit: number; heap: number }[] } | null;
  objectUrls: { created: number; revoked: number; live: number };
  stored: StoredFacts;
  shownResults: number;
}

/** Used JS heap after a full GC (null where Chromium was started without --expose-gc and precise memory info). */
async function heap(page: Page): Promise<number | null> {
  return page.evaluate(async () => {
    const w = window as unknown as { gc?: () => void; performance: { memory?: { usedJSHeapSize: number } } };
    if (!w.gc || !w.performance.memory) return null;
    for (let i = 0; i < 3; i++) { w.gc(); await new Promise((r) => setTimeout(r, 50)); }
    return w.performance.memory.usedJSHeapSize;
  });
}

/** What the app's IndexedDB holds: records, blobs (and any no record or draft refers to), drafts. */
export async function storedFacts(page: Page): Promise<StoredFacts> {
  return page.evaluate(async () => {
    // Inside page.evaluate: the function is serialised alone, so the helper must live in it.
    // oxlint-disable-next-line unicorn/consistent-function-scoping
    const done = <T,>(r: IDBRequest<T>) => new Promise<T>((res, rej) => {
      r.addEventListener('success', () => res(r.result));
      r.addEventListener('error', () => rej(r.error));
    });
    const db = await done(indexedDB.open('inpaint-editor'));
    const store = db.transaction('kv').objectStore('kv');
    const keys = (await done(store.getAllKeys())).map(String);
    const values = await done(store.getAll());
    db.close();
    const used = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === 'string') { if (/^[0-9a-f]{64}$/.test(v)) used.add(v); } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object' && !(v instanceof Blob)) Object.values(v).forEach(walk);
    };
    const facts = { records: 0, historyBytes: 0, blobs: 0, blobBytes: 0, orphans: 0, drafts: 0, cacheEntries: 0 };
    const pictures = new Map<string, number>();
    keys.forEach((k, i) => {
      const v = values[i] as { bytes?: number; source?: { imageHash?: string; bytes?: number } };
      if (k.startsWith('hist:') || k.startsWith('draft:')) walk(v);
      if (k.startsWith('hist:')) {
        facts.records++;
        facts.historyBytes += v.bytes ?? 0;
        if (v.source?.imageHash) pictures.set(v.source.imageHash, v.source.bytes ?? 0);
      }
      if (k.startsWith('draft:')) facts.drafts++;
      if (k.startsWith('cache:')) facts.cacheEntries++;
    });
    for (const b of pictures.values()) facts.historyBytes += b;
    keys.forEach((k, i) => {
      if (!k.startsWith('blob:')) return;
      facts.blobs++;
      facts.blobBytes += (values[i] as Blob).size;
      if (!used.has(k.slice(5))) facts.orphans++;
    });
    return facts;
  });
}

type App = { __inpaint: { results: { settled(): Promise<void>; results: { state: { round: { prompt: string } | null; selected: number | null } } } } };

/**
 * Sends `edits` edits one after another, each with its own prompt (so none is answered from
 * storage), waiting for each result on the canvas; `before(i)` runs before edit i (a stroke, so
 * each result differs), `after(i)` once its result is shown (and the heap measured, if due).
 * The page must have a picture open, a connection and the options set.
 */
export async function runSession(page: Page, edits: number, opts: { every?: number; prefix?: string; before?: (i: number) => Promise<void>; after?: (i: number) => Promise<void> } = {}): Promise<SessionReport> {
  const prefix = opts.prefix ?? 'long session edit';
  const every = opts.every ?? 50;
  const curve: { edit: number; heap: number }[] = [];
  const settled = () => page.evaluate(() => (window as unknown as App).__inpaint.results.settled());
  const before = await heap(page);
  const start = Date.now();
  let afterFirst: number | null = null;
  for (let i = 1; i <= edits; i++) {
    const prompt = `${prefix} ${i}`;
    await opts.before?.(i);
    await page.getByTestId('prompt').fill(prompt);
    await page.getByTestId('submit').click();
    await page.waitForFunction((p) => {
      const s = (window as unknown as App).__inpaint.results.results.state;
      return s.round?.prompt === p && s.selected === 0;
    }, prompt, { timeout: 30_000 }).catch(async (e: Error) => {
      const shown = await page.locator('.messages').innerText().catch(() => '');
      throw new Error(`edit ${i}: no result on the canvas (${e.message}); messages: ${shown}`);
    });
    if (i === 1 || i % every === 0) {
      await settled();
      const h = await heap(page);
      if (h !== null) curve.push({ edit: i, heap: h });
      if (i === 1) afterFirst = h;
    }
    await opts.after?.(i);
  }
  const ms = Date.now() - start;
  await settled();
  const after = await heap(page);
  const urls = await page.evaluate(() => {
    const c = (window as unknown as { __objectUrls: { created: number; revoked: number; live: Set<string> } }).__objectUrls;
    return { created: c.created, revoked: c.revoked, live: c.live.size };
  });
  const shownResults = await page.getByRole('button', { name: /^Show result \d+$/ }).count();
  return {
    edits, ms,
    heap: before !== null && afterFirst !== null && after !== null ? { before, afterFirstEdit: afterFirst, after, growth: after - afterFirst, curve } : null,
    objectUrls: urls, stored: await storedFacts(page), shownResults,
  };
}
