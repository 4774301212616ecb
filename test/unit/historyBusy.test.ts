import { describe, expect, it } from 'vitest';
import { HistoryController } from '../../src/app/results/HistoryController.ts';
import { Notifier } from '../../src/app/notifier.ts';
import type { ResultStore } from '../../src/services/storage/index.ts';

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

describe('history storage work', () => {
  it('says what it is doing with storage while it lasts, and nothing after', async () => {
    const store = deferred<ResultStore>();
    const opening = deferred();
    const deleting = deferred();
    const fake = {
      mode: 'memory', listHistory: async () => [], getBlob: async () => undefined,
      deleteHistory: () => deleting.promise, clearHistory: async () => {},
    } as unknown as ResultStore;
    const h = new HistoryController(store.promise, new Notifier(), () => opening.promise);
    const seen: (string | null)[] = [h.state.busy];
    h.store.subscribe(() => { if (seen.at(-1) !== h.state.busy) seen.push(h.state.busy); });

    const shown = h.setOpen(true);
    expect(h.state.busy).toBe('reading'); // the storage is not even open yet
    store.resolve(fake);
    await shown;
    expect(h.state.busy).toBeNull();

    const opened = h.open('x');
    expect(h.state.busy).toBe('opening');
    opening.resolve();
    await opened;
    expect(h.state.busy).toBeNull();

    const removed = h.remove('x');
    await Promise.resolve();
    await Promise.resolve();
    expect(h.state.busy).toBe('deleting');
    deleting.resolve();
    await removed;
    await h.clearAll(true);
    expect(h.state.busy).toBeNull();
    expect(seen).toEqual([null, 'reading', null, 'opening', null, 'deleting', null, 'reading', null, 'clearing', null, 'reading', null]);
  });
});
