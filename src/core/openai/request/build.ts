import type { Endpoint, ModelCaps } from '../models/types.ts';
import { endpointFor, streams, type EditOptions } from './options.ts';
import { isValidSize } from './sizes.ts';

export type Scalar = string | number | boolean;
/** Request fields other than files, with keys sorted: the canonical options. */
export type Params = Readonly<Record<string, Scalar>>;

const sorted = (o: Record<string, Scalar>): Params =>
  Object.fromEntries(Object.entries(o).toSorted(([a], [b]) => (a < b ? -1 : 1)));

const takesCompression = (o: EditOptions) => o.outputFormat === 'jpeg' || o.outputFormat === 'webp';

/** Fields shared by the Images API and the Responses tool (GPT image options). */
function imageOptionFields(caps: ModelCaps, o: EditOptions): Record<string, Scalar> {
  const p: Record<string, Scalar> = { model: caps.id, size: o.size };
  if (caps.qualities.length) p.quality = o.quality;
  if (caps.formats.length) p.output_format = o.outputFormat;
  if (caps.compression && caps.formats.length && takesCompression(o)) p.output_compression = o.compression;
  if (caps.background) p.background = o.background;
  return p;
}

/**
 * The Images API fields (all but the files) for `endpoint`. Keys that do not apply are left
 * out, never sent as null: `response_format` only for dall-e (always `b64_json`, so no URL has
 * to be fetched), `moderation` only on generations, `input_fidelity` only on edits that set it.
 */
export function buildImagesParams(caps: ModelCaps, o: EditOptions, prompt: string, endpoint: Endpoint): Params {
  const p = endpoint === 'images.variation' ? { model: caps.id, size: o.size } : imageOptionFields(caps, o);
  if (endpoint !== 'images.variation') p.prompt = prompt;
  p.n = o.n;
  if (caps.responseFormat) p.response_format = 'b64_json';
  if (endpoint === 'images.edit' && o.inputFidelity && caps.inputFidelity.includes(o.inputFidelity)) p.input_fidelity = o.inputFidelity;
  if (endpoint === 'images.generate' && caps.moderation) p.moderation = o.moderation;
  if (streams(caps, o, endpoint)) {
    p.stream = true;
    p.partial_images = o.partialImages;
  }
  return sorted(p);
}

/** The Responses tool's `action` values (contract §4, §10). */
const TOOL_ACTIONS = ['generate', 'edit', 'auto'];

/**
 * The `image_generation` tool for the Responses API (its mask is added by the service).
 * `action` is `edit` when a picture goes with the request, or when a follow-up continues from
 * the last answer (whose image is in the conversation), so the model edits it instead of
 * drawing anew; `generate` when there is no picture at all (contract §10).
 */
export function buildResponsesTool(caps: ModelCaps, o: EditOptions, hasImage: boolean): Params {
  const p = imageOptionFields(caps, o);
  p.type = 'image_generation';
  p.action = hasImage || o.previousResponseId ? 'edit' : 'generate';
  if (hasImage && o.inputFidelity && caps.inputFidelity.includes(o.inputFidelity)) p.input_fidelity = o.inputFidelity;
  if (caps.moderation) p.moderation = o.moderation;
  if (caps.partialImages) p.partial_images = o.partialImages;
  return sorted(p);
}

/** One way a request breaks a model's rules (for tests and as a last guard before sending). */
export interface Violation { field: string; problem: string }

/**
 * Checks built fields against the model: every value in its lists, no field it does not take,
 * no null, no compression with png, no transparent with jpeg, no `response_format` or
 * `moderation` on a GPT-image edit.
 */
export function checkParams(caps: ModelCaps, endpoint: Endpoint, p: Params): Violation[] {
  const v: Violation[] = [];
  const bad = (field: string, problem: string) => v.push({ field, problem });
  for (const [k, val] of Object.entries(p)) if (val === null || val === undefined) bad(k, 'null');
  if (!caps.endpoints.includes(endpoint)) bad('model', `no ${endpoint}`);
  if (typeof p.size === 'string' && !isValidSize(caps, p.size)) bad('size', 'not accepted');
  if ('quality' in p && !caps.qualities.includes(p.quality as never)) bad('quality', 'not accepted');
  if ('output_format' in p && !caps.formats.includes(p.output_format as never)) bad('output_format', 'not accepted');
  if ('output_compression' in p && (!caps.compression || !['jpeg', 'webp'].includes(String(p.output_format)))) bad('output_compression', 'only with jpeg or webp');
  if ('background' in p && !caps.background) bad('background', 'not accepted');
  if (p.background === 'transparent' && (!caps.transparent || p.output_format === 'jpeg' || !('output_format' in p))) bad('background', 'transparent not possible');
  if ('input_fidelity' in p && (!caps.inputFidelity.includes(p.input_fidelity as never) || endpoint === 'images.generate')) bad('input_fidelity', 'not accepted');
  if ('response_format' in p && !caps.responseFormat) bad('response_format', 'GPT image models reject it');
  if ('moderation' in p && (endpoint === 'images.edit' || endpoint === 'images.variation' || !caps.moderation)) bad('moderation', 'not an edit field');
  if ('partial_images' in p) {
    const n = Number(p.partial_images);
    if (!caps.partialImages || n < 0 || n > caps.partialImages.max) bad('partial_images', 'out of range');
    if (endpoint !== 'responses.tool' && p.stream !== true) bad('partial_images', 'needs stream');
  }
  if ('stream' in p && !caps.partialImages) bad('stream', 'not supported');
  if ('action' in p && (endpoint !== 'responses.tool' || !TOOL_ACTIONS.includes(String(p.action)))) bad('action', 'not accepted');
  if ('n' in p && (Number(p.n) < caps.n.min || Number(p.n) > caps.n.max)) bad('n', 'out of range');
  if (typeof p.prompt === 'string' && (p.prompt.length === 0 || p.prompt.length > caps.promptMax)) bad('prompt', 'length');
  if (endpoint === 'images.variation' && 'prompt' in p) bad('prompt', 'variations take none');
  return v;
}

/** The endpoint and fields of an Images API request, checked. Throws on a broken rule (a bug). */
export function imagesRequest(caps: ModelCaps, o: EditOptions, prompt: string, hasImage: boolean): { endpoint: Endpoint; params: Params } {
  const endpoint = endpointFor(o, hasImage);
  const params = buildImagesParams(caps, o, prompt, endpoint);
  const problems = checkParams(caps, endpoint, params);
  if (problems.length) throw new Error(`invalid request: ${problems.map((x) => `${x.field} ${x.problem}`).join(', ')}`);
  return { endpoint, params };
}
