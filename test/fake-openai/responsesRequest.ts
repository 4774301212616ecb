/**
 * Reading a `POST /v1/responses` body (contract §4): the mainline model, the input items
 * (text, `input_image` by data URL / URL / `file_id`, references to earlier image calls), and the
 * `image_generation` tool with its options and `input_image_mask`.
 */
import { ApiError, invalid, invalidType, invalidValue, missingParameter } from './errors.ts';
import { resolveFileId, resolveImageRef, resolveImageUrl, type InputFile, type RefResolver } from './inputs.ts';
import { DEFAULT_TOOL_MODEL, MAINLINE_MODELS, findImageModel, isImageModelName, type ImageModelSpec } from './models.ts';
import { Params, jsonParams } from './params.ts';
import { readOutputOptions, type OutputOptions } from './imageOptions.ts';
import { catalogue } from './errors.ts';

export const RESPONSE_PARAMS = [
  'model', 'input', 'instructions', 'tools', 'tool_choice', 'previous_response_id', 'stream', 'store',
  'metadata', 'temperature', 'top_p', 'max_output_tokens', 'parallel_tool_calls', 'reasoning', 'text',
  'truncation', 'user', 'safety_identifier', 'include', 'background', 'prompt_cache_key', 'service_tier',
  'max_tool_calls', 'stream_options', 'top_logprobs',
];
const TOOL_PARAMS = ['type', 'model', 'quality', 'size', 'output_format', 'output_compression', 'moderation',
  'background', 'input_fidelity', 'input_image_mask', 'partial_images', 'action'];
const OTHER_TOOLS = ['function', 'web_search', 'web_search_preview', 'file_search', 'code_interpreter', 'mcp'];

export interface ImageTool extends OutputOptions {
  index: number;
  model: ImageModelSpec;
  action: 'generate' | 'edit' | 'auto';
  mask: InputFile | null;
}

export interface ResponsesRequest {
  model: string;
  params: Params;
  prompt: string;
  /** `input_image`s of this request, in order. */
  images: InputFile[];
  /** `image_generation_call` / `item_reference` ids found in the input. */
  refs: string[];
  tool: ImageTool | null;
  toolChoice: unknown;
  previousResponseId?: string;
  stream: boolean;
  store: boolean;
  instructions?: string;
}

/** Re-labels an option error with the tool's path (`tools[0].size`). */
function underTool<T>(index: number, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof ApiError && e.body.param && e.body.param !== 'tools' && !e.body.param.startsWith('tools[')) {
      const param = `tools[${index}].${e.body.param}`;
      throw new ApiError(e.status, { ...e.body, message: e.body.message.replaceAll(`'${e.body.param}'`, `'${param}'`), param }, e.headers);
    }
    throw e;
  }
}

function readTool(raw: Record<string, unknown>, index: number, gateway: boolean, r: RefResolver): ImageTool {
  const p = new Params(raw, 'json');
  return underTool(index, () => {
    p.onlyAllow(TOOL_PARAMS);
    const id = p.string('model') ?? DEFAULT_TOOL_MODEL;
    const model = findImageModel(id, gateway);
    if (!model || !model.endpoints.includes('responses-tool')) {
      throw new ApiError(400, { message: `The model '${id}' does not exist.`, type: 'image_generation_user_error', param: 'tools', code: 'invalid_value' });
    }
    const out = readOutputOptions(p, model);
    const action = (p.enumOf('action', ['generate', 'edit', 'auto']) ?? 'auto') as ImageTool['action'];
    const mask = p.has('input_image_mask') ? resolveImageRef(p.get('input_image_mask'), 'input_image_mask', r) : null;
    return { index, model, ...out, action, mask };
  });
}

