import type { AppProviderDescriptor } from '../deps.ts';
import { openaiBlocker } from '../../core/openai/request/blocker.ts';
import { createResponsesProvider } from '../../services/openai/responses.ts';

/** OpenAI's Responses API: the image tool in a conversation, so a result can be followed up. */
export const openaiResponses: AppProviderDescriptor = {
  id: 'openai-responses',
  label: 'edit.provider.responses',
  needsConnection: true,
  options: [{ kind: 'openai', api: 'responses' }],
  blocker: openaiBlocker,
  create: (deps) => createResponsesProvider(deps.openai),
};
