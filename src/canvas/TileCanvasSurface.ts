import type { MaskSurface, PaintMode } from '../core/mask/surface.ts';
import { tileRect, type Segment, type TileGrid } from '../core/mask/tiles.ts';

type Ctx2D = OffscreenCanvasRenderingContext2D;

interface Tile { canvas: OffscreenCanvas; ctx: Ctx2D }

/**
 * The mask in the browser: one small canvas per tile, created on first paint. Only touched
 * tiles hold memory, a pointer move repaints one to four of them, and the display re-uploads
 * only those (one big canvas would be re-uploaded whole on every frame).
 * Tiles store coverage in the alpha channel (colour is applied when drawing).
 */
export class TileCanvasSurface implements MaskSurface {
  private readonly tiles: (Tile | null)[];
  private onChange: ((tiles: readonly number[] | 'all') => void) | null = null;
  private readonly scratch = new Map<number, ImageData>();

  constructor(readonly grid: TileGrid) {
    this.tiles = Array.from({ length: grid.cols * grid.rows }, () => null);
  }

  /** Sets who hears about changed tiles (the display). */
  listen(fn: ((tiles: readonly number[] | 'all') => void) | null): void {
    this.onChange = fn;
  }

  changed(tiles: readonly number[] | 'all'): void {
    this.onChange?.(tiles);
  }

  /** The tile's canvas, or null when it was never painted (or was emptied). */
  tileCanvas(index: number): OffscreenCanvas | null {
    return this.tiles[index]?.canvas ?? null;
  }

  /** Number of tiles holding pixels. */
  get liveTiles(): number {
    return this.tiles.reduce((n, t) => n + (t ? 1 : 0), 0);
  }

  private ensure(index: number): Tile {
    let t = this.tiles[index];
    if (!t) {
      const r = tileRect(this.grid, index);
      const canvas = new OffscreenCanvas(r.w, r.h);
      const ctx = canvas.getContext('2d', { willReadFrequently: true });
      if (!ctx) throw new Error('2D canvas unavailable');
      t = { canvas, ctx };
      this.tiles[index] = t;
    }
    return t;
  }

  paintSegment(seg: Segment, mode: PaintMode, tiles: readonly number[]): void {
    for (const index of tiles) {
      if (mode === 'erase' && !this.tiles[index]) continue;
      const { ctx } = this.ensure(index);
      const r = tileRect(this.grid, index);
      ctx.setTransform(1, 0, 0, 1, -r.x, -r.y);
      ctx.globalCompositeOperation = mode === 'paint' ? 'source-over' : 'destination-out';
      ctx.fillStyle = '#000';
      ctx.strokeStyle = '#000';
      ctx.beginPath();
      if (seg.x0 === seg.x1 && seg.y0 === seg.y1) {
        ctx.arc(seg.x0, seg.y0, seg.radius, 0, Math.PI * 2);
        ctx.fill();
      } else {
        ctx.lineCap = 'round';
        ctx.lineJoin = 'round';
        ctx.lineWidth = seg.radius * 2;
        ctx.moveTo(seg.x0, seg.y0);
        ctx.lineTo(seg.x1, seg.y1);
        ctx.stroke();
      }
    }
  }

  readTile(index: number): Uint8Array | null {
    const t = this.tiles[index];
    if (!t) return null;
    const { w, h } = tileRect(this.grid, index);
    const rgba = t.ctx.getImageData(0, 0, w, h).data;
    const out = new Uint8Array(w * h);
    for (let i = 0, j = 3; i < out.length; i++, j += 4) out[i] = rgba[j]!;
    return out;
  }

  writeTile(index: number, coverage: Uint8Array | null): void {
    if (!coverage) {
      this.tiles[index] = null;
      return;
    }
    const { ctx } = this.ensure(index);
    const { w, h } = tileRect(this.grid, index);
    const img = this.pixelsFor(w, h);
    const data = img.data;
    for (let i = 0, j = 3; i < coverage.length; i++, j += 4) data[j] = coverage[i]!;
    ctx.putImageData(img, 0, 0);
  }

  /**
   * A w x h ImageData to write a tile through, kept per size: a region write fills hundreds of
   * tiles, and a fresh 256 KiB each cost more than the fill. Every alpha is overwritten on each
   * use and colour stays 0 (it is applied when drawing), so reuse leaves nothing behind.
   */
  private pixelsFor(w: number, h: number): ImageData {
    const key = w * 65536 + h;
    let img = this.scratch.get(key);
    if (!img) this.scratch.set(key, (img = new ImageData(w, h)));
    return img;
  }
}
