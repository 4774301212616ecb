/**
 * The image models the fake serves, as data (contract §0, §1, §4). Current models are served on
 * `/v1`; retired ones (`gpt-image-1`, `dall-e-2`, `dall-e-3`) only in gateway mode, with the rules
 * they had. Where the sources disagree (contract §8) the choice made here is noted on the field.
 */

export type Endpoint = 'edits' | 'generations' | 'variations' | 'responses-tool';
export type Family = 'gpt' | 'dall-e-2' | 'dall-e-3';

export interface ImageModelSpec {
  id: string;
  family: Family;
  /** Retired: `model_not_found` unless the request came through gateway mode. */
  retired: boolean;
  endpoints: readonly Endpoint[];
  /** Fixed list of sizes, or `free` for gpt-image-2's rules (multiples of 16, ratio ≤ 3, …). */
  sizes: readonly string[] | 'free';
  /** Whether `size=auto` is accepted (and the default). */
  autoSize: boolean;
  defaultSize: string;
  qualities: readonly string[];
  maxN: number;
  outputFormats: readonly string[];
  transparent: boolean;
  /** Accepted `input_fidelity` values; null = the parameter is not supported at all. */
  inputFidelity: readonly string[] | null;
  streaming: boolean;
  maxPrompt: number;
  maxImages: number;
  /** MIME types accepted for `image` parts. */
  imageMimes: readonly string[];
  maxImageBytes: number;
  /** dall-e only: `response_format` url|b64_json (GPT models reject the parameter). */
  responseFormat: boolean;
  /** dall-e-3 only. */
  styles?: readonly string[];
  /** `complexity` and `markup` are GPT Image 2.5+ fields. */
  v25: boolean;
}

const MB = 1024 * 1024;
const GPT_SIZES = ['1024x1024', '1024x1536', '1536x1024'] as const;
const GPT_QUALITIES = ['low', 'medium', 'high', 'auto'] as const;
const GPT_FORMATS = ['png', 'jpeg', 'webp'] as const;
const GPT_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const;

function gpt(id: string, over: Partial<ImageModelSpec>): ImageModelSpec {
  return {
    id, family: 'gpt', retired: false,
    endpoints: ['edits', 'generations', 'responses-tool'],
    sizes: GPT_SIZES, autoSize: true, defaultSize: 'auto',
    qualities: GPT_QUALITIES, maxN: 10, outputFormats: GPT_FORMATS, transparent: true,
    inputFidelity: ['high', 'low'], streaming: true, maxPrompt: 32000, maxImages: 16,
    imageMimes: GPT_MIMES, maxImageBytes: 50 * MB, responseFormat: false, v25: false,
    ...over,
  };
}

/**
 * gpt-image-2 and the 2.5 models take free sizes and no `input_fidelity` ("omit this parameter"
 * [SDK]). A transparent background on gpt-image-2 is "supported in preview" (contract §10: the
 * spec and the SDK agree; the 07/2026 guide that refused it is the outlier). The 2.6 models get
 * what the SDK gives them: the standard sizes and qualities, no transparency (contract §10).
 */
const v2 = { sizes: 'free', inputFidelity: null, transparent: true } as const;
const v25 = { ...v2, v25: true, qualities: [...GPT_QUALITIES.slice(0, 3), 'xhigh', 'max', 'auto'] };
const v26 = { inputFidelity: null, transparent: false, v25: true } as const;

