import { describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_LIMITS, historyBytes, historyLimitsFrom, overLimits, type HistoryRecord } from '../../src/core/results/record.ts';
import { memoryBackend } from '../../src/services/storage/backend.ts';
import { ResultStore, type EvictionReason } from '../../src/services/storage/ResultStore.ts';

const rec = (id: string, createdAt: number, bytes: number, picture: string | null, pictureBytes = 0, results: string[] = []): HistoryRecord => ({
  id, createdAt, prompt: id, provider: 'local', endpoint: 'local', options: {}, bytes,
  source: { imageHash: picture, maskHash: null, width: 4, height: 4, name: 'x.png', bytes: pictureBytes },
  results: results.map((hash) => ({ hash, width: 4, height: 4, type: 'image/png' })),
});

describe('history limits', () => {
  it('counts each record’s own bytes, and each picture once however many records share it', () => {
    expect(historyBytes([rec('a', 1, 100, 'p', 1000), rec('b', 2, 50, 'p', 1000), rec('c', 3, 10, 'q', 7)])).toBe(100 + 50 + 10 + 1000 + 7);
  });

  it('reads config.json’s history section, and keeps the defaults for what is missing or wrong', () => {
    expect(historyLimitsFrom({ max_entries: 10, max_mb: 2.5 })).toEqual({ maxEntries: 10, maxBytes: 2.5 * 1048576 });
    expect(historyLimitsFrom({ max_entries: 0, max_mb: 'lots' })).toEqual(DEFAULT_HISTORY_LIMITS);
    expect(historyLimitsFrom(undefined)).toEqual(DEFAULT_HISTORY_LIMITS);
  });

  it('removes the oldest first until both the count and the bytes fit, never the record just added', () => {
    const newestFirst = [rec('d', 4, 10, null), rec('c', 3, 10, null), rec('b', 2, 10, null), rec('a', 1, 10, null)];
    expect(overLimits(newestFirst, { maxEntries: 2, maxBytes: 1e9 }).map((r) => r.id)).toEqual(['a', 'b']);
    expect(overLimits(newestFirst, { maxEntries: 10, maxBytes: 25 }).map((r) => r.id)).toEqual(['a', 'b']);
    // A record larger than the limit on its own stays (it is the one just added).
    expect(overLimits([rec('big', 9, 500, null), ...newestFirst], { maxEntries: 10, maxBytes: 100 }, 'big').map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('the store keeps the newest edits within its limits, drops their images, keeps the draft’s, and says why', async () => {
    const evicted: [number, EvictionReason][] = [];
    const kv = memoryBackend();
    const store = new ResultStore(kv, 'memory', (n, why) => evicted.push([n, why]), { maxEntries: 3, maxBytes: 1e9 });
    const picture = await store.putBlob(new Blob([new Uint8Array(64).fill(1)]));
    await store.saveDraft('current', { image: { hash: picture } });
    for (let i = 0; i < 5; i++) {
      await store.exclusive(async () => {
        const result = await store.putBlob(new Blob([new Uint8Array(32).fill(10 + i)]));
        await store.addHistory(rec(`r${i}`, 1000 + i, 32, picture, 64, [result]));
      });
    }
    expect((await store.listHistory()).map((r) => r.id)).toEqual(['r4', 'r3', 'r2']);
    expect(evicted).toEqual([[1, 'limit'], [1, 'limit']]);
    // Three results and the draft's picture: nothing else is left behind.
    expect((await kv.keys()).filter((k) => k.startsWith('blob:'))).toHaveLength(4);
    expect(await store.getBlob(picture)).toBeDefined();
  });
});
