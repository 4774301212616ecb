import { Store } from '../../core/store.ts';
import type { EditOutput } from '../../core/provider/types.ts';
import type { Editor } from '../../editor/Editor.ts';
import type { ImageFormat } from '../../core/image/sniff.ts';
import { layBack, layBackPatch, type LayBackOptions, type Patch } from '../../services/composite/layBack.ts';
import { encodePicture } from '../../services/composite/encode.ts';
import { decodedBitmap, releaseDecoded } from '../../services/composite/decoded.ts';
import { FORMAT_EXT, type DownloadFormat } from '../../core/results/downloadFormat.ts';
import { canvasToPng } from '../../canvas/exportPng.ts';
import { decodeStored } from '../../services/imageDecoder.ts';
import { derivedName, downloadBlob } from '../../services/download.ts';
import type { Notifier } from '../notifier.ts';
import type { MaskSnapshot } from '../../core/mask/snapshot.ts';
import { picturesOf } from '../pipeline/pictures.ts';

/** One round of results: what came back for one request, and what it was made from. */
export interface Round {
  /** Its history record's id. */
  id: string;
  /** `edit`: laid back over the picture; `generate`: new pictures (one of them is the picture). */
  kind: 'edit' | 'generate';
  prompt: string;
  output: Omit<EditOutput, 'images'>;
  results: { blob: Blob; url: string }[];
  /** The mask as sent (full size, 255 = painted); null when nothing was painted. */
  coverage: Uint8Array | null;
  /** Its snapshot when the round was sent from here (painted box and seam weights, worked out once). */
  mask?: MaskSnapshot | null;
  /** Answered from storage: no request was made. */
  cached: boolean;
}

export interface ResultsState {
  round: Round | null;
  /** The result on the canvas (laid back), or null for the original. Generate: the one that is the picture. */
  selected: number | null;
  /** Outside the mask, the original bit for bit (on by default); off uses the whole result. */
  keepOutside: boolean;
  /** Seam width in image pixels, inside the mask. */
  feather: number;
  compare: boolean;
  /** Where the before/after divider is, as a fraction of the canvas width. */
  divider: number;
  /** Compositing under way. */
  working: boolean;
  format: DownloadFormat;
}

export const DEFAULT_FEATHER = 8;
export const MAX_FEATHER = 64;

/** The format of a stored picture, from its MIME type (PNG when it is none of the others). */
export const formatOf = (type: string): ImageFormat => (type === 'image/jpeg' ? 'jpeg' : type === 'image/webp' ? 'webp' : 'png');

/**
 * The results of the last request over the picture: picks one, lays it back at full resolution
 * (outside the mask the original, bit for bit, unless asked otherwise), compares before and
 * after in the editor's own view, continues from a result, downloads it.
 */
export class ResultsController {
  readonly store = new Store<ResultsState>({
    round: null, selected: null, keepOutside: true, feather: DEFAULT_FEATHER, compare: false, divider: 0.5, working: false, format: 'png',
  });
  /** The history record the open picture came from: the next round continues from it. */
  baseId: string | null = null;
  /** What the round the picture was continued from said (provider, model, usage): for the embed's result. */
  baseOutput: Omit<EditOutput, 'images'> | null = null;
  private composite: { key: string; canvas: OffscreenCanvas } | null = null;
  /** What is on screen for the picked result: its patch, or a copy of the whole result. */
  private shown: { key: string; patch: Patch | null; whole: OffscreenCanvas | null } | null = null;
  private ticket = 0;

  constructor(private readonly editor: Editor, private readonly notifier: Notifier) {
    picturesOf(editor).onOpened(({ cause }) => {
      // A picture the results opened themselves (a result continued from or picked) keeps them.
      if (cause === 'result') return;
      // Another picture: the results and the round it continued from belong to the old one.
      this.baseId = null;
      this.baseOutput = null;
      this.clear();
    });
  }

  get state(): ResultsState { return this.store.get(); }

  /** Shows a round: an edit's first result laid back over the picture, or a generated picture as the picture. */
  async show(round: Round, index: number | null = 0): Promise<void> {
    this.release();
    this.store.set({ round, selected: null, compare: false });
    if (round.kind === 'generate') {
      if (index !== null) await this.usePicture(index);
      return;
    }
    await this.select(index);
  }

  /** Takes the round off the canvas and forgets it (it stays in the history). */
  clear(): void {
    this.ticket++;
    this.release();
    if (this.editor.state.previewing) this.editor.showPreview(null);
    this.store.set({ round: null, selected: null, compare: false, working: false });
  }

