import type { ImageEditStreamEvent, ImageGenStreamEvent, ImagesResponse } from 'openai/resources/images';
import { addUsage, usageFromApi } from '../../core/openai/cost/usage.ts';
import { imagesRequest, type Params } from '../../core/openai/request/build.ts';
import { requestedFormat } from '../../core/openai/request/options.ts';
import type { EditJob, EditOutput, EditProvider, PreparedEdit, Usage } from '../../core/provider/types.ts';
import {
  answerOutput, openaiProvider, openClient, planRequest, requestInputs, requestKey, runAttempts,
  type AttemptControl, type OpenAIProviderDeps, type RequestContext, type RequestPlan,
} from './common.ts';
import type { EncodedInputs } from './encode.ts';
import { partialBlob } from './decode.ts';

interface Collected { b64: string[]; revised: (string | undefined)[]; usage: Usage | null; format?: string }

type StreamEvent = ImageEditStreamEvent | ImageGenStreamEvent;

/** Reads an `image_edit.*` / `image_generation.*` stream: partials out as they come, finals kept. */
async function readStream(stream: AsyncIterable<StreamEvent>, ctx: RequestContext, control: AttemptControl, out: Collected): Promise<void> {
  for await (const ev of stream) {
    control.heard();
    ctx.job.onEvent?.({ type: 'progress', phase: 'generating' });
    if (ev.type === 'image_edit.partial_image' || ev.type === 'image_generation.partial_image') {
      const image = partialBlob(ev.b64_json, ev.output_format, requestedFormat(ctx.caps, ctx.options));
      if (image) ctx.job.onEvent?.({ type: 'partial', index: ev.partial_image_index, image });
    } else if (ev.type === 'image_edit.completed' || ev.type === 'image_generation.completed') {
      out.b64.push(ev.b64_json);
      out.revised.push(undefined);
      out.format = ev.output_format;
      out.usage = addUsage(out.usage, usageFromApi(ev.usage));
    }
  }
}

function collectResponse(res: ImagesResponse, out: Collected): void {
  for (const d of res.data ?? []) {
    if (d.b64_json) {
      out.b64.push(d.b64_json);
      out.revised.push(d.revised_prompt);
    }
  }
  out.format = res.output_format;
  out.usage = usageFromApi(res.usage);
}

/** Sends one attempt to the endpoint the options call for. */
async function sendAttempt(ctx: RequestContext, endpoint: string, params: Params, files: EncodedInputs | null, control: AttemptControl): Promise<Collected> {
  const out: Collected = { b64: [], revised: [], usage: null };
  const opts = { signal: control.signal };
  const images = ctx.client.images;
  ctx.job.onEvent?.({ type: 'progress', phase: files ? 'uploading' : 'waiting' });
  let result: unknown;
  if (endpoint === 'images.variation') {
    result = await images.createVariation({ ...params, image: files!.image } as never, opts);
  } else if (endpoint === 'images.edit') {
    const image = files!.references.length ? [files!.image, ...files!.references] : files!.image;
    result = await images.edit({ ...params, image, ...(files!.mask ? { mask: files!.mask } : {}) } as never, opts);
  } else {
    result = await images.generate(params as never, opts);
  }
  // The answer has arrived (a whole body, or a stream's headers): from here on it is never retried.
  control.heard();
  ctx.job.onEvent?.({ type: 'progress', phase: 'waiting' });
  if (params.stream) await readStream(result as AsyncIterable<StreamEvent>, ctx, control, out);
  else collectResponse(result as ImagesResponse, out);
  return out;
}

/** Sends a prepared Images API request (with our retries) and reads its answer. */
async function send(plan: RequestPlan, endpoint: string, params: Params, files: EncodedInputs | null): Promise<EditOutput> {
  const ctx = await openClient(plan);
  const got = await runAttempts(ctx, (control) => sendAttempt(ctx, endpoint, params, files, control));
  return answerOutput(ctx, 'openai-images', files, { ...got, sentOptions: params });
}

const PATHS: Record<string, string> = { 'images.edit': 'images/edits', 'images.generate': 'images/generations', 'images.variation': 'images/variations' };

/**
 * OpenAI's Images API: `images.edit` (streaming partial images), `images.generate` when no
 * image is open, and dall-e-2's variations for gateways that still serve it.
 */
export function createImagesProvider(deps: OpenAIProviderDeps): EditProvider {
  return openaiProvider('openai-images', async (job: EditJob): Promise<PreparedEdit> => {
    const plan = planRequest(job, deps);
    const { endpoint, params } = imagesRequest(plan.caps, plan.options, job.prompt, job.image !== null);
    const inputs = await requestInputs(plan, true);
    return { key: requestKey(plan, PATHS[endpoint] ?? endpoint, params, inputs), send: async () => send(plan, endpoint, params, await inputs.files()) };
  });
}
