import { Store } from '../../core/store.ts';
import { DEFAULT_HISTORY_LIMITS, historyLimitsFrom, outputFromRecord, type HistoryLimits } from '../../core/results/record.ts';
import { loadConfig } from '../config.ts';
import { unpackCoverage } from '../../core/results/coverage.ts';
import type { Answer, StoredAnswer } from '../pipeline/ports.ts';
import type { Editor } from '../../editor/Editor.ts';
import { decodeStored } from '../../services/imageDecoder.ts';
import { decodedBitmap } from '../../services/composite/decoded.ts';
import { isQuotaError, memoryBackend } from '../../services/storage/backend.ts';
import { openResultStore, ResultStore, type EvictionReason, type StorageMode } from '../../services/storage/index.ts';
import { localJournal } from '../../services/storage/journal.ts';
import type { EditSession, InFlight, ResultHooks } from '../edit/EditSession.ts';
import { EditInputs } from '../edit/EditInputs.ts';
import { picturesOf } from '../pipeline/pictures.ts';
import type { EditForm } from '../edit/EditForm.ts';
import type { Notifier } from '../notifier.ts';
import { DraftKeeper, type Draft, type Restored } from './DraftKeeper.ts';
import { HistoryController } from './HistoryController.ts';
import { formatOf, ResultsController, type Round } from './ResultsController.ts';
import { saveRound, sourceBlob, type SentPicture } from './records.ts';

export interface ResultServiceOptions {
  /**
   * Where results, history and drafts live: 'indexeddb' (the app: IndexedDB where it works,
   * else memory, and the user is told), 'memory' (the default: tests and builds that keep
   * nothing), or a store of the caller's.
   */
  storage?: 'indexeddb' | 'memory' | ResultStore | Promise<ResultStore>;
  /** Framed in a host page: the draft is kept apart and not put back on start (the host opens the picture). */
  embedded?: boolean;
  /** Quiet time before a draft is saved (ms). */
  draftDelayMs?: number;
  /** How much history is kept (default: config.json's `history` with 'indexeddb', else the newest 100 edits within 1 GiB). */
  historyLimits?: HistoryLimits;
}

/**
 * Everything after an edit comes back: the results over the picture, the cache that answers a
 * repeated request with no request, the history, and the draft that survives a reload. The edit
 * session reaches it through {@link ResultHooks}.
 */
export class ResultServices implements ResultHooks {
  readonly results: ResultsController;
  readonly history: HistoryController;
  readonly storage: Promise<ResultStore>;
  /** Storage mode once open (null before). */
  readonly ui = new Store<{ mode: StorageMode | null }>({ mode: null });
  private drafts: DraftKeeper | null = null;
  private edit: { form: EditForm; session: EditSession } | null = null;
  private sent: { picture: SentPicture | null; parentId: string | null } = { picture: null, parentId: null };
  private saving: Promise<unknown> = Promise.resolve();
  private starting: Promise<void> | null = null;
  /** How much history is kept: the option, else config.json's `history` (read at start), else the defaults. */
  private limits: HistoryLimits;
  /** The round on screen when a request started: it comes back if the request fails or is cancelled. */
  private before: { id: string; selected: number | null; image: unknown } | null = null;

  /**
   * `inputs`: the mask snapshots and picture id the edit session uses too (one per app; by
   * default this one's own).
   */
  constructor(
    private readonly editor: Editor, private readonly notifier: Notifier, private readonly opts: ResultServiceOptions = {},
    readonly inputs: EditInputs = new EditInputs(editor),
  ) {
    this.limits = opts.historyLimits ?? DEFAULT_HISTORY_LIMITS;
    this.results = new ResultsController(editor, notifier);
    let toldLimit = false;
    const onEvicted = (count: number, reason: EvictionReason) => {
      if (reason === 'full') this.notifier.push({ kind: 'warning', text: 'storage.evicted', params: { count } });
      // Routine once the history is full: said once a session.
      else if (!toldLimit) {
        toldLimit = true;
        const { maxEntries, maxBytes } = this.limits;
        this.notifier.push({ kind: 'info', text: 'storage.limited', params: { count: maxEntries, size: `${Math.round(maxBytes / 1048576)} MB` } });
      }
    };
    const s = opts.storage ?? 'memory';
    const store = s === 'indexeddb' ? openResultStore() : s === 'memory' ? new ResultStore(memoryBackend(), 'memory') : s;
    this.storage = Promise.resolve(store).then((st) => { st.onEvicted = onEvicted; st.limits = this.limits; return st; });
    this.history = new HistoryController(this.storage, notifier, (id) => this.openRecord(id));
  }

