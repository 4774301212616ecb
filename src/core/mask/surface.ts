import type { Segment, TileGrid } from './tiles.ts';

export type PaintMode = 'paint' | 'erase';

/**
 * Where mask pixels live. Coverage is 0..255 per image pixel (255 = painted, i.e. to be
 * changed). Tiles never painted may be absent (read as null = all zero). The browser uses a
 * canvas per tile; Node tests use {@link ArraySurface}. Everything above this interface
 * (history, export, invert) is shared.
 */
export interface MaskSurface {
  readonly grid: TileGrid;
  /** Paints or erases a round-capped segment on every tile it touches. */
  paintSegment(seg: Segment, mode: PaintMode, tiles: readonly number[]): void;
  /** Coverage of one tile, row-major at the tile's own width; null when the tile is empty. */
  readTile(index: number): Uint8Array | null;
  /** Replaces one tile's coverage; null empties it. */
  writeTile(index: number, coverage: Uint8Array | null): void;
  /** Called after a batch of writes, so a display can refresh once. */
  changed?(tiles: readonly number[] | 'all'): void;
}
