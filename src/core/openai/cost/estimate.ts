import type { ModelCaps } from '../models/types.ts';
import type { EditOptions } from '../request/options.ts';
import { endpointFor, streams } from '../request/options.ts';
import { inputImageTokens, outputTokensPerImage, possibleSizes, promptTokens } from './tokens.ts';

/** A low..high range (equal when the figure is exact). */
export interface Range { min: number; max: number }

export interface CostEstimate {
  /** Output tokens for all n images, partial images included; null if the model has no table. */
  outputTokens: Range | null;
  /** Input tokens (prompt text and input images), approximate. */
  inputTokens: number;
  /** Dollars; null when the model's price is not published. */
  dollars: Range | null;
  /** The range comes from `auto` quality or size. */
  ranged: boolean;
  /** The Responses API also bills the mainline model's own tokens (not estimated). */
  plusMainline: boolean;
  source: string;
}

export interface EstimateInput {
  prompt: string;
  /** Input images sent (the painted image and references); 0 for a generation. */
  images: number;
}

const PARTIAL_TOKENS = 100;

/**
 * What a request will cost before it is sent (contract §7): output tokens for its quality and
 * size, times n, plus 100 per partial image, plus input tokens; dollars from the model's rates.
 * `auto` quality or size gives the range over what the model may choose.
 */
export function estimateCost(caps: ModelCaps, o: EditOptions, input: EstimateInput): CostEstimate {
  const pricing = caps.pricing;
  const endpoint = endpointFor(o, input.images > 0);
  const n = o.n;
  const partials = streams(caps, o, endpoint) ? o.partialImages : 0;
  const textTokens = endpoint === 'images.variation' ? 0 : promptTokens(input.prompt);
  const imageTokens = input.images * inputImageTokens(caps, o.inputFidelity);
  const base = {
    inputTokens: textTokens + imageTokens, plusMainline: o.api === 'responses', source: pricing?.source ?? 'unknown',
  };

  if (pricing?.perImage) {
    const sizes = o.size === 'auto' ? Object.values(pricing.perImage) : [pricing.perImage[o.size] ?? NaN];
    const each = sizes.filter(Number.isFinite);
    if (!each.length) return { ...base, outputTokens: null, dollars: null, ranged: false };
    return { ...base, outputTokens: null, dollars: { min: Math.min(...each) * n, max: Math.max(...each) * n }, ranged: each.length > 1 };
  }

  const qualities = o.quality === 'auto' ? (['low', 'medium', 'high'] as const) : [o.quality];
  const perImage: number[] = [];
  for (const q of qualities) {
    for (const s of possibleSizes(o.size)) {
      const t = outputTokensPerImage(pricing, q, s.width, s.height);
      if (t === null) return { ...base, outputTokens: null, dollars: null, ranged: false };
      perImage.push(t);
    }
  }
  const out = { min: Math.min(...perImage) * n + partials * PARTIAL_TOKENS, max: Math.max(...perImage) * n + partials * PARTIAL_TOKENS };
  const ranged = out.min !== out.max;
  if (pricing?.imageOut === undefined) return { ...base, outputTokens: out, dollars: null, ranged };
  const inputDollars = (textTokens * (pricing.textIn ?? 0) + imageTokens * (pricing.imageIn ?? 0)) / 1e6;
  const dollars = { min: (out.min * pricing.imageOut) / 1e6 + inputDollars, max: (out.max * pricing.imageOut) / 1e6 + inputDollars };
  return { ...base, outputTokens: out, dollars, ranged };
}
