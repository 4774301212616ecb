/**
 * Every provider the editor offers, in the order the provider choice lists them. A new provider
 * is a folder beside these with its descriptor (src/core/provider/descriptor.ts) and one line
 * here (plus its label's strings).
 */
import type { AppProviderDescriptor } from './deps.ts';
import { localFill } from './localFill/index.ts';
import { openaiImages } from './openaiImages/index.ts';
import { openaiResponses } from './openaiResponses/index.ts';

export const PROVIDERS: readonly AppProviderDescriptor[] = [
  localFill,
  openaiImages,
  openaiResponses,
];

/** Ids drafts saved before providers were descriptors used (`provider` / `options.api`). */
export const LEGACY_PROVIDER_IDS: Readonly<Record<string, string>> = {
  local: 'local-fill', images: 'openai-images', responses: 'openai-responses',
};
