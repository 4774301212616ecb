import { panBy, pinch, toImage, zoomAt, type View } from '../core/view/viewport.ts';
import type { ImagePoint, Tool } from './tools/Tool.ts';

/** What pointer input needs from the editor. */
export interface PointerTarget {
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
 * Pointer events on the stage container, for mouse, pen and touch alike: painting with the
 * primary button, panning with the middle button or Space held, pinch and two-finger pan with
 * touch, wheel zoom. Points are converted to image pixels here; the hot path never touches React.
 */
export class PointerInput {
  private gesture: Gesture = { kind: 'none' };
  private readonly touches = new Map<number, { x: number; y: number }>();
  private readonly off: (() => void)[] = [];

  constructor(private readonly el: HTMLElement, private readonly target: PointerTarget) {
    const on = <K extends keyof HTMLElementEventMap>(type: K, fn: (e: HTMLElementEventMap[K]) => void, opts?: AddEventListenerOptions) => {
      el.addEventListener(type, fn as EventListener, opts);
      this.off.push(() => el.removeEventListener(type, fn as EventListener, opts));
    };
    on('pointerdown', (e) => this.down(e));
    on('pointermove', (e) => this.move(e));
    on('pointerup', (e) => this.up(e));
    on('pointercancel', (e) => this.cancel(e));
    on('pointerleave', () => this.target.showCursor(null));
    on('wheel', (e) => this.wheel(e), { passive: false });
    on('contextmenu', (e) => e.preventDefault());
    el.style.touchAction = 'none';
  }

  dispose(): void {
    for (const f of this.off) f();
  }

  private local(e: { clientX: number; clientY: number }): { x: number; y: number } {
    const r = this.el.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private imagePoint(e: PointerEvent): ImagePoint {
    const s = this.local(e);
    const p = toImage(this.target.currentView, s.x, s.y);
    // Mice report pressure 0.5 while a button is down; only pens vary it.
    const pen = e.pointerType === 'pen';
    return { x: p.x, y: p.y, pressure: pen ? e.pressure : 0.5, pen };
  }

  private down(e: PointerEvent): void {
    if (e.pointerType === 'touch') this.touches.set(e.pointerId, this.local(e));
    if (e.pointerType === 'touch' && this.touches.size === 2) {
      // A second finger: whatever the first started becomes a pinch.
      if (this.gesture.kind === 'paint') this.target.activeTool.onPointerCancel();
      const [a, b] = [...this.touches.keys()] as [number, number];
      this.gesture = { kind: 'pinch', a, b };
      return;
    }
    if (this.gesture.kind !== 'none') return;
    try {
      this.el.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic or already-released pointers cannot be captured; painting works without it.
    }
    const wantsPan = e.button === 1 || (e.button === 0 && this.target.panMode);
    if (wantsPan) {
      e.preventDefault();
      const s = this.local(e);
      this.gesture = { kind: 'pan', pointerId: e.pointerId, lastX: s.x, lastY: s.y };
      return;
    }
    if (e.button !== 0 || !this.target.hasImage) return;
    this.gesture = { kind: 'paint', pointerId: e.pointerId };
    this.target.activeTool.onPointerDown(this.imagePoint(e));
  }

  private move(e: PointerEvent): void {
    const g = this.gesture;
    if (g.kind === 'pinch') {
      const a0 = this.touches.get(g.a);
      const b0 = this.touches.get(g.b);
      if (!this.touches.has(e.pointerId)) return;
      this.touches.set(e.pointerId, this.local(e));
      const a1 = this.touches.get(g.a);
      const b1 = this.touches.get(g.b);
      if (a0 && b0 && a1 && b1) this.target.setView(pinch(this.target.currentView, [a0, b0], [a1, b1]));
      return;
    }
    if (e.pointerType === 'touch') this.touches.set(e.pointerId, this.local(e));
    if (g.kind === 'pan' && g.pointerId === e.pointerId) {
      const s = this.local(e);
      this.target.setView(panBy(this.target.currentView, s.x - g.lastX, s.y - g.lastY));
      g.lastX = s.x;
      g.lastY = s.y;
      return;
    }
    const p = this.imagePoint(e);
    if (e.pointerType !== 'touch') this.target.showCursor(p);
    if (g.kind === 'paint' && g.pointerId === e.pointerId) {
      const events = e.getCoalescedEvents?.() ?? [];
      const points = events.length > 1 ? events.map((c) => this.imagePoint(c)) : [p];
      this.target.activeTool.onPointerMove(points);
    }
  }

  private up(e: PointerEvent): void {
    this.touches.delete(e.pointerId);
    const g = this.gesture;
    if (g.kind === 'pinch') {
      if (this.touches.size === 0) this.gesture = { kind: 'none' };
      return;
    }
    if (g.kind === 'paint' && g.pointerId === e.pointerId) this.target.activeTool.onPointerUp();
    if ((g.kind === 'paint' || g.kind === 'pan') && g.pointerId === e.pointerId) this.gesture = { kind: 'none' };
  }

  private cancel(e: PointerEvent): void {
    this.touches.delete(e.pointerId);
    const g = this.gesture;
    if (g.kind === 'paint' && g.pointerId === e.pointerId) this.target.activeTool.onPointerCancel();
    if (g.kind !== 'pinch' || this.touches.size === 0) this.gesture = { kind: 'none' };
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const s = this.local(e);
    const v = this.target.currentView;
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    const dx = e.deltaX * unit;
    const dy = e.deltaY * unit;
    // Trackpads: pinch arrives as Ctrl+wheel, two-finger scroll as wheel with a sideways part.
    if (!e.ctrlKey && (e.shiftKey || dx !== 0)) {
      this.target.setView(panBy(v, e.shiftKey && dx === 0 ? -dy : -dx, e.shiftKey ? 0 : -dy));
      return;
    }
    const factor = Math.exp(-dy * (e.ctrlKey ? 0.01 : 0.0015));
    this.target.setView(zoomAt(v, factor, s.x, s.y));
  }
}
