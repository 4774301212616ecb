import { sha256 } from '../../core/cache/key.ts';
import { isQuotaError, type KvBackend } from './backend.ts';

/** One past edit, as the history shows it. Images are referenced by content hash. */
export interface HistoryRecord {
  id: string;
  createdAt: number;
  prompt: string;
  provider: string;
  endpoint: string;
  model?: string;
  options: Record<string, unknown>;
  /** Estimated before, and actual after, in US dollars; tokens in `usage`. */
  costUsd?: number;
  usage?: Record<string, number>;
  revisedPrompt?: string;
  responseId?: string;
  /** The image edited (hash), its size and name, and the mask (hash of its PNG). */
  source: { imageHash: string | null; maskHash: string | null; width: number; height: number; name: string };
  /** The results, as returned. */
  results: { hash: string; width: number; height: number; type: string }[];
  thumbHash?: string;
  /** The content-addressed key of the request, for answering a repeat from storage. */
  cacheKey?: string;
  /** Earlier round this one continued from. */
  parentId?: string;
}

export type StorageMode = 'indexeddb' | 'memory';

const BLOB = 'blob:';
const HIST = 'hist:';
const CACHE = 'cache:';
const DRAFT = 'draft:';

/**
 * Results, history, cache index and drafts in one key-value store. Blobs are stored once per
 * SHA-256 of their bytes, never as base64. When storage is full, the oldest history entries are
 * evicted (never the draft) and `onEvicted` says how many.
 */
export class ResultStore {
  constructor(
    private readonly kv: KvBackend,
    readonly mode: StorageMode,
    private readonly onEvicted: (count: number) => void = () => {},
  ) {}

  /** Stores a blob under the hash of its bytes (once), returning the hash. */
  async putBlob(blob: Blob): Promise<string> {
    const hash = await sha256(new Uint8Array(await blob.arrayBuffer()));
    if ((await this.kv.get(BLOB + hash)) === undefined) await this.write(BLOB + hash, blob);
    return hash;
  }

  getBlob(hash: string): Promise<Blob | undefined> {
    return this.kv.get<Blob>(BLOB + hash);
  }

  async addHistory(record: HistoryRecord): Promise<void> {
    await this.write(HIST + record.id, record);
    if (record.cacheKey) await this.write(CACHE + record.cacheKey, record.id);
  }

  getHistory(id: string): Promise<HistoryRecord | undefined> {
    return this.kv.get<HistoryRecord>(HIST + id);
  }

  /** Every record, newest first. */
  async listHistory(): Promise<HistoryRecord[]> {
    const ids = (await this.kv.keys()).filter((k) => k.startsWith(HIST));
    const records = await Promise.all(ids.map((k) => this.kv.get<HistoryRecord>(k)));
    return records.filter((r): r is HistoryRecord => !!r).toSorted((a, b) => b.createdAt - a.createdAt);
  }

  /** The record a cache key answers to, if its images are all still stored. */
  async lookup(cacheKey: string): Promise<HistoryRecord | undefined> {
    const id = await this.kv.get<string>(CACHE + cacheKey);
    const rec = id ? await this.getHistory(id) : undefined;
    if (!rec) return undefined;
    for (const r of rec.results) if ((await this.getBlob(r.hash)) === undefined) return undefined;
    return rec;
  }

  async deleteHistory(id: string): Promise<void> {
    const rec = await this.getHistory(id);
    await this.kv.del(HIST + id);
    if (rec?.cacheKey) await this.kv.del(CACHE + rec.cacheKey);
    await this.collectBlobs();
  }

  async clearHistory(): Promise<void> {
    for (const k of await this.kv.keys()) if (k.startsWith(HIST) || k.startsWith(CACHE)) await this.kv.del(k);
    await this.collectBlobs();
  }

  async saveDraft<T>(name: string, draft: T): Promise<void> {
    await this.write(DRAFT + name, draft);
  }

  loadDraft<T>(name: string): Promise<T | undefined> {
    return this.kv.get<T>(DRAFT + name);
  }

  deleteDraft(name: string): Promise<void> {
    return this.kv.del(DRAFT + name);
  }

  /** Removes blobs no history record or draft refers to. */
  async collectBlobs(): Promise<number> {
    const keys = await this.kv.keys();
    const used = new Set<string>();
    for (const k of keys) {
      if (!k.startsWith(HIST) && !k.startsWith(DRAFT)) continue;
      collectHashes(await this.kv.get(k), used);
    }
    let removed = 0;
    for (const k of keys) {
      if (k.startsWith(BLOB) && !used.has(k.slice(BLOB.length))) {
        await this.kv.del(k);
        removed++;
      }
    }
    return removed;
  }

  /** Writes, evicting the oldest history when storage is full, until it fits or nothing is left. */
  private async write(key: string, value: unknown): Promise<void> {
    let evicted = 0;
    for (;;) {
      try {
        await this.kv.set(key, value);
        break;
      } catch (e) {
        if (!isQuotaError(e)) throw e;
        const oldest = (await this.listHistory()).at(-1);
        if (!oldest || key === HIST + oldest.id) {
          if (evicted) this.onEvicted(evicted);
          throw e;
        }
        await this.kv.del(HIST + oldest.id);
        if (oldest.cacheKey) await this.kv.del(CACHE + oldest.cacheKey);
        await this.collectBlobs();
        evicted++;
      }
    }
    if (evicted) this.onEvicted(evicted);
  }
}

/** Finds every 64-hex-digit hash referenced anywhere in a stored value. */
function collectHashes(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (/^[0-9a-f]{64}$/.test(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collectHashes(v, into);
  } else if (value && typeof value === 'object' && !(value instanceof Blob)) {
    for (const v of Object.values(value)) collectHashes(v, into);
  }
}
