import { afterEach, describe, expect, it } from 'vitest';
import type Konva from 'konva';
import { alphaAt, decodePng, fixtureFile, mountApp, nextFrame, paintStroke, type Mounted } from './helpers.tsx';
import { toScreen } from '../../src/core/view/viewport.ts';

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; });

/** Views to paint at: fitted, zoomed in with part of the image off screen, zoomed far out. */
const views = [
  { name: 'fit', view: null },
  { name: 'zoom 2.5x', view: { scale: 2.5, x: -600, y: -300 } },
  { name: 'zoom 0.37x', view: { scale: 0.37, x: 310, y: 120 } },
] as const;

describe.each([1, 2, 3])('painting at device pixel ratio %i', (dpr) => {
  it.each(views)('strokes land on the image pixels under the pointer ($name)', async ({ view }) => {
    m = await mountApp({ dpr });
    const { editor, intake } = m.services;
    expect(await intake.openImage(await fixtureFile('coffee.png'))).toBe(true);
    if (view) editor.setView(view);
    editor.setBrushSize(20);
    // A brush stroke along y=200 from x=250 to x=450, then an eraser stroke across it at x=350.
    paintStroke(m, [[250, 200], [300, 200], [350, 200], [400, 200], [450, 200]]);
    editor.setTool('eraser');
    editor.setBrushSize(10);
    paintStroke(m, [[350, 150], [350, 250]]);

    const png = await decodePng(await editor.exportMask());
    expect([png.width, png.height, png.colorType, png.bitDepth]).toEqual([600, 400, 6, 8]);
    // Inside the stroke (radius 10): transparent.
    for (const [x, y] of [[250, 200], [300, 192], [300, 207], [420, 200], [455, 200]]) expect(alphaAt(png, x!, y!), `in ${x},${y}`).toBe(0);
    // Outside by a few pixels, and far away: opaque.
    for (const [x, y] of [[300, 188], [300, 212], [237, 200], [463, 200], [10, 10], [590, 390]]) expect(alphaAt(png, x!, y!), `out ${x},${y}`).toBe(255);
    // Under the eraser (radius 5): opaque again; just beside it still painted.
    for (const [x, y] of [[350, 200], [352, 195], [348, 205]]) expect(alphaAt(png, x!, y!), `erased ${x},${y}`).toBe(255);
    for (const [x, y] of [[358, 200], [342, 200]]) expect(alphaAt(png, x!, y!), `beside eraser ${x},${y}`).toBe(0);
    // Only two values in the whole file.
    const values = new Set<number>();
    for (let i = 3; i < png.rgba.length; i += 4) values.add(png.rgba[i]!);
    expect([...values].toSorted((a, b) => a - b)).toEqual([0, 255]);

    // The display lines up too: the mask layer's device pixels under the stroke are coloured.
    await nextFrame();
    await nextFrame();
    const layer = (editor as unknown as { parts: { maskLayer: Konva.Layer } }).parts.maskLayer;
    const canvas = layer.getCanvas()._canvas;
    expect(canvas.width).toBe(Math.round(1000 * dpr));
    const ctx = canvas.getContext('2d')!;
    const devAlpha = (ix: number, iy: number) => {
      const s = toScreen(editor.currentView, ix, iy);
      return ctx.getImageData(Math.floor(s.x * dpr), Math.floor(s.y * dpr), 1, 1).data[3]!;
    };
    const v = editor.currentView;
    const onScreen = (ix: number, iy: number) => { const s = toScreen(v, ix, iy); return s.x >= 0 && s.y >= 0 && s.x < 1000 && s.y < 640; };
    if (onScreen(280, 200)) expect(devAlpha(280, 200)).toBeGreaterThan(0);
    if (onScreen(280, 240)) expect(devAlpha(280, 240)).toBe(0);
  });
});

