import { MaskSnapshots, type MaskSnapshot } from '../../core/mask/snapshot.ts';
import { canvasPngEncoder } from '../../canvas/exportPng.ts';
import type { Editor } from '../../editor/Editor.ts';
import type { ImageSource } from '../../editor/types.ts';
import { blobHash } from '../../services/storage/blobHash.ts';
import { sourceBlob } from '../results/records.ts';
import { picturesOf } from '../pipeline/pictures.ts';

/**
 * What an edit is made from, each worked out once and shared by every step that needs it: the
 * mask's snapshot per version (draft, cache key, request encoder, history, compositor) and the
 * picture's content id, its source bytes' hash, taken when the picture is opened.
 */
export class EditInputs {
  readonly masks: MaskSnapshots;
  private readonly ids = new WeakMap<ImageSource, Promise<string>>();

  constructor(private readonly editor: Editor, masks = new MaskSnapshots(canvasPngEncoder)) {
    this.masks = masks;
    // Hashed as soon as a picture is opened, while the author paints: Send finds it done.
    picturesOf(editor).onOpened(() => { void this.pictureId().catch(() => null); });
  }

  /** The committed mask's snapshot (a stroke being drawn is left out); null with no picture. */
  mask(): MaskSnapshot | null {
    const doc = this.editor.doc;
    return doc ? this.masks.of(doc) : null;
  }

  /**
   * The open picture's content id: the SHA-256 of the bytes it was decoded from, with the size
   * it was decoded at when it was scaled; null when it has no source to name it by.
   */
  pictureId(): Promise<string | null> {
    const src = this.editor.source;
    if (!src) return Promise.resolve(null);
    let id = this.ids.get(src);
    if (!id) {
      id = sourceBlob(src).then(blobHash).then((h) => (src.resize ? `${h}@${src.resize.width}x${src.resize.height}` : h));
      this.ids.set(src, id);
      id.catch(() => this.ids.delete(src));
    }
    return id;
  }
}
