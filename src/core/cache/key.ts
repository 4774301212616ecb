/**
 * Content-addressed cache keys: an identical request (same bytes sent, prompt, options,
 * endpoint and model) gets the same key, so it can be answered from storage without a request.
 * Uses Web Crypto (in browsers and in Node 20), nothing else.
 */

export interface CacheKeyInput {
  endpoint: string;
  model: string;
  prompt: string;
  /** Options as sent, in any key order; undefined values are dropped. */
  options: Readonly<Record<string, unknown>>;
  /**
   * What is sent: image or images, in order, then the mask (or null when none). Each is its exact
   * bytes, or a {@link ContentId} naming the content they are made from (the picture's source,
   * the mask's version), which spares encoding them to look the request up.
   */
  images: readonly (Uint8Array | ContentId)[];
  mask: Uint8Array | ContentId | null;
}

/**
 * A content's id, already hashed: what a sent file is made from (its encoding from it is
 * deterministic). Keys over ids and keys over bytes never match each other.
 */
export interface ContentId { id: string }

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 of bytes, as lowercase hex. */
export async function sha256(bytes: Uint8Array | string): Promise<string> {
  const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
  return hex(await crypto.subtle.digest('SHA-256', data as BufferSource));
}

/** JSON with object keys sorted at every level and undefined values dropped: one spelling per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The cache key of a request: SHA-256 over its canonical description and its files' hashes. */
export async function cacheKey(input: CacheKeyInput): Promise<string> {
  const digest = (b: Uint8Array | ContentId) => ('id' in b ? Promise.resolve({ id: b.id }) : sha256(b));
  const imageHashes = await Promise.all(input.images.map(digest));
  const maskHash = input.mask ? await digest(input.mask) : null;
  return sha256(canonicalJson({
    v: 1, endpoint: input.endpoint, model: input.model, prompt: input.prompt,
    options: input.options, images: imageHashes, mask: maskHash,
  }));
}
