import type { EditProvider } from '../core/provider/types.ts';
import type { ProviderDescriptor } from '../core/provider/descriptor.ts';
import type { OpenAIProviderDeps } from '../services/openai/common.ts';

/** What the app hands every descriptor's `create` (each takes what it needs). */
export interface ProviderDeps {
  /** The OpenAI providers' connection, timeouts and retries (read per request). */
  openai: OpenAIProviderDeps;
  /**
   * The local fill as the app built it (its worker client, keyed for the cache); null: not in
   * this build. Tests hand in their own.
   */
  localFill: EditProvider | null;
}

/** A provider descriptor the app can build. */
export type AppProviderDescriptor = ProviderDescriptor<ProviderDeps>;
