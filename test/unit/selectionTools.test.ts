import { describe, expect, it } from 'vitest';
import { toScreen, type View } from '../../src/core/view/viewport.ts';
import { TestEditor, type PointerOptions } from './TestEditor.ts';
import { winding, type P } from './selectionReference.ts';

// The selection tools driven through the engine with stage pointer events at three zooms; each
// tool's mask is compared pixel for pixel with a reference drawn here, independently of
// src/core/selection: a pixel is in when its centre passes a point-in-shape test.

const W = 160;
const H = 120;

/** Views: fitted, zoomed in with the image partly off screen, zoomed far out. */
const views: readonly { name: string; view: View | null }[] = [
  { name: 'fit', view: null },
  { name: 'zoom 3.3x', view: { scale: 3.3, x: -130, y: -70 } },
  { name: 'zoom 0.41x', view: { scale: 0.41, x: 210, y: 95 } },
];



/** The reference mask: 255 where `inside` holds at the pixel centre. */
function reference(inside: (x: number, y: number) => boolean): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (inside(x + 0.5, y + 0.5)) out[y * W + x] = 255;
  return out;
}

/** Pixels where the mask differs from the reference, as "x,y" (empty when exact). */
function diff(ed: TestEditor, ref: Uint8Array): string[] {
  const cov = ed.coverage();
  const out: string[] = [];
  for (let i = 0; i < ref.length; i++) if ((cov[i]! >= 128) !== (ref[i] === 255)) out.push(`${i % W},${Math.floor(i / W)}`);
  return out.slice(0, 10);
}

/** A drag through image points, placed on the stage with the current view. */
function drag(ed: TestEditor, pts: readonly P[], o: PointerOptions = {}, moveKeys: PointerOptions = o): void {
  const s = (p: P) => toScreen(ed.currentView, p[0], p[1]);
  ed.pointerDown(s(pts[0]!).x, s(pts[0]!).y, o);
  for (const p of pts.slice(1)) ed.pointerMove(s(p).x, s(p).y, moveKeys);
  ed.pointerUp(undefined, undefined, o);
}

function click(ed: TestEditor, p: P, o: PointerOptions = {}): void {
  const s = toScreen(ed.currentView, p[0], p[1]);
  ed.pointerDown(s.x, s.y, o).pointerUp(undefined, undefined, o);
}

function editor(view: View | null, rgba?: Uint8ClampedArray): TestEditor {
  const ed = new TestEditor().open(W, H, rgba);
  if (view) ed.setView(view);
  return ed;
}

/** The ellipse inscribed in a box, as a pixel-centre test. */
const ellipse = (x0: number, y0: number, x1: number, y1: number) => (x: number, y: number) =>
  ((x - (x0 + x1) / 2) / ((x1 - x0) / 2)) ** 2 + ((y - (y0 + y1) / 2) / ((y1 - y0) / 2)) ** 2 <= 1;

/** Two grey bands (100 and 110) around a dark square (20) with a second dark square apart. */
function picture(): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const dark = (x >= 20 && x < 50 && y >= 20 && y < 60) || (x >= 100 && x < 120 && y >= 70 && y < 90);
    const v = dark ? 20 : y < 60 ? 100 : 110;
    rgba.set([v, v, v, 255], (y * W + x) * 4);
  }
  return rgba;
}
const inSquare1 = (x: number, y: number) => x >= 20 && x < 50 && y >= 20 && y < 60;
const inSquare2 = (x: number, y: number) => x >= 100 && x < 120 && y >= 70 && y < 90;

/** Two overlapping boxes; A is made first, B combined with it. */
const boxA = (x: number, y: number) => x >= 20.5 && x < 90.5 && y >= 20.5 && y < 80.5;
const boxB = (x: number, y: number) => x >= 60.5 && x < 130.5 && y >= 50.5 && y < 110.5;
function setup(): TestEditor {
  const ed = editor({ scale: 1.7, x: 13, y: -9 });
  ed.setTool('rectSelect');
  drag(ed, [[20.5, 20.5], [90.5, 80.5]]);
  return ed;
}
const B: P[] = [[60.5, 50.5], [130.5, 110.5]];

