import { capsFor } from '../../core/openai/models/lookup.ts';
import { usageDollars } from '../../core/openai/cost/usage.ts';
import { packCoverage } from '../../core/results/coverage.ts';
import { outputFields, type HistoryRecord } from '../../core/results/record.ts';
import type { ImageSource } from '../../editor/types.ts';
import { thumbnail } from '../../services/composite/encode.ts';
import type { ResultStore } from '../../services/storage/index.ts';
import { knowHash } from '../../services/storage/blobHash.ts';
import type { Answer } from '../pipeline/ports.ts';

/** The stored form of packed mask coverage (see core/results/coverage.ts). */
export const COVERAGE_TYPE = 'application/x-inpaint-coverage';

const encoded = new WeakMap<ImageSource, Promise<Blob>>();

/**
 * The bytes of a picture's source: the file it was opened from, or (for a picture made in the
 * editor) its PNG, encoded once. After that the source holds the Blob, so the canvas it was
 * encoded from can go.
 */
export function sourceBlob(src: ImageSource): Promise<Blob> {
  const b = src.blob;
  if (b instanceof Blob) return Promise.resolve(b);
  let p = encoded.get(src);
  if (!p) {
    p = b().then((blob) => { src.blob = blob; return blob; });
    encoded.set(src, p);
  }
  return p;
}

/** The mask a round was sent with, packed: its snapshot's bytes and hash when it has one (nothing packed or hashed again). */
async function packedMask(answer: Answer, w: number, h: number): Promise<Blob> {
  const snap = answer.mask;
  if (!snap?.packed) return new Blob([packCoverage(answer.coverage!, w, h)], { type: COVERAGE_TYPE });
  const blob = new Blob([snap.packed], { type: COVERAGE_TYPE });
  knowHash(blob, await snap.hash());
  return blob;
}

/** The picture a round was made from, as the history keeps it. */
export interface SentPicture { source: ImageSource | null; name: string; width: number; height: number }

/**
 * Stores a round: its results (once per hash), a thumbnail, the picture and the packed mask it
 * was made from, and the record that names them, all in one exclusive run of the store.
 */
export async function saveRound(store: ResultStore, id: string, answer: Answer, picture: SentPicture | null, parentId: string | null): Promise<HistoryRecord> {
  const out = answer.output;
  return store.exclusive(async () => {
    const results = [];
    let bytes = 0;
    const put = async (blob: Blob) => { bytes += blob.size; return store.putBlob(blob); };
    for (const blob of out.images) results.push({ hash: await put(blob), width: out.width, height: out.height, type: blob.type || 'image/png' });
    const thumbHash = out.images[0] ? await put(await thumbnail(out.images[0])) : undefined;
    const picked = picture?.source ? await sourceBlob(picture.source) : null;
    const imageHash = picked ? await store.putBlob(picked) : null;
    const w = picture?.width ?? out.width;
    const h = picture?.height ?? out.height;
    const maskHash = answer.coverage && picture ? await put(await packedMask(answer, w, h)) : null;
    const fields = outputFields(out);
    const caps = out.model ? capsFor(out.model) : null;
    const cost = out.provider === 'local' || !out.model ? 0 : out.usage && caps ? usageDollars(caps, out.usage) : null;
    const record: HistoryRecord = {
      id, createdAt: Date.now(), kind: answer.image ? 'edit' : 'generate', prompt: answer.prompt,
      endpoint: answer.endpoint, ...fields, results,
      source: {
        imageHash, maskHash, width: w, height: h, name: picture?.name ?? 'generated.png',
        ...(picture?.source?.resize ? { resize: picture.source.resize } : {}), ...(picked ? { bytes: picked.size } : {}),
      },
      bytes,
    };
    if (cost !== null) record.costUsd = cost;
    if (thumbHash) record.thumbHash = thumbHash;
    if (answer.cacheKey) record.cacheKey = answer.cacheKey;
    if (parentId) record.parentId = parentId;
    await store.addHistory(record);
    return record;
  });
}
