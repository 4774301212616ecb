import { cacheKey } from '../../core/cache/key.ts';
import type { MaskSnapshot } from '../../core/mask/snapshot.ts';
import type { EditJob, EditOutput, EditProvider, PreparedEdit } from '../../core/provider/types.ts';
import { EditFailure } from '../../core/openai/request/errors.ts';
import type { Answer, InputSource, PreviewSink, ResultRepository, StoredAnswer } from './ports.ts';

/** One edit to run: the provider, and the job without its inputs (the pipeline takes those). */
export interface PipelineRequest {
  provider: EditProvider;
  job: Omit<EditJob, 'mask' | 'maskSnapshot' | 'imageId'>;
  /** Ask the provider anew even if an identical request is stored ("generate again"). */
  fresh?: boolean;
}

/** What came of it, with what it was made from (for the history and the compositor). */
export interface PipelineResult {
  output: EditOutput;
  /** The mask as sent (null: nothing painted). */
  mask: MaskSnapshot | null;
  /** The request's content-addressed key (null: not cacheable). */
  key: string | null;
  /** Where it went: the endpoint's URL, or the provider's id when it ran here. */
  endpoint: string;
  /** The stored answer that answered it (no request was made), or null. */
  stored: StoredAnswer | null;
}

/** How long a new answer waits for its record to be stored before it is shown anyway (ms). */
export const STORE_FIRST_MS = 2000;

/**
 * One straight edit: snapshot → prepare → key → lookup → send ({@link run}), then store → show
 * ({@link deliver}). Each step takes what the one before made and computes nothing an earlier
 * one had: the mask's snapshot and the picture's id come from the {@link InputSource} (worked
 * out once per version and per picture), the provider keys the request by them without encoding
 * anything, only a request that is really sent encodes its files, and an answer from storage is
 * shown without being stored again.
 */
export class EditPipeline {
  constructor(private readonly deps: { inputs: InputSource; repository: ResultRepository; sink?: PreviewSink; storeFirstMs?: number }) {}

  /**
   * store → show: a new answer is kept under a new record id, then shown; one from storage is
   * shown under its own record. What is shown is kept (stored first: a reload the moment it shows
   * loses nothing), unless storage is slow or fails, which must not hold the result back: the
   * save goes on and reports itself. Returns the record id.
   */
  async deliver(answer: Answer): Promise<string> {
    const id = answer.storedId ?? crypto.randomUUID();
    if (!answer.cached) {
      const stored = this.deps.repository.save(answer, id);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const slow = new Promise((r) => { timer = setTimeout(r, this.deps.storeFirstMs ?? STORE_FIRST_MS); });
      await Promise.race([stored.catch(() => undefined), slow]);
      clearTimeout(timer);
    }
    await this.deps.sink?.show(answer, id);
    return id;
  }

  async run({ provider, job, fresh = false }: PipelineRequest): Promise<PipelineResult> {
    // snapshot
    const snap = job.image ? this.deps.inputs.mask() : null;
    const mask = snap?.painted ? snap : null;
    const imageId = job.image ? await this.deps.inputs.pictureId().catch(() => null) : null;
    const full: EditJob = { ...job, mask: mask?.coverage ?? null, maskSnapshot: mask, imageId };
    // prepare
    const prepared: PreparedEdit = provider.prepare ? await provider.prepare(full) : { key: null, send: () => provider.edit(full) };
    // key
    const key = prepared.key ? await cacheKey(prepared.key) : null;
    // lookup
    const stored = key && !fresh ? await this.deps.repository.lookup(key) : null;
    if (job.signal.aborted) throw new EditFailure({ kind: 'aborted' });
    // send
    const output = stored?.output ?? await prepared.send();
    return { output, mask, key, endpoint: prepared.key?.endpoint ?? provider.id, stored };
  }
}
