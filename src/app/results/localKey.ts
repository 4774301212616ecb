import type { EditJob, EditProvider, PreparedEdit } from '../../core/provider/types.ts';
import { pictureBytes } from '../../services/composite/encode.ts';

export interface LocalKey {
  /** Names the algorithm and its version: results of another version are not reused. */
  model: string;
  /** The options the provider reads (the local fill: its seed), canonical. */
  options: (job: EditJob) => Record<string, unknown>;
  /** Whether the prompt changes the result (the local fill ignores it). */
  usesPrompt?: boolean;
}

/**
 * Gives a provider that runs in the page (the local fill) a cache key: it is deterministic, so
 * the same picture (its source bytes, or else its pixels), mask (its exact coverage) and options give the same result, and
 * a repeat is answered from storage instead of filling again. A provider with its own
 * `prepare` is returned as it is.
 */
export function withLocalKey(provider: EditProvider, key: LocalKey): EditProvider {
  if (provider.prepare) return provider;
  const prepare = async (job: EditJob): Promise<PreparedEdit> => ({
    key: {
      endpoint: `local:${provider.id}`, model: key.model, prompt: key.usesPrompt ? job.prompt : '',
      // By content id when the job has them (no read-back of the whole picture), else the exact pixels and coverage.
      options: key.options(job), images: job.image ? [job.imageId ? { id: `picture:${job.imageId}` } : pictureBytes(job.image)] : [],
      mask: job.maskSnapshot ? { id: `mask:${await job.maskSnapshot.hash()}` } : job.mask,
    },
    send: () => provider.edit(job),
  });
  // The provider's own methods (e.g. the local fill's dispose) stay reachable through the prototype.
  return Object.assign(Object.create(provider) as EditProvider, { prepare });
}
