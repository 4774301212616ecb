import { describe, expect, it } from 'vitest';
import { tileRect } from '../../src/core/mask/tiles.ts';
import { fillHoles, removeSpecks } from '../../src/core/selection/components.ts';
import { grow, shrink, smooth } from '../../src/core/selection/morph.ts';
import type { MaskBuffer } from '../../src/core/selection/region.ts';
import type { RefineOp } from '../../src/engine/refine.ts';
import { diff, randomMask, rng } from './selectionKit.ts';
import { TestEditor } from './TestEditor.ts';

// Several 256-pixel tiles, a ragged last column and row.
const W = 600;
const H = 420;

/** What the core function makes of the same buffer, called directly. */
const reference: [RefineOp, (m: MaskBuffer) => unknown][] = [
  [{ kind: 'grow', px: 7 }, (m) => grow(m, 7)],
  [{ kind: 'grow', px: 200 }, (m) => grow(m, 200)],
  [{ kind: 'shrink', px: 3 }, (m) => shrink(m, 3)],
  [{ kind: 'fillHoles' }, (m) => fillHoles(m)],
  [{ kind: 'removeSpecks', area: 12 }, (m) => removeSpecks(m, 12)],
  [{ kind: 'smooth', radius: 4 }, (m) => smooth(m, 4)],
];

function editorWithMask(seed: number): { ed: TestEditor; mask: Uint8Array } {
  const mask = randomMask(W, H, rng(seed), 0.02);
  // A ring, so there is a hole to fill whatever the seed.
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const d2 = (x - 450) ** 2 + (y - 300) ** 2;
    if (d2 <= 40 ** 2 && d2 >= 30 ** 2) mask[y * W + x] = 255;
  }
  const ed = new TestEditor().open(W, H);
  ed.loadMaskCoverage(mask);
  return { ed, mask };
}

/** The preview surface's tiles laid out as one row-major buffer. */
function previewCoverage(ed: TestEditor): Uint8Array {
  const s = ed.refineSurface!;
  const out = new Uint8Array(W * H);
  for (let i = 0; i < s.grid.cols * s.grid.rows; i++) {
    const t = s.readTile(i);
    const r = tileRect(s.grid, i);
    if (t) for (let y = 0; y < r.h; y++) out.set(t.subarray(y * r.w, (y + 1) * r.w), (r.y + y) * W + r.x);
  }
  return out;
}

