import { blobHash, knowHash } from './blobHash.ts';
import { isQuotaError, type KvBackend } from './backend.ts';
import { DEFAULT_HISTORY_LIMITS, overLimits, type HistoryLimits, type HistoryRecord } from '../../core/results/record.ts';

export type { HistoryRecord } from '../../core/results/record.ts';

export type StorageMode = 'indexeddb' | 'memory';

const BLOB = 'blob:';
const HIST = 'hist:';
const CACHE = 'cache:';
const DRAFT = 'draft:';

/** Why history was removed: storage was full, or the history had reached its limits. */
export type EvictionReason = 'full' | 'limit';

/**
 * Results, history, cache index and drafts in one key-value store. Blobs are stored once per
 * SHA-256 of their bytes, never as base64. The history keeps the newest edits within `limits`
 * (count and bytes); when storage is full even so, the oldest go too. Never the draft, nor the
 * images it uses; `onEvicted` says how many went, and why.
 */
export class ResultStore {
  private queue: Promise<unknown> = Promise.resolve();
  /** Blobs put during the current exclusive run: not collected before their record is written. */
  private readonly pinned = new Set<string>();
  private running = false;

  constructor(
    private readonly kv: KvBackend,
    readonly mode: StorageMode,
    /** Told how many records were evicted to make room, and why (the app says so to the user). */
    public onEvicted: (count: number, reason: EvictionReason) => void = () => {},
    /** How much history is kept (read when a record is added). */
    public limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
  ) {}

  /**
   * Runs `fn` alone among the store's multi-step writers (put blobs, then the record naming them),
   * so a deletion's clean-up never removes a blob between its put and its record.
   */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      this.running = true;
      try {
        return await fn();
      } finally {
        this.running = false;
        this.pinned.clear();
      }
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The SHA-256 of a blob's bytes, under which it is stored (computed once per blob). */
  hashOf(blob: Blob): Promise<string> {
    return blobHash(blob);
  }

  /** Stores a blob under the hash of its bytes (once), returning the hash. */
  async putBlob(blob: Blob): Promise<string> {
    const hash = await this.hashOf(blob);
    if (this.running) this.pinned.add(hash);
    if ((await this.kv.get(BLOB + hash)) === undefined) await this.write(BLOB + hash, blob);
    return hash;
  }

  async getBlob(hash: string): Promise<Blob | undefined> {
    const blob = await this.kv.get<Blob>(BLOB + hash);
    // Stored under the hash of its bytes: storing it again (a draft, a round) needs no hashing.
    if (blob) knowHash(blob, hash);
    return blob;
  }

  /** Adds a record; then the oldest others go while the history is over its limits. */
  async addHistory(record: HistoryRecord): Promise<void> {
    await this.write(HIST + record.id, record);
    if (record.cacheKey) await this.write(CACHE + record.cacheKey, record.id);
    const over = overLimits(await this.listHistory(), this.limits, record.id);
    if (!over.length) return;
    for (const r of over) await this.forget(r);
    await this.collectBlobs();
    this.onEvicted(over.length, 'limit');
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

  /** The record a cache key answers to, with its images (`blobs`), if they are all still stored. */
  async lookup(cacheKey: string): Promise<(HistoryRecord & { blobs: Blob[] }) | undefined> {
    const id = await this.kv.get<string>(CACHE + cacheKey);
    const rec = id ? await this.getHistory(id) : undefined;
    if (!rec) return undefined;
    const blobs = [];
    for (const r of rec.results) {
      const blob = await this.getBlob(r.hash);
      if (blob === undefined) return undefined;
      blobs.push(blob);
    }
    return { ...rec, blobs };
  }

  deleteHistory(id: string): Promise<void> {
    return this.exclusive(async () => {
      const rec = await this.getHistory(id);
      if (rec) await this.forget(rec);
      await this.collectBlobs();
    });
  }

  clearHistory(): Promise<void> {
    return this.exclusive(async () => {
      for (const k of await this.kv.keys()) if (k.startsWith(HIST) || k.startsWith(CACHE)) await this.kv.del(k);
      await this.collectBlobs();
    });
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

  /** Removes a record and its cache entry (unless a newer record of the same request holds it). */
  private async forget(rec: HistoryRecord): Promise<void> {
    await this.kv.del(HIST + rec.id);
    if (rec.cacheKey && (await this.kv.get(CACHE + rec.cacheKey)) === rec.id) await this.kv.del(CACHE + rec.cacheKey);
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
      const hash = k.slice(BLOB.length);
      if (k.startsWith(BLOB) && !used.has(hash) && !this.pinned.has(hash)) {
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
          if (evicted) this.onEvicted(evicted, 'full');
          throw e;
        }
        await this.forget(oldest);
        await this.collectBlobs();
        evicted++;
      }
    }
    if (evicted) this.onEvicted(evicted, 'full');
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
