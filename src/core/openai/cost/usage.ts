import type { ModelCaps } from '../models/types.ts';
import type { Usage } from '../../provider/types.ts';

/** The usage object as the Images API and the Responses tool report it. */
export interface ApiUsage {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
  input_tokens_details?: { text_tokens?: number; image_tokens?: number };
  output_tokens_details?: { image_tokens?: number; text_tokens?: number };
}

/** Converts the API's usage to ours; null when it reported none. */
export function usageFromApi(u: ApiUsage | null | undefined): Usage | null {
  if (!u || typeof u.input_tokens !== 'number' || typeof u.output_tokens !== 'number') return null;
  const usage: Usage = {
    inputTokens: u.input_tokens,
    outputTokens: u.output_tokens,
    totalTokens: u.total_tokens ?? u.input_tokens + u.output_tokens,
  };
  if (u.input_tokens_details?.text_tokens !== undefined) usage.inputTextTokens = u.input_tokens_details.text_tokens;
  if (u.input_tokens_details?.image_tokens !== undefined) usage.inputImageTokens = u.input_tokens_details.image_tokens;
  if (u.output_tokens_details?.image_tokens !== undefined) usage.outputImageTokens = u.output_tokens_details.image_tokens;
  return usage;
}

const sum = (x?: number, y?: number) => (x === undefined && y === undefined ? undefined : (x ?? 0) + (y ?? 0));

/** Adds usages (n streamed images each report their own). */
export function addUsage(a: Usage | null, b: Usage | null): Usage | null {
  if (!a) return b;
  if (!b) return a;
  const out: Usage = { inputTokens: a.inputTokens + b.inputTokens, outputTokens: a.outputTokens + b.outputTokens, totalTokens: a.totalTokens + b.totalTokens };
  const t = sum(a.inputTextTokens, b.inputTextTokens); if (t !== undefined) out.inputTextTokens = t;
  const i = sum(a.inputImageTokens, b.inputImageTokens); if (i !== undefined) out.inputImageTokens = i;
  const o = sum(a.outputImageTokens, b.outputImageTokens); if (o !== undefined) out.outputImageTokens = o;
  return out;
}

/**
 * Dollars for a reported usage at the model's rates; null when the rates are not published.
 * Input tokens without a text/image split are priced as image input (the dearer rate).
 */
export function usageDollars(caps: ModelCaps, u: Usage): number | null {
  const p = caps.pricing;
  if (!p || p.imageOut === undefined) return null;
  const text = u.inputTextTokens ?? 0;
  const image = u.inputImageTokens ?? u.inputTokens - text;
  return (text * (p.textIn ?? 0) + image * (p.imageIn ?? 0) + u.outputTokens * p.imageOut) / 1e6;
}
