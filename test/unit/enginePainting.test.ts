import { describe, expect, it } from 'vitest';
import { toScreen } from '../../src/core/view/viewport.ts';
import { TestEditor } from './TestEditor.ts';

// Painting, undo and pointer kinds, driven headless through the engine (moved here from the
// browser tests: the same strokes and assertions; what Konva draws stays in test/browser).

/** Views to paint at: fitted, zoomed in with part of the image off screen, zoomed far out. */
const views = [
  { name: 'fit', view: null },
  { name: 'zoom 2.5x', view: { scale: 2.5, x: -600, y: -300 } },
  { name: 'zoom 0.37x', view: { scale: 0.37, x: 310, y: 120 } },
] as const;

describe('painting', () => {
  it.each(views)('strokes land on the image pixels under the pointer ($name)', ({ view }) => {
    const ed = new TestEditor().open(600, 400);
    if (view) ed.setView(view);
    ed.setBrushSize(20);
    // A brush stroke along y=200 from x=250 to x=450, then an eraser stroke across it at x=350.
    ed.stroke([[250, 200], [300, 200], [350, 200], [400, 200], [450, 200]]);
    ed.setTool('eraser');
    ed.setBrushSize(10);
    ed.stroke([[350, 150], [350, 250]]);
    // Inside the stroke (radius 10): painted. Outside by a few pixels, and far away: not.
    expect(ed.painted([250, 200], [300, 192], [300, 207], [420, 200], [455, 200])).toEqual([true, true, true, true, true]);
    expect(ed.painted([300, 188], [300, 212], [237, 200], [463, 200], [10, 10], [590, 390])).toEqual([false, false, false, false, false, false]);
    // Under the eraser (radius 5): unpainted again; just beside it still painted.
    expect(ed.painted([350, 200], [352, 195], [348, 205])).toEqual([false, false, false]);
    expect(ed.painted([358, 200], [342, 200])).toEqual([true, true]);
    expect(ed.state.canUndo).toBe(true);
  });

  it('undoes and redoes one stroke per step, clears and inverts', () => {
    const ed = new TestEditor().open(451, 300);
    ed.setBrushSize(16);
    ed.stroke([[100, 100], [200, 100]]);
    ed.stroke([[100, 200], [200, 200]]);
    expect(ed.painted([150, 100], [150, 200])).toEqual([true, true]);
    ed.undo();
    expect(ed.painted([150, 100], [150, 200])).toEqual([true, false]);
    ed.redo();
    ed.invertMask();
    expect(ed.painted([150, 100], [150, 200], [10, 10])).toEqual([false, false, true]);
    ed.clearMask();
    expect(ed.painted([150, 100], [10, 10])).toEqual([false, false]);
    ed.undo();
    ed.undo();
    expect(ed.painted([150, 100], [150, 200], [10, 10])).toEqual([true, true, false]);
  });

  it('pans with the middle button instead of painting', () => {
    const ed = new TestEditor().open(451, 300);
    const before = ed.currentView;
    ed.stroke([[100, 100], [150, 120]], { button: 1 });
    expect(ed.currentView.x).not.toBe(before.x);
    expect(ed.state.canUndo).toBe(false);
  });

  it('pans with Space held instead of painting, and paints again once it is let go', () => {
    const ed = new TestEditor().open(600, 400);
    ed.keyDown(' ');
    const before = ed.currentView;
    ed.stroke([[100, 100], [150, 120]]);
    expect(ed.currentView.x).not.toBe(before.x);
    expect(ed.paintedCount()).toBe(0);
    ed.keyUp(' ');
    ed.stroke([[100, 100], [150, 120]]);
    expect(ed.painted([125, 110])).toEqual([true]);
  });
});

describe('input kinds', () => {
  it.each(['pen', 'touch'] as const)('paints with %s pointers', (type) => {
    const ed = new TestEditor().open(600, 400);
    ed.setBrushSize(12);
    ed.stroke([[100, 100], [300, 100]], { type });
    expect(ed.painted([200, 100], [200, 120])).toEqual([true, false]);
  });

  it('pinches with two fingers instead of painting, and the first finger leaves no stroke', () => {
    const ed = new TestEditor().open(600, 400);
    const before = ed.currentView;
    ed.pointerDown(400, 300, { id: 1, type: 'touch' });
    ed.pointerMove(405, 300, { id: 1, type: 'touch' });
    ed.pointerDown(600, 300, { id: 2, type: 'touch' });
    ed.pointerMove(700, 300, { id: 2, type: 'touch' });
    ed.pointerUp(405, 300, { id: 1, type: 'touch' });
    ed.pointerUp(700, 300, { id: 2, type: 'touch' });
    expect(ed.currentView.scale).toBeCloseTo(before.scale * (295 / 195), 5);
    expect(ed.state.canUndo).toBe(false);
    expect(ed.paintedCount()).toBe(0);
  });

  it('moves the view with two fingers (no zoom when their distance holds), and paints nothing', () => {
    const ed = new TestEditor().open(600, 400);
    const before = ed.currentView;
    ed.pointerDown(300, 300, { id: 1, type: 'touch' });
    ed.pointerDown(500, 300, { id: 2, type: 'touch' });
    for (let i = 1; i <= 5; i++) {
      ed.pointerMove(300 + i * 20, 300 + i * 10, { id: 1, type: 'touch' });
      ed.pointerMove(500 + i * 20, 300 + i * 10, { id: 2, type: 'touch' });
    }
    ed.pointerUp(400, 350, { id: 1, type: 'touch' });
    ed.pointerUp(600, 350, { id: 2, type: 'touch' });
    expect(ed.currentView.scale).toBeCloseTo(before.scale, 6);
    expect(ed.currentView.x - before.x).toBeCloseTo(100, 6);
    expect(ed.currentView.y - before.y).toBeCloseTo(50, 6);
    expect(ed.state.canUndo).toBe(false);
  });
});

