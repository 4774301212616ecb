import type { MaskDocument } from '../core/mask/MaskDocument.ts';
import { coverageToExportRgba } from '../core/mask/maskPixels.ts';
import type { PngEncoder } from '../core/mask/snapshot.ts';

/** Encodes a canvas as PNG. Chromium writes colour type 6 (RGBA) from any alpha canvas. */
export async function canvasToPng(canvas: OffscreenCanvas | HTMLCanvasElement): Promise<Blob> {
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type: 'image/png' });
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** The browser's PNG encoder for mask snapshots (core/mask/snapshot.ts): RGBA pixels through a canvas. */
export const canvasPngEncoder: PngEncoder = {
  encodeRgba(rgba, width, height) {
    const canvas = new OffscreenCanvas(width, height);
    canvas.getContext('2d')!.putImageData(new ImageData(rgba, width, height), 0, 0);
    return canvasToPng(canvas);
  },
};

/**
 * The mask at the image's full size, OpenAI's way: alpha 0 where painted, 255 elsewhere,
 * black RGB. Edge pixels at or above half coverage count as painted, so the file is strictly
 * two-valued.
 */
export function maskExportCanvas(doc: MaskDocument): OffscreenCanvas {
  const canvas = new OffscreenCanvas(doc.width, doc.height);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, doc.width, doc.height);
  doc.forEachTile((_i, cov, rect) => {
    if (!cov) return;
    const img = new ImageData(rect.w, rect.h);
    coverageToExportRgba(cov, img.data);
    ctx.putImageData(img, rect.x, rect.y);
  });
  return canvas;
}

export function exportMaskPng(doc: MaskDocument): Promise<Blob> {
  return canvasToPng(maskExportCanvas(doc));
}

/** The image as an RGBA PNG at its natural size (after orientation). */
export function exportImagePng(image: CanvasImageSource & { width: number; height: number }): Promise<Blob> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  canvas.getContext('2d')!.drawImage(image, 0, 0);
  return canvasToPng(canvas);
}
