import type { MaskSurface, PaintMode } from './surface.ts';
import { distSqToSegment, tileRect, type Segment, type TileGrid } from './tiles.ts';

/**
 * A mask surface in plain memory: hard-edged, a pixel is covered when its centre lies within
 * the brush radius. The reference model for unit tests, and a fallback where no canvas exists.
 */
export class ArraySurface implements MaskSurface {
  private readonly tiles: (Uint8Array | null)[];
  constructor(readonly grid: TileGrid) {
    this.tiles = Array.from({ length: grid.cols * grid.rows }, () => null);
  }

  paintSegment(seg: Segment, mode: PaintMode, tiles: readonly number[]): void {
    const r2 = seg.radius * seg.radius;
    const value = mode === 'paint' ? 255 : 0;
    for (const index of tiles) {
      const rect = tileRect(this.grid, index);
      let data = this.tiles[index];
      if (!data) {
        if (mode === 'erase') continue;
        data = new Uint8Array(rect.w * rect.h);
        this.tiles[index] = data;
      }
      const x0 = Math.max(rect.x, Math.floor(Math.min(seg.x0, seg.x1) - seg.radius));
      const x1 = Math.min(rect.x + rect.w - 1, Math.ceil(Math.max(seg.x0, seg.x1) + seg.radius));
      const y0 = Math.max(rect.y, Math.floor(Math.min(seg.y0, seg.y1) - seg.radius));
      const y1 = Math.min(rect.y + rect.h - 1, Math.ceil(Math.max(seg.y0, seg.y1) + seg.radius));
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          if (distSqToSegment(x + 0.5, y + 0.5, seg) <= r2) data[(y - rect.y) * rect.w + (x - rect.x)] = value;
        }
      }
    }
  }

  readTile(index: number): Uint8Array | null {
    const t = this.tiles[index];
    return t ? t.slice() : null;
  }

  writeTile(index: number, coverage: Uint8Array | null): void {
    this.tiles[index] = coverage ? coverage.slice() : null;
  }
}
