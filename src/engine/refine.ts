/**
 * Refining the whole mask: grow, shrink, fill holes, remove specks, smooth. The algorithms live
 * in core/selection and work on one full-resolution {@link MaskBuffer}; this module reads that
 * buffer from the mask document, applies one operation, and keeps a preview of it on a second
 * surface, so the committed mask and its history stay untouched until Apply.
 */
import type { MaskDocument } from '../core/mask/MaskDocument.ts';
import { EXPORT_THRESHOLD, isEmpty } from '../core/mask/maskPixels.ts';
import type { MaskSurface } from '../core/mask/surface.ts';
import { cutTile, tileRect } from '../core/mask/tiles.ts';
import { fillHoles, removeSpecks } from '../core/selection/components.ts';
import { grow, shrink, smooth } from '../core/selection/morph.ts';
import { ChangedBox, unionBox, type Box, type MaskBuffer } from '../core/selection/region.ts';

/** One refinement of the whole mask, with its parameter (whole image pixels). */
export type RefineOp =
  | { kind: 'grow'; px: number }
  | { kind: 'shrink'; px: number }
  | { kind: 'fillHoles' }
  | { kind: 'removeSpecks'; area: number }
  | { kind: 'smooth'; radius: number };

export type RefineKind = RefineOp['kind'];

/** The largest grow, shrink or smoothing radius the panel offers, in image pixels. */
export const REFINE_MAX_PX = 200;

/**
 * The mask at full resolution, 0 or 255 per pixel, as the selection algorithms take it: painted
 * where export counts a pixel painted (coverage at or above {@link EXPORT_THRESHOLD}), so a
 * brush's anti-aliased rim is refined as the exported mask has it, and the result is two-valued.
 * The one place the refinements read the document (a shared mask snapshot can replace it here).
 */
export function readMaskBuffer(doc: MaskDocument): ReadMask {
  const data = doc.coverage();
  const { width } = doc;
  const cut = new ChangedBox();
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v === 0 || v === 255) continue;
    data[i] = v >= EXPORT_THRESHOLD ? 255 : 0;
    const x = i % width;
    cut.add(x, x, (i - x) / width);
  }
  return { width, height: doc.height, data, cut: cut.box() };
}

/** The mask as read for refining, with the box of the rim pixels the reading cut to 0 or 255 (null: none). */
export interface ReadMask extends MaskBuffer { cut: Box | null }

/** A refinement's outcome: the refined mask and the box where it differs from the document (null: nowhere). */
export interface RefineResult { data: Uint8Array; box: Box | null }

/**
 * `op` applied to the document's mask: the full refined coverage and the box of pixels that
 * differ from the document's (the refinement's changes and the rim the reading cut), so a
 * commit rewrites only the tiles that box touches. Null when the refinement changes nothing.
 */
export function refineDoc(doc: MaskDocument, op: RefineOp): RefineResult | null {
  const mask = readMaskBuffer(doc);
  const box = applyRefineOp(mask, op);
  return box ? { data: mask.data, box: unionBox(box, mask.cut) } : null;
}

/** Applies `op` to `mask` in place; returns the box of changed pixels (null: nothing changed). */
export function applyRefineOp(mask: MaskBuffer, op: RefineOp): Box | null {
  switch (op.kind) {
    case 'grow': return grow(mask, op.px);
    case 'shrink': return shrink(mask, op.px);
    case 'fillHoles': return fillHoles(mask);
    case 'removeSpecks': return removeSpecks(mask, op.area);
    case 'smooth': return smooth(mask, op.radius);
  }
}

/** The tiles of `doc`'s grid that `box` touches. */
function tilesIn(doc: MaskDocument, box: Box): number[] {
  const g = doc.grid;
  const out: number[] = [];
  for (let r = Math.floor(box.y / g.size); r <= Math.floor((box.y + box.h - 1) / g.size); r++) {
    for (let c = Math.floor(box.x / g.size); c <= Math.floor((box.x + box.w - 1) / g.size); c++) out.push(r * g.cols + c);
  }
  return out;
}

/**
 * A live preview of one refinement. On creation the preview surface is a copy of the committed
 * mask; each {@link show} recomputes from the committed buffer (read once) and rewrites only the
 * tiles that this or the previous preview changed, then reports them through the surface's
 * `changed`. The document is only read.
 */
export class RefinePreview<S extends MaskSurface = MaskSurface> {
  private base: ReadMask | null = null;
  private work: Uint8Array | null = null;
  private lastBox: Box | null = null;
  private current: RefineOp | null = null;

  constructor(private readonly doc: MaskDocument, readonly surface: S) {
    const n = doc.grid.cols * doc.grid.rows;
    for (let i = 0; i < n; i++) {
      const t = doc.surface.readTile(i);
      if (t) surface.writeTile(i, t);
    }
  }

  /** The operation shown, if any. */
  get op(): RefineOp | null { return this.current; }

  /** The committed mask changed under the preview (undo, a stroke): read it again. */
  rebase(): void {
    this.base = null;
    this.work = null;
    const all = tilesIn(this.doc, { x: 0, y: 0, w: this.doc.width, h: this.doc.height });
    for (const i of all) this.surface.writeTile(i, this.doc.surface.readTile(i));
    this.lastBox = null;
    this.surface.changed?.('all');
    if (this.current) this.show(this.current);
  }

  /**
   * The shown refinement as a commit needs it, when `op` is the one shown (same parameters):
   * the refined mask and the box where it differs from the document. Apply then writes what the
   * preview already computed instead of refining again. Undefined when another op is shown.
   */
  resultFor(op: RefineOp): RefineResult | null | undefined {
    if (!this.current || !this.work || !this.base || !sameOp(op, this.current)) return undefined;
    const box = unionBox(this.lastBox, this.base.cut);
    return this.lastBox ? { data: this.work, box } : null;
  }

  /** Shows `op` applied to the committed mask; returns the changed box. */
  show(op: RefineOp): Box | null {
    this.current = op;
    const { width, height } = this.doc;
    this.base ??= readMaskBuffer(this.doc);
    const base = this.base.data;
    if (!this.work) this.work = base.slice();
    else if (this.lastBox) {
      // Outside the last refinement's box the working copy still equals the base: restore only its rows.
      const b = this.lastBox;
      this.work.set(base.subarray(b.y * width, (b.y + b.h) * width), b.y * width);
    }
    const box = applyRefineOp({ width, height, data: this.work }, op);
    const dirty = unionBox(this.lastBox, box);
    this.lastBox = box;
    if (!dirty) return box;
    const tiles = tilesIn(this.doc, dirty);
    for (const i of tiles) {
      const tile = cutTile(this.work, width, tileRect(this.doc.grid, i));
      // A plain scan: `some` with a callback per pixel cost more than the copy.
      this.surface.writeTile(i, isEmpty(tile) ? null : tile);
    }
    this.surface.changed?.(tiles);
    return box;
  }
}

/** Whether two refinements are the same operation with the same parameter. */
function sameOp(a: RefineOp, b: RefineOp): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
