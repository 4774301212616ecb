/**
 * What the edit pipeline needs from outside, as interfaces: the app hands in IndexedDB, the
 * editor's mask and the browser's codecs; Node tests hand in fakes. Nothing here imports React,
 * Konva, the DOM or a service.
 */
import type { MaskSnapshot } from '../../core/mask/snapshot.ts';
import type { EditOutput } from '../../core/provider/types.ts';

/** An answer kept under a request's cache key, with the history record that holds it. */
export interface StoredAnswer { id: string; output: EditOutput }

/** An edit that has come back (or was answered from storage), with what it was made from. */
export interface Answer {
  output: EditOutput;
  prompt: string;
  /** The picture sent (null: generated from the prompt). */
  image: ImageBitmap | null;
  /** The mask as sent, full size (null: nothing painted). */
  coverage: Uint8Array | null;
  /** Its snapshot, when the session has one (packed form and hash for the history, seam for the composite). */
  mask?: MaskSnapshot | null;
  /** The request's content-addressed key (null: not cacheable). */
  cacheKey: string | null;
  /** Where it went: the endpoint's URL, or the provider's id when it ran here. */
  endpoint: string;
  /** Answered from storage: no request was made. */
  cached: boolean;
  /** The history record that answered it, when answered from storage. */
  storedId?: string;
}

/** Where answers are kept: finds an earlier answer to an identical request, keeps a new one. */
export interface ResultRepository {
  /** The answer stored under `key`, or null. */
  lookup(key: string): Promise<StoredAnswer | null>;
  /** Keeps a new answer as history record `id` (with its key, to answer the next identical request); resolves once stored. */
  save(answer: Answer, id: string): Promise<void>;
}

/** Where an answer is shown: the results over the picture (src/app/results), or nothing. */
export interface PreviewSink {
  /** Shows `answer`, kept as history record `id`. */
  show(answer: Answer, id: string): Promise<void>;
}

/** What an edit is made from, each worked out once and then shared (see src/app/edit/EditInputs.ts). */
export interface InputSource {
  /** The committed mask's snapshot for its version; null with no picture. */
  mask(): MaskSnapshot | null;
  /** The open picture's content id (its source bytes' hash); null when it has none. */
  pictureId(): Promise<string | null>;
}
