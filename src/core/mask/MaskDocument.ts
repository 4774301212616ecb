import { rleDecode, rleEncode } from './rle.ts';
import type { MaskSurface, PaintMode } from './surface.ts';
import { isEmpty } from './maskPixels.ts';
import { clearsOutside, regionTile, type RegionWriteMode } from './regionTile.ts';
import { cutTile, tileRect, tilesForSegment, tilesInRect, type Rect, type Segment, type TileGrid } from './tiles.ts';

/** One tile's content before and after an edit, run-length coded; null = empty tile. */
interface TileChange { index: number; before: Uint8Array | null; after: Uint8Array | null }

export type EditKind = 'stroke' | 'clear' | 'invert' | 'load' | 'fill' | 'region';

interface HistoryEntry { kind: EditKind; changes: TileChange[]; bytes: number }

interface ActiveStroke {
  mode: PaintMode;
  radius: number;
  x: number;
  y: number;
  /** Tiles as they were before this stroke touched them. */
  before: Map<number, Uint8Array | null>;
}

export interface MaskDocumentOptions {
  /** Undo memory budget; the oldest steps are dropped beyond it. */
  maxHistoryBytes?: number;
  /** Undo steps kept (at least 1); the oldest are dropped beyond it. */
  maxHistorySteps?: number;
}

/**
 * Undo steps a mask keeps by default. The byte budget alone never bounds a small picture's
 * history: each stroke kept a few KB, so a long session's heap grew with every stroke.
 */
export const MAX_UNDO_STEPS = 100;

/**
 * The mask being edited: strokes in image pixels painted onto a {@link MaskSurface}, with one
 * undo step per stroke (or per clear, invert, load). Undo stores only the tiles a step changed,
 * so undoing a stroke on a 6000x4000 mask rewrites a few tiles, not the whole image.
 */
export class MaskDocument {
  readonly grid: TileGrid;
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private stroke: ActiveStroke | null = null;
  private listeners = new Set<() => void>();
  private readonly maxHistoryBytes: number;
  private readonly maxHistorySteps: number;
  /** Bumped on every committed change (not per pointer move). */
  version = 0;

  constructor(readonly surface: MaskSurface, opts: MaskDocumentOptions = {}) {
    this.grid = surface.grid;
    this.maxHistoryBytes = opts.maxHistoryBytes ?? 256 * 1024 * 1024;
    this.maxHistorySteps = Math.max(1, opts.maxHistorySteps ?? MAX_UNDO_STEPS);
  }

  get width(): number { return this.grid.width; }
  get height(): number { return this.grid.height; }
  get canUndo(): boolean { return this.undoStack.length > 0 && !this.stroke; }
  get canRedo(): boolean { return this.redoStack.length > 0 && !this.stroke; }
  get isStroking(): boolean { return this.stroke !== null; }
  get historyBytes(): number { return [...this.undoStack, ...this.redoStack].reduce((n, e) => n + e.bytes, 0); }

  /** Subscribes to committed changes; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Starts a stroke with a round dab at (x, y) in image pixels. */
  beginStroke(x: number, y: number, radius: number, mode: PaintMode): void {
    if (this.stroke) this.endStroke();
    this.stroke = { mode, radius, x, y, before: new Map() };
    this.paint({ x0: x, y0: y, x1: x, y1: y, radius });
  }

  /** Extends the current stroke to (x, y); the hot path: paints one segment, nothing else. */
  strokeTo(x: number, y: number, radius?: number): void {
    const s = this.stroke;
    if (!s) return;
    if (radius !== undefined) s.radius = radius;
    this.paint({ x0: s.x, y0: s.y, x1: x, y1: y, radius: s.radius });
    s.x = x;
    s.y = y;
  }

  private paint(seg: Segment): void {
    const s = this.stroke!;
    const tiles = tilesForSegment(this.grid, seg);
    if (tiles.length === 0) return;
    for (const t of tiles) if (!s.before.has(t)) s.before.set(t, this.readRle(t));
    this.surface.paintSegment(seg, s.mode, tiles);
    this.surface.changed?.(tiles);
  }