// Undo, redo, clear, invert, middle-button pan, pen and touch strokes, pressure, the keyboard
// brush and two-finger pan run headless in test/unit/enginePainting.test.ts. Here: what the
// browser adds (real pointer events, canvas tiles, PNG export) and the pixels Konva draws.
describe('input kinds and display', () => {
  it('pinches with two fingers through real touch events instead of painting, and the first finger leaves no stroke', async () => {
    m = await mountApp();
    const { editor, intake } = m.services;
    await intake.openImage(await fixtureFile('coffee.png'));
    const el = m.host.querySelector('[data-testid=stage] .konvajs-content')!.parentElement!;
    const r = el.getBoundingClientRect();
    const touch = (type: string, id: number, x: number, y: number) => el.dispatchEvent(new PointerEvent(type, {
      bubbles: true, pointerId: id, pointerType: 'touch', isPrimary: id === 1, button: type === 'pointermove' ? -1 : 0,
      buttons: type === 'pointerup' ? 0 : 1, clientX: r.left + x, clientY: r.top + y,
    }));
    const before = editor.currentView;
    touch('pointerdown', 1, 400, 300);
    touch('pointermove', 1, 405, 300);
    touch('pointerdown', 2, 600, 300);
    touch('pointermove', 2, 700, 300);
    touch('pointerup', 1, 405, 300);
    touch('pointerup', 2, 700, 300);
    expect(editor.currentView.scale).toBeCloseTo(before.scale * (295 / 195), 5);
    expect(editor.state.canUndo).toBe(false);
    const png = await decodePng(await editor.exportMask());
    let painted = 0;
    for (let i = 3; i < png.rgba.length; i += 4) if (png.rgba[i] === 0) painted++;
    expect(painted).toBe(0);
  });

  it('shows the mask in the chosen colour and opacity, and hides it', async () => {
    m = await mountApp();
    const { editor, intake } = m.services;
    await intake.openImage(await fixtureFile('coffee.png'));
    editor.setBrushSize(40);
    paintStroke(m, [[100, 200], [500, 200]]);
    editor.setMaskColor('#00ff00');
    editor.setMaskOpacity(0.8);
    const layer = (editor as unknown as { parts: { maskLayer: Konva.Layer } }).parts.maskLayer;
    layer.draw();
    const ctx = layer.getCanvas()._canvas.getContext('2d')!;
    const s = toScreen(editor.currentView, 300, 200);
    const px = () => [...ctx.getImageData(Math.floor(s.x), Math.floor(s.y), 1, 1).data];
    const [r, g, b, a] = px();
    expect([r, g, b]).toEqual([0, 255, 0]);
    expect(Math.abs(a! - 204)).toBeLessThanOrEqual(1);
    editor.setMaskVisible(false);
    layer.draw();
    expect(px()[3]).toBe(0);
    editor.setMaskVisible(true);
    layer.draw();
    expect(px()[3]).toBeGreaterThan(200);
  });

  it('redraws only changed tiles, yet shows exactly what a full redraw shows', async () => {
    m = await mountApp();
    const { editor, intake } = m.services;
    await intake.openImage(await fixtureFile('coffee.png'));
    editor.setView({ scale: 1.37, x: -97.3, y: -41.6 });
    editor.setBrushSize(30);
    for (let i = 0; i < 12; i++) paintStroke(m, [[40 + i * 40, 40], [60 + i * 35, 300], [500 - i * 20, 350]]);
    editor.setTool('eraser');
    paintStroke(m, [[20, 200], [580, 210]]);
    editor.undo();
    editor.redo();
    await nextFrame();
    await nextFrame();
    const layer = (editor as unknown as { parts: { maskLayer: Konva.Layer } }).parts.maskLayer;
    const ctx = layer.getCanvas()._canvas.getContext('2d')!;
    const incremental = ctx.getImageData(0, 0, 1000, 700).data.slice();
    editor.setMaskOpacity(editor.state.maskOpacity); // no change: nothing redrawn
    editor.setMaskColor('#00ff00');
    editor.setMaskColor('#ff3b30'); // forces a full redraw with the original colour
    layer.draw();
    const full = ctx.getImageData(0, 0, 1000, 700).data;
    let diff = 0;
    let colored = 0;
    for (let i = 0; i < full.length; i++) if (full[i] !== incremental[i]) diff++;
    for (let i = 3; i < full.length; i += 4) if (full[i]! > 0) colored++;
    expect(colored).toBeGreaterThan(10000);
    expect(diff).toBe(0);
  });
});
