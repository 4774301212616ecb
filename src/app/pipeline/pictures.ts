/**
 * "A new picture was opened", worked out in one place: one subscription to the editor's state
 * per editor, one event per new picture with its cause, heard by every part that resets on it
 * (the edit form, the results, the draft, the picture's hash). Headless: any object with the
 * editor's `state.image` and `store.subscribe` will do.
 */

/** Why a picture was opened: by the user (a file, the history, a draft), or by the results (a result continued from or picked). */
export type OpenCause = 'user' | 'result';

export interface PictureOpened { cause: OpenCause }

/** What pictures are opened in: the editor (src/editor/Editor.ts), or a fake in tests. */
export interface PictureSource {
  readonly state: { readonly image: unknown };
  readonly store: { subscribe(fn: () => void): () => void };
}

/** The picture events of one editor. */
export class Pictures {
  private readonly listeners = new Set<(e: PictureOpened) => void>();
  private cause: OpenCause = 'user';

  constructor(source: PictureSource) {
    let last = source.state.image;
    source.store.subscribe(() => {
      const image = source.state.image;
      if (image === last) return;
      last = image;
      const e = { cause: this.cause };
      for (const fn of [...this.listeners]) fn(e);
    });
  }

  /** Hears every new picture; returns the unsubscribe function. */
  onOpened(fn: (e: PictureOpened) => void): () => void {
    this.listeners.add(fn);
    return () => { this.listeners.delete(fn); };
  }

  /** Runs `open` (which sets the picture) so that the picture it opens is announced with `cause`. */
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
