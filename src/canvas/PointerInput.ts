import type { Engine } from '../engine/Engine.ts';
import type { PointerSample } from '../engine/gestures.ts';

type Target = Pick<Engine, 'handlePointerDown' | 'handlePointerMove' | 'handlePointerUp' | 'handlePointerCancel' | 'handlePointerLeave' | 'handleWheel'>;

/**
 * DOM pointer and wheel events on the stage container, turned into engine calls in stage
 * coordinates. The gestures themselves (paint, pan, pinch, wheel zoom) are the engine's; this
 * only measures, captures the pointer and prevents the browser's own handling.
 */
export class PointerInput {
  private readonly off: (() => void)[] = [];

  constructor(private readonly el: HTMLElement, private readonly target: Target) {
    const on = <K extends keyof HTMLElementEventMap>(type: K, fn: (e: HTMLElementEventMap[K]) => void, opts?: AddEventListenerOptions) => {
      el.addEventListener(type, fn as EventListener, opts);
      this.off.push(() => el.removeEventListener(type, fn as EventListener, opts));
    };
    on('pointerdown', (e) => this.down(e));
    on('pointermove', (e) => target.handlePointerMove(this.sample(e, true)));
    on('pointerup', (e) => target.handlePointerUp({ id: e.pointerId }));
    on('pointercancel', (e) => target.handlePointerCancel({ id: e.pointerId }));
    on('pointerleave', () => target.handlePointerLeave());
    on('wheel', (e) => this.wheel(e), { passive: false });
    on('contextmenu', (e) => e.preventDefault());
    el.style.touchAction = 'none';
  }

  dispose(): void {
    for (const f of this.off) f();
  }

  private sample(e: PointerEvent, coalesce = false): PointerSample {
    const r = this.el.getBoundingClientRect();
    const s: PointerSample = { id: e.pointerId, type: e.pointerType, button: e.button, x: e.clientX - r.left, y: e.clientY - r.top, pressure: e.pressure };
    if (coalesce) {
      const events = e.getCoalescedEvents?.() ?? [];
      if (events.length > 1) s.coalesced = events.map((c) => ({ x: c.clientX - r.left, y: c.clientY - r.top, pressure: c.pressure }));
    }
    return s;
  }

  private down(e: PointerEvent): void {
    const started = this.target.handlePointerDown(this.sample(e));
    if (started === 'pinch' || started === 'busy') return;
    try {
      this.el.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic or already-released pointers cannot be captured; painting works without it.
    }
    if (started === 'pan') e.preventDefault();
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const r = this.el.getBoundingClientRect();
    const unit = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1;
    this.target.handleWheel({ x: e.clientX - r.left, y: e.clientY - r.top, dx: e.deltaX * unit, dy: e.deltaY * unit, ctrl: e.ctrlKey, shift: e.shiftKey });
  }
}
