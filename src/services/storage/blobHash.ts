import { sha256 } from '../../core/cache/key.ts';

const hashes = new WeakMap<Blob, Promise<string>>();

/**
 * The SHA-256 of a blob's bytes (lowercase hex), read once per blob for the whole page: the
 * store files blobs under it, and the cache key names a picture by it, so one hashing serves both.
 */
export function blobHash(blob: Blob): Promise<string> {
  let h = hashes.get(blob);
  if (!h) {
    h = blob.arrayBuffer().then((b) => sha256(new Uint8Array(b)));
    hashes.set(blob, h);
    h.catch(() => hashes.delete(blob)); // unreadable now: tried again next time
  }
  return h;
}

/** Records a blob's hash when it is already known (read back from storage under it, or hashed before it was a blob). */
export function knowHash(blob: Blob, hash: string): void {
  hashes.set(blob, Promise.resolve(hash));
}