export const IMAGE_MODELS: readonly ImageModelSpec[] = [
  // 1-mini: [SDK] says input_fidelity "supports only low" (contract §8.4).
  gpt('gpt-image-1-mini', { inputFidelity: ['low'] }),
  gpt('gpt-image-1.5', {}),
  gpt('chatgpt-image-latest', {}),
  gpt('gpt-image-2', v2),
  gpt('gpt-image-2-2026-04-21', v2),
  gpt('gpt-image-2.5-sunburst', v25),
  gpt('gpt-image-2.5-sunburst-2026-09-08', v25),
  gpt('gpt-image-2.5-flare', v25),
  gpt('gpt-image-2.5-flare-2026-09-08', v25),
  gpt('gpt-image-2.6-sunburst', v26),
  gpt('gpt-image-2.6-flare', v26),
  gpt('gpt-image-1', { retired: true }),
  {
    id: 'dall-e-2', family: 'dall-e-2', retired: true, endpoints: ['edits', 'generations', 'variations'],
    sizes: ['256x256', '512x512', '1024x1024'], autoSize: false, defaultSize: '1024x1024',
    qualities: ['standard'], maxN: 10, outputFormats: [], transparent: false, inputFidelity: null,
    streaming: false, maxPrompt: 1000, maxImages: 1, imageMimes: ['image/png'], maxImageBytes: 4 * MB,
    responseFormat: true, v25: false,
  },
  {
    id: 'dall-e-3', family: 'dall-e-3', retired: true, endpoints: ['generations'],
    sizes: ['1024x1024', '1792x1024', '1024x1792'], autoSize: false, defaultSize: '1024x1024',
    qualities: ['standard', 'hd'], maxN: 1, outputFormats: [], transparent: false, inputFidelity: null,
    streaming: false, maxPrompt: 4000, maxImages: 0, imageMimes: [], maxImageBytes: 0,
    responseFormat: true, styles: ['vivid', 'natural'], v25: false,
  },
];

/**
 * The model a request gets when it names none (contract §10): edits `gpt-image-1.5`; generations
 * `dall-e-2` (retired, so a client that omits `model` fails loudly) unless a parameter only the
 * GPT image models take is sent, then `gpt-image-1.5`.
 */
export const DEFAULT_EDIT_MODEL = 'gpt-image-1.5';
export const DEFAULT_GENERATION_MODEL = 'dall-e-2';
/** Parameters that make a generation without `model` a GPT image one. */
export const GPT_ONLY_PARAMS: readonly string[] = ['background', 'moderation', 'output_format', 'output_compression', 'stream', 'partial_images'];
/** Default model of the Responses `image_generation` tool ([SDK] 7.57, contract §10). */
export const DEFAULT_TOOL_MODEL = 'gpt-image-2.6-sunburst';

/** Mainline models accepted in the Responses `model` field (contract §4: image models are not). */
export const MAINLINE_MODELS: readonly string[] = [
  'gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'o3',
  'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5.1', 'gpt-5.2', 'gpt-5.4', 'gpt-5.5',
];

/** Looks a model up; retired models are only visible through the gateway. */
export function findImageModel(id: string, gateway: boolean): ImageModelSpec | undefined {
  const m = IMAGE_MODELS.find((x) => x.id === id);
  return m && (!m.retired || gateway) ? m : undefined;
}

export const isImageModelName = (id: string) => /^(gpt-image|dall-e|chatgpt-image)/.test(id);

/**
 * Checks a `WxH` size against gpt-image-2's free-size rules ([GUIDE], [SDK]). Returns the reason
 * it fails, or null.
 */
export function freeSizeProblem(w: number, h: number): string | null {
  if (w % 16 !== 0 || h % 16 !== 0) return 'width and height must both be multiples of 16';
  if (Math.max(w, h) > 3840) return 'the longest edge must be at most 3840 pixels';
  if (Math.max(w, h) / Math.min(w, h) > 3) return 'the aspect ratio must be between 1:3 and 3:1';
  const px = w * h;
  if (px < 655_360 || px > 8_294_400) return 'the total pixel count must be between 655360 and 8294400';
  return null;
}

export function parseSize(size: string): { w: number; h: number } | null {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  return m ? { w: Number(m[1]), h: Number(m[2]) } : null;
}

/** The three standard GPT sizes (the JSON edit body takes only these and `auto`). */
export const STANDARD_SIZES: readonly string[] = GPT_SIZES;

/** The standard size nearest an input's aspect ratio (what `size=auto` resolves to here). */
export function nearestStandardSize(w: number, h: number, sizes: readonly string[] = GPT_SIZES): string {
  const target = Math.log(w / h);
  let best = sizes[0]!;
  let bestD = Infinity;
  for (const s of sizes) {
    const p = parseSize(s)!;
    const d = Math.abs(Math.log(p.w / p.h) - target);
    if (d < bestD) { best = s; bestD = d; }
  }
  return best;
}
