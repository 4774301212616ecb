import { unpackCoverage } from '../../core/results/coverage.ts';
import type { MaskSnapshot } from '../../core/mask/snapshot.ts';
import type { EditOptions } from '../../core/openai/request/options.ts';
import type { Editor } from '../../editor/Editor.ts';
import type { ImageInfo } from '../../editor/types.ts';
import { decodeStored } from '../../services/imageDecoder.ts';
import { isQuotaError } from '../../services/storage/backend.ts';
import type { ResultStore } from '../../services/storage/index.ts';
import type { DraftJournal } from '../../services/storage/journal.ts';
import { base64ToBytes, bytesToBase64 } from '../../core/base64.ts';
import type { DownloadFormat } from '../../core/results/downloadFormat.ts';
import type { EditForm } from '../edit/EditForm.ts';
import type { InFlight } from '../edit/EditSession.ts';
import type { EditInputs } from '../edit/EditInputs.ts';
import { picturesOf } from '../pipeline/pictures.ts';
import type { Notifier } from '../notifier.ts';
import { COVERAGE_TYPE, sourceBlob } from './records.ts';
import type { ResultsController } from './ResultsController.ts';

/** The work in progress as stored: it comes back after a reload or a crash. */
export interface Draft {
  v: 1;
  savedAt: number;
  /** The picture: its stored bytes' hash and how they decode (null: none open, or none storable). */
  image: (Omit<ImageInfo, 'notes'> & { hash: string; resize?: { width: number; height: number } }) | null;
  /** The mask's exact coverage, packed (core/results/coverage.ts); null when nothing is painted. */
  mask: Blob | null;
  form: {
    /** The provider's descriptor id. */
    providerId?: string;
    /** Drafts saved before providers were descriptors: 'local', 'images' or 'responses' (EditForm.restore maps them). */
    provider?: string;
    providerAuto: boolean;
    /** Schema fields of providers other than OpenAI's, by provider id. */
    providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
    prompt: string;
    options: EditOptions;
    customModel: boolean;
    references: { name: string; hash: string }[];
  };
  results: { keepOutside: boolean; feather: number; format: DownloadFormat; roundId: string | null; selected: number | null };
  /** The history record the picture was continued from. */
  baseId: string | null;
  /** A request that was under way when this was saved. */
  inflight: InFlight | null;
}

export interface DraftDeps {
  store: Promise<ResultStore>;
  editor: Editor;
  form: EditForm;
  results: ResultsController;
  notifier: Notifier;
  /** The mask snapshot per version, shared with the edit session and the history. */
  inputs: EditInputs;
  /** Storage key of the draft ('current'; the embedded editor keeps its own). */
  name?: string;
  /** Quiet time after the last change before saving (ms). */
  delayMs?: number;
  /** Where the draft's small parts go synchronously when the page is hidden or goes (none: nothing). */
  journal?: DraftJournal | null;
}

/** The draft as journalled: the packed mask as base64 (local storage holds strings). */
type Journalled = Omit<Draft, 'mask'> & { mask: string | null };

/** The round that was on screen when a request started (kept in the draft while it runs). */
export interface HeldRound { id: string; selected: number | null }

/** What a restore brought back, for the caller to finish (the round, the interrupted request). */
export interface Restored { draft: Draft; picture: boolean }

/**
 * Saves the work as it changes — the picture when it changes, the mask at the end of a stroke,
 * the prompt and options as they are edited — debounced, and never on a pointer move: strokes
 * commit once at pointer-up, and only then does the mask's version change.
 */
export class DraftKeeper {
  private readonly name: string;
  private readonly delay: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Changes not saved yet. */
  private pending = false;
  private saving: Promise<void> | null = null;
  private again = false;
  private started = false;
  private inflight: InFlight | null = null;
  private held: HeldRound | null = null;
  /** When the journal was last written (0: it holds nothing newer than the stored draft). */
  private journalled = 0;
  /** The page is going away (until a 'pageshow' says it stayed). */
  private leaving = false;
  /** The parts already encoded, kept while they do not change. */
  private image: { info: ImageInfo | null; value: Draft['image'] } = { info: null, value: null };
  private mask: { snap: MaskSnapshot | null; value: Blob | null } = { snap: null, value: null };
  private readonly refHashes = new WeakMap<Blob, string>();
  private warned = 0;

  constructor(private readonly deps: DraftDeps) {
    this.name = deps.name ?? 'current';
    this.delay = deps.delayMs ?? 400;
  }

