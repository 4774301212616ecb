/**
 * "A new picture was opened", worked out in one place: one subscription to the engine's
 * `imageOpened {cause}` per editor, one event per new picture with its cause, heard by every
 * part that resets on it (the edit form, the results, the draft, the picture's hash). Headless:
 * any object with the engine's `on('imageOpened')` will do.
 */

/** Why a picture was opened: by the user (a file, the history, a draft), or by the results (a result continued from or picked). */
export type OpenCause = 'user' | 'result';

export interface PictureOpened { cause: OpenCause }

/** Why the engine says a picture was opened (src/engine/types.ts `ImageCause`). */
type EngineCause = 'open' | 'draft' | 'result' | 'embed' | 'extend';

/** What pictures are opened in: the engine (src/engine/Engine.ts), which names the cause itself (`setImage(img, cause)`). */
export interface PictureSource {
  on(type: 'imageOpened', fn: (e: { cause: EngineCause }) => void): () => void;
}

/** The picture events of one editor. */
export class Pictures {
  private readonly listeners = new Set<(e: PictureOpened) => void>();

  constructor(source: PictureSource) {
    source.on('imageOpened', ({ cause }) => {
      const e: PictureOpened = { cause: cause === 'result' ? 'result' : 'user' };
      for (const fn of this.listeners) fn(e);
    });
  }

  /** Hears every new picture; returns the unsubscribe function. */
  onOpened(fn: (e: PictureOpened) => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }
}

const bySource = new WeakMap<PictureSource, Pictures>();

/** The picture events of `source`: the same object for every caller. */
export function picturesOf(source: PictureSource): Pictures {
  let p = bySource.get(source);
  if (!p) bySource.set(source, p = new Pictures(source));
  return p;
}
