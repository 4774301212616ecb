import type { MaskSurface } from '../core/mask/surface.ts';
import { isEmpty } from '../core/mask/maskPixels.ts';
import { cutTile, tileRect } from '../core/mask/tiles.ts';
import type { Extension } from '../core/selection/canvasExtend.ts';
import type { RgbaPixels } from './types.ts';

/**
 * The mask of an extended canvas: the old coverage (`w` x `h`) at the extension's offset, and
 * every new pixel painted (255), since the new area is what the model is to fill.
 */
export function extendedCoverage(old: Uint8Array, w: number, h: number, ext: Extension): Uint8Array {
  const out = new Uint8Array(ext.width * ext.height).fill(255);
  const { x, y } = ext.offset;
  for (let row = 0; row < h; row++) out.set(old.subarray(row * w, (row + 1) * w), (row + y) * ext.width + x);
  return out;
}

/**
 * Writes full-size coverage straight into a fresh surface's tiles, with no undo step: the
 * extended canvas starts with this mask, and its first undo step is the canvas's own.
 */
export function writeCoverage(surface: MaskSurface, coverage: Uint8Array): void {
  const g = surface.grid;
  for (let i = 0; i < g.cols * g.rows; i++) {
    const tile = cutTile(coverage, g.width, tileRect(g, i));
    surface.writeTile(i, isEmpty(tile) ? null : tile);
  }
  surface.changed?.('all');
}

/** RGBA pixels on a bigger canvas: the old ones at the offset, the new area transparent (0, 0, 0, 0). */
export function extendRgba(src: RgbaPixels, ext: Extension): RgbaPixels {
  const data = new Uint8ClampedArray(ext.width * ext.height * 4);
  const { x, y } = ext.offset;
  const rowBytes = src.width * 4;
  for (let row = 0; row < src.height; row++) {
    data.set(src.data.subarray(row * rowBytes, (row + 1) * rowBytes), ((row + y) * ext.width + x) * 4);
  }
  return { width: ext.width, height: ext.height, data };
}

/**
 * The canvases Extend canvas left behind (undo) and the ones undone (redo). The mask document
 * keeps each canvas's stroke history; this keeps the steps between canvases, so undo runs a
 * canvas's strokes back first and then its extension, and redo runs forward the same way.
 */
export class CanvasHistory<C> {
  private undone: C[] = [];
  private redone: C[] = [];

  constructor(private readonly release: (c: C) => void) {}

  get canUndo(): boolean { return this.undone.length > 0; }
  get canRedo(): boolean { return this.redone.length > 0; }

  /** The canvas `current` replaced (an extension): it is what undo gives back; redo is dropped. */
  push(current: C): void {
    this.undone.push(current);
    this.dropRedo();
  }

  /** The canvas before `current`, which redo will give back; null when there is none. */
  undo(current: C): C | null {
    const prev = this.undone.pop();
    if (prev) this.redone.push(current);
    return prev ?? null;
  }

  /** The canvas undone last, `current` becoming undo's; null when there is none. */
  redo(current: C): C | null {
    const next = this.redone.pop();
    if (next) this.undone.push(current);
    return next ?? null;
  }

  /** A new edit on the canvas undone to: the extensions undone are gone for good. */
  dropRedo(): void {
    for (const c of this.redone) this.release(c);
    this.redone = [];
  }

  /** Another picture was opened: every canvas kept is released. */
  clear(): void {
    this.dropRedo();
    for (const c of this.undone) this.release(c);
    this.undone = [];
  }
}
