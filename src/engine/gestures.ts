import { panBy, pinch, toImage, zoomAt, type View } from '../core/view/viewport.ts';
import type { ImagePoint, Tool } from './tools/Tool.ts';

/** A pointer event in stage coordinates (CSS pixels from the stage's top-left corner). */
export interface PointerSample {
  id: number;
  type: 'mouse' | 'pen' | 'touch' | string;
  /** 0 primary, 1 middle, 2 secondary; -1 on moves. */
  button: number;
  x: number;
  y: number;
  pressure: number;
  /** Moves the browser coalesced into this one (pens report more than the frame rate). */
  coalesced?: readonly { x: number; y: number; pressure: number }[];
  /** Modifier keys held (selection tools read them); the second click of a double-click. */
  shift?: boolean;
  alt?: boolean;
  double?: boolean;
}

/** A wheel turn at a stage point; deltas in CSS pixels. */
export interface WheelSample { x: number; y: number; dx: number; dy: number; ctrl: boolean; shift: boolean }

/** What a pointer-down started: pointer input captures the pointer for all but 'busy' and 'pinch'. */
export type GestureStart = 'paint' | 'pan' | 'pinch' | 'none' | 'busy';

/** What gestures need from the engine. */
export interface GestureTarget {
  readonly currentView: View;
  readonly activeTool: Tool;
  readonly hasImage: boolean;
  readonly panMode: boolean;
  setView(v: View): void;
  showCursor(p: { x: number; y: number } | null): void;
}

type Gesture =
  | { kind: 'none' }
  | { kind: 'paint'; pointerId: number }
  | { kind: 'pan'; pointerId: number; lastX: number; lastY: number }
  | { kind: 'pinch'; a: number; b: number };

/**
 * Pointer gestures for mouse, pen and touch alike, with no DOM: painting with the primary
 * button, panning with the middle button or Space held, pinch and two-finger pan with touch,
 * wheel zoom. Stage points are converted to image pixels here and handed to the active tool.
 */
export class PointerGestures {
  private gesture: Gesture = { kind: 'none' };
  private readonly touches = new Map<number, { x: number; y: number }>();

  constructor(private readonly target: GestureTarget) {}

  private imagePoint(s: { x: number; y: number; pressure: number }, pen: boolean, keys?: PointerSample): ImagePoint {
    const p = toImage(this.target.currentView, s.x, s.y);
    // Mice report pressure 0.5 while a button is down; only pens vary it.
    const at: ImagePoint = { x: p.x, y: p.y, pressure: pen ? s.pressure : 0.5, pen };
    if (keys?.shift) at.shift = true;
    if (keys?.alt) at.alt = true;
    if (keys?.double) at.double = true;
    return at;
  }

  down(e: PointerSample): GestureStart {
    if (e.type === 'touch') this.touches.set(e.id, { x: e.x, y: e.y });
    if (e.type === 'touch' && this.touches.size === 2) {
      // A second finger: whatever the first started becomes a pinch.
      if (this.gesture.kind === 'paint') this.target.activeTool.onPointerCancel();
      const [a, b] = [...this.touches.keys()] as [number, number];
      this.gesture = { kind: 'pinch', a, b };
      return 'pinch';
    }
    if (this.gesture.kind !== 'none') return 'busy';
    if (e.button === 1 || (e.button === 0 && this.target.panMode)) {
      this.gesture = { kind: 'pan', pointerId: e.id, lastX: e.x, lastY: e.y };
      return 'pan';
    }
    if (e.button !== 0 || !this.target.hasImage) return 'none';
    this.gesture = { kind: 'paint', pointerId: e.id };
    this.target.activeTool.onPointerDown(this.imagePoint(e, e.type === 'pen', e));
    return 'paint';
  }

  move(e: PointerSample): void {
    const g = this.gesture;
    if (g.kind === 'pinch') {
      const a0 = this.touches.get(g.a);
      const b0 = this.touches.get(g.b);
      if (!this.touches.has(e.id)) return;
      this.touches.set(e.id, { x: e.x, y: e.y });
      const a1 = this.touches.get(g.a);
      const b1 = this.touches.get(g.b);
      if (a0 && b0 && a1 && b1) this.target.setView(pinch(this.target.currentView, [a0, b0], [a1, b1]));
      return;
    }
    if (e.type === 'touch') this.touches.set(e.id, { x: e.x, y: e.y });
    if (g.kind === 'pan' && g.pointerId === e.id) {
      this.target.setView(panBy(this.target.currentView, e.x - g.lastX, e.y - g.lastY));
      g.lastX = e.x;
      g.lastY = e.y;
      return;
    }
    const pen = e.type === 'pen';
    const p = this.imagePoint(e, pen, e);
    if (e.type !== 'touch') this.target.showCursor(p);
    if (g.kind === 'paint' && g.pointerId === e.id) {
      const c = e.coalesced ?? [];
      this.target.activeTool.onPointerMove(c.length > 1 ? c.map((s) => this.imagePoint(s, pen, e)) : [p]);
    } else if (g.kind === 'none' && e.type !== 'touch' && this.target.hasImage) {
      // A pointer moving with no button down: a polygon lasso draws its rubber band to it.
      this.target.activeTool.onPointerHover?.(p);
    }
  }

  up(e: { id: number }): void {
    this.touches.delete(e.id);
    const g = this.gesture;
    if (g.kind === 'pinch') {
      if (this.touches.size === 0) this.gesture = { kind: 'none' };
      return;
    }
    if (g.kind === 'paint' && g.pointerId === e.id) this.target.activeTool.onPointerUp();
    if ((g.kind === 'paint' || g.kind === 'pan') && g.pointerId === e.id) this.gesture = { kind: 'none' };
  }

  cancel(e: { id: number }): void {
    this.touches.delete(e.id);
    const g = this.gesture;
    if (g.kind === 'paint' && g.pointerId === e.id) this.target.activeTool.onPointerCancel();
    if (g.kind !== 'pinch' || this.touches.size === 0) this.gesture = { kind: 'none' };
  }

  wheel(w: WheelSample): void {
    const v = this.target.currentView;
    // Trackpads: pinch arrives as Ctrl+wheel, two-finger scroll as wheel with a sideways part.
    if (!w.ctrl && (w.shift || w.dx !== 0)) {
      this.target.setView(panBy(v, w.shift && w.dx === 0 ? -w.dy : -w.dx, w.shift ? 0 : -w.dy));
      return;
    }
    const factor = Math.exp(-w.dy * (w.ctrl ? 0.01 : 0.0015));
    this.target.setView(zoomAt(v, factor, w.x, w.y));
  }
}
