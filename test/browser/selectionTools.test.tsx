import { afterEach, describe, expect, it } from 'vitest';
import { toScreen } from '../../src/core/view/viewport.ts';
import { decodePng, fixtureFile, mountApp, nextFrame, stageElement, until, type Mounted } from './helpers.tsx';
import { winding, type P } from '../unit/selectionReference.ts';

// The selection tools through the real app: toolbar buttons, DOM pointer events with modifier
// keys, the canvas's keys, and the exported mask PNG compared pixel for pixel with a reference
// drawn here (a pixel is selected when its centre is inside the shape; alpha 0 = selected).

let m: Mounted | null = null;
afterEach(() => { m?.unmount(); m = null; });

interface Keys { shiftKey?: boolean; altKey?: boolean; pointerType?: 'mouse' | 'pen'; hover?: boolean }

/** Dispatches one pointer event at an image point, with the current view. */
function pointer(mt: Mounted, type: string, [x, y]: P, keys: Keys = {}): void {
  const el = stageElement(mt);
  const r = el.getBoundingClientRect();
  const s = toScreen(mt.services.editor.currentView, x, y);
  const { hover, ...rest } = keys;
  el.dispatchEvent(new PointerEvent(type, {
    bubbles: true, cancelable: true, composed: true, pointerId: 9, isPrimary: true, pointerType: 'mouse',
    button: type === 'pointermove' ? -1 : 0, buttons: type === 'pointerup' || hover ? 0 : 1,
    clientX: r.left + s.x, clientY: r.top + s.y, pressure: hover ? 0 : 0.5, ...rest,
  }));
}

function drag(mt: Mounted, pts: readonly P[], down: Keys = {}, moves: Keys = down): void {
  pointer(mt, 'pointerdown', pts[0]!, down);
  for (const p of pts.slice(1)) pointer(mt, 'pointermove', p, moves);
  pointer(mt, 'pointerup', pts[pts.length - 1]!, moves);
}

function click(mt: Mounted, p: P, keys: Keys = {}): void {
  pointer(mt, 'pointerdown', p, keys);
  pointer(mt, 'pointerup', p, keys);
}

/** Presses a key on the focused canvas (the app's keyboard binding listens on the window). */
function key(mt: Mounted, k: string): void {
  stageElement(mt).closest('[data-testid=stage]')!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
}


/** Pixels of the exported mask that differ from `inside` at pixel centres (first few), and the PNG's size. */
async function maskDiff(mt: Mounted, inside: (x: number, y: number) => boolean): Promise<{ size: number[]; diff: string[] }> {
  const png = await decodePng(await mt.services.editor.exportMask());
  const diff: string[] = [];
  for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) {
    const selected = png.rgba[(y * png.width + x) * 4 + 3] === 0;
    if (selected !== inside(x + 0.5, y + 0.5) && diff.length < 8) diff.push(`${x},${y}`);
  }
  return { size: [png.width, png.height], diff };
}

async function open(view?: { scale: number; x: number; y: number }): Promise<Mounted> {
  const mt = await mountApp({ dpr: 2 });
  expect(await mt.services.intake.openImage(await fixtureFile('coffee.png'))).toBe(true);
  if (view) mt.services.editor.setView(view);
  return mt;
}

function pickTool(mt: Mounted, id: string): void {
  (mt.host.querySelector(`[data-action=${id}]`) as HTMLButtonElement).click();
  expect(mt.services.editor.state.tool).toBe(id);
}

// The rectangle and ellipse the first test drags, as exact pixel-centre predicates.
const rect = (x: number, y: number) => x >= 100.3 && x < 250.7 && y >= 80.6 && y < 210.2;
const ell = (x: number, y: number) => ((x - 290.55) / 90.35) ** 2 + ((y - 240.25) / 89.85) ** 2 <= 1;

