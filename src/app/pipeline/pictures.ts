/**
 * "A new picture was opened", worked out in one place: one subscription to the editor's state
 * per editor, one event per new picture with its cause, heard by every part that resets on it
 * (the edit form, the results, the draft, the picture's hash). Headless: any object with the
 * editor's `state.image` and `store.subscribe` will do.
 */

/** Why a picture was opened: by the user (a file, the history, a draft), or by the results (a result continued from or picked). */
export type OpenCause = 'user' | 'result';

export interface PictureOpened { cause: OpenCause }

/** Why the engine says a picture was opened (src/engine/types.ts `ImageCause`). */
type EngineCause = 'open' | 'draft' | 'result' | 'embed' | 'extend';

/**
 * What pictures are opened in: the editor (src/editor/Editor.ts), or a fake in tests. With `on`,
 * the engine's `imageOpened {cause}` event is the one source of truth; without it, a change of
 * `state.image` is, with the cause set by {@link Pictures.openAs}.
 */
export interface PictureSource {
  readonly state: { readonly image: unknown };
  readonly store: { subscribe(fn: () => void): () => void };
  on?(type: 'imageOpened', fn: (e: { cause: EngineCause }) => void): () => void;
}

/** The picture events of one editor. */
export class Pictures {
  private readonly listeners = new Set<(e: PictureOpened) => void>();
  private cause: OpenCause = 'user';

  constructor(source: PictureSource) {
    if (source.on) {
      // The engine names the cause itself (setImage(img, cause)): no flag to set around the call.
      source.on('imageOpened', ({ cause }) => this.emit({ cause: cause === 'result' ? 'result' : 'user' }));
      return;
    }
    let last = source.state.image;
    source.store.subscribe(() => {
      const image = source.state.image;
      if (image === last) return;
      last = image;
      this.emit({ cause: this.cause });
    });
  }

  private emit(e: PictureOpened): void {
    for (const fn of this.listeners) fn(e);
  }

  /** Hears every new picture; returns the unsubscribe function. */
  onOpened(fn: (e: PictureOpened) => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  /**
   * Runs `open` (which sets the picture) so that the picture it opens is announced with `cause`;
   * for sources without engine events (an engine source takes the cause from `setImage`).
   */
  openAs(cause: OpenCause, open: () => void): void {
    const before = this.cause;
    this.cause = cause;
    try {
      open();
    } finally {
      this.cause = before;
    }
  }
}

const bySource = new WeakMap<PictureSource, Pictures>();

/** The picture events of `source`: the same object for every caller. */
export function picturesOf(source: PictureSource): Pictures {
  let p = bySource.get(source);
  if (!p) bySource.set(source, p = new Pictures(source));
  return p;
}
