import { packCoverage, unpackCoverage } from '../../core/results/coverage.ts';
import { isEmpty } from '../../core/mask/maskPixels.ts';
import type { EditOptions } from '../../core/request/options.ts';
import type { Editor } from '../../editor/Editor.ts';
import type { ImageInfo } from '../../editor/types.ts';
import { decodeStored } from '../../services/imageDecoder.ts';
import { isQuotaError } from '../../services/storage/backend.ts';
import type { ResultStore } from '../../services/storage/index.ts';
import type { DownloadFormat } from '../../services/composite/encode.ts';
import type { EditForm, ProviderChoice } from '../edit/EditForm.ts';
import type { InFlight } from '../edit/EditSession.ts';
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
    provider: ProviderChoice;
    providerAuto: boolean;
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
  /** Storage key of the draft ('current'; the embedded editor keeps its own). */
  name?: string;
  /** Quiet time after the last change before saving (ms). */
  delayMs?: number;
}

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
  /** The parts already encoded, kept while they do not change. */
  private image: { info: ImageInfo | null; value: Draft['image'] } = { info: null, value: null };
  private mask: { version: number; doc: unknown; value: Blob | null } = { version: -1, doc: null, value: null };
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
    let image = editor.state.image;
    let version = editor.state.maskVersion;
    editor.store.subscribe(() => {
      const s = editor.state;
      if (s.image !== image) { image = s.image; this.schedule(0); } else if (s.maskVersion !== version) { version = s.maskVersion; this.schedule(); }
    });
    form.store.subscribe(() => this.schedule());
    results.store.subscribe(() => this.schedule());
    this.schedule(0);
  }

  /** Marks a request as under way (saved at once) or ended. */
  setInFlight(run: InFlight | null): void {
    this.inflight = run;
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
    const { form, results } = this.deps;
    await store.exclusive(async () => {
      const f = form.state;
      const refs = [];
      for (const r of f.references) refs.push({ name: r.name, hash: await this.refHash(store, r.blob) });
      const rs = results.state;
      const draft: Draft = {
        v: 1, savedAt: Date.now(), image: await this.imagePart(store), mask: this.maskPart(),
        form: { provider: f.provider, providerAuto: f.providerAuto, prompt: f.prompt, options: f.options, customModel: f.customModel, references: refs },
        results: { keepOutside: rs.keepOutside, feather: rs.feather, format: rs.format, roundId: rs.round?.id ?? null, selected: rs.selected },
        baseId: results.baseId, inflight: this.inflight,
      };
      await store.saveDraft(this.name, draft);
    });
  }

  private async imagePart(store: ResultStore): Promise<Draft['image']> {
    const { editor } = this.deps;
    const info = editor.state.image;
    if (info === this.image.info && this.image.value) {
      // Still the same picture: make sure its bytes are stored (the history may have dropped them).
      if (await store.getBlob(this.image.value.hash)) return this.image.value;
    }
    const src = editor.source;
    let value: Draft['image'] = null;
    if (info && src) {
      const hash = await store.putBlob(await sourceBlob(src));
      const { notes: _notes, ...meta } = info;
      value = { ...meta, hash, ...(src.resize ? { resize: src.resize } : {}) };
    }
    if (editor.state.image === info) this.image = { info, value };
    return value;
  }

  private maskPart(): Blob | null {
    const doc = this.deps.editor.doc;
    if (!doc) return null;
    if (this.mask.doc === doc && this.mask.version === doc.version) return this.mask.value;
    const coverage = doc.coverage();
    const value = isEmpty(coverage) ? null : new Blob([packCoverage(coverage, doc.width, doc.height)], { type: COVERAGE_TYPE });
    this.mask = { doc, version: doc.version, value };
    return value;
  }

  private async refHash(store: ResultStore, blob: Blob): Promise<string> {
    const known = this.refHashes.get(blob);
    if (known && await store.getBlob(known)) return known;
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

  /** The stored draft, as it is before this page saves over it. */
  async load(): Promise<Draft | null> {
    const draft = await (await this.deps.store).loadDraft<Draft>(this.name);
    return draft?.v === 1 ? draft : null;
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
      editor.setImage({ ...meta, bitmap, notes: [], source: resize ? { blob, resize } : { blob } });
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
    const packed = mask && img && draft.mask ? unpackCoverage(new Uint8Array(await draft.mask.arrayBuffer())) : null;
    const info = editor.state.image;
    if (packed && info && packed.width === info.width && packed.height === info.height) editor.loadMaskCoverage(packed.coverage);
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
