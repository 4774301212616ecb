/**
 * What an image model takes, as plain data. The form shows only these options and the request
 * builders send only these keys, so no request carries a combination the model rejects.
 */

/** The endpoints a model can be used through. */
export type Endpoint = 'images.edit' | 'images.generate' | 'images.variation' | 'responses.tool';
export type Quality = 'auto' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';
export type OutputFormat = 'png' | 'jpeg' | 'webp';
export type Background = 'auto' | 'opaque' | 'transparent';
export type Fidelity = 'low' | 'high';

/** A fixed list of output sizes (`auto` is listed when the model accepts it). */
export interface SizeList { kind: 'list'; sizes: readonly string[]; square?: boolean }

/** gpt-image-2's free sizes: any `WxH` within these rules. */
export interface FreeSize {
  kind: 'free';
  step: number;
  maxEdge: number;
  maxRatio: number;
  minPixels: number;
  maxPixels: number;
  /** Above this many pixels the model is experimental (allowed, with a note). */
  experimentalAbove: number;
  /** Offered as presets in the form. */
  presets: readonly string[];
}

export type SizeRule = SizeList | FreeSize;

/** What the model accepts as input images and mask. */
export interface InputLimits {
  maxImages: number;
  maxImageBytes: number;
  maxMaskBytes: number;
  mimes: readonly string[];
  /** We scale the first image down to at most this edge before sending (the model gains nothing above it). */
  maxEdge: number;
  /** Optional pixel cap (gpt-image-2's free-size ceiling). */
  maxPixels?: number;
  /** dall-e-2: the image must be a square PNG. */
  squarePng?: boolean;
}

/** Prices in dollars per million tokens, and output tokens per image where published. */
export interface Pricing {
  textIn?: number;
  imageIn?: number;
  imageOut?: number;
  /**
   * Output image tokens per quality for 1024x1024, 1024x1536, 1536x1024 (the guide's table),
   * or 'gpt-image-2' for that model's size formula.
   */
  outputTokens?: Readonly<Record<'low' | 'medium' | 'high', readonly [number, number, number]>> | 'gpt-image-2';
  /** dall-e-2: dollars per image by size (it reports no tokens). */
  perImage?: Readonly<Record<string, number>>;
  /** Where the figures come from (shown beside the estimate). */
  source: string;
}

export type ModelStatus = 'current' | 'retired-upstream' | 'custom';

export interface ModelCaps {
  id: string;
  family: 'gpt-image' | 'dall-e';
  status: ModelStatus;
  /** ISO date OpenAI shut it down (kept for OpenAI-compatible gateways). */
  retiredOn?: string;
  /** A caution about the model's future or the sources (an i18n key suffix). */
  notice?: 'may-retire-2026-12-01';
  endpoints: readonly Endpoint[];
  sizes: SizeRule;
  /** Accepted `quality` values; empty: the parameter is never sent. */
  qualities: readonly Quality[];
  n: { min: number; max: number };
  /** Accepted `output_format` values; empty: never sent. */
  formats: readonly OutputFormat[];
  /** `output_compression` (for jpeg/webp only). */
  compression: boolean;
  /** `background` is accepted at all. */
  background: boolean;
  /**
   * `background: "transparent"`: taken, not taken, or documented as supported "in preview"
   * (offered with a note that it may not hold).
   */
  transparent: boolean | 'preview';
  /** Accepted `input_fidelity` values; empty: never sent. */
  inputFidelity: readonly Fidelity[];
  /** Streaming partial images 0..max; null: no streaming. */
  partialImages: { max: number } | null;
  /** `moderation` on generations and the Responses tool. */
  moderation: boolean;
  /** Legacy `response_format` (dall-e only; GPT image models reject it). */
  responseFormat: boolean;
  promptMax: number;
  input: InputLimits;
  pricing: Pricing | null;
}
