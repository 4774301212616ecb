import { Store } from '../../core/store.ts';
import { capsFor, isValidModelName } from '../../core/models/lookup.ts';
import { describeError, EditFailure } from '../../core/request/errors.ts';
import { endpointFor } from '../../core/request/options.ts';
import { isEmpty } from '../../core/mask/maskPixels.ts';
import type { EditEvent, EditOutput, EditProvider } from '../../core/provider/types.ts';
import type { Editor } from '../../editor/Editor.ts';
import type { ImageFormat } from '../../core/image/sniff.ts';
import type { Notifier } from '../notifier.ts';
import { en } from '../../ui/i18n/en.ts';
import type { EditForm, ProviderChoice } from './EditForm.ts';

export type EditPhase = Extract<EditEvent, { type: 'progress' }>['phase'];

export interface ResultItem { blob: Blob; url: string }

export interface EditRunState {
  status: 'idle' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: EditPhase | null;
  /** Date.now() when the current phase began (for the elapsed seconds). */
  phaseSince: number;
  retry: { attempt: number; until: number; reason: string } | null;
  /** 0..1 when the provider reports it (the local fill). */
  fraction: number | null;
  partials: number;
  results: ResultItem[];
  /** The result drawn on the canvas, or null for the original. */
  selected: number | null;
  /** What came back besides the images: usage, revised prompt, ids, sizes. */
  output: Omit<EditOutput, 'images'> | null;
  /** Responses API: the last answer, for follow-ups. */
  lastResponseId: string | null;
}

/** The providers the form can choose; `local` is null until the local fill is wired in. */
export interface ProviderSet { local: EditProvider | null; images: EditProvider; responses: EditProvider }

const FORMAT: Record<string, ImageFormat> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp' };

/**
 * Runs edits: takes the image, mask and prompt as they are at Submit, hands them to the chosen
 * provider, shows partial images and results on the canvas, and reports problems. It never
 * changes the image, the mask or the prompt on a failure or a cancel.
 */
export class EditSession {
  readonly store = new Store<EditRunState>({
    status: 'idle', phase: null, phaseSince: 0, retry: null, fraction: null, partials: 0, results: [], selected: null, output: null, lastResponseId: null,
  });
  private controller: AbortController | null = null;
  private previewBitmap: ImageBitmap | null = null;
  private paintedCache: { doc: unknown; version: number | undefined; painted: boolean } = { doc: undefined, version: undefined, painted: false };

  constructor(
    private readonly editor: Editor,
    private readonly notifier: Notifier,
    private readonly form: EditForm,
    private readonly providers: ProviderSet,
    private readonly hasConnection: () => boolean,
  ) {}

  get state(): EditRunState { return this.store.get(); }
  get running(): boolean { return this.state.status === 'running'; }

  providerFor(choice: ProviderChoice): EditProvider | null {
    return choice === 'local' ? this.providers.local : this.providers[choice];
  }

  /** Why Submit cannot go now (a message key), or null. */
  blocker(): string | null {
    const f = this.form.state;
    if (this.running) return 'running';
    if (f.provider === 'local') {
      if (!this.providers.local) return 'edit.provider.localMissing';
      if (!this.editor.hasImage) return 'load.error.no-image';
      return this.maskPainted() ? null : 'edit.local.paintFirst';
    }
    if (!this.hasConnection()) return 'edit.provider.needsConnection';
    if (!isValidModelName(f.options.model)) return 'edit.model.invalid';
    const caps = capsFor(f.options.model);
    const endpoint = endpointFor(f.options, this.editor.hasImage);
    if (endpoint !== 'images.variation' && !f.prompt.trim()) return 'edit.prompt.empty';
    if (f.prompt.length > caps.promptMax) return 'edit.prompt.tooLong';
    // dall-e-2 edits what is transparent; an opaque picture with no mask would be refused.
    if (endpoint === 'images.edit' && caps.input.squarePng && !this.maskPainted()) return 'openai.error.dalleAlpha';
    return null;
  }