  /** Shows result `index` laid back over the picture, or the original (null). Generate rounds: makes it the picture. */
  async select(index: number | null): Promise<void> {
    const round = this.state.round;
    if (!round) return;
    if (round.kind === 'generate') {
      if (index !== null && index !== this.state.selected) await this.usePicture(index);
      return;
    }
    const t = ++this.ticket;
    if (index === null || !round.results[index]) {
      this.store.set({ selected: null, compare: false, working: false });
      this.editor.showPreview(null);
      return;
    }
    this.store.set({ selected: index, working: true });
    try {
      // Shown as a patch over the painted box (or the whole result stretched over the picture):
      // nothing the picture's size is built or read to show it; the full composite waits for a
      // download, a continue or a save.
      const shown = await this.onScreen(index);
      if (t !== this.ticket) return;
      if (shown.patch) {
        const { box, canvas } = shown.patch;
        this.editor.showPatch(canvas, { x: box.x, y: box.y, width: box.w, height: box.h });
      } else {
        this.editor.showPreview(shown.whole, round.output.resultRegion);
      }
      this.editor.setCompare(this.state.compare ? this.state.divider : null);
    } catch (e) {
      if (t === this.ticket) this.notifier.push({ kind: 'error', text: 'results.compositeFailed', params: { reason: String((e as Error)?.message ?? e) } });
    } finally {
      if (t === this.ticket) this.store.set({ working: false });
    }
  }

  setKeepOutside(on: boolean): void {
    this.store.set({ keepOutside: on });
    void this.redraw();
  }

  setFeather(px: number): void {
    this.store.set({ feather: Math.round(Math.min(MAX_FEATHER, Math.max(0, px))) });
    void this.redraw();
  }

  setFormat(format: DownloadFormat): void { this.store.set({ format }); }

  /** Before/after at the editor's zoom and pan; shows the first result if none is picked. */
  async setCompare(on: boolean): Promise<void> {
    if (on && this.state.round?.kind === 'edit' && this.state.selected === null) await this.select(0);
    const can = on && this.state.round?.kind === 'edit' && this.state.selected !== null;
    this.store.set({ compare: can });
    this.editor.setCompare(can ? this.state.divider : null);
  }

  setDivider(fraction: number): void {
    const divider = Math.min(1, Math.max(0, fraction));
    this.store.set({ divider });
    if (this.state.compare) this.editor.setCompare(divider);
  }

  /** The original in place of the result while a key is held. */
  setPeek(on: boolean): void {
    if (!on || this.editor.state.previewing) this.editor.setPeek(on);
  }

  /**
   * Result `index`'s pixels for its thumbnail: the bitmap decoded once for the round (the one the
   * patch is built from), so a thumbnail neither reads nor decodes the result's file again.
   * Null when the round has gone or the result cannot be decoded.
   */
  async thumbnail(round: Round, index: number): Promise<ImageBitmap | null> {
    const item = round.results[index];
    if (!item || this.state.round !== round) return null;
    const bmp = await decodedBitmap(item.blob).catch(() => null);
    return this.state.round === round ? bmp : null;
  }

  /** Whether a picked edit result is on the canvas (compare, continue and download apply). */
  get hasPick(): boolean {
    const s = this.state;
    return s.round !== null && s.selected !== null && (s.round.kind === 'generate' || this.editor.state.previewing);
  }

  /**
   * Continue from this result: the laid-back result becomes the picture, with a fresh mask; the
   * round stays in the history, and the next one records it as its parent.
   */
  async continueFromResult(): Promise<void> {
    const { round, selected } = this.state;
    const info = this.editor.state.image;
    if (!round || selected === null || round.kind !== 'edit' || !info) return;
    const canvas = await this.laidBack(selected);
    const bitmap = await createImageBitmap(canvas);
    this.setPicture({
      bitmap, name: info.name, format: 'png', width: bitmap.width, height: bitmap.height, notes: [],
      originalWidth: bitmap.width, originalHeight: bitmap.height, source: { blob: () => canvasToPng(canvas) },
    });
    this.baseId = round.id;
    this.baseOutput = round.output;
    this.clear();
    this.notifier.push({ kind: 'info', text: 'results.continued', params: { index: selected + 1 } });
  }

