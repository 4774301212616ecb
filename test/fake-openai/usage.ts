/**
 * Believable token counts (contract §3, §7). Output: the §7 table for quality × size (per pixel
 * for free sizes), times n, plus 100 per partial image. Input: text ≈ prompt length / 4; each
 * input image 85 + 170 per 512-px tile (the vision rule), plus the high-fidelity surcharge.
 */
import { parseSize } from './models.ts';

const TABLE: Record<string, Record<string, number>> = {
  low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
  medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
  high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
};
/** xhigh and max (GPT Image 2.5+) have no published table: 1.5× and 2× high. */
const SCALE: Record<string, [string, number]> = { xhigh: ['high', 1.5], max: ['high', 2] };

/** Output image tokens of one image. */
export function outputImageTokens(quality: string, size: string): number {
  const [q, factor] = SCALE[quality] ?? [quality, 1];
  const row = TABLE[q] ?? TABLE.high!;
  const exact = row[size];
  if (exact !== undefined) return Math.round(exact * factor);
  const p = parseSize(size) ?? { w: 1024, h: 1024 };
  return Math.round(((row['1024x1024']! * p.w * p.h) / (1024 * 1024)) * factor);
}

export function inputImageTokens(width: number, height: number, highFidelity: boolean): number {
  // Fit in 2048², shortest side to 768 (as vision input is billed), then count 512-px tiles.
  let s = Math.min(1, 2048 / Math.max(width, height));
  s = Math.min(s, 768 / Math.min(width * s, height * s));
  const tiles = Math.ceil((width * s) / 512) * Math.ceil((height * s) / 512);
  const surcharge = highFidelity ? (width === height ? 4096 : 6144) : 0;
  return 85 + 170 * tiles + surcharge;
}

export const textTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

export interface ImageUsage {
  total_tokens: number;
  input_tokens: number;
  output_tokens: number;
  input_tokens_details: { text_tokens: number; image_tokens: number };
  output_tokens_details: { image_tokens: number; text_tokens: number };
}

export function imageUsage(opts: {
  prompt: string;
  images: { width: number; height: number }[];
  highFidelity: boolean;
  quality: string;
  size: string;
  n: number;
  partials: number;
}): ImageUsage {
  const text = textTokens(opts.prompt);
  const img = opts.images.reduce((t, i) => t + inputImageTokens(i.width, i.height, opts.highFidelity), 0);
  const out = outputImageTokens(opts.quality, opts.size) * opts.n + 100 * opts.partials * opts.n;
  return {
    total_tokens: text + img + out,
    input_tokens: text + img,
    output_tokens: out,
    input_tokens_details: { text_tokens: text, image_tokens: img },
    output_tokens_details: { image_tokens: out, text_tokens: 0 },
  };
}
