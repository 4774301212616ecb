import type { ModelCaps, Pricing } from '../models/types.ts';
import { parseSize } from '../request/sizes.ts';

/** The three sizes of the guide's token table, in its column order. */
const TABLE_SIZES = ['1024x1024', '1024x1536', '1536x1024'] as const;

/**
 * gpt-image-2's output tokens for a size and quality. OpenAI publishes only a calculator; this
 * is its formula as the community derived it, and it reproduces every figure of the official
 * per-image table (1024x1024 high = 7024 tokens = $0.211 at $30/1M; 1536x1024 high = 5488).
 */
export function gptImage2Tokens(quality: 'low' | 'medium' | 'high', width: number, height: number): number {
  const q = { low: 16, medium: 48, high: 96 }[quality];
  const long = Math.max(width, height);
  const short = Math.min(width, height);
  const shortFactor = Math.floor((2 * q * short + long) / (2 * long));
  return Math.ceil((q * shortFactor * (2_000_000 + width * height)) / 4_000_000);
}

/** Sizes a request may produce: `auto` may give any of the standard three. */
export function possibleSizes(size: string): { width: number; height: number }[] {
  const s = parseSize(size);
  return s ? [s] : TABLE_SIZES.map((x) => parseSize(x)!);
}

/** The nearest column of the token table for a size (by aspect). */
function tableColumn(w: number, h: number): 0 | 1 | 2 {
  const r = w / h;
  if (r > 1.2) return 2;
  if (r < 1 / 1.2) return 1;
  return 0;
}

/**
 * Output image tokens for one image, or null when the model has no published table for this
 * quality (xhigh, max, dall-e).
 */
export function outputTokensPerImage(pricing: Pricing | null, quality: string, width: number, height: number): number | null {
  const table = pricing?.outputTokens;
  if (!table || (quality !== 'low' && quality !== 'medium' && quality !== 'high')) return null;
  if (table === 'gpt-image-2') return gptImage2Tokens(quality, width, height);
  const exact = TABLE_SIZES.indexOf(`${width}x${height}` as (typeof TABLE_SIZES)[number]);
  const col = exact >= 0 ? exact : tableColumn(width, height);
  // Sizes off the table: scale its column by area (an approximation the estimate says it is).
  const base = table[quality][col]!;
  if (exact >= 0) return base;
  const [tw, th] = TABLE_SIZES[col]!.split('x').map(Number) as [number, number];
  return Math.round((base * width * height) / (tw * th));
}

/** Text tokens of a prompt, roughly (4 characters a token for English; more for others). */
export const promptTokens = (prompt: string): number => Math.ceil(prompt.length / 4);

/**
 * Input image tokens per image, roughly: about 135 for a 1024-pixel image at low fidelity and
 * 3,050 at high (gpt-image-2 always works at high fidelity). OpenAI publishes no formula.
 */
export function inputImageTokens(caps: ModelCaps, fidelity: 'low' | 'high' | null): number {
  if (caps.family !== 'gpt-image') return 0;
  const high = fidelity === 'high' || (caps.pricing?.outputTokens === 'gpt-image-2');
  return high ? 3050 : 135;
}
