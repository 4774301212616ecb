/**
 * `POST /v1/images/edits` (multipart or JSON), `/images/generations` (JSON) and
 * `/images/variations` (multipart, dall-e-2): the ImagesResponse, or the `image_edit.*` /
 * `image_generation.*` event stream (contract §3).
 */
import { catalogue, invalid, invalidType } from './errors.ts';
import { encodeImage } from './imageCodec.ts';
import { checkEditInputs, resolveImageRef, type CheckedInputs, type InputFile, type RefResolver } from './inputs.ts';
import { nearestStandardSize, parseSize, type ImageModelSpec } from './models.ts';
import type { Part } from './multipart.ts';
import { jsonParams, Params } from './params.ts';
import { partialProgress, renderFrame } from './render.ts';
import { json, type HandlerContext, type Reply, type SseFrame } from './reply.ts';
import { readImageOptions, type ImageEndpoint, type ImageOptions, type OutputOptions } from './imageOptions.ts';
import { imageUsage } from './usage.ts';

export interface ImageServices {
  resolver: RefResolver;
  /** Keeps bytes the fake serves by URL (dall-e `response_format=url`); returns the URL. */
  host(data: Buffer, mime: string): string;
}

export interface ImageRequestBody {
  parts?: Part[];
  json?: unknown;
}

const FILE_FIELDS = ['image', 'image[]', 'mask', 'markup'];

/** Splits multipart parts into scalar params and file parts, checking each is the right kind. */
function splitParts(parts: Part[]): { params: Params; files: Part[] } {
  const scalars: Record<string, string> = {};
  const files: Part[] = [];
  for (const part of parts) {
    if (FILE_FIELDS.includes(part.name)) {
      if (part.filename === undefined) {
        if (part.name === 'image' || part.name === 'image[]') throw catalogue.invalid_image_file(1);
        throw invalidType(part.name, 'a file', 'a string');
      }
      files.push(part);
    } else {
      if (part.filename !== undefined) throw invalidType(part.name, 'a string', 'a file');
      scalars[part.name] = part.data.toString('utf8');
    }
  }
  return { params: new Params(scalars, 'multipart'), files };
}

const asInput = (p: Part): InputFile => ({ param: p.name, mime: p.contentType || 'application/octet-stream', data: p.data, ...(p.filename !== undefined ? { filename: p.filename } : {}) });

/** Handles one Images API request; throws ApiError for anything the API would refuse. */
export function handleImages(endpoint: ImageEndpoint, body: ImageRequestBody, ctx: HandlerContext, svc: ImageServices): Reply {
  let opts: ImageOptions;
  let inputs: CheckedInputs | null = null;
  if (body.parts) {
    if (endpoint === 'generations') throw invalid('Invalid Content-Type header (multipart/form-data), expected application/json. (fake)', null, null);
    const { params, files } = splitParts(body.parts);
    opts = readImageOptions(params, endpoint, ctx.gateway, [...new Set(files.map((f) => f.name))]);
    const images = files.filter((f) => f.name === 'image' || f.name === 'image[]').map(asInput);
    const mask = files.find((f) => f.name === 'mask');
    const markup = files.find((f) => f.name === 'markup');
    if (markup && mask) throw invalid("'markup' cannot be combined with 'mask'. (fake)", 'markup');
    inputs = checkEditInputs(opts.model, images, mask ? asInput(mask) : null, endpoint === 'variations');
  } else {
    const p = jsonParams(body.json);
    if (endpoint === 'variations') throw invalid('Invalid Content-Type header (application/json), expected multipart/form-data. (fake)', null, null);
    opts = readImageOptions(p, endpoint, ctx.gateway);
    if (endpoint === 'edits') {
      const list = p.get('images');
      if (list === undefined) throw catalogue.invalid_image_file(1);
      if (!Array.isArray(list)) throw invalidType('images', 'an array', typeof list);
      const images = list.map((ref, i) => resolveImageRef(ref, `images[${i}]`, svc.resolver));
      const mask = p.has('mask') ? resolveImageRef(p.get('mask'), 'mask', svc.resolver) : null;
      inputs = checkEditInputs(opts.model, images, mask);
    }
  }
  return imagesReply(endpoint, opts, inputs, ctx, svc);
}

/**
 * What an answer to `out` holds (size `auto` resolved from the first input, quality, background),
 * image `index` drawn at `progress` (1: final) as base64, and the usage of `n` images: shared by
 * the Images API and the Responses tool.
 */
export function answerPlan(out: OutputOptions & { model: ImageModelSpec }, inputs: CheckedInputs | null, prompt: string, ctx: HandlerContext) {
  const first = inputs?.infos[0];
  const size = out.size !== 'auto' ? out.size : first ? nearestStandardSize(first.width, first.height) : '1024x1024';
  const { w, h } = parseSize(size)!;
  const quality = out.quality === 'auto' ? 'high' : out.quality;
  const background = out.background === 'transparent' ? 'transparent' : 'opaque';
  const encode = (index: number, progress: number) => encodeImage(renderFrame({
    base: inputs?.base ?? null, maskAlpha: inputs?.maskAlpha ?? null, width: w, height: h, index,
    seed: prompt, alterOutsideMask: ctx.alterOutsideMask, keepAlpha: background === 'transparent',
  }, progress), out.outputFormat, out.compression).toString('base64');
  const usage = (n: number, partials: number) => imageUsage({
    prompt, images: inputs?.infos ?? [], highFidelity: out.inputFidelity === 'high' || out.model.sizes === 'free',
    quality, size, n, partials,
  });
  return { size, quality, background, encode, usage };
}

function imagesReply(endpoint: ImageEndpoint, opts: ImageOptions, inputs: CheckedInputs | null, ctx: HandlerContext, svc: ImageServices): Reply {
  const { size, quality, background, encode, usage: usageOf } = answerPlan(opts, inputs, opts.prompt, ctx);
  const usage = (partials: number) => usageOf(opts.n, partials);
  const gpt = opts.model.family === 'gpt';
  const created = ctx.now();

  if (opts.stream) {
    const prefix = endpoint === 'edits' ? 'image_edit' : 'image_generation';
    const shared = { created_at: created, output_format: opts.outputFormat };
    return {
      kind: 'sse',
      *frames(): Iterable<SseFrame> {
        for (let i = 0; i < opts.n; i++) {
          for (let k = 0; k < opts.partials; k++) {
            yield {
              event: `${prefix}.partial_image`, partial: true,
              data: { type: `${prefix}.partial_image`, b64_json: encode(i, partialProgress(k, opts.partials)), ...shared,
                size: opts.size, quality: opts.quality, background: opts.background, partial_image_index: k },
            };
          }
          yield {
            event: `${prefix}.completed`,
            data: { type: `${prefix}.completed`, b64_json: ctx.noImage ? '' : encode(i, 1), ...shared, size, quality, background, usage: usage(opts.partials) },
          };
        }
      },
    };
  }

  const data = ctx.noImage ? [] : Array.from({ length: opts.n }, (_, i) => {
    const b64 = encode(i, 1);
    const item: Record<string, string> = opts.responseFormat === 'url'
      ? { url: svc.host(Buffer.from(b64, 'base64'), 'image/png') } : { b64_json: b64 };
    if (opts.model.family === 'dall-e-3') item.revised_prompt = `${opts.prompt} (revised by the fake)`;
    return item;
  });
  if (!gpt) return json({ created, data });
  return json({ created, background, data, output_format: opts.outputFormat, quality, size, usage: usage(0) });
}
