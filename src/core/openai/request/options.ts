import { DEFAULT_MAINLINE_MODEL, DEFAULT_MODEL } from '../models/catalog.ts';
import type { Background, Endpoint, Fidelity, ModelCaps, OutputFormat, Quality } from '../models/types.ts';
import { defaultSize, isValidSize } from './sizes.ts';

/** Which OpenAI API a request goes through. */
export type ApiKind = 'images' | 'responses';

/**
 * Everything the edit form sets for an OpenAI request. Kept whole while the user switches
 * models; {@link constrainOptions} makes it legal for the chosen model, and the request builders
 * send only what applies.
 */
export interface EditOptions {
  api: ApiKind;
  /** Images API with no prompt: dall-e-2's variations endpoint. */
  variation: boolean;
  model: string;
  size: string;
  quality: Quality;
  n: number;
  outputFormat: OutputFormat;
  /** 0..100, sent only with jpeg or webp. */
  compression: number;
  background: Background;
  /** null: not sent (the model's default). */
  inputFidelity: Fidelity | null;
  /** 0..3; streaming is used when the model streams and n is 1. */
  partialImages: number;
  moderation: 'auto' | 'low';
  /** Responses API. */
  mainlineModel: string;
  /** Responses API: continue from this response (a follow-up such as "now make it realistic"). */
  previousResponseId: string | null;
}

export const DEFAULT_OPTIONS: EditOptions = {
  api: 'images', variation: false, model: DEFAULT_MODEL, size: 'auto', quality: 'auto', n: 1,
  outputFormat: 'png', compression: 100, background: 'auto', inputFidelity: null, partialImages: 2,
  moderation: 'auto', mainlineModel: DEFAULT_MAINLINE_MODEL, previousResponseId: null,
};

/** What the request is for: edit an image, make a new one, or a dall-e-2 variation. */
export function endpointFor(o: Pick<EditOptions, 'api' | 'variation'>, hasImage: boolean): Endpoint {
  if (o.api === 'responses') return 'responses.tool';
  if (!hasImage) return 'images.generate';
  return o.variation ? 'images.variation' : 'images.edit';
}

/** Does this request stream (and so can show partial images)? */
export function streams(caps: ModelCaps, o: Pick<EditOptions, 'api' | 'n'>, endpoint: Endpoint): boolean {
  if (endpoint === 'images.variation' || !caps.partialImages) return false;
  // Only one image per streamed answer is documented, so n > 1 goes as a plain request.
  return o.api === 'responses' || o.n === 1;
}

/**
 * How many reference images (besides the painted one) a request to `endpoint` can carry: the
 * model's image limit less the painted image on an edit; none on a generation or a variation.
 */
export function maxReferences(caps: ModelCaps, endpoint: Endpoint): number {
  return endpoint === 'images.edit' || endpoint === 'responses.tool' ? Math.max(0, caps.input.maxImages - 1) : 0;
}

/** The output format a request asks for: the chosen one where the model takes one, else PNG. */
export const requestedFormat = (caps: ModelCaps, o: Pick<EditOptions, 'outputFormat'>): OutputFormat =>
  (caps.formats.includes(o.outputFormat) ? o.outputFormat : 'png');

/** The context options are judged in: the image (its size, for the default output size). */
export interface OptionContext { imageWidth?: number; imageHeight?: number }

/**
 * Makes `o` legal for its model: each value the model does not take falls back to a default it
 * does (transparent needs png or webp and a model that has it; compression only means something
 * for jpeg and webp; partial images need streaming; the Responses tool makes one image).
 */
export function constrainOptions(caps: ModelCaps, o: EditOptions, ctx: OptionContext = {}): EditOptions {
  const out = { ...o, model: caps.id };
  const endpoint = endpointFor(out, ctx.imageWidth !== undefined);
  if (!caps.endpoints.includes(endpoint)) {
    // dall-e-2 has no Responses tool; variations are dall-e-2's alone.
    if (endpoint === 'responses.tool') out.api = 'images';
    out.variation = false;
  }
  if (!isValidSize(caps, out.size)) out.size = defaultSize(caps, ctx.imageWidth, ctx.imageHeight);
  if (caps.qualities.length && !caps.qualities.includes(out.quality)) out.quality = caps.qualities[0]!;
  out.n = out.api === 'responses' ? 1 : Math.min(caps.n.max, Math.max(caps.n.min, Math.round(out.n) || 1));
  if (caps.formats.length && !caps.formats.includes(out.outputFormat)) out.outputFormat = caps.formats[0]!;
  out.compression = Math.min(100, Math.max(0, Math.round(out.compression)));
  if (!caps.background) out.background = 'auto';
  if (out.background === 'transparent' && (!caps.transparent || out.outputFormat === 'jpeg')) out.background = 'auto';
  if (out.inputFidelity && !caps.inputFidelity.includes(out.inputFidelity)) out.inputFidelity = null;
  const maxPartials = caps.partialImages?.max ?? 0;
  out.partialImages = Math.min(maxPartials, Math.max(0, Math.round(out.partialImages)));
  if (!caps.moderation) out.moderation = 'auto';
  if (out.api !== 'responses') out.previousResponseId = null;
  return out;
}

/** Which option controls the form shows for this model and endpoint. */
export interface OptionVisibility {
  size: boolean; quality: boolean; n: boolean; outputFormat: boolean; compression: boolean;
  background: boolean; inputFidelity: boolean; partialImages: boolean; moderation: boolean;
  mainlineModel: boolean; prompt: boolean; references: boolean;
  /** The Images API's "variation" choice (dall-e-2 with an image open). */
  variation: boolean;
}

export function visibleOptions(caps: ModelCaps, o: EditOptions, hasImage: boolean): OptionVisibility {
  const endpoint = endpointFor(o, hasImage);
  const variation = endpoint === 'images.variation';
  return {
    size: true,
    quality: caps.qualities.length > 0 && !variation,
    n: o.api === 'images',
    outputFormat: caps.formats.length > 0,
    compression: caps.compression && (o.outputFormat === 'jpeg' || o.outputFormat === 'webp'),
    background: caps.background,
    inputFidelity: caps.inputFidelity.length > 0 && hasImage,
    partialImages: streams(caps, o, endpoint) && (caps.partialImages?.max ?? 0) > 0,
    // Not a multipart edit field (contract §8.3): generations and the Responses tool only.
    moderation: caps.moderation && (endpoint === 'images.generate' || endpoint === 'responses.tool'),
    mainlineModel: o.api === 'responses',
    prompt: !variation,
    references: hasImage && maxReferences(caps, endpoint) > 0,
    variation: o.api === 'images' && hasImage && caps.endpoints.includes('images.variation'),
  };
}
