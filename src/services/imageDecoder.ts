import { IMAGE_LIMITS, judgeSize } from '../core/image/limits.ts';
import { sniffImage, type ImageFormat, type ImageHeader } from '../core/image/sniff.ts';
import { rgbaToCoverage } from '../core/mask/maskPixels.ts';
import { pictureBytes } from './composite/encode.ts';
import type { ImageNote, LoadedImage } from '../editor/types.ts';

/** Why a file could not be opened; each has a message in the UI strings (`load.error.*`). */
export type LoadErrorCode =
  | 'empty' | 'unsupported' | 'svg' | 'corrupt' | 'truncated'
  | 'file-too-large' | 'too-many-pixels' | 'decode-failed'
  | 'mask-not-png' | 'mask-size';

export class LoadError extends Error {
  constructor(readonly code: LoadErrorCode, readonly params: Record<string, string | number> = {}) {
    super(code);
    this.name = 'LoadError';
  }
}

export type OpenOutcome =
  | { kind: 'ok'; image: LoadedImage }
  /** Larger than the editor takes: the caller may ask the user, then call `scale()`. */
  | { kind: 'needs-scale'; width: number; height: number; targetWidth: number; targetHeight: number; scale: () => Promise<LoadedImage> };

const MIME: Record<ImageFormat, string> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp', gif: 'image/gif' };

async function readHeader(file: Blob): Promise<{ bytes: Uint8Array; header: ImageHeader }> {
  if (file.size > IMAGE_LIMITS.maxFileBytes) {
    throw new LoadError('file-too-large', { mb: Math.round(file.size / 1048576), max: IMAGE_LIMITS.maxFileBytes / 1048576 });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sniff = sniffImage(bytes);
  if (!sniff.ok) throw new LoadError(sniff.reason);
  if (sniff.header.truncated) throw new LoadError('truncated');
  return { bytes, header: sniff.header };
}

async function decode(bytes: Uint8Array, header: ImageHeader, opts: ImageBitmapOptions): Promise<ImageBitmap> {
  try {
    const blob = new Blob([bytes as BlobPart], { type: MIME[header.format] });
    return await createImageBitmap(blob, { imageOrientation: 'from-image', ...opts });
  } catch {
    throw new LoadError('decode-failed');
  }
}

/** How a picture over the limits is decoded scaled down (the same way again when a draft comes back). */
export function resizeOptions(size: { width: number; height: number }): ImageBitmapOptions {
  return { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' };
}

/** Decodes a stored image exactly as it was first opened (orientation applied, scaled as it was). */
export function decodeStored(blob: Blob, resize?: { width: number; height: number }): Promise<ImageBitmap> {
  return createImageBitmap(blob, { imageOrientation: 'from-image', ...(resize ? resizeOptions(resize) : {}) });
}

/**
 * Opens an image file: checks its bytes and declared size before decoding (so a tiny file
 * declaring 30000x30000 never reaches the decoder), applies EXIF orientation, takes the first
 * frame of an animation. Throws {@link LoadError}.
 */
export async function openImageFile(file: File): Promise<OpenOutcome> {
  const { bytes, header } = await readHeader(file);
  const verdict = judgeSize(file.size, header);
  if (verdict.kind === 'refuse') {
    throw new LoadError(verdict.reason, { width: header.width, height: header.height, maxSide: IMAGE_LIMITS.maxSide, maxMp: IMAGE_LIMITS.maxPixels / 1e6 });
  }
  const notes: ImageNote[] = [];
  if (header.frames > 1) notes.push('animated-first-frame');
  if (header.orientation !== 1) notes.push('orientation-applied');
  const finish = (bitmap: ImageBitmap, extra: ImageNote[] = [], resize?: { width: number; height: number }): LoadedImage => ({
    bitmap, name: file.name || 'image', format: header.format,
    width: bitmap.width, height: bitmap.height, notes: [...notes, ...extra],
    originalWidth: header.width, originalHeight: header.height,
    source: resize ? { blob: file, resize } : { blob: file },
  });
  if (verdict.kind === 'scale') {
    return {
      kind: 'needs-scale', width: header.width, height: header.height,
      targetWidth: verdict.width, targetHeight: verdict.height,
      scale: async () => finish(await decode(bytes, header, resizeOptions(verdict)), ['scaled-down'], { width: verdict.width, height: verdict.height }),
    };
  }
  return { kind: 'ok', image: finish(await decode(bytes, header, {})) };
}

/**
 * Reads a mask file as coverage (255 = painted) for an image of `width` x `height`: its alpha
 * when it has one (transparent = painted), else its luminance (white = painted).
 */
export async function readMaskFile(file: File, width: number, height: number): Promise<Uint8Array> {
  const { bytes, header } = await readHeader(file);
  if (header.format !== 'png') throw new LoadError('mask-not-png');
  if (header.width !== width || header.height !== height) {
    throw new LoadError('mask-size', { got: `${header.width}×${header.height}`, want: `${width}×${height}` });
  }
  const bitmap = await decode(bytes, header, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const rgba = pictureBytes(bitmap);
  bitmap.close();
  return rgbaToCoverage(rgba, header.hasAlpha ? 'alpha' : 'luminance');
}
