import type { Context } from 'konva/lib/Context';
import { tileRect } from '../core/mask/tiles.ts';
import type { TileCanvasSurface } from './TileCanvasSurface.ts';

export interface MaskLook {
  /** CSS colour of painted areas. */
  color: string;
  /** 0..1 */
  opacity: number;
}

interface DeviceRect { x0: number; y0: number; x1: number; y1: number }

/**
 * Draws the mask's tiles into the mask layer, as a Konva scene function, redrawing only what
 * changed: a pointer move repaints the one to four tiles it touched, not the whole screen.
 * The layer must not clear itself (`clearBeforeDraw(false)`); this renderer clears what it redraws.
 *
 * Tile edges are snapped to whole device pixels, so neighbouring tiles meet without seams at any
 * zoom, and a partial redraw produces exactly the pixels a full one would. The colour is applied
 * in one `source-in` fill, so changing it never touches the tiles.
 */
export class MaskRenderer {
  private full = true;
  private dirtyTiles = new Set<number>();
  private last = { a: 0, d: 0, e: 0, f: 0, w: 0, h: 0 };

  constructor(private surface: TileCanvasSurface | null, private readonly look: () => MaskLook) {}

  setSurface(surface: TileCanvasSurface | null): void {
    this.surface = surface;
    this.invalidate();
  }

  /** Everything must be redrawn (view, colour, visibility, surface changed). */
  invalidate(): void {
    this.full = true;
  }

  /** These tiles changed ('all' for whole-mask edits). */
  tilesChanged(tiles: readonly number[] | 'all'): void {
    if (tiles === 'all') this.full = true;
    else for (const t of tiles) this.dirtyTiles.add(t);
  }

  /** The Konva scene function. */
  draw(kctx: Context, visible: boolean): void {
    const ctx = kctx._context;
    const m = ctx.getTransform();
    const cw = ctx.canvas.width;
    const ch = ctx.canvas.height;
    const l = this.last;
    if (m.a !== l.a || m.d !== l.d || m.e !== l.e || m.f !== l.f || cw !== l.w || ch !== l.h) this.full = true;
    this.last = { a: m.a, d: m.d, e: m.e, f: m.f, w: cw, h: ch };
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    let area: DeviceRect | null;
    if (this.full || !visible || !this.surface) {
      area = { x0: 0, y0: 0, x1: cw, y1: ch };
    } else {
      area = this.dirtyArea(m);
      if (area) {
        ctx.beginPath();
        ctx.rect(area.x0, area.y0, area.x1 - area.x0, area.y1 - area.y0);
        ctx.clip();
      }
    }
    this.full = false;
    this.dirtyTiles.clear();
    if (area) {
      ctx.clearRect(area.x0, area.y0, area.x1 - area.x0, area.y1 - area.y0);
      if (visible && this.surface) this.paintTiles(ctx, m, area);
    }
    ctx.restore();
  }

  private deviceRect(m: DOMMatrix, index: number): DeviceRect {
    const r = tileRect(this.surface!.grid, index);
    return {
      x0: Math.round(m.a * r.x + m.e), y0: Math.round(m.d * r.y + m.f),
      x1: Math.round(m.a * (r.x + r.w) + m.e), y1: Math.round(m.d * (r.y + r.h) + m.f),
    };
  }

  private dirtyArea(m: DOMMatrix): DeviceRect | null {
    let u: DeviceRect | null = null;
    for (const t of this.dirtyTiles) {
      const d = this.deviceRect(m, t);
      u = u ? { x0: Math.min(u.x0, d.x0), y0: Math.min(u.y0, d.y0), x1: Math.max(u.x1, d.x1), y1: Math.max(u.y1, d.y1) } : d;
    }
    return u;
  }

  private paintTiles(ctx: CanvasRenderingContext2D, m: DOMMatrix, area: DeviceRect): void {
    const s = this.surface!;
    const g = s.grid;
    // Tiles overlapping the area, in tile units.
    const c0 = Math.max(0, Math.floor((area.x0 - m.e) / m.a / g.size) - 1);
    const r0 = Math.max(0, Math.floor((area.y0 - m.f) / m.d / g.size) - 1);
    const c1 = Math.min(g.cols - 1, Math.floor((area.x1 - m.e) / m.a / g.size) + 1);
    const r1 = Math.min(g.rows - 1, Math.floor((area.y1 - m.f) / m.d / g.size) + 1);
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = 'source-over';
    ctx.imageSmoothingEnabled = m.a < 1;
    let drew = false;
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const index = r * g.cols + c;
        const tile = s.tileCanvas(index);
        if (!tile) continue;
        const d = this.deviceRect(m, index);
        if (d.x1 <= Math.max(d.x0, area.x0) || d.y1 <= Math.max(d.y0, area.y0) || d.x0 >= area.x1 || d.y0 >= area.y1) continue;
        ctx.drawImage(tile, 0, 0, tile.width, tile.height, d.x0, d.y0, d.x1 - d.x0, d.y1 - d.y0);
        drew = true;
      }
    }
    if (drew) {
      const look = this.look();
      ctx.globalCompositeOperation = 'source-in';
      ctx.globalAlpha = look.opacity;
      ctx.fillStyle = look.color;
      ctx.fillRect(area.x0, area.y0, area.x1 - area.x0, area.y1 - area.y0);
    }
  }
}