/** Along y=200 from x=100 to x=500, pressure rising from 0.1 to 1. */
const rising = Array.from({ length: 41 }, (_, i) => ({ x: 100 + i * 10, y: 200, pressure: 0.1 + (0.9 * i) / 40 }));

describe('pen pressure', () => {
  it('sets the width along a stroke when switched on, segment by segment', () => {
    const ed = new TestEditor().open(600, 400);
    ed.setBrushSize(40);
    ed.setPressure(true);
    ed.stroke(rising, { type: 'pen' });
    const thin = ed.thickness(130); // pressure ≈ 0.17: 40 × (0.1 + 0.9 × 0.17) ≈ 10 px
    const mid = ed.thickness(300); // ≈ 0.55: ≈ 24 px
    const thick = ed.thickness(470); // ≈ 0.93: ≈ 38 px
    expect(thin).toBeGreaterThanOrEqual(7);
    expect(thin).toBeLessThanOrEqual(14);
    expect(mid).toBeGreaterThan(thin + 8);
    expect(thick).toBeGreaterThan(mid + 8);
    expect(thick).toBeLessThanOrEqual(41);
  });

  it('leaves the width alone when off, and never thins a mouse or finger stroke', () => {
    const ed = new TestEditor().open(600, 400);
    ed.setBrushSize(40);
    ed.stroke(rising, { type: 'pen' });
    expect(Math.abs(ed.thickness(130) - ed.thickness(470))).toBeLessThanOrEqual(1);
    expect(ed.thickness(130)).toBeGreaterThanOrEqual(39);
    ed.clearMask();
    ed.setPressure(true);
    for (const type of ['mouse', 'touch'] as const) {
      ed.stroke(rising.map((p) => ({ ...p, pressure: 0.5 })), { type });
      expect(ed.thickness(130)).toBeGreaterThanOrEqual(39);
      expect(ed.thickness(470)).toBeGreaterThanOrEqual(39);
      ed.clearMask();
    }
  });
});

describe('keyboard brush', () => {
  it('paints one undoable stroke from the keys, and the view follows the brush off screen', () => {
    const ed = new TestEditor({ width: 1000, height: 640 }).open(600, 400);
    ed.setBrushSize(20);
    ed.setView({ scale: 4, x: -900, y: -500 }); // the centre (300, 200) is on screen
    ed.keyDown('ArrowRight'); // the first key shows the brush even when the canvas was clicked into focus
    expect(ed.keyBrush.state.at).toEqual({ x: 305, y: 200 });
    ed.keyDown('Enter');
    for (let i = 0; i < 10; i++) ed.keyDown('ArrowRight', { shift: true }); // 10 × 25 px: to the image's right edge
    ed.keyDown('Enter');
    expect(ed.keyBrush.state.at).toEqual({ x: 555, y: 200 });
    expect(ed.state.canUndo).toBe(true);
    // The brush stayed on screen: the view panned after it.
    const s = toScreen(ed.currentView, 555, 200);
    expect(s.x).toBeGreaterThan(0);
    expect(s.x).toBeLessThan(1000);
    expect(ed.painted([305, 200], [430, 200], [555, 200], [430, 215], [100, 200])).toEqual([true, true, true, false, false]);
    ed.undo();
    expect(ed.painted([430, 200])).toEqual([false]);
  });

  it('[ and ] size the brush by about a fifth, at least a pixel, within 1 to 1000', () => {
    const ed = new TestEditor().open(600, 400);
    ed.setBrushSize(40);
    ed.keyDown(']');
    expect(ed.state.brushSize).toBe(48);
    ed.keyDown('[').keyDown('[');
    expect(ed.state.brushSize).toBe(33);
    ed.setBrushSize(2);
    ed.keyDown('[').keyDown('[');
    expect(ed.state.brushSize).toBe(1);
    ed.setBrushSize(5000);
    expect(ed.state.brushSize).toBe(1000);
  });
});