  /** Sends the edit. Resolves when it has finished, failed or been cancelled. */
  async submit(): Promise<void> {
    const why = this.blocker();
    if (why) {
      if (why !== 'running') this.notifier.push({ kind: 'error', text: why as never, params: this.blockerParams() });
      return;
    }
    const f = this.form.state;
    const provider = this.providerFor(f.provider)!;
    const image = this.editor.bitmap;
    const coverage = this.editor.doc?.coverage() ?? null;
    const mask = coverage && !isEmpty(coverage) ? coverage : null;
    const ctl = new AbortController();
    this.controller = ctl;
    this.clearResults();
    this.store.set({ status: 'running', phase: 'preparing', phaseSince: Date.now(), retry: null, partials: 0, output: null });
    const options = { ...f.options, previousResponseId: f.provider === 'responses' && f.followUp ? this.state.lastResponseId : null };
    try {
      const out = await provider.edit({
        prompt: f.prompt.trim(), image, mask, references: f.references.map((r) => r.blob), options, signal: ctl.signal,
        onEvent: (e) => this.onEvent(e, ctl),
      });
      if (this.controller !== ctl) return;
      await this.finish(out, image === null);
    } catch (e) {
      if (this.controller !== ctl) return;
      this.fail(e, ctl.signal.aborted);
    } finally {
      if (this.controller === ctl) this.controller = null;
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

  private blockerParams(): Record<string, string | number> {
    const f = this.form.state;
    const caps = capsFor(f.options.model);
    return { count: f.prompt.length, max: caps.promptMax, model: caps.id };
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

  private async finish(out: EditOutput, generated: boolean): Promise<void> {
    const { images, ...rest } = out;
    const results = images.map((blob) => ({ blob, url: URL.createObjectURL(blob) }));
    this.store.set({
      status: 'done', phase: null, retry: null, results, output: rest,
      lastResponseId: out.responseId ?? this.state.lastResponseId,
    });
    if (generated && images[0]) {
      // A generation becomes the picture to paint on.
      const bitmap = await createImageBitmap(images[0]);
      this.setPreview(null);
      this.editor.setImage({
        bitmap, name: 'generated.png', format: FORMAT[images[0].type] ?? 'png', width: bitmap.width, height: bitmap.height,
        notes: [], originalWidth: bitmap.width, originalHeight: bitmap.height,
      });
      this.store.set({ selected: null });
      this.notifier.push({ kind: 'info', text: 'results.generated' });
    } else {
      await this.select(0);
    }
    if (out.revisedPrompt) this.notifier.push({ kind: 'info', text: 'results.revisedPrompt', params: { prompt: out.revisedPrompt } });
  }

  private fail(e: unknown, aborted: boolean): void {
    this.setPreview(null);
    this.store.set({ status: aborted ? 'cancelled' : 'failed', phase: null, retry: null, selected: null });
    if (aborted || (e instanceof EditFailure && e.info.kind === 'aborted')) {
      this.store.set({ status: 'cancelled' });
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

  /** Shows result `index` on the canvas, or the original (null). */
  async select(index: number | null): Promise<void> {
    const item = index === null ? null : this.state.results[index];
    this.store.set({ selected: item ? index : null });
    if (!item) { this.setPreview(null); return; }
    const bmp = await createImageBitmap(item.blob);
    if (this.state.selected !== index) { bmp.close(); return; }
    this.setPreview(bmp, this.state.output?.resultRegion);
  }

  private setPreview(bmp: ImageBitmap | null, region?: EditOutput['resultRegion']): void {
    const old = this.previewBitmap;
    this.previewBitmap = bmp;
    this.editor.showPreview(bmp, region);
    if (old && old !== bmp) old.close();
  }

  private clearResults(): void {
    for (const r of this.state.results) URL.revokeObjectURL(r.url);
    this.setPreview(null);
    this.store.set({ results: [], selected: null });
  }
}
