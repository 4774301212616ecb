import { afterEach, describe, expect, it } from 'vitest';
// Pen pressure as the browser reports it, switched on from the toolbar. The rest of the pressure
// rules (off, mouse and touch never thinned) run headless in test/unit/enginePainting.test.ts.
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
  it('sets the width along a stroke from real pen events when switched on in the toolbar, segment by segment', async () => {
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
});
