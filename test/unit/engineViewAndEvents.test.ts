import { describe, expect, it } from 'vitest';
import { toScreen, ZOOM_STEP } from '../../src/core/view/viewport.ts';
import type { EngineEvents } from '../../src/engine/events.ts';
import { ToolMachine, type ToolDefinition } from '../../src/engine/tools/Tool.ts';
import { TestEditor } from './TestEditor.ts';

/** Every event of the given types the engine emits, in order. */
function record(ed: TestEditor, types: (keyof EngineEvents)[]): unknown[] {
  const seen: unknown[] = [];
  for (const t of types) ed.on(t, (p) => seen.push({ [t]: p }));
  return seen;
}

describe('zoom and view', () => {
  it('fits a new picture, follows the viewport until the user zooms, then keeps the zoom', () => {
    const ed = new TestEditor({ width: 1000, height: 640 }).open(600, 400);
    const fitted = ed.currentView.scale;
    expect(fitted).toBeCloseTo(Math.min((1000 - 32) / 600, (640 - 32) / 400), 6);
    ed.setViewportSize(500, 320);
    expect(ed.currentView.scale).toBeCloseTo(fitted / 2, 1);
    ed.zoomIn();
    const zoomed = ed.currentView.scale;
    ed.setViewportSize(1000, 640);
    expect(ed.currentView.scale).toBe(zoomed);
    expect(ed.state.zoom).toBe(zoomed);
  });

  it('zooms in and out by one step about the centre, and to one image pixel per screen pixel', () => {
    const ed = new TestEditor({ width: 1000, height: 640 }).open(600, 400);
    const s0 = ed.currentView.scale;
    const centre = () => { const v = ed.currentView; return { x: (500 - v.x) / v.scale, y: (320 - v.y) / v.scale }; };
    const c0 = centre();
    ed.keyDown('=');
    expect(ed.currentView.scale).toBeCloseTo(s0 * ZOOM_STEP, 9);
    ed.keyDown('-').keyDown('-');
    expect(ed.currentView.scale).toBeCloseTo(s0 / ZOOM_STEP, 9);
    ed.zoomActual();
    expect(ed.currentView.scale).toBeCloseTo(1, 9);
    expect(centre().x).toBeCloseTo(c0.x, 6);
    expect(centre().y).toBeCloseTo(c0.y, 6);
  });

  it('wheel zooms about the pointer; a sideways or Shift wheel pans', () => {
    const ed = new TestEditor().open(600, 400);
    const anchor = toScreen(ed.currentView, 150, 100);
    const z0 = ed.currentView.scale;
    ed.wheel(anchor.x, anchor.y, -300);
    expect(ed.currentView.scale).toBeGreaterThan(z0 * 1.2);
    // The image point under the pointer stayed under it.
    const after = toScreen(ed.currentView, 150, 100);
    expect(Math.abs(after.x - anchor.x)).toBeLessThan(1e-6);
    expect(Math.abs(after.y - anchor.y)).toBeLessThan(1e-6);
    const v0 = ed.currentView;
    ed.wheel(0, 0, 40, { shift: true });
    expect([ed.currentView.x - v0.x, ed.currentView.y - v0.y, ed.currentView.scale]).toEqual([-40, 0, v0.scale]);
    expect(ed.paintedCount()).toBe(0);
  });
});

