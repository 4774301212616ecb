/**
 * The local fill as an edit provider: no key, no network. It removes what is painted by filling
 * the hole from the rest of the image (content-aware, in a worker) and ignores the prompt.
 */
import type { EditJob, EditOutput, EditProvider } from '../../core/provider/types.ts';
import { FillWorkerClient, LocalFillError, abortError } from './client.ts';

export { LocalFillError } from './client.ts';

/** Seed used when the job gives none: the same image and mask then always give the same fill. */
export const DEFAULT_SEED = 1;
/** Names the algorithm in `sentOptions`, so cached results of an older fill are not reused. */
export const ALGORITHM = 'patchmatch-2';

export interface LocalFillProvider extends EditProvider {
  readonly id: 'local';
  readonly offline: true;
  /** Stops the worker (jobs under way fail); the next edit starts a new one. */
  dispose(): void;
}

const defaultWorker = () => new Worker(new URL('./fill.worker.ts', import.meta.url), { type: 'module', name: 'local-fill' });

/** The seed from the job's options: an integer, else the default. */
export function seedOf(options: Readonly<Record<string, unknown>>): number {
  const s = options['seed'];
  return typeof s === 'number' && Number.isFinite(s) ? Math.trunc(s) : DEFAULT_SEED;
}

/**
 * Creates the local fill provider. Options read: `seed` (number). Output: one PNG at the
 * image's full size, identical to the input outside the painted area.
 */
export function createLocalFillProvider(deps: { createWorker?: () => Worker } = {}): LocalFillProvider {
  const client = new FillWorkerClient(deps.createWorker ?? defaultWorker);
  return {
    id: 'local',
    offline: true,
    dispose: () => client.dispose(),
    async edit(job: EditJob): Promise<EditOutput> {
      if (job.signal.aborted) throw abortError();
      const image = job.image;
      if (!image) throw new LocalFillError('no-image');
      if (!job.mask || job.mask.length !== image.width * image.height) throw new LocalFillError('mask-size');
      const seed = seedOf(job.options);
      job.onEvent?.({ type: 'progress', phase: 'preparing' });
      const result = await client.run({
        bitmap: image, mask: job.mask, seed, signal: job.signal,
        onProgress: (fraction) => job.onEvent?.({ type: 'progress', phase: 'filling', fraction }),
      });
      job.onEvent?.({ type: 'progress', phase: 'filling', fraction: 1 });
      return {
        images: [result.png], width: result.width, height: result.height, provider: 'local',
        sentOptions: { seed, algorithm: ALGORITHM },
      };
    },
  };
}
