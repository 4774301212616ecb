import type OpenAI from 'openai';
import { capsFor } from '../../core/openai/models/lookup.ts';
import type { ModelCaps } from '../../core/openai/models/types.ts';
import { EditFailure } from '../../core/openai/request/errors.ts';
import { constrainOptions, DEFAULT_OPTIONS, endpointFor, maxReferences, requestedFormat, type EditOptions } from '../../core/openai/request/options.ts';
import type { RetryPolicy } from '../../core/openai/request/retry.ts';
import type { CacheKeyInput } from '../../core/cache/key.ts';
import type { EditJob, EditOutput, EditProvider, PreparedEdit, Usage } from '../../core/provider/types.ts';
import { createClient, reduceError, type Connection } from './sdk.ts';
import { withRetries, type Attempt } from './retryLoop.ts';
import { encodeInputs, type EncodedInputs } from './encode.ts';
import { blobHash } from '../storage/blobHash.ts';
import { answerImages } from './decode.ts';

/** Generations can take two minutes and more; the SDK waits this long for an answer to start. */
export const DEFAULT_TIMEOUT_MS = 300_000;
/** A stream silent this long is treated as a timeout. */
export const DEFAULT_IDLE_MS = 180_000;

export interface OpenAIProviderDeps {
  /** The connection at the time of the request; null when none is set up. */
  connection: () => Connection | null;
  timeoutMs?: number;
  idleTimeoutMs?: number;
  retry?: RetryPolicy;
}

/** A request worked out but not sent: its options as the model takes them, and where it goes. */
export interface RequestPlan {
  caps: ModelCaps;
  options: EditOptions;
  conn: Connection;
  host: string;
  deps: OpenAIProviderDeps;
  job: EditJob;
  /** The job's reference images, as many as the model and endpoint take (the form trims them too). */
  references: readonly Blob[];
}

/** One request's context: its plan, plus the client that sends it. */
export interface RequestContext extends RequestPlan {
  client: OpenAI;
}

/** Works out a request without touching the network (or loading the SDK). */
export function planRequest(job: EditJob, deps: OpenAIProviderDeps): RequestPlan {
  job.onEvent?.({ type: 'progress', phase: 'preparing' });
  const conn = deps.connection();
  if (!conn) throw new EditFailure({ kind: 'api', status: 401, message: 'no connection' });
  const raw = { ...DEFAULT_OPTIONS, ...(job.options as Partial<EditOptions>) };
  const caps = capsFor(raw.model);
  const ctx = job.image ? { imageWidth: job.image.width, imageHeight: job.image.height } : {};
  const options = constrainOptions(caps, raw, ctx);
  let host = conn.baseURL;
  try { host = new URL(conn.baseURL, location.href).host; } catch { /* keep as typed */ }
  const references = (job.references ?? []).slice(0, maxReferences(caps, endpointFor(options, job.image !== null)));
  return { caps, options, conn, host, deps, job, references };
}

