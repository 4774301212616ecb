import { idbBackend, indexedDbWorks, memoryBackend } from './backend.ts';
import { ResultStore, type EvictionReason } from './ResultStore.ts';

export { ResultStore, type EvictionReason, type HistoryRecord, type StorageMode } from './ResultStore.ts';

/**
 * Opens the app's storage: IndexedDB when it works here, else memory (private windows and
 * iframes that block storage), in which case the app keeps working and says so.
 */
const idb = () => idbBackend('inpaint-editor', 'kv');

export async function openResultStore(onEvicted?: (count: number, reason: EvictionReason) => void): Promise<ResultStore> {
  if (await indexedDbWorks(idb)) return new ResultStore(idb(), 'indexeddb', onEvicted);
  return new ResultStore(memoryBackend(), 'memory', onEvicted);
}

/** Bytes used and available, and whether the browser keeps them under storage pressure. */
export interface StorageFacts { usage: number; quota: number; persisted: boolean }

/** Storage used and available, and whether it is persistent; null where the browser cannot say. */
export async function storageEstimate(): Promise<StorageFacts | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  const persisted = (await navigator.storage.persisted?.()) ?? false;
  return { usage, quota, persisted };
}

/** Asks the browser to keep this site's data under storage pressure. */
export async function requestPersistence(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}
