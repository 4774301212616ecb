import { canvasToPng, exportImagePng } from '../../canvas/exportPng.ts';
import { coverageToExportRgba } from '../../core/mask/maskPixels.ts';
import { FORMAT_MIME, type DownloadFormat } from '../../core/results/downloadFormat.ts';
import { decodedBitmap } from './decoded.ts';

type Drawable = CanvasImageSource & { width: number; height: number };

/**
 * Encodes a picture at its full size. PNG is lossless and keeps transparency; WebP keeps
 * transparency (quality 0.95); JPEG has no alpha, so transparent parts are laid on white first
 * (quality 0.92), rather than turning black as a plain canvas export would.
 */
export async function encodePicture(image: Drawable, format: DownloadFormat): Promise<Blob> {
  if (format === 'png') return exportImagePng(image);
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d')!;
  if (format === 'jpeg') {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
  }
  ctx.drawImage(image, 0, 0);
  return canvas.convertToBlob({ type: FORMAT_MIME[format], quality: format === 'jpeg' ? 0.92 : 0.95 });
}

/** A small WebP of a picture (its longer side `max` pixels) for history lists (from its shared decoded bitmap). */
export async function thumbnail(blob: Blob, max = 160): Promise<Blob> {
  const full = await decodedBitmap(blob);
  const scale = Math.min(1, max / Math.max(full.width, full.height));
  const w = Math.max(1, Math.round(full.width * scale));
  const h = Math.max(1, Math.round(full.height * scale));
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(full, 0, 0, w, h);
  return canvas.convertToBlob({ type: 'image/webp', quality: 0.8 });
}

/** The mask PNG OpenAI's way (alpha 0 where painted) from a full-size coverage array. */
export function coverageMaskPng(coverage: Uint8Array, width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const img = new ImageData(width, height);
  coverageToExportRgba(coverage, img.data);
  canvas.getContext('2d')!.putImageData(img, 0, 0);
  return canvasToPng(canvas);
}

/** A picture's RGBA bytes as drawn (what a local worker gets): the exact input of a local edit. */
export function pictureBytes(image: Drawable): Uint8Array<ArrayBuffer> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(image, 0, 0);
  const data = ctx.getImageData(0, 0, image.width, image.height).data;
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