/** Adds the client (loading the SDK on first use) to a plan. */
export async function openClient(plan: RequestPlan): Promise<RequestContext> {
  const client = await createClient(plan.conn, plan.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return { ...plan, client };
}

const fileBytes = async (f: File) => new Uint8Array(await f.arrayBuffer());

/** A request's input files: what its cache key says of them, and the files, encoded on first call. */
export interface RequestInputs {
  key: Pick<CacheKeyInput, 'images' | 'mask'>;
  files(): Promise<EncodedInputs | null>;
}

/**
 * The inputs of a request that sends the picture (`withImage`; a follow-up or a generation sends
 * none). When the job names its picture and mask by content (the picture's source hash, the mask
 * snapshot's), the key is over those and nothing is encoded until the request is sent: an answer
 * from storage costs no encoding. Otherwise the files are encoded now and the key is over their bytes.
 */
export async function requestInputs(plan: RequestPlan, withImage: boolean): Promise<RequestInputs> {
  const { job } = plan;
  const image = withImage ? job.image : null;
  if (!image) return { key: { images: [], mask: null }, files: async () => null };
  let encoded: Promise<EncodedInputs> | null = null;
  const files = () => (encoded ??= encodeInputs(plan.caps, image, job.maskSnapshot ?? job.mask, plan.options.size, plan.references));
  if (job.imageId && (!job.mask || job.maskSnapshot)) {
    const refs = await Promise.all(plan.references.map(blobHash));
    const mask = job.maskSnapshot ? { id: `mask:${await job.maskSnapshot.hash()}` } : null;
    return { key: { images: [{ id: `picture:${job.imageId}` }, ...refs.map((h) => ({ id: `reference:${h}` }))], mask }, files };
  }
  const f = await files();
  return { key: { images: await Promise.all([f.image, ...f.references].map(fileBytes)), mask: f.mask ? await fileBytes(f.mask) : null }, files };
}

/**
 * A request's cache key: the URL it goes to under `path` (another service may answer otherwise),
 * the model, prompt and options as sent, and its input files (their bytes, or their contents' ids).
 */
export function requestKey(plan: RequestPlan, path: string, options: Readonly<Record<string, unknown>>, inputs: RequestInputs): CacheKeyInput {
  return {
    endpoint: `${plan.conn.baseURL.replace(/\/+$/, '')}/${path}`, model: plan.caps.id, prompt: plan.job.prompt, options, ...inputs.key,
  };
}

/** What an answer's images and facts come to: the output both OpenAI providers give. */
export interface Answered {
  b64: readonly (string | null | undefined)[];
  format?: string | null;
  revised: (string | undefined)[];
  usage: Usage | null;
  sentOptions: Readonly<Record<string, unknown>>;
}

/** The output of an answer: its images decoded, the revised prompt, usage, and how the input was sent. */
export async function answerOutput(ctx: RequestContext, provider: string, files: EncodedInputs | null, a: Answered): Promise<EditOutput> {
  const { blobs, width, height } = await answerImages(a.b64, a.format ?? requestedFormat(ctx.caps, ctx.options), ctx.caps.id);
  const output: EditOutput = {
    images: blobs, width, height, provider, model: ctx.caps.id, sentOptions: a.sentOptions, revisedPrompts: a.revised,
  };
  const revised = a.revised.find((r) => r);
  if (revised) output.revisedPrompt = revised;
  if (a.usage) output.usage = a.usage;
  if (files) {
    output.resultRegion = files.plan.resultRegion;
    output.sentSize = { width: files.plan.width, height: files.plan.height };
  }
  return output;
}

/** An OpenAI provider from its `prepare`: `edit(job)` is `prepare(job)` then `send()`. */
export function openaiProvider(id: string, prepare: (job: EditJob) => Promise<PreparedEdit>): EditProvider {
  return {
    id,
    offline: false,
    prepare,
    async edit(job: EditJob): Promise<EditOutput> { return (await prepare(job)).send(); },
  };
}

/** Per attempt: an abort signal that follows Cancel, and an idle watchdog for streams. */
export interface AttemptControl {
  signal: AbortSignal;
  /** Call on every stream event: resets the idle timer and marks the answer as begun. */
  heard(): void;
  timedOut(): boolean;
  done(): void;
}

function attemptControl(ctx: RequestContext, attempt: Attempt): AttemptControl {
  const ctl = new AbortController();
  const onAbort = () => ctl.abort();
  ctx.job.signal.addEventListener('abort', onAbort, { once: true });
  const idle = ctx.deps.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => { timedOut = true; ctl.abort(); }, idle);
  };
  return {
    signal: ctl.signal,
    heard() { attempt.answered = true; arm(); },
    timedOut: () => timedOut,
    done() { clearTimeout(timer); ctx.job.signal.removeEventListener('abort', onAbort); },
  };
}

/**
 * Runs one request with our retries. `run` gets a per-attempt control; the SDK's own timeout
 * covers the wait for the answer to start, the watchdog the silences within a stream.
 */
export function runAttempts<T>(ctx: RequestContext, run: (c: AttemptControl) => Promise<T>): Promise<T> {
  let control: AttemptControl | null = null;
  return withRetries(async (attempt) => {
    control = attemptControl(ctx, attempt);
    try {
      const result = await run(control);
      // A stream cut by Cancel or the idle watchdog may end quietly: say which it was.
      if (control.signal.aborted) throw new EditFailure(control.timedOut() ? { kind: 'timeout', host: ctx.host } : { kind: 'aborted' });
      return result;
    } finally {
      control.done();
    }
  }, {
    signal: ctx.job.signal,
    policy: ctx.deps.retry,
    onEvent: ctx.job.onEvent,
    reduce: (e, attempt) => reduceError(e, { model: ctx.caps.id, host: ctx.host, answered: attempt.answered, timedOut: control?.timedOut() ?? false }),
  });
}
