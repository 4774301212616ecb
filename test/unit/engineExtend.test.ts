import { describe, expect, it } from 'vitest';
import { ANCHORS, extendByPadding, extendToRatio, type Extension } from '../../src/core/selection/canvasExtend.ts';
import { fitView } from '../../src/core/view/viewport.ts';
import type { RgbaPixels } from '../../src/engine/types.ts';
import { TestEditor } from './TestEditor.ts';

// Two tiles wide, a ragged edge: extensions cross tile borders.
const W = 300;
const H = 200;

/** A picture whose every pixel says where it is: R = x mod 251, G = y mod 251, B = 7, opaque. */
function picture(): Uint8ClampedArray {
  const d = new Uint8ClampedArray(W * H * 4);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) d.set([x % 251, y % 251, 7, 255], (y * W + x) * 4);
  return d;
}

function ok(r: ReturnType<typeof extendToRatio>): Extension {
  if (!r.ok) throw new Error(r.problem);
  return r.value;
}

/** A square painted at (10..29, 20..39) of the picture, then the canvas extended. */
function extended(ext: Extension): TestEditor {
  const ed = new TestEditor().open(W, H, picture());
  ed.setTool('brush');
  const mask = new Uint8Array(W * H);
  for (let y = 20; y < 40; y++) mask.fill(255, y * W + 10, y * W + 30);
  ed.loadMaskCoverage(mask);
  expect(ed.extendCanvas(ext)).toBe(true);
  return ed;
}

/** Checks picture and mask against the extension pixel by pixel: old pixels moved by the offset, new ones transparent and painted. */
function expectExtended(ed: TestEditor, ext: Extension): void {
  const px = ed.pixels() as RgbaPixels;
  expect([px.width, px.height, ed.doc!.width, ed.doc!.height]).toEqual([ext.width, ext.height, ext.width, ext.height]);
  expect(ed.state.image).toMatchObject({ width: ext.width, height: ext.height, format: 'png' });
  const cov = ed.coverage();
  let wrong = 0;
  for (let y = 0; y < ext.height; y++) for (let x = 0; x < ext.width; x++) {
    const ox = x - ext.offset.x;
    const oy = y - ext.offset.y;
    const inside = ox >= 0 && oy >= 0 && ox < W && oy < H;
    const i = (y * ext.width + x) * 4;
    const rgba = [...px.data.subarray(i, i + 4)];
    const want = inside ? [ox % 251, oy % 251, 7, 255] : [0, 0, 0, 0];
    const painted = inside ? ox >= 10 && ox < 30 && oy >= 20 && oy < 40 : true;
    if (rgba.some((v, c) => v !== want[c]) || (cov[y * ext.width + x] === 255) !== painted) wrong++;
  }
  expect(wrong).toBe(0);
}

