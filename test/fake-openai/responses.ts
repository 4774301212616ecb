/**
 * `POST /v1/responses` with the `image_generation` tool: a stored Response whose output is an
 * `image_generation_call`, or the `response.*` event stream of contract §4. Responses are kept
 * (unless `store:false`) so `previous_response_id` and `image_generation_call` references work.
 */
import { randomBytes } from 'node:crypto';
import { ApiError, catalogue, invalid } from './errors.ts';
import { imageInfo } from './imageCodec.ts';
import { answerPlan } from './images.ts';
import { checkEditInputs, type InputFile, type RefResolver } from './inputs.ts';
import { partialProgress } from './render.ts';
import { json, type HandlerContext, type Reply, type SseFrame } from './reply.ts';
import { readResponsesRequest, type ImageTool, type ResponsesRequest } from './responsesRequest.ts';
import { MAX_STORED, capMap } from './storeLimits.ts';
import { inputImageTokens, textTokens } from './usage.ts';

const id = (prefix: string) => `${prefix}_${randomBytes(24).toString('hex')}`;

interface StoredResponse {
  response: Record<string, unknown>;
  /** The image call's output, kept so follow-ups can edit it. */
  image?: { callId: string; b64: string; format: string };
}

export class ResponseStore {
  private readonly responses = new Map<string, StoredResponse>();
  private readonly calls = new Map<string, { b64: string; format: string }>();

  get(responseId: string): Record<string, unknown> | undefined {
    return this.responses.get(responseId)?.response;
  }

  delete(responseId: string): boolean {
    return this.responses.delete(responseId);
  }

  reset(): void {
    this.responses.clear();
    this.calls.clear();
  }

  /** The latest image in the chain ending at `responseId`. */
  private chainImage(responseId: string): InputFile | null {
    for (let cur: string | undefined = responseId; cur;) {
      const s = this.responses.get(cur);
      if (!s) return null;
      if (s.image) return imageInput(s.image, `previous_response_id`);
      cur = (s.response.previous_response_id as string | null) ?? undefined;
    }
    return null;
  }

  /** Answers one request; throws ApiError for anything the API would refuse. */
  handle(body: unknown, ctx: HandlerContext, resolver: RefResolver): Reply {
    const req = readResponsesRequest(body, ctx.gateway, resolver);
    if (req.previousResponseId !== undefined && !this.responses.has(req.previousResponseId)) {
      throw catalogue.previous_response_not_found(req.previousResponseId);
    }
    const tool = req.toolChoice === 'none' ? null : req.tool;
    const callId = id('ig');
    const created = ctx.now();
    const responseId = id('resp');
    const shell = {
      id: responseId, object: 'response', created_at: created, status: 'in_progress', completed_at: null, error: null,
      incomplete_details: null, instructions: req.instructions ?? null, max_output_tokens: null, model: req.model,
      output: [] as unknown[], parallel_tool_calls: true, previous_response_id: req.previousResponseId ?? null,
      reasoning: { effort: null, summary: null }, store: req.store, temperature: 1, text: { format: { type: 'text' } },
      tool_choice: req.toolChoice, tools: req.params.get('tools') ?? [], top_p: 1, truncation: 'disabled',
      usage: null as unknown, user: null, metadata: req.params.get('metadata') ?? {},
    };
    const mainUsage = (outputTokens: number) => {
      const input = textTokens(req.prompt) + req.images.reduce((t, f) => {
        const info = imageInfo(f.data);
        return t + (info ? inputImageTokens(info.width, info.height, false) : 85);
      }, 0);
      return { input_tokens: input, input_tokens_details: { cached_tokens: 0 }, output_tokens: outputTokens, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: input + outputTokens };
    };

    if (!tool || ctx.noImage) {
      const text = tool ? "I can't generate that image. (fake)" : `(fake) ${req.prompt.slice(0, 200)}`;
      const msg = { id: id('msg'), type: 'message', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] };
      const final = { ...shell, status: 'completed', completed_at: created, output: [msg], usage: mainUsage(textTokens(text)) };
      if (req.store) this.responses.set(responseId, { response: final });
      capMap(this.responses, MAX_STORED);
      return req.stream ? { kind: 'sse', frames: () => textEvents(shell, final, msg, text) } : json(final);
    }

