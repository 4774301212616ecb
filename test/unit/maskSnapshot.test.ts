import { describe, expect, it } from 'vitest';
import { ArraySurface } from '../../src/core/mask/ArraySurface.ts';
import { MaskDocument } from '../../src/core/mask/MaskDocument.ts';
import { makeGrid } from '../../src/core/mask/tiles.ts';
import { MaskSnapshots, type PngEncoder } from '../../src/core/mask/snapshot.ts';
import { sha256 } from '../../src/core/cache/key.ts';
import { packCoverage, unpackCoverage } from '../../src/core/results/coverage.ts';
import { paintedBox, seamWeights } from '../../src/core/composite/layBack.ts';

const W = 300;
const H = 200;
const newDoc = () => new MaskDocument(new ArraySurface(makeGrid(W, H, 64)));

/** An encoder that counts its calls and "encodes" the alpha plane as the blob's bytes. */
function countingEncoder() {
  const calls: { width: number; height: number }[] = [];
  const encoder: PngEncoder = {
    encodeRgba: async (rgba, width, height) => {
      calls.push({ width, height });
      const alpha = new Uint8Array(width * height);
      for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3]!;
      return new Blob([alpha]);
    },
  };
  return { encoder, calls };
}

const target = (width: number, height: number) => ({ width, height, content: { x: 0, y: 0, width, height } });

describe('MaskSnapshots', () => {
  it('gives one snapshot per version: coverage, packed form, hash and each PNG size computed once', async () => {
    const { encoder, calls } = countingEncoder();
    const snaps = new MaskSnapshots(encoder);
    const doc = newDoc();
    doc.beginStroke(100, 100, 30, 'paint');
    doc.strokeTo(200, 100);
    doc.endStroke();
    const a = snaps.of(doc);
    expect(snaps.of(doc)).toBe(a);
    expect(a.painted).toBe(true);
    expect(Buffer.compare(a.coverage, doc.coverage())).toBe(0);
    // The packed form is the store's format and the hash is over those bytes.
    expect(a.packed).toBe(a.packed);
    expect(Buffer.compare(a.packed!, packCoverage(doc.coverage(), W, H))).toBe(0);
    expect(unpackCoverage(a.packed!)!.coverage).toEqual(a.coverage);
    expect(await a.hash()).toBe(await sha256(a.packed!));
    const [p1, p2, half] = await Promise.all([a.png(target(W, H)), a.png(target(W, H)), a.png(target(W / 2, H / 2))]);
    expect(p1).toBe(p2);
    expect(calls).toEqual([{ width: W, height: H }, { width: W / 2, height: H / 2 }]);
    // Alpha 0 where painted, 255 elsewhere.
    const alpha = new Uint8Array(await p1.arrayBuffer());
    expect(alpha[100 * W + 150]).toBe(0);
    expect(alpha[10 * W + 10]).toBe(255);
    expect(half.size).toBe((W / 2) * (H / 2));
    // The seam is the compositor's, worked out once per feather.
    const seam = a.seam(8)!;
    expect(a.seam(8)).toBe(seam);
    expect(seam.box).toEqual(paintedBox(a.coverage, W, H));
    expect(seam.weights).toEqual(seamWeights(a.coverage, W, seam.box, 8));
  });

  it('makes a new snapshot for a new version, leaves the stroke being drawn out, and says when nothing is painted', async () => {
    const { encoder, calls } = countingEncoder();
    const snaps = new MaskSnapshots(encoder);
    const doc = newDoc();
    const empty = snaps.of(doc);
    expect(empty.painted).toBe(false);
    expect(empty.packed).toBeNull();
    expect(empty.box).toBeNull();
    doc.beginStroke(50, 50, 10, 'paint');
    doc.strokeTo(80, 50);
    // Mid-stroke the committed mask is still the empty one.
    expect(snaps.of(doc)).toBe(empty);
    doc.endStroke();
    const one = snaps.of(doc);
    expect(one).not.toBe(empty);
    expect(one.version).toBe(doc.version);
    expect(one.coverage[50 * W + 60]).toBe(255);
    doc.undo();
    const undone = snaps.of(doc);
    expect(undone).not.toBe(one);
    expect(undone.painted).toBe(false);
    expect(await one.hash()).not.toBe(await undone.hash());
    expect(calls).toEqual([]);
  });

  it('starts from known packed bytes when seeded (a restored draft): nothing is packed again', () => {
    const snaps = new MaskSnapshots(countingEncoder().encoder);
    const doc = newDoc();
    const cov = new Uint8Array(W * H);
    cov.fill(255, 20 * W, 40 * W);
    doc.load(cov);
    const packed = packCoverage(cov, W, H);
    const seeded = snaps.seed(doc, cov, packed);
    expect(snaps.of(doc)).toBe(seeded);
    expect(seeded.packed).toBe(packed);
    expect(seeded.box).toEqual({ x: 0, y: 20, w: W, h: 20 });
  });
});
