import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { usageFromApi, type ApiUsage } from '../../core/openai/cost/usage.ts';
import { buildResponsesTool, checkParams } from '../../core/openai/request/build.ts';
import { EditFailure } from '../../core/openai/request/errors.ts';
import { requestedFormat } from '../../core/openai/request/options.ts';
import type { EditJob, EditOutput, EditProvider, PreparedEdit, Usage } from '../../core/provider/types.ts';
import {
  answerOutput, openaiProvider, openClient, planRequest, requestInputs, requestKey, runAttempts,
  type AttemptControl, type OpenAIProviderDeps, type RequestContext, type RequestPlan,
} from './common.ts';
import type { EncodedInputs } from './encode.ts';
import { partialBlob } from './decode.ts';
import { FileRefs, type ImageRef } from './fileRefs.ts';
import { apiErrorInfo, type ErrorBody } from './sdk.ts';

interface ImageCall {
  type: 'image_generation_call';
  id: string;
  status?: string;
  result?: string | null;
  revised_prompt?: string | null;
  output_format?: string | null;
  error?: ErrorBody;
}

interface Collected { call: ImageCall | null; responseId?: string; usage: Usage | null; mainline: Usage | null }

const inputImage = (ref: ImageRef) => ({ type: 'input_image' as const, detail: 'auto' as const, ...ref });

/** The request body: the prompt with the images (or, for a follow-up, the prompt alone). */
async function buildBody(ctx: RequestContext, files: EncodedInputs | null, refs: FileRefs, signal: AbortSignal): Promise<Record<string, unknown>> {
  const { caps, options: o, job } = ctx;
  const tool: Record<string, unknown> = { ...buildResponsesTool(caps, o, files !== null) };
  const problems = checkParams(caps, 'responses.tool', tool as never);
  if (problems.length) throw new Error(`invalid tool: ${problems.map((p) => p.field).join(', ')}`);
  const content: Record<string, unknown>[] = [{ type: 'input_text', text: job.prompt }];
  if (files) {
    const scope = ctx.client.baseURL;
    const upload = () => job.onEvent?.({ type: 'progress', phase: 'uploading' });
    content.push(inputImage(await refs.ref(ctx.client, files.image, scope, signal, upload)));
    for (const r of files.references) content.push(inputImage(await refs.ref(ctx.client, r, scope, signal, upload)));
    if (files.mask) tool.input_image_mask = await refs.ref(ctx.client, files.mask, scope, signal, upload);
  }
  const body: Record<string, unknown> = {
    model: o.mainlineModel,
    input: [{ role: 'user', content }],
    tools: [tool],
    tool_choice: { type: 'image_generation' },
    stream: true,
  };
  if (o.previousResponseId) body.previous_response_id = o.previousResponseId;
  return body;
}

function failure(ctx: RequestContext, err: ErrorBody | undefined, status = 400): EditFailure {
  const e = err ?? {};
  return new EditFailure(apiErrorInfo(e, { status, code: e.code ?? null, param: e.param ?? null, message: e.message ?? 'image generation failed', model: ctx.caps.id }));
}

/** Reads the Responses stream: partial images (`partial_image_b64`), the image call, the ids and usage. */
async function readStream(stream: AsyncIterable<ResponseStreamEvent>, ctx: RequestContext, control: AttemptControl): Promise<Collected> {
  const out: Collected = { call: null, usage: null, mainline: null };
  for await (const ev of stream) {
    control.heard();
    const e = ev as unknown as { type: string } & Record<string, unknown>;
    switch (e.type) {
      case 'response.created':
        out.responseId = (e.response as { id?: string })?.id;
        break;
      case 'response.image_generation_call.generating':
      case 'response.image_generation_call.in_progress':
        ctx.job.onEvent?.({ type: 'progress', phase: 'generating' });
        break;
      case 'response.image_generation_call.partial_image': {
        const image = partialBlob(e.partial_image_b64, e.output_format, requestedFormat(ctx.caps, ctx.options));
        if (image) ctx.job.onEvent?.({ type: 'partial', index: Number(e.partial_image_index), image });
        break;
      }
      case 'response.output_item.done': {
        const item = e.item as ImageCall;
        if (item?.type === 'image_generation_call') {
          if (item.status === 'failed' || item.error) throw failure(ctx, item.error);
          out.call = item;
        }
        break;
      }
      case 'response.completed':
      case 'response.incomplete': {
        const r = e.response as { id?: string; usage?: ApiUsage; tool_usage?: { image_gen?: ApiUsage } };
        out.responseId = r?.id ?? out.responseId;
        out.usage = usageFromApi(r?.tool_usage?.image_gen);
        out.mainline = usageFromApi(r?.usage);
        break;
      }
      case 'response.failed':
        throw failure(ctx, (e.response as { error?: { message?: string; code?: string } })?.error);
      case 'error':
        throw failure(ctx, e as { message?: string; code?: string | null }, Number(e.status) || 400);
    }
  }
  return out;
}

/**
 * OpenAI's Responses API with the `image_generation` tool: the painted image as `input_image`,
 * the mask as the tool's `input_image_mask`, partial images streamed, and follow-ups that
 * continue from the last answer through `previous_response_id`.
 */
export function createResponsesProvider(deps: OpenAIProviderDeps & { uploadThresholdBytes?: number }): EditProvider {
  const refs = new FileRefs(deps.uploadThresholdBytes);
  const prepare = async (job: EditJob): Promise<PreparedEdit> => {
    const plan = planRequest(job, deps);
    // A follow-up continues from the model's last image: only the prompt goes.
    const withImage = job.image !== null && !plan.options.previousResponseId;
    const inputs = await requestInputs(plan, withImage);
    const sentOptions = { ...buildResponsesTool(plan.caps, plan.options, withImage), mainline_model: plan.options.mainlineModel };
    // Files go as data URLs or as file ids, whichever: the key is over what they hold.
    const key = requestKey(plan, 'responses', { ...sentOptions, previous_response_id: plan.options.previousResponseId ?? undefined }, inputs);
    return { key, send: async () => send(plan, await inputs.files(), sentOptions) };
  };
  const send = async (plan: RequestPlan, files: EncodedInputs | null, sentOptions: Record<string, unknown>): Promise<EditOutput> => {
    const ctx = await openClient(plan);
    const { job } = ctx;
    const got = await runAttempts(ctx, async (control) => {
      const body = await buildBody(ctx, files, refs, control.signal);
      job.onEvent?.({ type: 'progress', phase: 'waiting' });
      const stream = await ctx.client.responses.create(body as never, { signal: control.signal });
      control.heard(); // the stream has begun: never retried from here on
      return readStream(stream as unknown as AsyncIterable<ResponseStreamEvent>, ctx, control);
    });
    const output = await answerOutput(ctx, 'openai-responses', files, {
      b64: [got.call?.result], format: got.call?.output_format, revised: [got.call?.revised_prompt ?? undefined], usage: got.usage, sentOptions,
    });
    if (got.responseId) output.responseId = got.responseId;
    if (got.mainline) output.mainlineUsage = got.mainline;
    return output;
  };
  return openaiProvider('openai-responses', prepare);
}