    const job = this.imageJob(req, tool);
    const { size, quality, background, encode, usage } = answerPlan(tool, job.inputs, req.prompt, ctx);
    const render = (progress: number) => encode(0, progress);
    const imgUsage = usage(1, req.stream ? tool.partials : 0);
    const callBase = { id: callId, type: 'image_generation_call', action: job.action, background, output_format: tool.outputFormat, quality, size };
    const finish = (b64: string) => {
      const item = { ...callBase, status: 'completed', result: b64, revised_prompt: req.prompt };
      const final = {
        ...shell, status: 'completed', completed_at: created, output: [item], usage: mainUsage(60),
        tool_usage: { image_gen: imgUsage, web_search: { num_requests: 0 } },
      };
      this.calls.set(callId, { b64, format: tool.outputFormat });
      if (req.store) this.responses.set(responseId, { response: final, image: { callId, b64, format: tool.outputFormat } });
      capMap(this.calls, MAX_STORED);
      capMap(this.responses, MAX_STORED);
      return { item, final };
    };
    if (!req.stream) return json(finish(render(1)).final);

    return {
      kind: 'sse',
      *frames(): Iterable<SseFrame> {
        let seq = 0;
        const ev = (type: string, data: Record<string, unknown>, partial = false): SseFrame =>
          ({ event: type, data: { type, ...data, sequence_number: seq++ }, partial });
        yield ev('response.created', { response: shell });
        yield ev('response.in_progress', { response: shell });
        yield ev('response.output_item.added', { output_index: 0, item: { ...callBase, status: 'in_progress', result: null } });
        const at = { output_index: 0, item_id: callId };
        yield ev('response.image_generation_call.in_progress', at);
        yield ev('response.image_generation_call.generating', at);
        for (let k = 0; k < tool.partials; k++) {
          yield ev('response.image_generation_call.partial_image', {
            ...at, partial_image_b64: render(partialProgress(k, tool.partials)), partial_image_index: k,
            size: tool.size, quality: tool.quality, background: tool.background, output_format: tool.outputFormat,
          }, true);
        }
        yield ev('response.image_generation_call.completed', at);
        const { item, final } = finish(render(1));
        yield ev('response.output_item.done', { output_index: 0, item });
        yield ev('response.completed', { response: final });
      },
    };
  }

  /** Which image the tool edits (this input, a referenced call, or the chain's last image) and the mask. */
  private imageJob(req: ResponsesRequest, tool: ImageTool) {
    const images: InputFile[] = [...req.images];
    for (const ref of req.refs) {
      const call = this.calls.get(ref);
      if (!call) throw invalid(`Item with id '${ref}' not found.`, 'input', null, 404);
      images.push(imageInput(call, 'input'));
    }
    if (images.length === 0 && req.previousResponseId) {
      const prev = this.chainImage(req.previousResponseId);
      if (prev) images.push(prev);
    }
    const action = tool.action === 'generate' || images.length === 0 ? 'generate' : 'edit';
    if (tool.action === 'edit' && images.length === 0) {
      throw new ApiError(400, { message: "The image_generation tool was forced to 'edit', but there is no image in the context. (fake)", type: 'image_generation_user_error', param: `tools[${tool.index}].action`, code: 'invalid_value' });
    }
    const inputs = action === 'edit' ? checkEditInputs(tool.model, images, tool.mask) : null;
    if (action === 'generate' && tool.mask) throw catalogue.invalid_image_file(1);
    return { action, inputs };
  }
}

function imageInput(img: { b64: string; format: string }, param: string): InputFile {
  return { param, mime: `image/${img.format}`, data: Buffer.from(img.b64, 'base64') };
}

function* textEvents(shell: object, final: object, msg: { id: string }, text: string): Iterable<SseFrame> {
  let seq = 0;
  const ev = (type: string, data: Record<string, unknown>): SseFrame => ({ event: type, data: { type, ...data, sequence_number: seq++ } });
  const at = { output_index: 0, item_id: msg.id, content_index: 0 };
  yield ev('response.created', { response: shell });
  yield ev('response.in_progress', { response: shell });
  yield ev('response.output_item.added', { output_index: 0, item: { ...msg, status: 'in_progress', content: [] } });
  yield ev('response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [] } });
  yield ev('response.output_text.delta', { ...at, delta: text, logprobs: [] });
  yield ev('response.output_text.done', { ...at, text, logprobs: [] });
  yield ev('response.content_part.done', { ...at, part: { type: 'output_text', text, annotations: [] } });
  yield ev('response.output_item.done', { output_index: 0, item: msg });
  yield ev('response.completed', { response: final });
}
