import type { AppProviderDescriptor } from '../deps.ts';
import { openaiBlocker } from '../../core/openai/request/blocker.ts';
import { createImagesProvider } from '../../services/openai/images.ts';

/** OpenAI's Images API (edits, generations, dall-e-2 variations); fields follow the model catalogue. */
export const openaiImages: AppProviderDescriptor = {
  id: 'openai-images',
  label: 'edit.provider.images',
  needsConnection: true,
  options: [{ kind: 'openai', api: 'images' }],
  blocker: openaiBlocker,
  create: (deps) => createImagesProvider(deps.openai),
};