  /** Ends the stroke as one undo step. Returns false when it changed nothing. */
  endStroke(): boolean {
    const s = this.stroke;
    if (!s) return false;
    this.stroke = null;
    const changes: TileChange[] = [];
    for (const [index, before] of s.before) {
      const after = this.readRle(index);
      if (!sameRle(before, after)) changes.push({ index, before, after });
    }
    return this.push('stroke', changes);
  }

  /** Abandons the stroke (e.g. a second finger turned it into a pinch): restores its tiles. */
  cancelStroke(): void {
    const s = this.stroke;
    if (!s) return;
    this.stroke = null;
    for (const [index, before] of s.before) this.writeRle(index, before);
    this.surface.changed?.([...s.before.keys()]);
    this.emit();
  }

  /** Empties the mask (one undo step). */
  clear(): boolean {
    return this.applyAll('clear', () => null);
  }

  /** Paints every pixel (select all; one undo step). */
  fill(): boolean {
    return this.applyAll('fill', (_cov, n) => new Uint8Array(n).fill(255));
  }

  /** Swaps painted and unpainted (one undo step). */
  invert(): boolean {
    return this.applyAll('invert', (cov, n) => {
      const out = new Uint8Array(n).fill(255);
      if (cov) for (let i = 0; i < n; i++) out[i] = 255 - cov[i]!;
      return out;
    });
  }

  /**
   * Replaces the whole mask with full-image coverage (row-major, width x height). `changed`:
   * the box outside which `coverage` equals the mask already (a refinement's changed box), so
   * only the tiles it touches are read and rewritten.
   */
  load(coverage: Uint8Array, changed?: Rect | null): boolean {
    if (coverage.length !== this.width * this.height) throw new RangeError('coverage size does not match the mask');
    const indices = changed === undefined ? 'all'
      : changed && changed.w > 0 && changed.h > 0 ? tilesInRect(this.grid, changed.x, changed.y, changed.x + changed.w - 1, changed.y + changed.h - 1) : [];
    return this.applyAll('load', (_cov, _n, rect) => cutTile(coverage, this.width, rect), indices);
  }

  /**
   * Combines a region (coverage over `rect`, row-major; non-zero = selected) into the mask under
   * `mode` as one undo step, the tiles `rect` covers computed tile by tile ({@link regionTile}):
   * the same pixels as combining into the full coverage and loading it, without copying the
   * whole mask. Replace and intersect also empty every other tile, with no per-pixel work on
   * tiles already empty. The undo step holds only the tiles that changed. False: nothing changed.
   */
  writeRegion(rect: Rect, region: Uint8Array, mode: RegionWriteMode): boolean {
    if (region.length !== rect.w * rect.h) throw new RangeError('region size does not match its rectangle');
    const indices = clearsOutside(mode) ? 'all' : rect.w > 0 && rect.h > 0 ? tilesInRect(this.grid, rect.x, rect.y, rect.x + rect.w - 1, rect.y + rect.h - 1) : [];
    return this.applyAll('region', (cov, _n, tile) => regionTile(cov, tile, { rect, data: region }, mode), indices);
  }