describe('selection tools in the app', () => {
  it('rectangle from the toolbar, exact; Shift-drag adds an ellipse; one undo removes one action', async () => {
    m = await open({ scale: 1.37, x: -41, y: 12 });
    pickTool(m, 'rectSelect');
    drag(m, [[100.3, 80.6], [250.7, 210.2]]);
    expect(await maskDiff(m, rect)).toEqual({ size: [600, 400], diff: [] });
    pickTool(m, 'ellipseSelect');
    drag(m, [[200.2, 150.4], [380.9, 330.1]], { shiftKey: true }, { shiftKey: true });
    expect((await maskDiff(m, (x, y) => rect(x, y) || ell(x, y))).diff).toEqual([]);
    m.services.editor.undo();
    expect((await maskDiff(m, rect)).diff).toEqual([]);
  });

  it('lasso: freehand drag, then a polygon closed by a double-click, Alt subtracts', async () => {
    m = await open();
    pickTool(m, 'lasso');
    const free: P[] = [[50.2, 40.7], [300.4, 60.1], [280.9, 300.3], [90.6, 250.5]];
    drag(m, free);
    expect((await maskDiff(m, (x, y) => winding(free, x, y) !== 0)).diff).toEqual([]);
    const tri: P[] = [[150.3, 100.2], [400.8, 120.6], [200.1, 350.4]];
    pointer(m, 'pointerdown', tri[0]!, { altKey: true });
    pointer(m, 'pointerup', tri[0]!, { altKey: true });
    click(m, tri[1]!);
    click(m, tri[2]!);
    await nextFrame();
    click(m, tri[2]!); // the second press of a double-click closes
    expect(m.services.editor.overlay).toBeNull();
    expect((await maskDiff(m, (x, y) => winding(free, x, y) !== 0 && winding(tri, x, y) === 0)).diff).toEqual([]);
    expect(m.services.editor.state.maskVersion).toBe(2);
  });

  it('magic wand: global at tolerance 0 from the toolbar options selects exactly the clicked colour', async () => {
    m = await open();
    pickTool(m, 'wand');
    await until(() => m!.host.querySelector('[data-testid=wand-contiguous]') !== null);
    (m.host.querySelector('[data-testid=wand-contiguous]') as HTMLInputElement).click();
    expect(m.services.editor.state.wandContiguous).toBe(false);
    m.services.editor.setWandOptions({ tolerance: 0 });
    const px = m.services.editor.pixels();
    const at = (x: number, y: number) => px.data.slice((y * px.width + x) * 4, (y * px.width + x) * 4 + 4).join();
    const want = at(300, 200);
    click(m, [300.5, 200.5]);
    const { diff } = await maskDiff(m, (x, y) => at(Math.floor(x), Math.floor(y)) === want);
    expect(diff).toEqual([]);
  });

  it('a pen drives each tool: ellipse, polygon lasso with its rubber band while hovering, wand; one undo removes one action', async () => {
    m = await open({ scale: 0.83, x: 17, y: -9 });
    const { editor } = m.services;
    const pen = { pointerType: 'pen' } as const;
    pickTool(m, 'ellipseSelect');
    drag(m, [[200.2, 150.4], [380.9, 330.1]], pen);
    expect((await maskDiff(m, ell)).diff).toEqual([]);
    pickTool(m, 'lasso');
    const tri: P[] = [[150.3, 100.2], [400.8, 120.6], [200.1, 350.4]];
    click(m, tri[0]!, { ...pen, shiftKey: true });
    pointer(m, 'pointermove', [300.5, 50.5], { ...pen, hover: true });
    const band = editor.overlay as { points: readonly { x: number; y: number }[] } | null;
    expect(band?.points.length).toBe(2);
    expect([Math.floor(band!.points[1]!.x), Math.floor(band!.points[1]!.y)]).toEqual([300, 50]);
    click(m, tri[1]!, pen);
    click(m, tri[2]!, pen);
    await nextFrame();
    click(m, tri[2]!, pen); // the second press of a double-click closes
    const both = (x: number, y: number) => ell(x, y) || winding(tri, x, y) !== 0;
    expect((await maskDiff(m, both)).diff).toEqual([]);
    pickTool(m, 'wand');
    editor.setWandOptions({ tolerance: 0, contiguous: false });
    const px = editor.pixels();
    const at = (x: number, y: number) => px.data.slice((y * px.width + x) * 4, (y * px.width + x) * 4 + 4).join();
    const want = at(300, 200);
    click(m, [300.5, 200.5], { ...pen, altKey: true });
    await until(() => editor.state.maskVersion === 3);
    expect((await maskDiff(m, (x, y) => both(x, y) && at(Math.floor(x), Math.floor(y)) !== want)).diff).toEqual([]);
    editor.undo();
    expect((await maskDiff(m, both)).diff).toEqual([]);
    editor.undo();
    expect((await maskDiff(m, ell)).diff).toEqual([]);
  });

  it('the keyboard drives a marquee: Enter sets a corner, arrows move the other, Enter commits', async () => {
    m = await open();
    const { editor } = m.services;
    pickTool(m, 'rectSelect');
    editor.setBrushSize(40); // the keyboard's step is a quarter of it: 10 px
    (m.host.querySelector('[data-testid=stage]') as HTMLElement).focus();
    key(m, 'ArrowLeft'); // the brush starts at the centre (300, 200): now (290, 200)
    key(m, 'Enter');
    for (const k of ['ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowDown', 'ArrowDown']) key(m, k);
    expect(editor.overlay).toMatchObject({ kind: 'rect', x0: 290, y0: 200, x1: 320, y1: 220 });
    key(m, 'Enter');
    expect((await maskDiff(m, (x, y) => x >= 290 && x < 320 && y >= 200 && y < 220)).diff).toEqual([]);
    editor.undo();
    expect((await maskDiff(m, () => false)).diff).toEqual([]);
  });
});
