import { afterEach, describe, expect, it } from 'vitest';
import { alphaAt, decodePng, fixtureFile, mountApp, stageElement, until, type DecodedPng, type Mounted } from './helpers.tsx';
import { toScreen } from '../../src/core/view/viewport.ts';

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; });

/** A stroke of pointer events along image points, each with its own pressure. */
function stroke(app: Mounted, pointerType: string, points: { x: number; y: number; pressure: number }[]): void {
  const el = stageElement(app);
  const r = el.getBoundingClientRect();
  const v = app.services.editor.currentView;
  const fire = (type: string, p: { x: number; y: number; pressure: number }) => {
    const s = toScreen(v, p.x, p.y);
    el.dispatchEvent(new PointerEvent(type, {
      bubbles: true, cancelable: true, composed: true, pointerId: 3, isPrimary: true, pointerType,
      button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' ? 0 : 1,
      clientX: r.left + s.x, clientY: r.top + s.y, pressure: type === 'pointerup' ? 0 : p.pressure,
    }));
  };
  fire('pointerdown', points[0]!);
  for (const p of points.slice(1)) fire('pointermove', p);
  fire('pointerup', points.at(-1)!);
}

/** Painted rows in column x (alpha 0 = painted). */
function thickness(png: DecodedPng, x: number): number {
  let n = 0;
  for (let y = 0; y < png.height; y++) if (alphaAt(png, x, y) === 0) n++;
  return n;
}

/** Along y=200 from x=100 to x=500, pressure rising from 0.1 to 1. */
const rising = Array.from({ length: 41 }, (_, i) => ({ x: 100 + i * 10, y: 200, pressure: 0.1 + (0.9 * i) / 40 }));

describe('pen pressure', () => {
  it('sets the width along a stroke when switched on in the toolbar, segment by segment', async () => {
    m = await mountApp({ width: 1000, height: 700 });
    const { editor, intake } = m.services;
    expect(await intake.openImage(await fixtureFile('coffee.png'))).toBe(true);
    editor.setBrushSize(40);
    const toggle = m.host.querySelector<HTMLButtonElement>('[data-action=togglePressure]')!;
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    toggle.click();
    await until(() => toggle.getAttribute('aria-pressed') === 'true');
    expect(editor.state.pressure).toBe(true);

    stroke(m, 'pen', rising);
    const png = await decodePng(await editor.exportMask());
    const thin = thickness(png, 130); // pressure ≈ 0.17: 40 × (0.1 + 0.9 × 0.17) ≈ 10 px
    const mid = thickness(png, 300); // ≈ 0.55: ≈ 24 px
    const thick = thickness(png, 470); // ≈ 0.93: ≈ 38 px
    expect(thin).toBeGreaterThanOrEqual(7);
    expect(thin).toBeLessThanOrEqual(14);
    expect(mid).toBeGreaterThan(thin + 8);
    expect(thick).toBeGreaterThan(mid + 8);
    expect(thick).toBeLessThanOrEqual(41);
  });

  it('leaves the width alone when off, and never thins a mouse or finger stroke', async () => {
    m = await mountApp({ width: 1000, height: 700 });
    const { editor, intake } = m.services;
    expect(await intake.openImage(await fixtureFile('coffee.png'))).toBe(true);
    editor.setBrushSize(40);
    stroke(m, 'pen', rising);
    let png = await decodePng(await editor.exportMask());
    expect(Math.abs(thickness(png, 130) - thickness(png, 470))).toBeLessThanOrEqual(1);
    expect(thickness(png, 130)).toBeGreaterThanOrEqual(39);

    editor.clearMask();
    editor.setPressure(true);
    stroke(m, 'mouse', rising.map((p) => ({ ...p, pressure: 0.5 })));
    png = await decodePng(await editor.exportMask());
    expect(thickness(png, 130)).toBeGreaterThanOrEqual(39);
    expect(thickness(png, 470)).toBeGreaterThanOrEqual(39);
  });
});

describe('keyboard brush', () => {
  it('paints one undoable stroke from the keys, and the view follows the brush off screen', async () => {
    m = await mountApp({ width: 1000, height: 700 });
    const { editor, intake, keyBrush } = m.services;
    expect(await intake.openImage(await fixtureFile('coffee.png'))).toBe(true);
    editor.setBrushSize(20);
    editor.setView({ scale: 4, x: -900, y: -500 }); // the centre (300, 200) is on screen
    const stage = m.host.querySelector<HTMLElement>('[data-testid=stage]')!;
    const key = (k: string, shift = false) => stage.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey: shift, bubbles: true, cancelable: true }));
    stage.focus();
    key('ArrowRight'); // the first key shows the brush even when the canvas was clicked into focus
    expect(keyBrush.state.at).toEqual({ x: 305, y: 200 });
    key('Enter');
    for (let i = 0; i < 10; i++) key('ArrowRight', true); // 10 × 25 px: to the image's right edge
    key('Enter');
    expect(keyBrush.state.at).toEqual({ x: 555, y: 200 });
    expect(editor.state.canUndo).toBe(true);
    // The brush stayed on screen: the view panned after it.
    const s = toScreen(editor.currentView, 555, 200);
    expect(s.x).toBeGreaterThan(0);
    expect(s.x).toBeLessThan(1000);

    const png = await decodePng(await editor.exportMask());
    const painted = (x: number, y: number) => alphaAt(png, x, y) === 0;
    expect([painted(305, 200), painted(430, 200), painted(555, 200), painted(430, 215), painted(100, 200)]).toEqual([true, true, true, false, false]);
    editor.undo();
    const after = await decodePng(await editor.exportMask());
    expect(after.rgba[(200 * after.width + 430) * 4 + 3]).toBe(255);
  });
});

describe('touch', () => {
  it('moves the view with two fingers (no zoom when their distance holds), and paints nothing', async () => {
    m = await mountApp({ width: 1000, height: 700 });
    const { editor, intake } = m.services;
    expect(await intake.openImage(await fixtureFile('coffee.png'))).toBe(true);
    const el = stageElement(m);
    const r = el.getBoundingClientRect();
    const touch = (type: string, id: number, x: number, y: number) => el.dispatchEvent(new PointerEvent(type, {
      bubbles: true, cancelable: true, pointerId: id, pointerType: 'touch', isPrimary: id === 1, button: type === 'pointermove' ? -1 : 0,
      buttons: type === 'pointerup' ? 0 : 1, clientX: r.left + x, clientY: r.top + y,
    }));
    const before = editor.currentView;
    touch('pointerdown', 1, 300, 300);
    touch('pointerdown', 2, 500, 300);
    for (let i = 1; i <= 5; i++) {
      touch('pointermove', 1, 300 + i * 20, 300 + i * 10);
      touch('pointermove', 2, 500 + i * 20, 300 + i * 10);
    }
    touch('pointerup', 1, 400, 350);
    touch('pointerup', 2, 600, 350);
    expect(editor.currentView.scale).toBeCloseTo(before.scale, 6);
    expect(editor.currentView.x - before.x).toBeCloseTo(100, 6);
    expect(editor.currentView.y - before.y).toBeCloseTo(50, 6);
    expect(editor.state.canUndo).toBe(false);
  });
});
