import type { ModelCaps } from '../models/types.ts';
import { parseSize } from './sizes.ts';

export interface Rect { x: number; y: number; width: number; height: number }

/** How an image of w x h is sent to a model, and how the answer maps back onto it. */
export interface SizePlan {
  /** Size of the image and mask PNGs sent (always equal). */
  width: number;
  height: number;
  /** Where the whole original sits in the sent picture, in sent pixels (dall-e-2 pads to a square). */
  content: Rect;
  /** Sent pixels per original pixel. */
  scale: number;
  /** The image was scaled down to the model's input limit (stated to the user). */
  scaledDown: boolean;
  /** The limit applied. */
  limit: { maxEdge: number; maxPixels?: number };
  /** The part of the returned image that shows the original, as fractions (0..1) of its size. */
  resultRegion: Rect;
}

/**
 * Plans the sent size. GPT image models: the image as it is, scaled down only when it exceeds
 * the model's edge or pixel limit. dall-e-2: a square of the output size (256, 512 or 1024) with
 * the image fitted and centred, padding around it; the result is cropped back to that region.
 * `maxEdge` lowers the limit further (used when an encoded file is over the byte limit).
 */
export function planSize(caps: ModelCaps, w: number, h: number, outputSize: string, maxEdge?: number): SizePlan {
  const limit = { maxEdge: Math.min(caps.input.maxEdge, maxEdge ?? Infinity), maxPixels: caps.input.maxPixels };
  if (caps.input.squarePng) {
    const out = parseSize(outputSize)?.width ?? 1024;
    const side = Math.min(out, limit.maxEdge);
    const scale = side / Math.max(w, h);
    const cw = Math.max(1, Math.round(w * scale));
    const ch = Math.max(1, Math.round(h * scale));
    const content = { x: Math.floor((side - cw) / 2), y: Math.floor((side - ch) / 2), width: cw, height: ch };
    return {
      width: side, height: side, content, scale, scaledDown: scale < 1, limit,
      resultRegion: { x: content.x / side, y: content.y / side, width: cw / side, height: ch / side },
    };
  }
  let scale = Math.min(1, limit.maxEdge / Math.max(w, h));
  if (limit.maxPixels) scale = Math.min(scale, Math.sqrt(limit.maxPixels / (w * h)));
  const width = Math.max(1, Math.floor(w * scale));
  const height = Math.max(1, Math.floor(h * scale));
  return {
    width, height, content: { x: 0, y: 0, width, height }, scale: width / w, scaledDown: scale < 1, limit,
    resultRegion: { x: 0, y: 0, width: 1, height: 1 },
  };
}