  /**
   * Rewrites the tiles `indices` (default: all) with what `f` makes of each (null = empty) as one
   * undo step; the display hears of the changed tiles only ('all' for a whole-mask edit).
   */
  private applyAll(kind: EditKind, f: (cov: Uint8Array | null, n: number, rect: ReturnType<typeof tileRect>) => Uint8Array | null,
    indices: readonly number[] | 'all' = 'all'): boolean {
    if (this.stroke) this.endStroke();
    const changes: TileChange[] = [];
    const count = indices === 'all' ? this.grid.cols * this.grid.rows : indices.length;
    for (let k = 0; k < count; k++) {
      const index = indices === 'all' ? k : indices[k]!;
      const rect = tileRect(this.grid, index);
      const cov = this.surface.readTile(index);
      let next = f(cov, rect.w * rect.h, rect);
      // The tile itself back, or empty staying empty: nothing to compare or write.
      if (next === cov) continue;
      if (next && isEmpty(next)) next = null;
      const before = cov && !isEmpty(cov) ? rleEncode(cov) : null;
      const after = next ? rleEncode(next) : null;
      if (sameRle(before, after)) continue;
      this.surface.writeTile(index, next);
      changes.push({ index, before, after });
    }
    this.surface.changed?.(kind === 'region' || indices !== 'all' ? changes.map((c) => c.index) : 'all');
    return this.push(kind, changes);
  }

  undo(): boolean {
    if (this.stroke) return false;
    const e = this.undoStack.pop();
    if (!e) return false;
    for (const c of e.changes) this.writeRle(c.index, c.before);
    this.surface.changed?.(e.changes.map((c) => c.index));
    this.redoStack.push(e);
    this.version++;
    this.emit();
    return true;
  }

  redo(): boolean {
    if (this.stroke) return false;
    const e = this.redoStack.pop();
    if (!e) return false;
    for (const c of e.changes) this.writeRle(c.index, c.after);
    this.surface.changed?.(e.changes.map((c) => c.index));
    this.undoStack.push(e);
    this.version++;
    this.emit();
    return true;
  }

  /**
   * Forgets the steps undone: an edit made outside this document (extending the canvas)
   * supersedes them, so redo must not bring them back after that edit is undone.
   */
  dropRedo(): void {
    if (this.redoStack.length === 0) return;
    this.redoStack = [];
    this.emit();
  }

  /** Visits every tile's coverage (null = empty), e.g. to export or save. */
  forEachTile(fn: (index: number, coverage: Uint8Array | null, rect: ReturnType<typeof tileRect>) => void): void {
    const count = this.grid.cols * this.grid.rows;
    for (let i = 0; i < count; i++) fn(i, this.surface.readTile(i), tileRect(this.grid, i));
  }

  /**
   * The whole mask as one row-major coverage array (width x height). `committed`: without the
   * stroke being drawn, if any (its tiles as they were before it), as undo would leave them.
   */
  coverage(opts: { committed?: boolean } = {}): Uint8Array {
    const out = new Uint8Array(this.width * this.height);
    const drawing = opts.committed ? this.stroke?.before : undefined;
    this.forEachTile((i, live, rect) => {
      const before = drawing?.get(i);
      const cov = drawing?.has(i) ? (before ? rleDecode(before, rect.w * rect.h) : null) : live;
      if (!cov) return;
      for (let y = 0; y < rect.h; y++) out.set(cov.subarray(y * rect.w, (y + 1) * rect.w), (rect.y + y) * this.width + rect.x);
    });
    return out;
  }

  private readRle(index: number): Uint8Array | null {
    const cov = this.surface.readTile(index);
    return cov && !isEmpty(cov) ? rleEncode(cov) : null;
  }

  private writeRle(index: number, rle: Uint8Array | null): void {
    const r = tileRect(this.grid, index);
    this.surface.writeTile(index, rle ? rleDecode(rle, r.w * r.h) : null);
  }

  private push(kind: EditKind, changes: TileChange[]): boolean {
    if (changes.length === 0) { this.emit(); return false; }
    const bytes = changes.reduce((n, c) => n + (c.before?.length ?? 0) + (c.after?.length ?? 0) + 16, 0);
    this.undoStack.push({ kind, changes, bytes });
    this.redoStack = [];
    let total = this.historyBytes;
    while ((total > this.maxHistoryBytes || this.undoStack.length > this.maxHistorySteps) && this.undoStack.length > 1) total -= this.undoStack.shift()!.bytes;
    this.version++;
    this.emit();
    return true;
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}

function sameRle(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
