import { capsFor, isValidModelName } from '../models/lookup.ts';
import type { Blocked, BlockerContext } from '../../provider/descriptor.ts';
import { endpointFor, type EditOptions } from './options.ts';

/**
 * OpenAI's reasons Send cannot go, shared by the Images and Responses descriptors: a model name
 * the API would refuse, no prompt (but for a variation), a prompt over the model's limit, and
 * dall-e-2 with an opaque picture and nothing painted (it edits what is transparent).
 */
export function openaiBlocker(ctx: BlockerContext): Blocked | null {
  const o = ctx.options as unknown as EditOptions;
  if (!isValidModelName(o.model)) return { key: 'edit.model.invalid' };
  const caps = capsFor(o.model);
  const endpoint = endpointFor(o, ctx.hasImage);
  if (endpoint !== 'images.variation' && !ctx.prompt.trim()) return { key: 'edit.prompt.empty' };
  if (ctx.prompt.length > caps.promptMax) return { key: 'edit.prompt.tooLong', params: { count: ctx.prompt.length, max: caps.promptMax, model: caps.id } };
  if (endpoint === 'images.edit' && caps.input.squarePng && !ctx.maskPainted()) return { key: 'openai.error.dalleAlpha', params: { model: caps.id } };
  return null;
}