  /** Starts saving on changes (after any restore, so an empty start never overwrites a draft). */
  start(): void {
    if (this.started) return;
    this.started = true;
    const { editor, form, results } = this.deps;
    // A new picture is saved at once; a stroke after a quiet time (the version that came with the picture is not a stroke).
    let version = editor.state.maskVersion;
    picturesOf(editor).onOpened(() => { version = editor.state.maskVersion; this.schedule(0); });
    editor.store.subscribe(() => {
      if (editor.state.maskVersion !== version) { version = editor.state.maskVersion; this.schedule(); }
    });
    form.store.subscribe(() => this.schedule());
    // Only what the draft keeps: a divider dragged or a composite under way is not a change to save.
    let kept = results.state;
    results.store.subscribe(() => {
      const r = results.state;
      if (r.round === kept.round && r.selected === kept.selected && r.keepOutside === kept.keepOutside && r.feather === kept.feather && r.format === kept.format) return;
      kept = r;
      this.schedule();
    });
    this.schedule(0);
    // The page may go at any moment (a reload, a closed tab): write what changed at once.
    if (this.deps.journal && typeof addEventListener === 'function') {
      // A journal left by the last page goes with the first draft this one stores.
      if (this.deps.journal.read(this.name)) this.journalled = 1;
      // Leaving cancels the request under way before 'pagehide': it is remembered as interrupted,
      // not as ended. A page still here a second after 'beforeunload' did not go after all.
      addEventListener('beforeunload', () => {
        this.leaving = true;
        this.journalNow();
        setTimeout(() => { this.leaving = false; }, 1000);
      });
      addEventListener('pagehide', () => { this.leaving = true; this.journalNow(); });
      addEventListener('pageshow', () => { this.leaving = false; });
      document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') this.journalNow(); });
    }
  }

  /**
   * Marks a request as under way (saved at once) or ended. `held`: the round that was on screen
   * when it started, kept as the draft's round meanwhile (it comes back after a reload).
   */
  setInFlight(run: InFlight | null, held: HeldRound | null = null): void {
    if (this.leaving && !run) return; // ended by the page going away: it was interrupted
    this.inflight = run;
    this.held = run ? held : null;
    if (this.started) this.schedule(0);
  }

  /** Saves now what is pending (tests; before the page goes away). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) await this.save();
    while (this.saving) await this.saving;
  }

  private schedule(ms = this.delay): void {
    clearTimeout(this.timer);
    this.pending = true;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Packing a big mask takes a moment: do it when the page is idle (soon, in any case).
      if (ms > 0 && typeof requestIdleCallback === 'function') requestIdleCallback(() => this.due(), { timeout: 1000 });
      else this.due();
    }, ms);
  }

  /** Saves unless a newer change has restarted the wait (its own timer will save). */
  private due(): void {
    if (this.timer === undefined && this.pending) void this.save();
  }

  private async save(): Promise<void> {
    if (this.saving) { this.again = true; return this.saving; }
    this.saving = (async () => {
      do {
        this.again = false;
        this.pending = false;
        try {
          await this.write();
        } catch (e) {
          this.report(e);
        }
      } while (this.again);
    })();
    try {
      await this.saving;
    } finally {
      this.saving = null;
    }
  }

  private async write(): Promise<void> {
    const store = await this.deps.store;
    await store.exclusive(async () => {
      const refs = [];
      for (const r of this.deps.form.state.references) refs.push({ name: r.name, hash: await this.refHash(store, r.blob) });
      const image = await this.imagePart(store);
      this.maskPart();
      const draft = this.snapshot(image, this.mask.value, refs);
      await store.saveDraft(this.name, draft);
      // The stored draft is now as new as the journal (or newer): the journal is done with.
      if (this.journalled && draft.savedAt >= this.journalled) {
        this.journalled = 0;
        this.deps.journal?.clear(this.name);
      }
    });
  }

  /** The draft as it is now, from its parts. */
  private snapshot<M>(image: Draft['image'], mask: M, references: Draft['form']['references']): Omit<Draft, 'mask'> & { mask: M } {
    const f = this.deps.form.state;
    const { results } = this.deps;
    const rs = results.state;
    const round = rs.round ? { roundId: rs.round.id, selected: rs.selected } : { roundId: this.held?.id ?? null, selected: this.held?.selected ?? null };
    return {
      v: 1, savedAt: Date.now(), image, mask,
      form: { providerId: f.providerId, providerAuto: f.providerAuto, providerOptions: f.providerOptions, prompt: f.prompt, options: f.options, customModel: f.customModel, references },
      results: { keepOutside: rs.keepOutside, feather: rs.feather, format: rs.format, ...round },
      baseId: results.baseId, inflight: this.inflight,
    };
  }

  /**
   * Writes the draft to the journal, synchronously, for a page that is going away: everything but
   * the picture's bytes, which must already be stored (a picture opened a moment ago and not yet
   * stored is not journalled). The mask is the committed one: a stroke being drawn is left out.
   */
  private journalNow(): void {
    const { editor, journal } = this.deps;
    const info = editor.state.image;
    if (!journal || (!this.pending && !this.saving) || !info || this.image.info !== info || !this.image.value) return;
    const references: Draft['form']['references'] = [];
    for (const r of this.deps.form.state.references) {
      const hash = this.refHashes.get(r.blob);
      if (!hash) return;
      references.push({ name: r.name, hash });
    }
    // Packed once for both: the save that follows reuses it.
    this.maskPart();
    const packed = this.mask.snap?.packed ?? null;
    const entry: Journalled = this.snapshot(this.image.value, packed ? bytesToBase64(packed) : null, references);
    if (journal.write(this.name, entry)) this.journalled = entry.savedAt;
    void this.flush();
  }

