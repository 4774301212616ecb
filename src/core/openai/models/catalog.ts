import type { ModelCaps } from './types.ts';

/**
 * The image models, one line each (contract §0, §1, §7). Adding a model is one line with the
 * profile it follows; retiring one is one `retired:` date. `gpt-image-1` and `dall-e-2` are shut
 * down at OpenAI and kept for OpenAI-compatible gateways that still serve them.
 */

const MB = 1024 * 1024;
const GPT_MIMES = ['image/png', 'image/jpeg', 'image/webp'] as const;
const STANDARD = ['auto', '1024x1024', '1536x1024', '1024x1536'] as const;

/** Output tokens per image, guide table (models before gpt-image-2). */
const TOKENS_V1 = { low: [272, 408, 400], medium: [1056, 1584, 1568], high: [4160, 6240, 6208] } as const;

type Profile = Omit<ModelCaps, 'id' | 'status'>;

const GPT_BASE: Profile = {
  family: 'gpt-image',
  endpoints: ['images.edit', 'images.generate', 'responses.tool'],
  sizes: { kind: 'list', sizes: STANDARD },
  qualities: ['auto', 'low', 'medium', 'high'],
  n: { min: 1, max: 10 },
  formats: ['png', 'jpeg', 'webp'],
  compression: true,
  background: true,
  transparent: true,
  inputFidelity: [],
  partialImages: { max: 3 },
  moderation: true,
  responseFormat: false,
  promptMax: 32000,
  // The pre-2 models work at up to 1536 px; we send at most 2048 px a side.
  input: { maxImages: 16, maxImageBytes: 50 * MB, maxMaskBytes: 4 * MB, mimes: GPT_MIMES, maxEdge: 2048 },
  pricing: null,
};

const FREE_SIZE = {
  kind: 'free', step: 16, maxEdge: 3840, maxRatio: 3, minPixels: 655_360, maxPixels: 8_294_400,
  experimentalAbove: 2560 * 1440,
  presets: ['auto', '1024x1024', '1536x1024', '1024x1536', '2048x2048', '2560x1440', '1440x2560', '3840x2160'],
} as const;

const GPT_IMAGE_1: Profile = {
  ...GPT_BASE, inputFidelity: ['low', 'high'],
  pricing: { textIn: 5, imageIn: 10, imageOut: 40, outputTokens: TOKENS_V1, source: 'guide table; $40/1M image out' },
};
const GPT_IMAGE_15: Profile = {
  ...GPT_BASE, inputFidelity: ['low', 'high'],
  pricing: { textIn: 5, imageIn: 8, imageOut: 32, outputTokens: TOKENS_V1, source: 'guide table; $32/1M image out' },
};
// input_fidelity on 1-mini: the sources disagree (contract §8.4), so it is never sent.
const GPT_IMAGE_1_MINI: Profile = {
  ...GPT_BASE,
  pricing: { textIn: 2, imageIn: 2.5, imageOut: 8, outputTokens: TOKENS_V1, source: 'guide table; $8/1M image out' },
};
const CHATGPT_IMAGE_LATEST: Profile = { ...GPT_BASE, pricing: { outputTokens: TOKENS_V1, source: 'no published price' } };
// gpt-image-2: free sizes, input_fidelity omitted (always high). A transparent background is
// "supported in preview" by the spec and the SDK (contract §10): offered, with a note.
const GPT_IMAGE_2: Profile = {
  ...GPT_BASE, sizes: FREE_SIZE, transparent: 'preview',
  input: { ...GPT_BASE.input, maxEdge: 3840, maxPixels: 8_294_400 },
  pricing: { textIn: 5, imageIn: 8, imageOut: 30, outputTokens: 'gpt-image-2', source: 'size formula; $30/1M image out' },
};
const GPT_IMAGE_25: Profile = {
  ...GPT_IMAGE_2, transparent: true, qualities: ['auto', 'low', 'medium', 'high', 'xhigh', 'max'],
  pricing: { outputTokens: 'gpt-image-2', source: 'no published price; tokens as gpt-image-2' },
};
// 2.6: the SDK lists no free sizes and no transparency for it, so only the standard ones are offered.
const GPT_IMAGE_26: Profile = {
  ...GPT_BASE, transparent: false,
  pricing: { outputTokens: 'gpt-image-2', source: 'no published price; tokens as gpt-image-2' },
};
const DALL_E_2: Profile = {
  family: 'dall-e',
  endpoints: ['images.edit', 'images.generate', 'images.variation'],
  sizes: { kind: 'list', sizes: ['256x256', '512x512', '1024x1024'], square: true },
  qualities: [],
  n: { min: 1, max: 10 },
  formats: [],
  compression: false,
  background: false,
  transparent: false,
  inputFidelity: [],
  partialImages: null,
  moderation: false,
  responseFormat: true,
  promptMax: 1000,
  input: { maxImages: 1, maxImageBytes: 4 * MB, maxMaskBytes: 4 * MB, mimes: ['image/png'], maxEdge: 1024, squarePng: true },
  pricing: { perImage: { '256x256': 0.016, '512x512': 0.018, '1024x1024': 0.02 }, source: 'last list price; gateways set their own' },
};

const current = (id: string, p: Profile, extra: Partial<ModelCaps> = {}): ModelCaps => ({ ...p, ...extra, id, status: 'current' });
const retired = (id: string, p: Profile, on: string): ModelCaps => ({ ...p, id, status: 'retired-upstream', retiredOn: on });

/** Every known model, current first. */
export const MODELS: readonly ModelCaps[] = [
  current('gpt-image-2', GPT_IMAGE_2),
  current('gpt-image-2-2026-04-21', GPT_IMAGE_2),
  current('gpt-image-2.5-sunburst', GPT_IMAGE_25),
  current('gpt-image-2.5-sunburst-2026-09-08', GPT_IMAGE_25),
  current('gpt-image-2.5-flare', GPT_IMAGE_25),
  current('gpt-image-2.5-flare-2026-09-08', GPT_IMAGE_25),
  current('gpt-image-2.6-sunburst', GPT_IMAGE_26),
  current('gpt-image-2.6-flare', GPT_IMAGE_26),
  current('gpt-image-1.5', GPT_IMAGE_15, { notice: 'may-retire-2026-12-01' }),
  current('gpt-image-1-mini', GPT_IMAGE_1_MINI, { notice: 'may-retire-2026-12-01' }),
  current('chatgpt-image-latest', CHATGPT_IMAGE_LATEST, { notice: 'may-retire-2026-12-01' }),
  retired('gpt-image-1', GPT_IMAGE_1, '2026-10-23'),
  retired('dall-e-2', DALL_E_2, '2026-05-12'),
];

/** The rules a custom model name gets: generic GPT-image (gpt-image-1.5's), prices unknown. */
export const GENERIC_GPT_IMAGE: Profile = { ...GPT_IMAGE_15, pricing: { outputTokens: TOKENS_V1, source: 'unknown model: tokens as gpt-image-1.5, no price' } };

/** Mainline models offered for the Responses API (any other name may be typed). */
export const RESPONSES_MAINLINE_MODELS: readonly string[] = ['gpt-5.5', 'gpt-5.4', 'gpt-5', 'gpt-4.1'];

export const DEFAULT_MODEL = 'gpt-image-2';
export const DEFAULT_MAINLINE_MODEL = 'gpt-5.5';
