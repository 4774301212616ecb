import { afterEach, describe, expect, it } from 'vitest';
import { idbBackend, memoryBackend, type KvBackend } from '../../src/services/storage/backend.ts';
import { openResultStore, ResultStore, type HistoryRecord } from '../../src/services/storage/index.ts';

const bytes = (n: number, seed: number) => new Uint8Array(n).map((_, i) => (i * 31 + seed) & 255);
const record = (id: string, createdAt: number, hashes: string[], cacheKey?: string): HistoryRecord => ({
  id, createdAt, prompt: `p-${id}`, provider: 'local', endpoint: 'local', options: {},
  source: { imageHash: hashes[0]!, maskHash: null, width: 10, height: 10, name: 'x.png' },
  results: hashes.slice(1).map((hash) => ({ hash, width: 10, height: 10, type: 'image/png' })),
  ...(cacheKey ? { cacheKey } : {}),
});

async function wipe(kv: KvBackend) { for (const k of await kv.keys()) await kv.del(k); }

afterEach(async () => { await wipe(idbBackend('inpaint-editor-test', 'kv')); });

describe('result storage on real IndexedDB', () => {
  it('round-trips blobs (once per hash), history, cache lookups and drafts across a reopen', async () => {
    const kv = idbBackend('inpaint-editor-test', 'kv');
    const store = new ResultStore(kv, 'indexeddb');
    const img = new Blob([bytes(5000, 1)], { type: 'image/png' });
    const h1 = await store.putBlob(img);
    const h2 = await store.putBlob(new Blob([bytes(5000, 1)], { type: 'image/png' }));
    expect(h2).toBe(h1);
    const res = await store.putBlob(new Blob([bytes(3000, 2)], { type: 'image/png' }));
    await store.addHistory(record('a', 1000, [h1, res], 'key-a'));
    await store.saveDraft('current', { imageHash: h1, prompt: 'draft prompt' });
    expect((await kv.keys()).filter((k) => k.startsWith('blob:'))).toHaveLength(2);

    // A new store on the same database, as after a reload.
    const again = new ResultStore(idbBackend('inpaint-editor-test', 'kv'), 'indexeddb');
    const list = await again.listHistory();
    expect(list.map((r) => r.id)).toEqual(['a']);
    const hit = await again.lookup('key-a');
    expect(hit?.results[0]?.hash).toBe(res);
    const blob = await again.getBlob(res);
    expect(blob).toBeInstanceOf(Blob);
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(bytes(3000, 2));
    expect(await again.loadDraft('current')).toEqual({ imageHash: h1, prompt: 'draft prompt' });
    expect(await again.lookup('no-such-key')).toBeUndefined();

    await again.deleteHistory('a');
    expect(await again.lookup('key-a')).toBeUndefined();
    // The result blob went with it; the draft's image stays.
    expect(await again.getBlob(res)).toBeUndefined();
    expect(await again.getBlob(h1)).toBeDefined();
  });

  it('evicts the oldest history, never the draft, when storage is full, and says so', async () => {
    const inner = memoryBackend();
    let used = 0;
    const sizes = new Map<string, number>();
    const LIMIT = 20_000;
    const full: KvBackend = {
      ...inner,
      set: async (k, v) => {
        const size = v instanceof Blob ? v.size : JSON.stringify(v).length;
        if (used - (sizes.get(k) ?? 0) + size > LIMIT) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        used += size - (sizes.get(k) ?? 0);
        sizes.set(k, size);
        await inner.set(k, v);
      },
      del: async (k) => { used -= sizes.get(k) ?? 0; sizes.delete(k); await inner.del(k); },
    };
    const evicted: number[] = [];
    const store = new ResultStore(full, 'indexeddb', (n) => evicted.push(n));
    const draftImg = await store.putBlob(new Blob([bytes(4000, 9)]));
    await store.saveDraft('current', { imageHash: draftImg });
    for (let i = 0; i < 6; i++) {
      const h = await store.putBlob(new Blob([bytes(3000, i)]));
      await store.addHistory(record(`r${i}`, 1000 + i, [draftImg, h], `k${i}`));
    }
    expect(evicted.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const left = (await store.listHistory()).map((r) => r.id);
    expect(left[0]).toBe('r5');
    expect(left).not.toContain('r0');
    expect(await store.loadDraft('current')).toEqual({ imageHash: draftImg });
    expect(await store.getBlob(draftImg)).toBeDefined();
  });

  it('falls back to memory when IndexedDB refuses to open, and keeps working', async () => {
    const original = indexedDB.open.bind(indexedDB);
    indexedDB.open = (() => { throw new DOMException('blocked', 'SecurityError'); }) as typeof indexedDB.open;
    try {
      const store = await openResultStore();
      expect(store.mode).toBe('memory');
      const h = await store.putBlob(new Blob([bytes(100, 3)]));
      await store.addHistory(record('m', 1, [h, h]));
      expect((await store.listHistory()).map((r) => r.id)).toEqual(['m']);
    } finally {
      indexedDB.open = original;
    }
    expect((await openResultStore()).mode).toBe('indexeddb');
  });
});
