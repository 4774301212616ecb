/**
 * Options of `/images/edits`, `/images/generations` and `/images/variations`, validated per model
 * from the table in models.ts (contract §1, §9), in the order: model, unknown parameters, prompt,
 * enums and ranges, combinations.
 */
import { catalogue, invalidFreeSize, invalidValue, missingParameter, unsupportedParameter } from './errors.ts';
import {
  DEFAULT_EDIT_MODEL, DEFAULT_GENERATION_MODEL, GPT_ONLY_PARAMS, IMAGE_MODELS, STANDARD_SIZES, findImageModel, freeSizeProblem, parseSize,
  type Endpoint, type ImageModelSpec,
} from './models.ts';
import type { Params } from './params.ts';

export type ImageEndpoint = Exclude<Endpoint, 'responses-tool'>;

/** Output options as requested (`size`, `quality`, `background` may be `auto`). */
export interface OutputOptions {
  size: string;
  quality: string;
  background: string;
  outputFormat: 'png' | 'jpeg' | 'webp';
  compression: number;
  inputFidelity: string | undefined;
  partials: number;
}

export interface ImageOptions extends OutputOptions {
  model: ImageModelSpec;
  prompt: string;
  n: number;
  stream: boolean;
  responseFormat: 'url' | 'b64_json';
}

/** The model an Images API request without `model` gets (contract §10). */
function defaultModel(endpoint: ImageEndpoint, p: Params): string {
  if (endpoint === 'edits') return DEFAULT_EDIT_MODEL;
  return endpoint === 'generations' && GPT_ONLY_PARAMS.some((k) => p.has(k)) ? DEFAULT_EDIT_MODEL : DEFAULT_GENERATION_MODEL;
}

/** The model named by `model` (or `fallback`), if it exists here and serves `endpoint`. */
export function resolveModel(id: string | undefined, endpoint: Endpoint, gateway: boolean, param = 'model', fallback = DEFAULT_GENERATION_MODEL): ImageModelSpec {
  const name = id ?? fallback;
  const m = findImageModel(name, gateway);
  if (!m) throw catalogue.model_not_found(name);
  if (!m.endpoints.includes(endpoint)) {
    const ok = IMAGE_MODELS.filter((x) => x.endpoints.includes(endpoint) && (!x.retired || gateway)).map((x) => x.id);
    throw invalidValue(param, name, ok);
  }
  return m;
}

const GPT_COMMON = ['prompt', 'model', 'n', 'size', 'quality', 'background', 'output_format', 'output_compression',
  'stream', 'partial_images', 'user', 'safety_identifier'];

/** Every parameter `model` takes on `endpoint`; anything else is an `Unknown parameter`. */
export function allowedParams(m: ImageModelSpec, endpoint: ImageEndpoint, source: 'multipart' | 'json'): string[] {
  if (endpoint === 'variations') return ['image', 'model', 'n', 'size', 'response_format', 'user'];
  if (m.family === 'dall-e-2') {
    return [...(endpoint === 'edits' ? ['image', 'mask'] : []), 'prompt', 'model', 'n', 'size', 'quality', 'response_format', 'user'];
  }
  if (m.family === 'dall-e-3') return ['prompt', 'model', 'n', 'size', 'quality', 'response_format', 'style', 'user'];
  const common = [...GPT_COMMON, ...(m.v25 ? ['complexity'] : [])];
  if (endpoint === 'generations') return [...common, 'moderation'];
  // `moderation` is in the JSON edit body ([SPEC]) but not a multipart edit field (contract §8.3);
  // `partial_images` is a multipart edit field only (contract §10).
  if (source === 'json') return [...common.filter((k) => k !== 'partial_images'), 'images', 'mask', 'input_fidelity', 'moderation'];
  return [...common, 'image', 'image[]', 'mask', 'input_fidelity', ...(m.v25 ? ['markup'] : [])];
}

