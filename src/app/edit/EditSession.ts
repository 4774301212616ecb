import { Store } from '../../core/store.ts';
import { describeError, EditFailure } from '../../core/openai/request/errors.ts';
import { openaiApiOf, type Blocked } from '../../core/provider/descriptor.ts';
import { isEmpty } from '../../core/mask/maskPixels.ts';
import type { EditEvent, EditOutput, EditProvider } from '../../core/provider/types.ts';
import type { Editor } from '../../editor/Editor.ts';
import type { Notifier } from '../notifier.ts';
import { EditInputs } from './EditInputs.ts';
import { EditPipeline } from '../pipeline/EditPipeline.ts';
import type { Answer, PreviewSink, ResultRepository } from '../pipeline/ports.ts';
import { en } from '../../ui/i18n/en.ts';
import type { EditForm } from './EditForm.ts';

export type EditPhase = Extract<EditEvent, { type: 'progress' }>['phase'];

export interface EditRunState {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: EditPhase | null;
  /** Date.now() when the current phase began (for the elapsed seconds). */
  phaseSince: number;
  retry: { attempt: number; until: number; reason: string } | null;
  /** 0..1 when the provider reports it (the local fill). */
  fraction: number | null;
  partials: number;
  /** What came back besides the images: usage, revised prompt, ids, sizes. */
  output: Omit<EditOutput, 'images'> | null;
  /** The last answer came from storage: no request was made. */
  cached: boolean;
  /** Responses API: the last answer, for follow-ups. */
  lastResponseId: string | null;
}

/** The built providers by descriptor id; null where a descriptor could not build one here. */
export type ProviderSet = Readonly<Record<string, EditProvider | null>>;

export type { Answer } from '../pipeline/ports.ts';

/** The request under way, as a draft remembers it (to say it was interrupted after a reload). */
export interface InFlight { startedAt: number; prompt: string; /** The descriptor id. */ provider: string; model: string }

/**
 * Where results go: the cache and history (the pipeline's repository), the results view (its
 * preview sink), and what a request's start and end mean to them (src/app/results). The session
 * only runs requests; the pipeline stores and shows.
 */
export interface ResultHooks extends ResultRepository, PreviewSink {
  /** A new request starts: the last results leave the canvas. */
  clear(): void;
  started(run: InFlight): void;
  ended(): void;
}

/** Hooks that keep nothing (for a session built without results services). */
export const NO_RESULT_HOOKS: ResultHooks = {
  lookup: async () => null, save: async () => {}, show: async () => {}, clear: () => {}, started: () => {}, ended: () => {},
};

export interface SubmitOptions {
  /** Ask the provider anew even if an identical request is stored ("generate again"). */
  fresh?: boolean;
}

/**
 * Runs edits: takes the image, mask and prompt as they are at Submit, hands them to the chosen
 * provider, shows partial images and results on the canvas, and reports problems. It never
 * changes the image, the mask or the prompt on a failure or a cancel.
 */
export class EditSession {
  readonly store = new Store<EditRunState>({
    status: 'idle', phase: null, phaseSince: 0, retry: null, fraction: null, partials: 0, output: null, cached: false, lastResponseId: null,
  });
  /** Called when Send finds no key and no proxy for an OpenAI provider: ask the author for one. */
  onNeedsConnection: (() => void) | null = null;
  private readonly pipeline: EditPipeline;
  private controller: AbortController | null = null;
  private previewBitmap: ImageBitmap | null = null;
  private paintedCache: { doc: unknown; version: number | undefined; painted: boolean } = { doc: undefined, version: undefined, painted: false };

  constructor(
    private readonly editor: Editor,
    private readonly notifier: Notifier,
    private readonly form: EditForm,
    private readonly providers: ProviderSet,
    private readonly hasConnection: () => boolean,
    private readonly hooks: ResultHooks = NO_RESULT_HOOKS,
    /** The mask snapshot and the picture's id, shared with the draft and the history. */
    inputs: EditInputs = new EditInputs(editor),
  ) {
    this.pipeline = new EditPipeline({ inputs, repository: hooks, sink: hooks });
  }

  get state(): EditRunState { return this.store.get(); }
  get running(): boolean { return this.state.status === 'running'; }

  providerFor(id: string): EditProvider | null {
    return this.providers[id] ?? null;
  }

  /** Why Submit cannot go now (a message key), or null. */
  blocker(): string | null {
    return this.blocked()?.key ?? null;
  }

  /** The shared reasons first (running, no such provider here, no connection), then the descriptor's own. */
  private blocked(): Blocked | null {
    if (this.running) return { key: 'running' };
    const d = this.form.descriptor();
    if (!d || !this.providerFor(d.id)) return { key: d?.id === 'local-fill' ? 'edit.provider.localMissing' : 'edit.provider.unavailable' };
    if (d.needsConnection && !this.hasConnection()) return { key: 'edit.provider.needsConnection' };
    return d.blocker?.({
      prompt: this.form.state.prompt, options: this.form.jobOptions(), hasImage: this.editor.hasImage, maskPainted: () => this.maskPainted(),
    }) ?? null;
  }

