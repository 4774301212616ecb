import { EditFailure } from '../../core/request/errors.ts';

/** Bytes of a base64 string (no fetch of a data: URL, which a strict CSP may forbid). */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

const MIME: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', webp: 'image/webp' };

/** A returned image as a Blob of its format's type. */
export function imageBlob(b64: string, format: string | undefined): Blob {
  return new Blob([base64ToBytes(b64)], { type: MIME[format ?? 'png'] ?? 'image/png' });
}

/** Width and height of an encoded image. */
export async function imageSize(blob: Blob): Promise<{ width: number; height: number }> {
  const bmp = await createImageBitmap(blob);
  const size = { width: bmp.width, height: bmp.height };
  bmp.close();
  return size;
}

/** A partial image's Blob, or null when its base64 is broken (it is skipped, not fatal). */
export function partialBlob(b64: unknown, format: string | undefined): Blob | null {
  try {
    return typeof b64 === 'string' && b64 ? imageBlob(b64, format) : null;
  } catch {
    return null;
  }
}

/**
 * The answer's images as Blobs, with the first one's size. An answer whose images are missing,
 * empty or do not decode is a `no-image` failure.
 */
export async function answerImages(b64: readonly (string | null | undefined)[], format: string | undefined, model: string): Promise<{ blobs: Blob[]; width: number; height: number }> {
  try {
    const blobs = b64.filter((b): b is string => !!b).map((b) => imageBlob(b, format));
    if (!blobs.length) throw new Error('no image');
    return { blobs, ...(await imageSize(blobs[0]!)) };
  } catch {
    throw new EditFailure({ kind: 'no-image', model });
  }
}

/** A data URL of a Blob (for `input_image` and `input_image_mask`). */
export async function dataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'application/octet-stream'};base64,${btoa(bin)}`;
}
