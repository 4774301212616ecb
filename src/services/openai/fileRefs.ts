import type OpenAI from 'openai';
import { sha256 } from '../../core/cache/key.ts';
import { dataUrl } from './decode.ts';

/** How an image goes into a Responses request. */
export type ImageRef = { image_url: string } | { file_id: string };

/** Above this size an image is uploaded through the Files API instead of inlined. */
export const DEFAULT_UPLOAD_THRESHOLD = 4 * 1024 * 1024;

/**
 * Turns images into references for the Responses API: a data URL for a small image seen once;
 * for a large one, or one sent again (a second edit of the same picture), an upload through
 * the Files API with purpose `vision`, done once per content and endpoint, then its `file_id`.
 * Kept in memory only: file ids belong to the account of the key that uploaded them.
 */
export class FileRefs {
  private readonly uploaded = new Map<string, string>();
  private readonly seen = new Set<string>();
  /** Each file's content hash, read once: a retry or a repeat of the same encoded files hashes nothing again. */
  private readonly hashes = new WeakMap<File, Promise<string>>();

  constructor(private readonly thresholdBytes = DEFAULT_UPLOAD_THRESHOLD) {}

  async ref(client: OpenAI, file: File, scope: string, signal: AbortSignal, onUpload?: () => void): Promise<ImageRef> {
    let hash = this.hashes.get(file);
    if (!hash) this.hashes.set(file, hash = file.arrayBuffer().then((b) => sha256(new Uint8Array(b))));
    const key = `${scope} ${await hash}`;
    const known = this.uploaded.get(key);
    if (known) return { file_id: known };
    if (file.size <= this.thresholdBytes && !this.seen.has(key)) {
      this.seen.add(key);
      return { image_url: await dataUrl(file) };
    }
    onUpload?.();
    const created = await client.files.create({ file, purpose: 'vision' }, { signal });
    this.uploaded.set(key, created.id);
    return { file_id: created.id };
  }
}