describe('events', () => {
  it('tells why a picture opened, each committed mask version, and each preview change', () => {
    const ed = new TestEditor();
    const seen = record(ed, ['imageOpened', 'maskCommitted', 'previewChanged']);
    ed.open(300, 200);
    ed.stroke([[10, 10], [50, 10]]);
    ed.stroke([[10, 50], [50, 50]]);
    ed.undo();
    ed.pointerDown(100, 100).pointerMove(120, 100); // under way: nothing committed yet
    expect(seen).toEqual([{ previewChanged: {} }, { imageOpened: { cause: 'open' } }, { maskCommitted: { version: 1 } }, { maskCommitted: { version: 2 } }, { maskCommitted: { version: 3 } }]);
    ed.pointerUp();
    ed.showPreview({ width: 300, height: 200, data: new Uint8ClampedArray(300 * 200 * 4) });
    expect(ed.state.previewing).toBe(true);
    ed.setImage({ ...ed.state.image!, bitmap: ed.pixels() }, 'result');
    expect(seen.slice(5)).toEqual([{ maskCommitted: { version: 4 } }, { previewChanged: {} }, { previewChanged: {} }, { imageOpened: { cause: 'result' } }]);
    expect([ed.state.previewing, ed.state.maskVersion, ed.paintedCount()]).toEqual([false, 0, 0]);
  });

  it('a new picture abandons a stroke under way; a tool switch finishes it as one undo step', () => {
    const ed = new TestEditor().open(300, 200);
    ed.setBrushSize(10);
    ed.pointerDown(50, 50).pointerMove(150, 50);
    ed.setTool('eraser');
    expect([ed.state.canUndo, ed.doc!.isStroking]).toEqual([true, false]);
    ed.pointerMove(200, 50).pointerUp();
    ed.setTool('brush');
    const v = ed.currentView;
    const at = toScreen(v, 20, 20);
    ed.pointerDown(at.x, at.y).pointerMove(at.x + 30, at.y);
    ed.open(300, 200);
    expect([ed.doc!.isStroking, ed.paintedCount()]).toEqual([false, 0]);
    ed.pointerMove(at.x + 60, at.y).pointerUp(); // the finger lifts on the new picture: nothing is committed
    expect([ed.state.canUndo, ed.paintedCount()]).toEqual([false, 0]);
    ed.stroke([[20, 20], [40, 20]]); // the brush starts afresh on the new picture
    expect(ed.painted([30, 20])).toEqual([true]);
  });
});

describe('tools', () => {
  /**
   * A colour-picking tool, as a selection tool will be: it reads the picture's pixels on
   * pointer-down and writes the pixels of that colour within 20 px as one undo step.
   */
  const pick: ToolDefinition<'pick'> = {
    id: 'pick',
    label: 'action.pick',
    create: (ctx) => ({
      idle: {
        onPointerDown(p) {
          const { width, data } = ctx.pixels();
          const at = (x: number, y: number) => data[(y * width + x) * 4]!;
          const want = at(Math.floor(p.x), Math.floor(p.y));
          const rect = { x: Math.floor(p.x) - 20, y: Math.floor(p.y) - 20, w: 41, h: 41 };
          const cov = new Uint8Array(rect.w * rect.h);
          for (let y = 0; y < rect.h; y++) for (let x = 0; x < rect.w; x++) {
            const ix = rect.x + x;
            const iy = rect.y + y;
            if (ix >= 0 && iy >= 0 && ix < width && iy < ctx.doc.height && at(ix, iy) === want) cov[y * rect.w + x] = 255;
          }
          ctx.commitRegion(rect, cov, 'add');
          return 'active';
        },
      },
      active: { onPointerUp: () => 'idle', onCancel: () => 'idle' },
    }),
  };

  it('a tool reads the picture pixels and writes a mask region as one undo step', () => {
    // Left half dark (red 10), right half light (red 200).
    const rgba = new Uint8ClampedArray(100 * 60 * 4);
    for (let i = 0; i < 100 * 60; i++) rgba[i * 4] = i % 100 < 50 ? 10 : 200;
    const ed = new TestEditor().open(100, 60, rgba);
    ed.setBrushSize(6);
    ed.stroke([[80, 5], [90, 5]]);
    const tool = new ToolMachine('pick', pick, ed.toolContext);
    tool.onPointerDown({ x: 45.5, y: 30.5, pressure: 0.5 });
    expect(tool.state).toBe('active');
    tool.onPointerUp();
    expect(tool.state).toBe('idle');
    // Dark pixels within 20 px of (45, 30) are painted; light ones and farther ones are not; the stroke stays.
    expect(ed.painted([45, 30], [26, 30], [49, 49], [50, 30], [24, 30], [85, 5])).toEqual([true, true, true, false, false, true]);
    expect(ed.state.maskVersion).toBe(2);
    ed.undo();
    expect(ed.painted([45, 30], [85, 5])).toEqual([false, true]);
  });

  it('replaces or cuts away a region', () => {
    const ed = new TestEditor().open(100, 60);
    ed.fillMask();
    const rect = { x: 90, y: 50, w: 20, h: 20 }; // partly outside the picture
    expect(ed.toolContext.commitRegion(rect, new Uint8Array(400).fill(255), 'subtract')).toBe(true);
    expect(ed.painted([89, 49], [95, 55], [99, 59])).toEqual([true, false, false]);
    ed.toolContext.commitRegion(rect, new Uint8Array(400).fill(255), 'replace');
    expect([ed.paintedCount(), ...ed.painted([95, 55])]).toEqual([100, true]);
    expect(() => ed.toolContext.commitRegion(rect, new Uint8Array(10), 'add')).toThrow(RangeError);
  });
});
