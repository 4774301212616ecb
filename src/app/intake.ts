import type { Editor } from '../editor/Editor.ts';
import type { ImageCause } from '../engine/types.ts';
import { LoadError, openImageFile, readMaskFile } from '../services/imageDecoder.ts';
import type { Notifier } from './notifier.ts';
import { Store } from '../core/store.ts';

/** How an {@link Intake.open} went. */
export type OpenReport =
  | { kind: 'opened' }
  | { kind: 'needs-scale' }
  | { kind: 'failed'; code: string }
  | { kind: 'superseded' };

/**
 * Files coming in (picker, drop, paste): opens images and masks, reports problems, and
 * replaces the current work only once the new file has fully decoded.
 */
export class Intake {
  readonly store = new Store<{ loading: string | null }>({ loading: null });
  private ticket = 0;

  constructor(private readonly editor: Editor, private readonly notifier: Notifier) {}

  /** Opens the first image of a drop or paste. */
  async openFiles(files: readonly File[]): Promise<void> {
    const first = files[0];
    if (!first) return;
    if (files.length > 1) this.notifier.push({ kind: 'info', text: 'load.error.multiple', params: { name: first.name } });
    await this.openImage(first);
  }

  async openImage(file: File): Promise<boolean> {
    return (await this.open(file)).kind === 'opened';
  }

  /**
   * Opens an image and says how it went: opened, waiting for the user to accept a scale-down,
   * refused (the code of the message shown), or overtaken by a later open.
   */
  async open(file: File, cause: ImageCause = 'open'): Promise<OpenReport> {
    const ticket = ++this.ticket;
    const name = file.name || 'image';
    this.store.set({ loading: name });
    try {
      const outcome = await openImageFile(file);
      if (ticket !== this.ticket) { if (outcome.kind === 'ok') outcome.image.bitmap.close(); return { kind: 'superseded' }; }
      if (outcome.kind === 'needs-scale') {
        this.store.set({ loading: null });
        const id = this.notifier.push({
          kind: 'warning', text: 'load.scaleOffer',
          params: { name, width: outcome.width, height: outcome.height, tw: outcome.targetWidth, th: outcome.targetHeight },
          actions: [
            { label: 'load.scaleYes', run: () => { this.notifier.dismiss(id); void this.finishScaled(outcome.scale, name, cause); } },
            { label: 'load.cancel', run: () => this.notifier.dismiss(id) },
          ],
        });
        return { kind: 'needs-scale' };
      }
      this.show(outcome.image, cause);
      return { kind: 'opened' };
    } catch (e) {
      if (ticket !== this.ticket) return { kind: 'superseded' };
      return { kind: 'failed', code: this.fail(e, name) };
    } finally {
      if (ticket === this.ticket) this.store.set({ loading: null });
    }
  }

  private async finishScaled(scale: () => Promise<import('../editor/types.ts').LoadedImage>, name: string, cause: ImageCause): Promise<void> {
    const ticket = ++this.ticket;
    this.store.set({ loading: name });
    try {
      const img = await scale();
      if (ticket === this.ticket) this.show(img, cause);
    } catch (e) {
      if (ticket === this.ticket) this.fail(e, name);
    } finally {
      if (ticket === this.ticket) this.store.set({ loading: null });
    }
  }

  private show(img: import('../editor/types.ts').LoadedImage, cause: ImageCause): void {
    this.editor.setImage(img, cause);
    for (const note of img.notes) {
      this.notifier.push({
        kind: 'info', text: `note.${note}`,
        params: { ow: img.originalWidth, oh: img.originalHeight, width: img.width, height: img.height },
      });
    }
  }

  async loadMask(file: File): Promise<boolean> {
    const img = this.editor.state.image;
    const name = file.name || 'mask';
    if (!img) {
      this.notifier.push({ kind: 'error', text: 'load.error.no-image' });
      return false;
    }
    try {
      const coverage = await readMaskFile(file, img.width, img.height);
      this.editor.loadMaskCoverage(coverage);
      this.notifier.push({ kind: 'info', text: 'message.maskLoaded', params: { name } });
      return true;
    } catch (e) {
      this.fail(e, name);
      return false;
    }
  }

  /** Tells the user why `name` did not open; returns the reason's code. */
  private fail(e: unknown, name: string): string {
    if (e instanceof LoadError) {
      this.notifier.push({ kind: 'error', text: `load.error.${e.code}`, params: { name, ...e.params } });
      return e.code;
    }
    console.error(e);
    this.notifier.push({ kind: 'error', text: 'load.error.unknown', params: { name } });
    return 'unknown';
  }
}
