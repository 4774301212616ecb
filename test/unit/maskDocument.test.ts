import { describe, expect, it } from 'vitest';
import { ArraySurface } from '../../src/core/mask/ArraySurface.ts';
import { MAX_UNDO_STEPS, MaskDocument } from '../../src/core/mask/MaskDocument.ts';
import { makeGrid } from '../../src/core/mask/tiles.ts';
import { coverageToExportRgba, rgbaToCoverage, EXPORT_THRESHOLD } from '../../src/core/mask/maskPixels.ts';

const W = 600;
const H = 400;
const newDoc = (opts = {}) => new MaskDocument(new ArraySurface(makeGrid(W, H, 64)), opts);
/** Typed-array equality without vitest's slow element-wise diff. */
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;
const at = (cov: Uint8Array, x: number, y: number) => cov[Math.floor(y) * W + Math.floor(x)];
/** Undoes every step; returns how many there were. */
const undoAll = (doc: MaskDocument) => { let n = 0; while (doc.undo()) n++; return n; };

function stroke(doc: MaskDocument, pts: [number, number][], r: number, mode: 'paint' | 'erase' = 'paint') {
  doc.beginStroke(pts[0]![0], pts[0]![1], r, mode);
  for (const [x, y] of pts.slice(1)) doc.strokeTo(x, y);
  doc.endStroke();
}

describe('MaskDocument', () => {
  it('paints a round-capped stroke in image pixels across tile borders', () => {
    const doc = newDoc();
    stroke(doc, [[50, 100], [300, 100], [300, 300]], 20);
    const c = doc.coverage();
    for (const [x, y] of <[number, number][]>[[50, 100], [175, 100], [299, 119], [300, 300], [319, 200], [31, 100]]) expect(at(c, x, y), `${x},${y}`).toBe(255);
    for (const [x, y] of <[number, number][]>[[50, 125], [29, 100], [175, 121], [325, 150], [300, 322], [0, 0], [599, 399]]) expect(at(c, x, y), `${x},${y}`).toBe(0);
  });

  it('erases under the eraser and only there', () => {
    const doc = newDoc();
    stroke(doc, [[100, 200], [500, 200]], 40);
    stroke(doc, [[300, 150], [300, 250]], 10, 'erase');
    const c = doc.coverage();
    expect(at(c, 300, 200)).toBe(0);
    expect(at(c, 309, 200)).toBe(0);
    expect(at(c, 311, 200)).toBe(255);
    expect(at(c, 320, 200)).toBe(255);
    expect(at(c, 280, 230)).toBe(255);
  });

  it('undoes and redoes one stroke per step, exactly', () => {
    const doc = newDoc();
    stroke(doc, [[100, 100], [200, 100]], 15);
    const one = doc.coverage();
    stroke(doc, [[150, 50], [150, 350]], 25);
    const two = doc.coverage();
    expect(same(two, one)).toBe(false);
    expect(doc.undo()).toBe(true);
    expect(same(doc.coverage(), one)).toBe(true);
    expect(doc.undo()).toBe(true);
    expect(doc.coverage().every((v) => v === 0)).toBe(true);
    expect(doc.undo()).toBe(false);
    expect(doc.redo()).toBe(true);
    expect(same(doc.coverage(), one)).toBe(true);
    expect(doc.redo()).toBe(true);
    expect(same(doc.coverage(), two)).toBe(true);
    expect(doc.canRedo).toBe(false);
  });

  it('drops the redo branch after a new stroke', () => {
    const doc = newDoc();
    stroke(doc, [[100, 100], [200, 100]], 15);
    doc.undo();
    stroke(doc, [[300, 300], [310, 300]], 5);
    expect(doc.canRedo).toBe(false);
    expect(at(doc.coverage(), 150, 100)).toBe(0);
  });

  it('makes clear and invert single undo steps, and invert is exact', () => {
    const doc = newDoc();
    stroke(doc, [[100, 100], [400, 300]], 30);
    const painted = doc.coverage();
    doc.invert();
    const inv = doc.coverage();
    for (let i = 0; i < inv.length; i += 997) expect(inv[i]).toBe(255 - painted[i]!);
    doc.clear();
    expect(doc.coverage().every((v) => v === 0)).toBe(true);
    doc.undo();
    expect(same(doc.coverage(), inv)).toBe(true);
    doc.undo();
    expect(same(doc.coverage(), painted)).toBe(true);
  });

  it('loads a full coverage array as one step and refuses a wrong size', () => {
    const doc = newDoc();
    const cov = new Uint8Array(W * H);
    cov.fill(255, 10 * W, 20 * W);
    doc.load(cov);
    expect(same(doc.coverage(), cov)).toBe(true);
    expect(() => doc.load(new Uint8Array(10))).toThrow(RangeError);
    doc.undo();
    expect(doc.coverage().every((v) => v === 0)).toBe(true);
  });

  it('cancels a stroke in progress (a pinch starting) without leaving pixels or a step', () => {
    const doc = newDoc();
    stroke(doc, [[10, 10], [20, 10]], 5);
    const before = doc.coverage();
    doc.beginStroke(300, 200, 50, 'paint');
    doc.strokeTo(400, 200);
    expect(at(doc.coverage(), 350, 200)).toBe(255);
    doc.cancelStroke();
    expect(same(doc.coverage(), before)).toBe(true);
    doc.undo();
    expect(doc.coverage().every((v) => v === 0)).toBe(true);
  });

  it('gives the committed coverage while a stroke is drawn (the page may go mid-stroke)', () => {
    const doc = newDoc();
    stroke(doc, [[50, 50], [550, 50]], 20);
    const done = doc.coverage();
    doc.beginStroke(50, 200, 30, 'paint');
    doc.strokeTo(550, 350);
    expect(at(doc.coverage(), 300, 275)).toBe(255);
    expect(same(doc.coverage({ committed: true }), done)).toBe(true);
    // An eraser stroke over the first one: committed, the first stroke is still whole.
    doc.endStroke();
    const two = doc.coverage();
    doc.beginStroke(300, 50, 25, 'erase');
    expect(at(doc.coverage(), 300, 50)).toBe(0);
    expect(same(doc.coverage({ committed: true }), two)).toBe(true);
  });

  it('keeps a stroke that changed nothing out of the history', () => {
    const doc = newDoc();
    stroke(doc, [[100, 100], [200, 100]], 10, 'erase');
    expect(doc.canUndo).toBe(false);
  });

  it('stores undo steps run-length coded and drops the oldest beyond its budget', () => {
    const doc = newDoc({ maxHistoryBytes: 30000 });
    for (let i = 0; i < 40; i++) stroke(doc, [[10 + i * 14, 20], [10 + i * 14, 380]], 6);
    expect(doc.historyBytes).toBeLessThanOrEqual(30000);
    let steps = 0;
    while (doc.undo()) steps++;
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThan(40);
  });

  it('keeps at most MAX_UNDO_STEPS steps by default: the oldest strokes stay painted, their undo memory goes', () => {
    const doc = newDoc();
    // A short dash each at its own place of a 30 × 10 grid: every stroke changes the mask.
    const dash = (i: number) => stroke(doc, [[10 + (i % 30) * 19, 10 + Math.floor(i / 30) * 38], [14 + (i % 30) * 19, 10 + Math.floor(i / 30) * 38]], 3);
    const extra = 30;
    for (let i = 0; i < MAX_UNDO_STEPS + extra; i++) dash(i);
    let steps = undoAll(doc);
    expect(steps).toBe(MAX_UNDO_STEPS);
    const c = doc.coverage();
    for (let i = 0; i < extra; i++) expect(at(c, 12 + (i % 30) * 19, 10 + Math.floor(i / 30) * 38), `stroke ${i}`).toBe(255);
    for (let i = extra; i < MAX_UNDO_STEPS + extra; i++) expect(at(c, 12 + (i % 30) * 19, 10 + Math.floor(i / 30) * 38), `stroke ${i}`).toBe(0);
    // Redo brings every kept step back.
    while (doc.redo()) steps--;
    expect(steps).toBe(0);
  });

  it('holds as much undo memory after 300 alike strokes as after 100', () => {
    const doc = newDoc();
    // Paint, then erase, the same dash: every step holds the same tiles, alike in size.
    const toggle = (i: number) => stroke(doc, [[100, 100], [140, 100]], 10, i % 2 === 0 ? 'paint' : 'erase');
    for (let i = 0; i < MAX_UNDO_STEPS; i++) toggle(i);
    const atCap = doc.historyBytes;
    expect(atCap).toBeGreaterThan(0);
    for (let i = MAX_UNDO_STEPS; i < 3 * MAX_UNDO_STEPS; i++) toggle(i);
    expect(doc.historyBytes).toBe(atCap);
  });

  it('takes a smaller step limit, never below one step', () => {
    const five = newDoc({ maxHistorySteps: 5 });
    const none = newDoc({ maxHistorySteps: 0 });
    for (let i = 0; i < 8; i++) for (const doc of [five, none]) stroke(doc, [[20 + i * 60, 50], [20 + i * 60, 300]], 5);
    expect(undoAll(five)).toBe(5);
    expect(undoAll(none)).toBe(1);
    expect(at(five.coverage(), 20 + 2 * 60, 100)).toBe(255);
    expect(at(five.coverage(), 20 + 3 * 60, 100)).toBe(0);
  });

  it('notifies on committed changes, not on every move', () => {
    const doc = newDoc();
    let calls = 0;
    doc.subscribe(() => calls++);
    doc.beginStroke(10, 10, 5, 'paint');
    for (let i = 0; i < 50; i++) doc.strokeTo(10 + i, 10);
    expect(calls).toBe(0);
    doc.endStroke();
    expect(calls).toBe(1);
  });
});