/**
 * Validates a size for `m`; `auto` only where the model allows it. `standardOnly`: the JSON edit
 * body, whose `size` takes only `auto` and the three standard sizes, whatever the model.
 */
export function checkSize(m: ImageModelSpec, size: string, param = 'size', standardOnly = false): void {
  if (size === 'auto') {
    if (!m.autoSize) throw invalidValue(param, size, m.sizes as string[]);
    return;
  }
  if (standardOnly && m.family === 'gpt') {
    if (!STANDARD_SIZES.includes(size)) throw invalidValue(param, size, [...STANDARD_SIZES, 'auto']);
    return;
  }
  if (m.sizes === 'free') {
    const p = parseSize(size);
    if (!p) throw invalidFreeSize(size, 'expected WIDTHxHEIGHT');
    const problem = freeSizeProblem(p.w, p.h);
    if (problem) throw invalidFreeSize(size, problem);
    return;
  }
  if (!m.sizes.includes(size)) throw invalidValue(param, size, [...m.sizes, ...(m.autoSize ? ['auto'] : [])]);
}

/** Output options shared by the Images API and the Responses tool (after model and keys). */
export function readOutputOptions(p: Params, m: ImageModelSpec, standardSizes = false): OutputOptions {
  const gpt = m.family === 'gpt';
  const size = p.string('size') ?? m.defaultSize;
  checkSize(m, size, 'size', standardSizes);
  const quality = p.enumOf('quality', m.qualities) ?? (gpt ? 'auto' : 'standard');
  const background = gpt ? (p.enumOf('background', ['transparent', 'opaque', 'auto']) ?? 'auto') : 'opaque';
  const outputFormat = (gpt ? (p.enumOf('output_format', m.outputFormats) ?? 'png') : 'png') as OutputOptions['outputFormat'];
  const compression = p.int('output_compression', 0, 100);
  if (compression !== undefined && compression < 100 && outputFormat === 'png') throw catalogue.invalid_png_output_compression();
  if (background === 'transparent') {
    if (!m.transparent) throw catalogue.transparent_model();
    if (outputFormat === 'jpeg') throw catalogue.transparent_jpeg();
  }
  let inputFidelity: string | undefined;
  if (p.has('input_fidelity')) {
    if (m.inputFidelity === null) throw unsupportedParameter('input_fidelity');
    inputFidelity = p.enumOf('input_fidelity', m.inputFidelity);
  }
  const partials = p.int('partial_images', 0, 3) ?? 0;
  p.enumOf('moderation', ['auto', 'low']);
  p.enumOf('complexity', ['low', 'medium', 'high']);
  return { size, quality, background, outputFormat, compression: compression ?? 100, inputFidelity, partials };
}

/** Reads and checks every option of an Images API request (not the files). */
export function readImageOptions(p: Params, endpoint: ImageEndpoint, gateway: boolean, fileParts: string[] = []): ImageOptions {
  const m = resolveModel(p.string('model'), endpoint, gateway, 'model', defaultModel(endpoint, p));
  const allowed = allowedParams(m, endpoint, p.source);
  p.onlyAllow(allowed);
  for (const f of fileParts) if (!allowed.includes(f)) throw catalogue.unknown_parameter(f);
  let prompt = '';
  if (endpoint !== 'variations') {
    const v = p.string('prompt', { max: m.maxPrompt, required: true });
    if (v === undefined) throw missingParameter('prompt');
    prompt = v;
  }
  const n = p.int('n', 1, m.maxN) ?? 1;
  const out = readOutputOptions(p, m, endpoint === 'edits' && p.source === 'json');
  p.enumOf('style', m.styles ?? []);
  p.string('user');
  p.string('safety_identifier');
  const stream = m.family === 'gpt' ? (p.bool('stream') ?? false) : false;
  const responseFormat = (m.responseFormat ? (p.enumOf('response_format', ['url', 'b64_json']) ?? 'url') : 'b64_json') as ImageOptions['responseFormat'];
  return { model: m, prompt, n, ...out, stream, responseFormat };
}
