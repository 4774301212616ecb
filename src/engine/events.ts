/**
 * What the engine announces. A renderer (the Konva stage) draws on these; app code listens to
 * the first three. Payloads are small so the hot path (`tilesChanged`, once per pointer move)
 * costs one object.
 */
export interface EngineEvents {
  /**
   * A picture became the one being edited (the mask is new and empty, the view fitted); with
   * cause 'extend', the picture on a canvas of another size, with its mask (Extend canvas, or
   * its undo or redo).
   */
  imageOpened: { cause: import('./types.ts').ImageCause };
  /** A mask change was committed: a stroke ended, undo, redo, clear, invert, fill, load. */
  maskCommitted: { version: number };
  /** A preview was shown, replaced or removed, or the peek at the original changed. */
  previewChanged: Record<string, never>;
  /** These mask tiles changed ('all' for whole-mask edits): a stroke under way included. */
  tilesChanged: { tiles: readonly number[] | 'all' };
  /**
   * A refinement's preview started ('all'), changed these tiles of the engine's `refineSurface`,
   * or ended ('all', `refineSurface` is null again).
   */
  refinePreviewChanged: { tiles: readonly number[] | 'all' };
  /** The view (zoom, pan) changed. */
  viewChanged: Record<string, never>;
  /** The viewport (the stage's size in CSS pixels) changed. */
  viewportResized: Record<string, never>;
  /** The brush outline moved, showed or hid, or the brush size changed. */
  cursorChanged: Record<string, never>;
  /** The mask's colour, opacity or visibility changed. */
  maskLookChanged: Record<string, never>;
  /** The before/after divider moved. */
  compareChanged: Record<string, never>;
  /** A selection tool's outline (marquee, lasso) changed, showed or hid: read `engine.overlay`. */
  overlayChanged: Record<string, never>;
}

type Listener<T> = (payload: T) => void;

/** A typed event emitter: `on` returns the function that unsubscribes. */
export class Emitter<E extends object> {
  private readonly listeners = new Map<keyof E, Set<Listener<never>>>();

  on<K extends keyof E>(type: K, fn: Listener<E[K]>): () => void {
    let set = this.listeners.get(type);
    if (!set) this.listeners.set(type, (set = new Set()));
    set.add(fn as Listener<never>);
    return () => { set.delete(fn as Listener<never>); };
  }

  emit<K extends keyof E>(type: K, payload: E[K]): void {
    const set = this.listeners.get(type);
    if (set) for (const fn of set) (fn as Listener<E[K]>)(payload);
  }
}