describe.each(views)('selection tools at $name', ({ view }) => {
  it('rectangle: the pixel centres inside the dragged box, at fractional corners', () => {
    const ed = editor(view);
    ed.setTool('rectSelect');
    drag(ed, [[100.27, 80.71], [60, 50], [20.62, 10.35]]);
    expect(diff(ed, reference((x, y) => x >= 20.62 && x < 100.27 && y >= 10.35 && y < 80.71))).toEqual([]);
    expect(ed.state.maskVersion).toBe(1);
  });

  it('ellipse: the centres on or inside the inscribed ellipse; Shift after the start makes a circle', () => {
    const ed = editor(view);
    ed.setTool('ellipseSelect');
    drag(ed, [[12.3, 14.8], [140.6, 101.2]]);
    expect(diff(ed, reference(ellipse(12.3, 14.8, 140.6, 101.2)))).toEqual([]);
    // Shift pressed during the drag (not at pointer-down) constrains: a circle of the larger side.
    ed.clearMask();
    drag(ed, [[30.2, 20.4], [60, 50], [90.7, 60.1]], {}, { shift: true });
    expect(diff(ed, reference(ellipse(30.2, 20.4, 90.7, 80.9)))).toEqual([]);
  });

  it('lasso, freehand: a self-crossing path fills by the non-zero rule', () => {
    const ed = editor(view);
    ed.setTool('lasso');
    // A star drawn in one stroke (its middle is wound twice: non-zero keeps it).
    const star: P[] = [[80.3, 5.6], [108.2, 100.4], [30.7, 40.2], [130.1, 40.9], [50.6, 100.3]];
    drag(ed, star);
    expect(diff(ed, reference((x, y) => winding(star, x, y) !== 0))).toEqual([]);
    expect(ed.painted([80, 55])).toEqual([true]);
  });

  it('lasso, polygon: clicks add corners, a rubber band follows the pointer between them, a double-click closes; Enter closes; Escape cancels', () => {
    const ed = editor(view);
    ed.setTool('lasso');
    const tri: P[] = [[10.4, 10.2], [150.3, 30.6], [40.8, 110.1]];
    click(ed, tri[0]!);
    click(ed, tri[1]!);
    // The rubber band: a hover shows the next side to the pointer, without making it a corner.
    const at = toScreen(ed.currentView, 120.5, 90.5);
    ed.pointerMove(at.x, at.y);
    const band = ed.overlay as { kind: string; points: readonly { x: number; y: number }[]; closed: boolean };
    expect([band.kind, band.points.length, band.closed]).toEqual(['path', 3, false]);
    expect(band.points[2]!.x).toBeCloseTo(120.5, 6);
    expect(band.points[2]!.y).toBeCloseTo(90.5, 6);
    click(ed, tri[2]!);
    expect(ed.state.maskVersion).toBe(0);
    expect(ed.overlay).toMatchObject({ kind: 'path', points: [{}, {}, {}] });
    click(ed, tri[2]!, { double: true });
    expect(diff(ed, reference((x, y) => winding(tri, x, y) !== 0))).toEqual([]);
    expect(ed.overlay).toBeNull();
    // Enter closes; a drag between clicks adds a freehand stretch.
    ed.clearMask();
    const quad: P[] = [[5.3, 5.3], [80.6, 5.3], [80.6, 60.2], [5.3, 60.2]];
    click(ed, quad[0]!);
    drag(ed, [quad[1]!, quad[2]!]);
    click(ed, quad[3]!);
    ed.toolKey('Enter');
    expect(diff(ed, reference((x, y) => winding(quad, x, y) !== 0))).toEqual([]);
    const version = ed.state.maskVersion;
    click(ed, [100, 100]);
    click(ed, [150, 100]);
    ed.toolKey('Escape');
    click(ed, [150, 110]);
    ed.toolKey('Escape');
    expect([ed.state.maskVersion, ed.overlay]).toEqual([version, null]);
  });
});

