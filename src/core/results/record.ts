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
  };
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

/** What a record keeps of an edit's output (everything but the image bytes). */
export function outputFields(out: Omit<EditOutput, 'images'>): Pick<HistoryRecord, 'provider' | 'model' | 'usage' | 'revisedPrompt' | 'responseId' | 'region' | 'sentSize' | 'options'> {
  const r: ReturnType<typeof outputFields> = { provider: out.provider, options: { ...out.sentOptions } };
  if (out.model !== undefined) r.model = out.model;
  if (out.usage) r.usage = out.usage;
  if (out.revisedPrompt) r.revisedPrompt = out.revisedPrompt;
  if (out.responseId) r.responseId = out.responseId;
  if (out.resultRegion) r.region = out.resultRegion;
  if (out.sentSize) r.sentSize = out.sentSize;
  return r;
}

/** The output a record answers with (a cache hit, or a round reopened from the history). */
export function outputFromRecord(rec: HistoryRecord, images: Blob[]): EditOutput {
  const first = rec.results[0];
  const out: EditOutput = {
    images, width: first?.width ?? 0, height: first?.height ?? 0, provider: rec.provider, sentOptions: rec.options,
  };
  if (rec.model !== undefined) out.model = rec.model;
  if (rec.usage) out.usage = rec.usage;
  if (rec.revisedPrompt) out.revisedPrompt = rec.revisedPrompt;
  if (rec.responseId) out.responseId = rec.responseId;
  if (rec.region) out.resultRegion = rec.region;
  if (rec.sentSize) out.sentSize = rec.sentSize;
  return out;
}
