import { EditFailure } from '../../core/openai/request/errors.ts';
import { base64ToBytes, bytesToBase64 } from '../../core/base64.ts';
import { decodedBitmap } from '../composite/decoded.ts';

const MIME: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', webp: 'image/webp' };

/** A returned image as a Blob of its format's type. */
export function imageBlob(b64: string, format: string | undefined): Blob {
  return new Blob([base64ToBytes(b64)], { type: MIME[format ?? 'png'] ?? 'image/png' });
}

/** Width and height of an encoded image (decoded once: the thumbnail and the composite reuse the bitmap). */
export async function imageSize(blob: Blob): Promise<{ width: number; height: number }> {
  const bmp = await decodedBitmap(blob);
  return { width: bmp.width, height: bmp.height };
}

/**
 * A partial image's Blob, or null when its base64 is broken (it is skipped, not fatal).
 * `output_format` is optional on partial-image events (contract §10): without it the image is
 * in the format that was `asked` for.
 */
export function partialBlob(b64: unknown, format: unknown, asked: string): Blob | null {
  try {
    return typeof b64 === 'string' && b64 ? imageBlob(b64, typeof format === 'string' && format ? format : asked) : null;
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
  return `data:${blob.type || 'application/octet-stream'};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}