describe('magic wand', () => {

  it.each(views)('samples the picture, contiguous or global, with the tolerance ($name)', ({ view }) => {
    const ed = editor(view, picture());
    ed.setTool('wand');
    ed.setWandOptions({ tolerance: 0, contiguous: true });
    click(ed, [30.6, 30.2]);
    expect(diff(ed, reference(inSquare1))).toEqual([]);
    ed.setWandOptions({ contiguous: false });
    click(ed, [30.6, 30.2]);
    expect(diff(ed, reference((x, y) => inSquare1(x, y) || inSquare2(x, y)))).toEqual([]);
    // Tolerance 10 joins the two grey bands; the mask painted there does not matter.
    ed.setWandOptions({ tolerance: 10, contiguous: true });
    click(ed, [5.5, 5.5]);
    expect(diff(ed, reference((x, y) => !inSquare1(x, y) && !inSquare2(x, y)))).toEqual([]);
    ed.setWandOptions({ tolerance: 9 });
    click(ed, [5.5, 5.5]);
    expect(diff(ed, reference((x, y) => y < 60 && !inSquare1(x, y)))).toEqual([]);
  });

  it('runs through the platform runner when asynchronous, dropping a stale result', async () => {
    const ed = editor(null, picture());
    ed.setTool('wand');
    ed.setWandOptions({ tolerance: 0 });
    const pending: (() => void)[] = [];
    const ctx = ed.toolContext as { runWand: (o: unknown) => unknown };
    const inline = ctx.runWand;
    ctx.runWand = (o) => new Promise((resolve) => pending.push(() => resolve(inline(o))));
    click(ed, [30, 30]);
    click(ed, [110, 80]);
    pending[1]!();
    pending[0]!();
    await Promise.resolve();
    await Promise.resolve();
    expect(diff(ed, reference(inSquare2))).toEqual([]);
    expect(ed.state.maskVersion).toBe(1);
  });
});

describe('modes', () => {

  it.each([
    ['replace (toolbar)', 'replace', {}, (x: number, y: number) => boxB(x, y)],
    ['add (Shift)', 'replace', { shift: true }, (x: number, y: number) => boxA(x, y) || boxB(x, y)],
    ['subtract (Alt)', 'replace', { alt: true }, (x: number, y: number) => boxA(x, y) && !boxB(x, y)],
    ['intersect (Shift+Alt)', 'replace', { shift: true, alt: true }, (x: number, y: number) => boxA(x, y) && boxB(x, y)],
    ['add (toolbar)', 'add', {}, (x: number, y: number) => boxA(x, y) || boxB(x, y)],
    ['subtract (toolbar)', 'subtract', {}, (x: number, y: number) => boxA(x, y) && !boxB(x, y)],
    ['intersect (toolbar)', 'intersect', {}, (x: number, y: number) => boxA(x, y) && boxB(x, y)],
  ] as const)('%s combines, and one undo removes the action', (_n, mode, keys, want) => {
    const ed = setup();
    ed.setSelectMode(mode);
    drag(ed, B, keys);
    expect(diff(ed, reference(want))).toEqual([]);
    expect(ed.state.maskVersion).toBe(2);
    ed.undo();
    expect(diff(ed, reference(boxA))).toEqual([]);
  });

  it('Shift held from pointer-down adds without constraining; the overlay shows the mode', () => {
    const ed = setup();
    const s = (p: P) => toScreen(ed.currentView, p[0], p[1]);
    ed.pointerDown(s(B[0]!).x, s(B[0]!).y, { shift: true });
    ed.pointerMove(s(B[1]!).x, s(B[1]!).y, { shift: true });
    expect(ed.overlay).toMatchObject({ kind: 'rect', mode: 'add', x0: 60.5, x1: 130.5 });
    ed.pointerUp();
    expect(diff(ed, reference((x, y) => boxA(x, y) || boxB(x, y)))).toEqual([]);
  });

  it('the wand subtracts with Alt; the lasso intersects with Shift+Alt', () => {
    const ed = setup();
    ed.setTool('wand');
    click(ed, [5, 5], { alt: true });
    expect(ed.paintedCount()).toBe(0);
    ed.undo();
    ed.setTool('lasso');
    const tri: P[] = [[10.2, 10.7], [150.4, 10.7], [10.2, 110.3]];
    drag(ed, tri, { shift: true, alt: true });
    expect(diff(ed, reference((x, y) => boxA(x, y) && winding(tri, x, y) !== 0))).toEqual([]);
  });
});
