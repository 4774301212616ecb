/**
 * What the edit pipeline needs from outside, as interfaces: the app hands in IndexedDB, the
 * editor's mask and the browser's codecs; Node tests hand in fakes. Nothing here imports React,
 * Konva, the DOM or a service.
 */
import type { MaskSnapshot } from '../../core/mask/snapshot.ts';
import type { EditOutput } from '../../core/provider/types.ts';

/** An answer kept under a request's cache key, with the history record that holds it. */
export interface StoredAnswer { id: string; output: EditOutput }

/** Where answers are kept: finds an earlier answer to an identical request. */
export interface ResultRepository {
  /** The answer stored under `key`, or null. */
  lookup(key: string): Promise<StoredAnswer | null>;
}

/** What an edit is made from, each worked out once and then shared (see src/app/edit/EditInputs.ts). */
export interface InputSource {
  /** The committed mask's snapshot for its version; null with no picture. */
  mask(): MaskSnapshot | null;
  /** The open picture's content id (its source bytes' hash); null when it has none. */
  pictureId(): Promise<string | null>;
}