function readContent(content: unknown, path: string, r: RefResolver, texts: string[], images: InputFile[]): void {
  if (typeof content === 'string') { texts.push(content); return; }
  if (!Array.isArray(content)) throw invalidType(`${path}.content`, 'a string or an array', typeof content);
  content.forEach((part: unknown, j) => {
    const at = `${path}.content[${j}]`;
    if (typeof part !== 'object' || part === null) throw invalidType(at, 'an object', typeof part);
    const o = part as Record<string, unknown>;
    if (o.type === 'input_text' || o.type === 'output_text') {
      if (typeof o.text !== 'string') throw invalidType(`${at}.text`, 'a string', typeof o.text);
      texts.push(o.text);
    } else if (o.type === 'input_image') {
      for (const k of Object.keys(o)) if (!['type', 'image_url', 'file_id', 'detail'].includes(k)) throw invalid(`Unknown parameter: '${at}.${k}'.`, `${at}.${k}`, 'unknown_parameter');
      if (o.detail !== undefined && !['low', 'high', 'auto', 'original'].includes(o.detail as string)) throw invalidValue(`${at}.detail`, o.detail, ['low', 'high', 'auto', 'original']);
      const hasUrl = typeof o.image_url === 'string';
      const hasId = typeof o.file_id === 'string';
      if (hasUrl === hasId) throw invalid(`Invalid '${at}': provide exactly one of 'image_url' or 'file_id'. (fake)`, at);
      images.push(hasUrl ? resolveImageUrl(o.image_url as string, `${at}.image_url`, r) : resolveFileId(o.file_id, `${at}.file_id`, r));
    } else if (o.type !== 'input_file') {
      throw invalidValue(`${at}.type`, o.type, ['input_text', 'input_image', 'input_file']);
    }
  });
}

/** Parses and checks the body; throws the API's error for the first fault. */
export function readResponsesRequest(body: unknown, gateway: boolean, r: RefResolver): ResponsesRequest {
  const p = jsonParams(body);
  p.onlyAllow(RESPONSE_PARAMS);
  const model = p.string('model');
  if (model === undefined) throw missingParameter('model');
  if (isImageModelName(model)) {
    throw invalid(`The model '${model}' is not supported with the Responses API: use a mainline model (e.g. 'gpt-5.5') with the 'image_generation' tool. (fake)`, 'model', 'model_not_supported');
  }
  if (!MAINLINE_MODELS.includes(model) && !/^(gpt-5|gpt-4\.1|gpt-4o|o3|o4)/.test(model)) throw catalogue.model_not_found(model);
  const texts: string[] = [];
  const images: InputFile[] = [];
  const refs: string[] = [];
  const input = p.get('input');
  if (typeof input === 'string') texts.push(input);
  else if (Array.isArray(input)) {
    input.forEach((item: unknown, i) => {
      const at = `input[${i}]`;
      if (typeof item !== 'object' || item === null) throw invalidType(at, 'an object', typeof item);
      const o = item as Record<string, unknown>;
      if (o.type === 'image_generation_call' || o.type === 'item_reference') {
        if (typeof o.id !== 'string') throw missingParameter(`${at}.id`);
        refs.push(o.id);
      } else if (o.type === undefined || o.type === 'message') {
        if (!['user', 'assistant', 'system', 'developer'].includes(o.role as string)) throw invalidValue(`${at}.role`, o.role, ['user', 'assistant', 'system', 'developer']);
        readContent(o.content, at, r, texts, images);
      } else {
        throw invalidValue(`${at}.type`, o.type, ['message', 'image_generation_call', 'item_reference']);
      }
    });
  } else if (input !== undefined) throw invalidType('input', 'a string or an array', typeof input);
  let tool: ImageTool | null = null;
  const tools = p.get('tools');
  if (tools !== undefined) {
    if (!Array.isArray(tools)) throw invalidType('tools', 'an array', typeof tools);
    tools.forEach((t: unknown, i) => {
      const o = (t ?? {}) as Record<string, unknown>;
      if (o.type === 'image_generation') tool = readTool(o, i, gateway, r);
      else if (!OTHER_TOOLS.includes(o.type as string)) throw invalidValue(`tools[${i}].type`, o.type, ['image_generation', ...OTHER_TOOLS]);
    });
  }
  const previousResponseId = p.string('previous_response_id');
  const instructions = p.string('instructions');
  return {
    model, params: p, prompt: texts.join('\n'), images, refs, tool, toolChoice: p.get('tool_choice') ?? 'auto',
    ...(previousResponseId !== undefined ? { previousResponseId } : {}),
    ...(instructions !== undefined ? { instructions } : {}),
    stream: p.bool('stream') ?? false, store: p.bool('store') ?? true,
  };
}