describe('refine the whole mask through the engine', () => {
  it.each(reference)('%o changes the mask exactly as the core function, as one undo step', (op, core) => {
    const { ed, mask } = editorWithMask(31);
    const want = { width: W, height: H, data: mask.slice() };
    core(want);
    expect(diff(want.data, mask, W).length, 'the op changes this mask').toBeGreaterThan(0);
    const version = ed.state.maskVersion;
    expect(ed.applyRefine(op)).toBe(true);
    expect(diff(ed.coverage(), want.data, W)).toEqual([]);
    expect(ed.state.maskVersion).toBe(version + 1);
    // Two-valued, as exported.
    expect(ed.coverage().every((v) => v === 0 || v === 255)).toBe(true);
    ed.undo();
    expect(Buffer.from(ed.coverage()).equals(Buffer.from(mask))).toBe(true);
    expect(ed.state.canUndo).toBe(true); // the load of the test mask is the step before
    ed.redo();
    expect(diff(ed.coverage(), want.data, W)).toEqual([]);
  });

  it('a preview shows the refinement on its own surface and leaves the mask and history alone until Apply', () => {
    const { ed, mask } = editorWithMask(32);
    const events: (readonly number[] | 'all')[] = [];
    ed.on('refinePreviewChanged', ({ tiles }) => events.push(tiles));
    const version = ed.state.maskVersion;
    for (const px of [3, 40, 12]) {
      ed.previewRefine({ kind: 'grow', px });
      const want = { width: W, height: H, data: mask.slice() };
      grow(want, px);
      expect(diff(previewCoverage(ed), want.data, W)).toEqual([]);
      expect(Buffer.from(ed.coverage()).equals(Buffer.from(mask))).toBe(true);
      expect(ed.state.maskVersion).toBe(version);
    }
    expect(ed.state.refinePreview).toEqual({ kind: 'grow', px: 12 });
    expect(events[0]).toBe('all');
    expect(events.length).toBeGreaterThan(3);
    // Apply commits what was previewed, once.
    expect(ed.applyRefine()).toBe(true);
    const want = { width: W, height: H, data: mask.slice() };
    grow(want, 12);
    expect(diff(ed.coverage(), want.data, W)).toEqual([]);
    expect(ed.state.maskVersion).toBe(version + 1);
    expect(ed.refineSurface).toBeNull();
    expect(ed.state.refinePreview).toBeNull();
    ed.undo();
    expect(Buffer.from(ed.coverage()).equals(Buffer.from(mask))).toBe(true);
  });

  it('Cancel ends the preview and leaves the mask as it was, with no undo step', () => {
    const { ed, mask } = editorWithMask(33);
    const version = ed.state.maskVersion;
    ed.previewRefine({ kind: 'shrink', px: 5 });
    ed.previewRefine(null);
    expect(ed.refineSurface).toBeNull();
    expect(ed.state.refinePreview).toBeNull();
    expect(Buffer.from(ed.coverage()).equals(Buffer.from(mask))).toBe(true);
    expect(ed.state.maskVersion).toBe(version);
    expect(ed.applyRefine()).toBe(false);
    expect(ed.state.maskVersion).toBe(version);
  });

  it('a preview follows an undo made while it shows', () => {
    const { ed, mask } = editorWithMask(34);
    ed.invertMask();
    ed.previewRefine({ kind: 'smooth', radius: 3 });
    ed.undo();
    const want = { width: W, height: H, data: mask.slice() };
    smooth(want, 3);
    expect(diff(previewCoverage(ed), want.data, W)).toEqual([]);
  });
});

describe('refine commits only the tiles it changes', () => {
  it('a small change rewrites only its tiles, equal to refining the whole mask; applying another op than the one shown refines anew', () => {
    const ed = new TestEditor().open(W, H);
    const cov = new Uint8Array(W * H);
    for (let y = 20; y < 40; y++) cov.fill(255, y * W + 20, y * W + 40); // in tile 0
    cov[400 * W + 590] = 150; // a rim pixel in the last tile: export counts it painted
    ed.loadMaskCoverage(cov);
    const told: (readonly number[] | 'all')[] = [];
    ed.on('tilesChanged', ({ tiles }) => told.push(tiles));
    ed.previewRefine({ kind: 'grow', px: 30 });
    expect(ed.applyRefine({ kind: 'grow', px: 5 })).toBe(true);
    const want = cov.slice();
    want[400 * W + 590] = 255;
    grow({ width: W, height: H, data: want }, 5);
    expect(diff(ed.coverage(), want, W)).toEqual([]);
    const g = ed.doc!.grid;
    expect(told).toEqual([[0, g.cols * g.rows - 1]]);
    ed.undo();
    expect(Buffer.from(ed.coverage()).equals(Buffer.from(cov))).toBe(true);
  });
});

describe('refine reads the mask as export does', () => {
  it('a brush rim below the export threshold is not painted, and the applied mask is two-valued', () => {
    const ed = new TestEditor().open(64, 64);
    const cov = new Uint8Array(64 * 64);
    cov[10 * 64 + 10] = 255;
    cov[10 * 64 + 11] = 200; // painted as exported
    cov[40 * 64 + 40] = 100; // not painted as exported: grows nothing
    ed.loadMaskCoverage(cov);
    ed.applyRefine({ kind: 'grow', px: 2 });
    const want = new Uint8Array(64 * 64);
    want[10 * 64 + 10] = 255;
    want[10 * 64 + 11] = 255;
    grow({ width: 64, height: 64, data: want }, 2);
    expect(diff(ed.coverage(), want, 64)).toEqual([]);
  });
});