  /**
   * Sends the edit. An identical request answered before (same bytes, prompt, options, endpoint
   * and model) is answered from storage with no request, unless `fresh`. Resolves when it has
   * finished, failed or been cancelled.
   */
  async submit(opts: SubmitOptions = {}): Promise<void> {
    const why = this.blocked();
    if (why) {
      if (why.key !== 'running') this.notifier.push({ kind: 'error', text: why.key as never, params: why.params });
      // Never another provider in its place: the author chose this one.
      if (why.key === 'edit.provider.needsConnection') this.onNeedsConnection?.();
      return;
    }
    const f = this.form.state;
    const provider = this.providerFor(f.providerId)!;
    const api = openaiApiOf(this.form.descriptor()!);
    const image = this.editor.bitmap;
    const ctl = new AbortController();
    this.controller = ctl;
    this.hooks.clear();
    this.setPreview(null);
    this.store.set({ status: 'running', phase: 'preparing', phaseSince: Date.now(), retry: null, partials: 0, output: null, cached: false });
    const options = api ? { ...f.options, previousResponseId: api === 'responses' && f.followUp ? this.state.lastResponseId : null } : this.form.jobOptions();
    const prompt = f.prompt.trim();
    this.hooks.started({ startedAt: Date.now(), prompt, provider: f.providerId, model: api ? f.options.model : provider.id });
    try {
      const job = {
        prompt, image, references: f.references.map((r) => r.blob), options, signal: ctl.signal,
        onEvent: (e: EditEvent) => this.onEvent(e, ctl),
      };
      const run = await this.pipeline.run({ provider, job, fresh: opts.fresh });
      if (this.controller !== ctl) return;
      await this.finish({
        output: run.output, prompt, image, coverage: run.mask?.coverage ?? null, mask: run.mask, cacheKey: run.key,
        endpoint: run.endpoint, cached: run.stored !== null, storedId: run.stored?.id,
      });
    } catch (e) {
      if (this.controller !== ctl) return;
      this.fail(e, ctl.signal.aborted);
    } finally {
      if (this.controller === ctl) {
        this.controller = null;
        this.hooks.ended();
      }
    }
  }

  /** Whether any pixel of the mask is painted (read again only after a committed change). */
  maskPainted(): boolean {
    const doc = this.editor.doc;
    const c = this.paintedCache;
    if (c.doc === doc && c.version === doc?.version) return c.painted;
    let painted = false;
    doc?.forEachTile((_i, cov) => { if (!painted && cov && !isEmpty(cov)) painted = true; });
    this.paintedCache = { doc, version: doc?.version, painted };
    return painted;
  }

  cancel(): void {
    this.controller?.abort();
  }

  private onEvent(e: EditEvent, ctl: AbortController): void {
    if (this.controller !== ctl) return;
    if (e.type === 'progress') {
      if (e.phase !== this.state.phase) this.store.set({ phase: e.phase, phaseSince: Date.now(), retry: null });
      this.store.set({ fraction: e.fraction ?? null });
    } else if (e.type === 'retry') {
      this.store.set({ retry: { attempt: e.attempt, until: Date.now() + e.waitMs, reason: e.reason } });
    } else {
      this.store.set({ partials: this.state.partials + 1, phase: 'generating' });
      void createImageBitmap(e.image).then((bmp) => {
        if (this.controller === ctl) this.setPreview(bmp);
        else bmp.close();
      }, () => { /* a partial that does not decode is skipped */ });
    }
  }

  private async finish(answer: Answer): Promise<void> {
    const { images: _images, ...output } = answer.output;
    this.store.set({
      status: 'done', phase: null, retry: null, output, cached: answer.cached,
      lastResponseId: answer.output.responseId ?? this.state.lastResponseId,
    });
    // store → show: the results view draws the answer over the last partial; the partial's bitmap can go then.
    await this.pipeline.deliver(answer);
    this.dropPartial();
    if (answer.output.revisedPrompt) this.notifier.push({ kind: 'info', text: 'results.revisedPrompt', params: { prompt: answer.output.revisedPrompt } });
  }

  private fail(e: unknown, aborted: boolean): void {
    this.setPreview(null);
    const cancelled = aborted || (e instanceof EditFailure && e.info.kind === 'aborted');
    this.store.set({ status: cancelled ? 'cancelled' : 'failed', phase: null, retry: null });
    if (cancelled) {
      this.notifier.push({ kind: 'info', text: 'openai.error.cancelled' });
      return;
    }
    if (e instanceof EditFailure) {
      const m = describeError(e.info);
      this.notifier.push({ kind: 'error', text: m.key, params: m.params });
    } else if ((e as Error)?.name === 'LocalFillError') {
      // The local fill's errors carry a code with a string of their own (localFill.error.*).
      const key = `localFill.error.${String((e as { code?: unknown }).code)}`;
      this.notifier.push(key in en ? { kind: 'error', text: key as never } : { kind: 'error', text: 'edit.local.failed', params: { reason: (e as Error).message } });
    } else {
      console.error(e);
      this.notifier.push({ kind: 'error', text: 'openai.error.unknown', params: { status: '', message: String((e as Error)?.message ?? e).slice(0, 200) } });
    }
  }

  /** Shows a partial image (or nothing) over the picture; its bitmap is closed when replaced. */
  private setPreview(bmp: ImageBitmap | null): void {
    const old = this.previewBitmap;
    this.previewBitmap = bmp;
    // Nothing shown and nothing to show: no call, since each one redraws the picture's layer
    // (a whole frame's layer upload on every Send, a cache hit's included).
    if (bmp || old || this.editor.state.previewing) this.editor.showPreview(bmp);
    if (old && old !== bmp) old.close();
  }

  /** Forgets the last partial once something else is drawn in its place. */
  private dropPartial(): void {
    this.previewBitmap?.close();
    this.previewBitmap = null;
  }
}
