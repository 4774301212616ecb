import { describe, expect, it } from 'vitest';
import { ArraySurface } from '../../src/core/mask/ArraySurface.ts';
import { MaskDocument } from '../../src/core/mask/MaskDocument.ts';
import type { MaskSurface } from '../../src/core/mask/surface.ts';
import { makeGrid, tilesInRect, type Rect } from '../../src/core/mask/tiles.ts';
import { combine, COMBINE_MODES } from '../../src/core/selection/combine.ts';
import { rng } from './selectionKit.ts';

const W = 203;
const H = 131;
/** Small tiles, so a region spans many of them and edge tiles are ragged. */
const grid = () => makeGrid(W, H, 32);
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

/** A mask of a few random boxes, with grey (brush-rim) values too, leaving some tiles empty. */
function randomMask(r: () => number): Uint8Array {
  const m = new Uint8Array(W * H);
  for (let k = Math.floor(r() * 5); k > 0; k--) {
    const x0 = Math.floor(r() * W), y0 = Math.floor(r() * H);
    const x1 = Math.min(W, x0 + Math.floor(r() * 90)), y1 = Math.min(H, y0 + Math.floor(r() * 60));
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) m[y * W + x] = r() < 0.1 ? Math.floor(r() * 256) : 255;
  }
  return m;
}

/** A random rectangle, sometimes reaching past the picture's edges, with random coverage in it. */
function randomRegion(r: () => number): { rect: Rect; data: Uint8Array } {
  const rect = { x: Math.floor(r() * W * 1.2) - 30, y: Math.floor(r() * H * 1.2) - 20, w: 1 + Math.floor(r() * 140), h: 1 + Math.floor(r() * 90) };
  const data = new Uint8Array(rect.w * rect.h);
  const p = r();
  for (let i = 0; i < data.length; i++) data[i] = r() < p ? 255 : 0;
  return { rect, data };
}

/** The old path, as the engine wrote a region before: the whole coverage, combined (clipped to the picture), loaded back. */
function fullPathWrite(doc: MaskDocument, rect: Rect, region: Uint8Array, mode: (typeof COMBINE_MODES)[number]): boolean {
  const full = doc.coverage();
  const x0 = Math.max(0, rect.x), y0 = Math.max(0, rect.y);
  const w = Math.max(0, Math.min(W, rect.x + rect.w) - x0), h = Math.max(0, Math.min(H, rect.y + rect.h) - y0);
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const from = (y + y0 - rect.y) * rect.w + (x0 - rect.x);
    data.set(region.subarray(from, from + w), y * w);
  }
  return combine({ width: W, height: H, data: full }, { x: x0, y: y0, w, h, data }, mode) !== null && doc.load(full);
}

function docWith(mask: Uint8Array): MaskDocument {
  const doc = new MaskDocument(new ArraySurface(grid()));
  doc.load(mask);
  return doc;
}

describe('MaskDocument.writeRegion', () => {
  it('equals combining into the full mask and loading it, for all four modes on random masks and rects; undo and redo restore byte for byte', () => {
    const r = rng(16);
    for (let trial = 0; trial < 60; trial++) {
      const mask = randomMask(r);
      const { rect, data } = randomRegion(r);
      for (const mode of COMBINE_MODES) {
        const fast = docWith(mask);
        const ref = docWith(mask);
        const what = `trial ${trial} ${mode} ${JSON.stringify(rect)}`;
        const changed = fast.writeRegion(rect, data, mode);
        expect(changed, what).toBe(fullPathWrite(ref, rect, data, mode));
        const after = ref.coverage();
        expect(same(fast.coverage(), after), what).toBe(true);
        // The same tiles, before and after, went into the undo step.
        expect(fast.historyBytes, what).toBe(ref.historyBytes);
        if (!changed) { expect(same(after, mask), what).toBe(true); continue; }
        fast.undo();
        expect(same(fast.coverage(), mask), `${what} undo`).toBe(true);
        expect(fast.redo()).toBe(true);
        expect(same(fast.coverage(), after), `${what} redo`).toBe(true);
      }
    }
  });

  it('reads and redraws only the tiles the rect covers when adding or subtracting, and one undo step removes it', () => {
    const surface: MaskSurface = new ArraySurface(grid());
    const read = new Set<number>();
    const reported: number[][] = [];
    const readTile = surface.readTile.bind(surface);
    surface.readTile = (i) => { read.add(i); return readTile(i); };
    surface.changed = (t) => { reported.push(t === 'all' ? [-1] : [...t]); };
    const doc = new MaskDocument(surface);
    doc.fill();
    read.clear();
    reported.length = 0;
    const rect = { x: 40, y: 40, w: 30, h: 20 };
    expect(doc.writeRegion(rect, new Uint8Array(30 * 20).fill(255), 'subtract')).toBe(true);
    const inRect = tilesInRect(doc.grid, 40, 40, 69, 59);
    expect([...read].toSorted((a, b) => a - b)).toEqual(inRect);
    expect(reported).toEqual([inRect]);
    const cov = doc.coverage();
    expect(cov[50 * W + 50]).toBe(0);
    expect(cov[39 * W + 50]).toBe(255);
    expect(cov.reduce((n, v) => n + (v ? 0 : 1), 0)).toBe(600);
    expect(doc.undo()).toBe(true);
    expect(doc.coverage().every((v) => v === 255)).toBe(true);
    expect(doc.canUndo).toBe(true); // the fill is still there: one step for the region
  });

  it('replace empties the old selection outside the rect and reports only the tiles that changed', () => {
    const surface: MaskSurface = new ArraySurface(grid());
    let reported: readonly number[] | 'all' = [];
    surface.changed = (t) => { reported = t; };
    const doc = new MaskDocument(surface);
    const mask = new Uint8Array(W * H);
    for (let x = 0; x < 10; x++) mask[x] = 255; // tile 0 only
    doc.load(mask);
    expect(doc.writeRegion({ x: 100, y: 100, w: 5, h: 5 }, new Uint8Array(25).fill(255), 'replace')).toBe(true);
    const g = doc.grid;
    expect(reported).toEqual([0, Math.floor(100 / 32) * g.cols + Math.floor(100 / 32)]);
    const cov = doc.coverage();
    expect(cov[0]).toBe(0);
    expect(cov.reduce((n, v) => n + (v ? 1 : 0), 0)).toBe(25);
  });

  it('rejects coverage that does not match its rectangle', () => {
    const doc = docWith(new Uint8Array(W * H));
    expect(() => doc.writeRegion({ x: 0, y: 0, w: 3, h: 3 }, new Uint8Array(8), 'add')).toThrow(RangeError);
  });
});