  /** Connects the edit form and session (built after this, since the session reports here). */
  bind(edit: { form: EditForm; session: EditSession }): void {
    this.edit = edit;
    this.drafts = new DraftKeeper({
      store: this.storage, editor: this.editor, form: edit.form, results: this.results, notifier: this.notifier, inputs: this.inputs,
      name: this.opts.embedded ? 'embedded' : 'current', delayMs: this.opts.draftDelayMs,
      journal: this.opts.storage === 'indexeddb' ? localJournal() : null,
    });
  }

  get draftKeeper(): DraftKeeper | null { return this.drafts; }

  /**
   * Opens storage, says if it is only in memory, puts the last draft back (not when embedded),
   * then saves the work as it changes. Call after the edit form has its defaults.
   */
  start(): Promise<void> {
    this.starting ??= (async () => {
      const store = await this.storage;
      if (!this.opts.historyLimits && this.opts.storage === 'indexeddb') store.limits = this.limits = historyLimitsFrom((await loadConfig()).history);
      this.ui.set({ mode: store.mode });
      if (store.mode === 'memory' && this.opts.storage === 'indexeddb') this.notifier.push({ kind: 'warning', text: 'storage.memory' });
      if (!this.opts.embedded) {
        const restored = await this.drafts?.restore().catch((e: unknown) => { console.error(e); return null; });
        if (restored) await this.afterRestore(restored);
      } else {
        const left = await this.drafts?.load().catch(() => null);
        if (left?.image && (left.mask || left.form.prompt)) this.offerWhenReopened(left);
      }
      this.drafts?.start();
    })();
    return this.starting;
  }

  // ---- hooks of the edit session ----

  async lookup(key: string): Promise<StoredAnswer | null> {
    const rec = await (await this.storage).lookup(key);
    if (!rec) return null;
    // The answer is shown next: its decode (off the main thread) starts now, beside the rest.
    if (rec.blobs[0]) void decodedBitmap(rec.blobs[0]).catch(() => undefined);
    return { id: rec.id, output: outputFromRecord(rec, rec.blobs) };
  }

  started(run: InFlight): void {
    const info = this.editor.state.image;
    const source = this.editor.source ?? null;
    this.sent = {
      picture: info && this.editor.hasImage ? { source, name: info.name, width: info.width, height: info.height } : null,
      parentId: this.results.baseId,
    };
    this.drafts?.setInFlight(run, this.before && { id: this.before.id, selected: this.before.selected });
  }

  ended(): void {
    this.drafts?.setInFlight(null);
    const before = this.before;
    this.before = null;
    if (before && this.edit?.session.state.status !== 'done') void this.putBack(before);
  }

  clear(): void {
    const { round, selected } = this.results.state;
    this.before = round?.kind === 'edit' ? { id: round.id, selected, image: this.editor.state.image } : null;
    this.results.clear();
  }

  /** Keeps a new answer (its results, thumbnail, picture, mask and record); failures are reported here, once. */
  save(a: Answer, id: string): Promise<void> {
    const { picture, parentId } = this.sent;
    const stored = this.storage.then((store) => saveRound(store, id, a, picture, parentId));
    this.saving = stored
      .then(async () => { if (this.history.state.open) await this.history.refresh(); })
      .catch((e: unknown) => this.reportSaveError(e));
    return stored.then(() => undefined);
  }

  /** Shows an answer over the picture it was made from (a generated picture becomes the picture). */
  async show(a: Answer, id: string): Promise<void> {
    this.before = null;
    if (a.image && this.editor.bitmap !== a.image) {
      // Another picture was opened while this one was being edited: keep the answer, do not lay it on the wrong picture.
      this.notifier.push({ kind: 'info', text: 'results.elsewhere', params: { name: this.sent.picture?.name ?? '' } });
      return;
    }
    const { images, ...output } = a.output;
    const round: Round = {
      id, kind: a.image ? 'edit' : 'generate', prompt: a.prompt, output, coverage: a.coverage, mask: a.mask ?? null, cached: a.cached,
      results: images.map((blob) => ({ blob, url: URL.createObjectURL(blob) })),
    };
    await this.results.show(round, 0);
    if (round.kind === 'generate') this.notifier.push({ kind: 'info', text: 'results.generated' });
  }

  /** Resolves once the last answer is stored (tests; the history refreshes itself). */
  async settled(): Promise<void> {
    await this.saving;
    await this.drafts?.flush();
  }

  // ---- history ----

