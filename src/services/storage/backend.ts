import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';

/** The little a store needs: idb-keyval in browsers that allow it, a Map where they do not. */
export interface KvBackend {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

export function idbBackend(dbName: string, storeName: string): KvBackend {
  const store: UseStore = createStore(dbName, storeName);
  return {
    get: <T>(key: string) => get<T>(key, store),
    set: (key, value) => set(key, value, store),
    del: (key) => del(key, store),
    keys: async () => (await keys(store)).map(String),
  };
}

export function memoryBackend(): KvBackend {
  const map = new Map<string, unknown>();
  return {
    get: async <T>(key: string) => map.get(key) as T | undefined,
    set: async (key, value) => { map.set(key, value); },
    del: async (key) => { map.delete(key); },
    keys: async () => [...map.keys()],
  };
}

/** True for the errors browsers throw when storage is full. */
export function isQuotaError(e: unknown): boolean {
  const name = (e as { name?: string })?.name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED'
    || (e instanceof Error && /quota/i.test(e.message));
}

/**
 * Checks that IndexedDB really works here: private windows and third-party iframes may have it
 * but refuse to open or write. Resolves false on any failure (within `timeoutMs`).
 */
export async function indexedDbWorks(backend: () => KvBackend, timeoutMs = 3000): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    const probe = backend();
    const check = (async () => {
      await probe.set('probe', Date.now());
      const ok = (await probe.get<number>('probe')) !== undefined;
      await probe.del('probe');
      return ok;
    })();
    const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), timeoutMs));
    return await Promise.race([check, timeout]);
  } catch {
    return false;
  }
}
