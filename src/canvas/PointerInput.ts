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
  /** The last primary press, to tell a double-click (a polygon lasso closes on it). */
  private lastDown = { t: -1e9, x: 0, y: 0 };

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
    // Selection tools read the modifiers: at pointer-down they pick the mode, later they shape a marquee.
    if (e.shiftKey) s.shift = true;
    if (e.altKey) s.alt = true;
    if (coalesce) {
      const events = e.getCoalescedEvents?.() ?? [];
      if (events.length > 1) s.coalesced = events.map((c) => ({ x: c.clientX - r.left, y: c.clientY - r.top, pressure: c.pressure }));
    }
    return s;
  }

  private down(e: PointerEvent): void {
    const s = this.sample(e);
    // A second press within the system's usual 500 ms and a few pixels of the first is a double-click
    // (pointerdown carries no click count of its own).
    const last = this.lastDown;
    if (e.button === 0 && e.timeStamp - last.t < 500 && Math.hypot(s.x - last.x, s.y - last.y) < 6) {
      s.double = true;
      this.lastDown = { t: -1e9, x: 0, y: 0 };
    } else if (e.button === 0) this.lastDown = { t: e.timeStamp, x: s.x, y: s.y };
    const started = this.target.handlePointerDown(s);
    // Alt+click must not open the browser's menu bar or start a text drag.
    if (e.altKey) e.preventDefault();
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