describe('Extend canvas in the engine', () => {
  it('grows the picture and the mask by padding: old pixels at the offset, the new area transparent and painted', () => {
    const ext = extendByPadding(W, H, { top: 30, right: 260, bottom: 5, left: 41 });
    if (!ext.ok) throw new Error(ext.problem);
    const ed = extended(ext.value);
    expect([ext.value.width, ext.value.height]).toEqual([601, 235]);
    expectExtended(ed, ext.value);
  });

  it.each(ANCHORS)('extends to 16:9 and 9:16 anchored %s', (anchor) => {
    for (const ratio of ['16:9', '9:16']) {
      const ext = ok(extendToRatio(W, H, ratio, anchor));
      const ed = extended(ext);
      expectExtended(ed, ext);
      // The free space sits where the anchor says: none before the picture on a start side, none after on an end side.
      if (anchor.includes('left')) expect(ext.offset.x).toBe(0);
      if (anchor.includes('right')) expect(ext.offset.x + W).toBe(ext.width);
      if (anchor.startsWith('top')) expect(ext.offset.y).toBe(0);
      if (anchor.startsWith('bottom')) expect(ext.offset.y + H).toBe(ext.height);
    }
  });

  it('refits the view and says so as imageOpened with cause extend', () => {
    const ed = new TestEditor({ width: 1000, height: 640 }).open(W, H, picture());
    const causes: string[] = [];
    ed.on('imageOpened', ({ cause }) => causes.push(cause));
    ed.zoomIn();
    const ext = ok(extendToRatio(W, H, '16:9'));
    ed.extendCanvas(ext);
    expect(ed.currentView).toEqual(fitView(ext.width, ext.height, 1000, 640));
    ed.undo();
    expect(ed.currentView).toEqual(fitView(W, H, 1000, 640));
    expect(causes).toEqual(['extend', 'extend']);
  });

  it('one undo restores size, picture and mask; redo extends again; the old canvas keeps its stroke history', () => {
    const ed = new TestEditor().open(W, H, picture());
    ed.setTool('brush');
    ed.setBrushSize(10);
    ed.stroke([[50, 50], [80, 50]]);
    const before = ed.coverage().slice();
    const beforePixels = ed.pixels();
    const ext = ok(extendToRatio(W, H, '16:9', 'left'));
    ed.extendCanvas(ext);
    ed.stroke([[20, 20], [60, 60]]);
    expect(ed.state.canUndo).toBe(true);
    ed.undo(); // the stroke on the extended canvas
    expectExtended2(ed, ext);
    ed.undo(); // the extension
    expect(ed.state.image).toMatchObject({ width: W, height: H });
    expect(ed.pixels()).toBe(beforePixels);
    expect(ed.coverage()).toEqual(before);
    expect(ed.state.canRedo).toBe(true);
    ed.redo();
    expect(ed.state.image).toMatchObject({ width: ext.width, height: ext.height });
    expect(ed.coverage()[ext.width * ext.height - 1]).toBe(255);
    ed.undo();
    ed.undo(); // the first stroke, on the old canvas
    expect(ed.paintedCount()).toBe(0);
    expect(ed.state.canUndo).toBe(false);
    // A new stroke on the old canvas: the extension undone cannot come back.
    ed.redo();
    ed.stroke([[100, 100], [120, 100]]);
    ed.redo();
    expect(ed.state.image).toMatchObject({ width: W, height: H });
    expect(ed.state.canRedo).toBe(false);
  });

  it('steps undone before an extension do not come back after it is undone', () => {
    const ed = new TestEditor().open(W, H, picture());
    ed.setTool('brush');
    ed.stroke([[50, 50], [80, 50]]);
    ed.undo();
    ed.extendCanvas(ok(extendToRatio(W, H, '1:1')));
    ed.undo();
    expect(ed.state.image).toMatchObject({ width: W, height: H });
    ed.redo();
    expect(ed.state.image).toMatchObject({ width: W, height: W });
    expect(ed.state.canRedo).toBe(false);
  });

  it('refuses an extension that adds nothing or does not fit the picture', () => {
    const ed = new TestEditor().open(W, H, picture());
    expect(ed.extendCanvas(ok(extendToRatio(W, H, '3:2')))).toBe(false);
    const other = ok(extendToRatio(W + 1, H, '1:1'));
    expect(ed.extendCanvas(other)).toBe(false);
    expect(ed.state.image).toMatchObject({ width: W, height: H });
    expect(ed.state.canUndo).toBe(false);
  });

  it('opening another picture forgets the canvases behind it', () => {
    const ed = new TestEditor().open(W, H, picture());
    ed.extendCanvas(ok(extendToRatio(W, H, '1:1')));
    ed.open(50, 40);
    expect(ed.state.canUndo).toBe(false);
    ed.undo();
    expect(ed.state.image).toMatchObject({ width: 50, height: 40 });
  });
});

/** The extended canvas as it was made (no square painted here: the stroke before was at 50..80). */
function expectExtended2(ed: TestEditor, ext: Extension): void {
  expect(ed.state.image).toMatchObject({ width: ext.width, height: ext.height });
  const cov = ed.coverage();
  const { x, y } = ext.offset;
  // New area painted, the old stroke moved by the offset, untouched old pixels unpainted.
  expect(cov[(y + 50) * ext.width + x + 65]).toBe(255);
  expect(cov[(y + 150) * ext.width + x + 200]).toBe(0);
  expect(cov[(ext.height - 1) * ext.width + ext.width - 1]).toBe(255);
}