  /**
   * Opens a past edit: its picture and mask come back as they were sent, with its prompt, and its
   * results over the picture to view, compare or continue from.
   */
  async openRecord(id: string, opts: { setPicture?: boolean; select?: number | null } = {}): Promise<void> {
    const store = await this.storage;
    const rec = await store.getHistory(id);
    const blobs = rec ? await Promise.all(rec.results.map((r) => store.getBlob(r.hash))) : [];
    const source = rec?.source.imageHash ? await store.getBlob(rec.source.imageHash) : undefined;
    if (!rec || !blobs.length || blobs.some((b) => !b) || ((rec.kind ?? 'edit') === 'edit' && !source && opts.setPicture !== false)) {
      this.notifier.push({ kind: 'error', text: 'history.missing' });
      return;
    }
    const packed = rec.source.maskHash ? await store.getBlob(rec.source.maskHash) : undefined;
    const coverage = packed ? unpackCoverage(new Uint8Array(await packed.arrayBuffer()))?.coverage ?? null : null;
    const kind = rec.kind ?? 'edit';
    if (kind === 'edit' && opts.setPicture !== false && source) {
      const { resize } = rec.source;
      const bitmap = await decodeStored(source, resize);
      this.editor.setImage({
        bitmap, name: rec.source.name, format: formatOf(source.type), width: bitmap.width, height: bitmap.height, notes: [],
        originalWidth: bitmap.width, originalHeight: bitmap.height, source: resize ? { blob: source, resize } : { blob: source },
      });
      if (coverage && coverage.length === bitmap.width * bitmap.height) this.editor.loadMaskCoverage(coverage);
      this.results.baseId = rec.parentId ?? null;
      this.edit?.form.setPrompt(rec.prompt);
      this.notifier.push({ kind: 'info', text: 'history.opened', params: { date: new Date(rec.createdAt) } });
    }
    const { images: _images, ...output } = outputFromRecord(rec, blobs as Blob[]);
    const round: Round = {
      id: rec.id, kind, prompt: rec.prompt, output, coverage, cached: false,
      results: (blobs as Blob[]).map((blob) => ({ blob, url: URL.createObjectURL(blob) })),
    };
    if (this.history.state.open && matchMedia('(max-width: 820px)').matches) await this.history.setOpen(false);
    await this.results.show(round, opts.select === undefined ? 0 : opts.select);
  }

  /** After a failed or cancelled request, the results that were on screen come back (from the history). */
  private async putBack(before: { id: string; selected: number | null; image: unknown }): Promise<void> {
    await this.saving;
    const store = await this.storage;
    if (this.editor.state.image !== before.image || this.results.state.round || this.edit?.session.running || !(await store.getHistory(before.id))) return;
    await this.openRecord(before.id, { setPicture: false, select: before.selected });
  }

  private async afterRestore({ draft, picture }: Restored): Promise<void> {
    const roundId = draft.results.roundId;
    if (picture && roundId && draft.image) {
      const rec = await (await this.storage).getHistory(roundId);
      if (rec && rec.source.imageHash === draft.image.hash && (rec.kind ?? 'edit') === 'edit') {
        await this.openRecord(roundId, { setPicture: false, select: draft.results.selected });
      }
    }
    if (picture || draft.form.prompt) {
      this.notifier.push({ kind: 'info', text: 'draft.restored', params: { time: new Date(draft.savedAt) } });
    }
    const run = draft.inflight;
    if (run) {
      const id = this.notifier.push({
        kind: 'warning', text: 'draft.interrupted', params: { time: new Date(run.startedAt), model: run.model },
        actions: [{ label: 'draft.retry', run: () => { this.notifier.dismiss(id); void this.edit?.session.submit(); } }],
      });
    }
  }

  /**
   * Embedded, the host opens the picture. If it opens the very picture (same bytes) the author
   * had unsaved work on when the frame went away, offer that work back: the mask, prompt and
   * options (the host may have sent its own, so it is not put back unasked).
   */
  private offerWhenReopened(draft: Draft): void {
    const stop = picturesOf(this.editor).onOpened(() => {
      const info = this.editor.state.image;
      const src = this.editor.source;
      if (!src) return;
      void sourceBlob(src).then(async (blob) => {
        // Hashed once: the draft saving this picture next reuses the hash.
        if (await (await this.storage).hashOf(blob) !== draft.image?.hash || this.editor.state.image !== info) return;
        stop();
        const id = this.notifier.push({
          kind: 'info', text: 'draft.offer', params: { time: new Date(draft.savedAt) },
          actions: [{ label: 'draft.restore', run: () => { this.notifier.dismiss(id); if (this.editor.state.image === info) void this.drafts?.applyTo(draft); } }],
        });
      });
    });
  }

  private reportSaveError(e: unknown): void {
    if (isQuotaError(e)) this.notifier.push({ kind: 'error', text: 'storage.fullHistory' });
    else this.notifier.push({ kind: 'error', text: 'storage.failed', params: { reason: String((e as Error)?.message ?? e) } });
  }
}