  /** Downloads the picked result at full resolution (laid back) in the chosen format. */
  async download(format: DownloadFormat = this.state.format): Promise<void> {
    const pick = await this.picked();
    const info = this.editor.state.image;
    if (!pick || !info) return;
    try {
      const blob = await encodePicture(pick.picture, format);
      const name = derivedName(info.name, `-result-${pick.index + 1}`, FORMAT_EXT[format]);
      downloadBlob(blob, name);
      this.notifier.push({ kind: 'info', text: 'results.downloaded', params: { name, width: pick.picture.width, height: pick.picture.height } });
    } catch (e) {
      this.notifier.push({ kind: 'error', text: 'message.exportFailed', params: { reason: String((e as Error)?.message ?? e) } });
    }
  }

  /** The picked result as it lies over the picture (full size), with its round; null when none is picked. */
  async picked(): Promise<{ picture: OffscreenCanvas | ImageBitmap; round: Round; index: number } | null> {
    const { round, selected } = this.state;
    if (!round || selected === null || !this.hasPick) return null;
    if (round.kind === 'generate') {
      const bmp = this.editor.bitmap;
      return bmp ? { picture: bmp, round, index: selected } : null;
    }
    return { picture: await this.laidBack(selected), round, index: selected };
  }

  /** Recomposites the picked result after a change of seam or toggle. */
  private async redraw(): Promise<void> {
    const { round, selected } = this.state;
    if (round?.kind === 'edit' && selected !== null) await this.select(selected);
  }

  /** How result `index` is laid back: the picture, the decoded result and the picked seam. */
  private async inputs(index: number): Promise<{ key: string; options: LayBackOptions }> {
    const { round, keepOutside, feather } = this.state;
    const original = this.editor.bitmap;
    if (!round || !original) throw new Error('no picture');
    // The bitmap the answer was measured and thumbnailed from: decoded once, closed when the round goes.
    const result = await decodedBitmap(round.results[index]!.blob);
    const seam = keepOutside ? round.mask?.seam(feather) : undefined;
    return {
      key: `${round.id}|${index}|${keepOutside}|${feather}`,
      options: { original, result, region: round.output.resultRegion, coverage: round.coverage, feather, keepOutside, seam },
    };
  }

  /**
   * What shows result `index`: its patch over the painted box, or (the whole result used) a copy
   * of the result to stretch over the picture; the copy is the controller's own, so releasing
   * the shared decoded bitmap never leaves a closed one on screen. The last one is kept.
   */
  private async onScreen(index: number): Promise<{ patch: Patch; whole?: undefined } | { patch: null; whole: OffscreenCanvas }> {
    const { key, options } = await this.inputs(index);
    // Marks for the bench's split of a cache hit (decoded, then laid back); cheap, and kept by
    // the browser only until read.
    performance.mark('results:decoded');
    if (this.shown?.key !== key) {
      const patch = layBackPatch(options);
      let whole: OffscreenCanvas | null = null;
      if (!patch) {
        whole = new OffscreenCanvas(options.result.width, options.result.height);
        whole.getContext('2d')!.drawImage(options.result, 0, 0);
      }
      this.shown = { key, patch, whole };
    }
    performance.mark('results:laidBack');
    const { patch, whole } = this.shown;
    return patch ? { patch } : { patch: null, whole: whole! };
  }

  /** Result `index` laid back over the picture, at full size, built from its patch when it has one (the last one is kept). */
  private async laidBack(index: number): Promise<OffscreenCanvas> {
    const { key, options } = await this.inputs(index);
    if (this.composite?.key === key) return this.composite.canvas;
    const canvas = layBack(options, this.shown?.key === key ? this.shown.patch : undefined);
    this.composite = { key, canvas };
    return canvas;
  }

  /** A generated picture becomes the picture to paint on (the round stays, to pick another). */
  private async usePicture(index: number): Promise<void> {
    const round = this.state.round;
    const item = round?.results[index];
    if (!round || !item) return;
    const bitmap = await decodeStored(item.blob);
    if (this.state.round !== round) { bitmap.close(); return; }
    this.setPicture({
      bitmap, name: 'generated.png', format: formatOf(item.blob.type), width: bitmap.width, height: bitmap.height,
      notes: [], originalWidth: bitmap.width, originalHeight: bitmap.height, source: { blob: item.blob },
    });
    this.baseId = round.id;
    this.baseOutput = round.output;
    this.store.set({ selected: index });
  }

  private setPicture(img: Parameters<Editor['setImage']>[0]): void {
    this.editor.setImage(img, 'result');
  }

  private release(): void {
    for (const r of this.state.round?.results ?? []) {
      URL.revokeObjectURL(r.url);
      releaseDecoded(r.blob);
    }
    this.composite = null;
    this.shown = null;
  }
}
