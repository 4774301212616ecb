import type { Region } from '../composite/layBack.ts';
import type { EditOutput, Usage } from '../provider/types.ts';

/** An image kept in storage: its bytes are under `hash` (SHA-256), stored once. */
export interface StoredImage { hash: string; width: number; height: number; type: string }

/** One past edit, as the history shows it. Images are referenced by content hash. */
export interface HistoryRecord {
  id: string;
  createdAt: number;
  /** `edit`: results over a picture; `generate`: pictures made from the prompt alone. Default `edit`. */
  kind?: 'edit' | 'generate';
  prompt: string;
  provider: string;
  endpoint: string;
  model?: string;
  /** The options as sent (canonical). */
  options: Record<string, unknown>;
  /** What the request cost, in US dollars, from the usage the API reported (0 for the local fill). */
  costUsd?: number;
  usage?: Usage;
  revisedPrompt?: string;
  responseId?: string;
  /**
   * The image edited (hash of its stored bytes, and how it was decoded), its size and name, and
   * the mask as sent (hash of its packed coverage, see `core/results/coverage.ts`).
   */
  source: {
    imageHash: string | null;
    maskHash: string | null;
    width: number;
    height: number;
    name: string;
    /** The stored file was decoded scaled to this size (a picture over the editor's limits). */
    resize?: { width: number; height: number };
    /** Size of the stored picture in bytes (pictures are shared by the records of the same one). */
    bytes?: number;
  };
  /** Bytes stored for this record alone: its results, thumbnail and mask. */
  bytes?: number;
  /** The results, as returned. */
  results: StoredImage[];
  thumbHash?: string;
  /** The content-addressed key of the request, for answering a repeat from storage. */
  cacheKey?: string;
  /** Earlier round this one continued from. */
  parentId?: string;
  /** The part of each result that shows the original (dall-e-2's padding), as in `EditOutput`. */
  region?: Region;
  sentSize?: { width: number; height: number };
}

/** Fields an output and a record share: [name in the output, name in the record]. */
const SHARED = [
  ['model', 'model'], ['usage', 'usage'], ['revisedPrompt', 'revisedPrompt'], ['responseId', 'responseId'],
  ['resultRegion', 'region'], ['sentSize', 'sentSize'],
] as const;

/** Copies the shared fields that are set (empty ones are left out, never stored as undefined). */
function copyShared(from: object, to: object, side: 0 | 1): void {
  const src = from as Record<string, unknown>;
  const dst = to as Record<string, unknown>;
  for (const pair of SHARED) {
    const v = src[pair[side]];
    if (v !== undefined && v !== '') dst[pair[1 - side]!] = v;
  }
}

/** What a record keeps of an edit's output (everything but the image bytes). */
export function outputFields(out: Omit<EditOutput, 'images'>): Pick<HistoryRecord, 'provider' | 'model' | 'usage' | 'revisedPrompt' | 'responseId' | 'region' | 'sentSize' | 'options'> {
  const r: ReturnType<typeof outputFields> = { provider: out.provider, options: { ...out.sentOptions } };
  copyShared(out, r, 0);
  return r;
}

/** The output a record answers with (a cache hit, or a round reopened from the history). */
export function outputFromRecord(rec: HistoryRecord, images: Blob[]): EditOutput {
  const first = rec.results[0];
  const out: EditOutput = {
    images, width: first?.width ?? 0, height: first?.height ?? 0, provider: rec.provider, sentOptions: rec.options,
  };
  copyShared(rec, out, 1);
  return out;
}

/**
 * Bytes the history keeps: each record's own images, plus each picture once however many records
 * share it. Records saved before sizes were kept count 0.
 */
export function historyBytes(records: readonly HistoryRecord[]): number {
  const pictures = new Map<string, number>();
  let total = 0;
  for (const r of records) {
    total += r.bytes ?? 0;
    if (r.source.imageHash) pictures.set(r.source.imageHash, r.source.bytes ?? 0);
  }
  for (const b of pictures.values()) total += b;
  return total;
}

/** How much history is kept: the newest `maxEntries` edits within `maxBytes`; the oldest go first, never the draft. */
export interface HistoryLimits { maxEntries: number; maxBytes: number }

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = { maxEntries: 100, maxBytes: 1024 ** 3 };

const positive = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 1;

/** The limits config.json's `history` section sets (`max_entries`, `max_mb`), the defaults for what it leaves out. */
export function historyLimitsFrom(raw: unknown): HistoryLimits {
  const h = (raw ?? {}) as { max_entries?: unknown; max_mb?: unknown };
  return {
    maxEntries: positive(h.max_entries) ? Math.floor(h.max_entries) : DEFAULT_HISTORY_LIMITS.maxEntries,
    maxBytes: positive(h.max_mb) ? Math.floor(h.max_mb * 1048576) : DEFAULT_HISTORY_LIMITS.maxBytes,
  };
}

/**
 * Which records to remove (oldest first) so the rest fit `limits`; `keep` (the record just
 * added) is never one of them. `records` newest first, as the history lists them.
 */
export function overLimits(records: readonly HistoryRecord[], limits: HistoryLimits, keep?: string): HistoryRecord[] {
  const kept = [...records];
  const out: HistoryRecord[] = [];
  while (kept.length > 0 && (kept.length > limits.maxEntries || historyBytes(kept) > limits.maxBytes)) {
    const oldest = kept.at(-1)!;
    if (oldest.id === keep) break;
    out.push(kept.pop()!);
  }
  return out;
}