  private async imagePart(store: ResultStore): Promise<Draft['image']> {
    const { editor } = this.deps;
    const info = editor.state.image;
    const src = editor.source;
    let value: Draft['image'] = null;
    if (info && src) {
      // Put on every save: the history may have dropped the bytes (the store hashes a blob once).
      const hash = await store.putBlob(await sourceBlob(src));
      const { notes: _notes, ...meta } = info;
      value = { ...meta, hash, ...(src.resize ? { resize: src.resize } : {}) };
    }
    if (editor.state.image === info) this.image = { info, value };
    return value;
  }

  /** The committed mask, packed: the version's snapshot (the same one a Send and the history use). */
  private maskPart(): void {
    const snap = this.deps.inputs.mask();
    if (snap === this.mask.snap) return;
    // The compositor's seam for this version is worked out here too, while the page is idle: a
    // result shown over this mask later (a cache hit) finds it done.
    const { keepOutside, feather } = this.deps.results.state;
    if (keepOutside) snap?.seam(feather);
    const packed = snap?.packed ?? null;
    this.mask = { snap, value: packed ? new Blob([packed], { type: COVERAGE_TYPE }) : null };
  }

  private async refHash(store: ResultStore, blob: Blob): Promise<string> {
    const hash = await store.putBlob(blob);
    this.refHashes.set(blob, hash);
    return hash;
  }

  private report(e: unknown): void {
    // Once a minute at most: a full disk would otherwise say so on every stroke.
    if (Date.now() - this.warned < 60_000) return;
    this.warned = Date.now();
    if (isQuotaError(e)) this.deps.notifier.push({ kind: 'error', text: 'storage.fullDraft' });
    else this.deps.notifier.push({ kind: 'error', text: 'storage.failed', params: { reason: String((e as Error)?.message ?? e) } });
  }

  /**
   * The draft as it was when the page last went: the stored one, or the journal when that is
   * newer and its picture is stored (before this page saves over either).
   */
  async load(): Promise<Draft | null> {
    const store = await this.deps.store;
    const stored = await store.loadDraft<Draft>(this.name);
    const draft = stored?.v === 1 ? stored : null;
    const j = this.deps.journal?.read<Journalled>(this.name);
    if (j?.v === 1 && j.image && j.savedAt > (draft?.savedAt ?? 0) && await store.getBlob(j.image.hash)) {
      return { ...j, mask: j.mask ? new Blob([base64ToBytes(j.mask)], { type: COVERAGE_TYPE }) : null };
    }
    return draft;
  }

  /**
   * Brings the stored draft back: the picture (decoded as it was first opened), the exact mask,
   * the prompt, options and references, the result settings. Nothing is replaced if a picture
   * was opened meanwhile. Returns what was restored, or null when there was nothing.
   */
  async restore(): Promise<Restored | null> {
    const store = await this.deps.store;
    const draft = await this.load();
    if (!draft) return null;
    const { editor, results } = this.deps;
    let picture = false;
    const img = draft.image;
    const blob = img ? await store.getBlob(img.hash) : undefined;
    if (img && blob && !editor.hasImage) {
      const bitmap = await decodeStored(blob, img.resize);
      if (editor.hasImage) { bitmap.close(); return null; }
      const { hash: _hash, resize, ...meta } = img;
      editor.setImage({ ...meta, bitmap, notes: [], source: resize ? { blob, resize } : { blob } }, 'draft');
      results.baseId = draft.baseId;
      picture = true;
    }
    await this.applyTo(draft, picture);
    return { draft, picture };
  }

  /**
   * Puts a draft's work back over the picture open now (which is the draft's): the exact mask
   * (when `mask`), the prompt, options and references, the result settings.
   */
  async applyTo(draft: Draft, mask = true): Promise<void> {
    const store = await this.deps.store;
    const { editor, form, results } = this.deps;
    const img = draft.image;
    const bytes = mask && img && draft.mask ? new Uint8Array(await draft.mask.arrayBuffer()) : null;
    const packed = bytes && unpackCoverage(bytes);
    const info = editor.state.image;
    const doc = editor.doc;
    if (packed && info && doc && packed.width === info.width && packed.height === info.height) {
      editor.loadMaskCoverage(packed.coverage);
      // These bytes are this mask packed: its snapshot starts with them rather than packing it again.
      this.mask = { snap: this.deps.inputs.masks.seed(doc, packed.coverage, bytes!), value: draft.mask };
    }
    const references = [];
    for (const r of draft.form.references ?? []) {
      const b = await store.getBlob(r.hash);
      if (b) references.push({ name: r.name, blob: b });
    }
    form.restore({ ...draft.form, references });
    const rs = draft.results;
    results.store.set({ keepOutside: rs.keepOutside, feather: rs.feather, format: rs.format });
  }
}
