import { Store } from '../core/store.ts';
import { panBy, toScreen, type View } from '../core/view/viewport.ts';
import type { Tool } from './tools/Tool.ts';
import type { EditorState } from './types.ts';

/** What the keyboard brush drives: the engine (or anything that offers the same). */
export interface KeyBrushTarget {
  readonly store: Store<EditorState>;
  readonly state: EditorState;
  readonly activeTool: Tool;
  readonly hasImage: boolean;
  readonly currentView: View;
  readonly viewportSize: { width: number; height: number };
  setView(v: View): void;
  showCursor(p: { x: number; y: number } | null): void;
}

export interface KeyboardBrushState {
  /** The canvas has the keyboard focus: the brush outline shows where the keys paint. */
  active: boolean;
  /** The "pen" is down: moves paint (or erase) until Enter lifts it. */
  painting: boolean;
  /** Where the brush is, in image pixels (null before the canvas first had the focus). */
  at: { x: number; y: number } | null;
}

/** Screen pixels kept between the brush and the canvas's edge when the view follows it. */
const MARGIN = 24;

/**
 * Painting without a pointer: while the canvas has the focus, the arrow keys move the brush over
 * the image and Enter puts the "pen" down and lifts it, so a stroke made from the keyboard is
 * the same round-capped polyline, and the same single undo step, as one made with a mouse. It
 * drives the active tool exactly as pointer gestures do; the view scrolls to keep the
 * brush in sight.
 */
export class KeyboardBrush {
  readonly store = new Store<KeyboardBrushState>({ active: false, painting: false, at: null });
  private image: unknown = null;

  constructor(private readonly editor: KeyBrushTarget) {
    editor.store.subscribe(() => {
      // A new picture starts the brush afresh at its centre (a stroke cannot span two pictures).
      if (editor.state.image === this.image) return;
      this.image = editor.state.image;
      if (this.state.painting) editor.activeTool.onPointerCancel();
      this.store.set({ painting: false, at: null });
      if (this.state.active) this.show();
    });
  }

  get state(): KeyboardBrushState { return this.store.get(); }

  /** The canvas got the focus: show the brush where it was (the image's centre at first). */
  focus(): void {
    this.store.set({ active: true });
    this.show();
  }

  /** The canvas lost the focus: a stroke under way ends as it is (one undo step). */
  blur(): void {
    if (this.state.painting) this.lift();
    this.store.set({ active: false });
    this.editor.showCursor(null);
  }

  /** Moves the brush by `dx`, `dy` steps: a quarter of the brush (at least a pixel), five times that with `big`. */
  move(dx: number, dy: number, big = false): void {
    const img = this.editor.state.image;
    if (!img) return;
    const at = this.state.at ?? this.centre();
    const step = Math.max(1, this.editor.state.brushSize / 4) * (big ? 5 : 1);
    const next = {
      x: Math.min(img.width, Math.max(0, at.x + dx * step)),
      y: Math.min(img.height, Math.max(0, at.y + dy * step)),
    };
    this.store.set({ at: next, active: true });
    this.follow(next);
    if (this.state.painting) {
      this.editor.activeTool.onPointerMove([{ ...next, pressure: 0.5 }]);
    }
    this.editor.showCursor(next);
  }

  /** Enter: puts the pen down where the brush is (a dab), or lifts it (the stroke is done). */
  toggle(): void {
    if (!this.editor.hasImage) return;
    if (this.state.painting) { this.lift(); return; }
    const at = this.state.at ?? this.centre();
    this.store.set({ at, painting: true, active: true });
    this.editor.activeTool.onPointerDown({ ...at, pressure: 0.5 });
    this.editor.showCursor(at);
  }

  private lift(): void {
    this.store.set({ painting: false });
    this.editor.activeTool.onPointerUp();
  }

  private show(): void {
    if (!this.editor.hasImage) return;
    const at = this.state.at ?? this.centre();
    this.store.set({ at });
    this.follow(at);
    this.editor.showCursor(at);
  }

  private centre(): { x: number; y: number } {
    const img = this.editor.state.image;
    return { x: Math.round((img?.width ?? 0) / 2), y: Math.round((img?.height ?? 0) / 2) };
  }

  /** Pans just enough to keep `p` (image pixels) on screen, as a text caret scrolls into view. */
  private follow(p: { x: number; y: number }): void {
    const v = this.editor.currentView;
    const { width, height } = this.editor.viewportSize;
    const s = toScreen(v, p.x, p.y);
    const m = Math.min(MARGIN, width / 4, height / 4);
    const dx = s.x < m ? m - s.x : s.x > width - m ? width - m - s.x : 0;
    const dy = s.y < m ? m - s.y : s.y > height - m ? height - m - s.y : 0;
    if (dx || dy) this.editor.setView(panBy(v, dx, dy));
  }
}