describe('mask pixels', () => {
  it('exports alpha 0 where painted (at or above half coverage) and 255 elsewhere', () => {
    const cov = new Uint8Array([0, 1, EXPORT_THRESHOLD - 1, EXPORT_THRESHOLD, 200, 255]);
    const rgba = new Uint8Array(cov.length * 4);
    coverageToExportRgba(cov, rgba);
    expect(Array.from(rgba.filter((_, i) => i % 4 === 3))).toEqual([255, 255, 255, 0, 0, 0]);
    expect(rgba.filter((_, i) => i % 4 !== 3).every((v) => v === 0)).toBe(true);
  });

  it('exports a painted document as exactly W x H RGBA with the stroke transparent', () => {
    const doc = newDoc();
    stroke(doc, [[100, 100], [200, 100]], 10);
    const cov = doc.coverage();
    const rgba = new Uint8Array(W * H * 4);
    coverageToExportRgba(cov, rgba);
    expect(rgba.length).toBe(W * H * 4);
    expect(rgba[(100 * W + 150) * 4 + 3]).toBe(0);
    expect(rgba[(150 * W + 150) * 4 + 3]).toBe(255);
  });

  it('reads a loaded mask from alpha (transparent = painted) or luminance (white = painted)', () => {
    const px = new Uint8Array([0, 0, 0, 0, 255, 255, 255, 255, 10, 10, 10, 128]);
    expect([...rgbaToCoverage(px, 'alpha')]).toEqual([255, 0, 127]);
    expect([...rgbaToCoverage(px, 'luminance')]).toEqual([0, 255, 10]);
  });
});
