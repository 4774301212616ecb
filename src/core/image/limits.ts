import type { ImageHeader } from './sniff.ts';

/** What the editor accepts without asking. */
export const IMAGE_LIMITS = {
  maxFileBytes: 50 * 1024 * 1024,
  maxSide: 8192,
  maxPixels: 40_000_000,
  /** Beyond this the file is refused outright: decoding it would freeze or crash the tab. */
  maxDecodablePixels: 120_000_000,
  maxDecodableSide: 20_000,
} as const;

export type SizeVerdict =
  | { kind: 'ok' }
  | { kind: 'scale'; width: number; height: number; factor: number }
  | { kind: 'refuse'; reason: 'file-too-large' | 'too-many-pixels' };

/** Largest size within the limits keeping the aspect ratio (never upscales). */
export function fitWithinLimits(w: number, h: number, limits = IMAGE_LIMITS): { width: number; height: number; factor: number } {
  const factor = Math.min(1, limits.maxSide / Math.max(w, h), Math.sqrt(limits.maxPixels / (w * h)));
  const width = Math.max(1, Math.floor(w * factor));
  const height = Math.max(1, Math.floor(h * factor));
  return { width, height, factor };
}

/** Decides whether an image can be opened as is, offered a scale-down, or refused. */
export function judgeSize(fileBytes: number, header: Pick<ImageHeader, 'width' | 'height'>, limits = IMAGE_LIMITS): SizeVerdict {
  if (fileBytes > limits.maxFileBytes) return { kind: 'refuse', reason: 'file-too-large' };
  const { width: w, height: h } = header;
  if (w <= limits.maxSide && h <= limits.maxSide && w * h <= limits.maxPixels) return { kind: 'ok' };
  if (w * h > limits.maxDecodablePixels || Math.max(w, h) > limits.maxDecodableSide) {
    return { kind: 'refuse', reason: 'too-many-pixels' };
  }
  return { kind: 'scale', ...fitWithinLimits(w, h, limits) };
}
