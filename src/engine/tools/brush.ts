import type { PaintMode } from '../../core/mask/surface.ts';
import type { ImagePoint, ToolContext, ToolDefinition } from './Tool.ts';

/** The brush radius at `p`: a pen's pressure scales it when switched on (0 = 10 %, full = 100 %). */
function radius(ctx: ToolContext, p: ImagePoint): number {
  const s = ctx.settings;
  const k = s.pressure && p.pen ? 0.1 + 0.9 * Math.min(1, Math.max(0, p.pressure)) : 1;
  return Math.max(0.5, (s.brushSize * k) / 2);
}

/**
 * Brush and eraser: a stroke is a round-capped polyline in image pixels. Idle: pointer-down
 * paints a dab and goes active. Active: each move paints one segment at the radius of the
 * point it ends at (so pen pressure varies the width along a stroke); pointer-up closes the
 * stroke as one undo step; a cancel restores the tiles it touched.
 */
function paintTool<Id extends string>(id: Id, mode: PaintMode, keys: readonly string[]): ToolDefinition<Id> {
  return {
    id,
    label: `action.${id}`,
    keys,
    create: (ctx) => ({
      idle: {
        onPointerDown(p) {
          ctx.doc.beginStroke(p.x, p.y, radius(ctx, p), mode);
          return 'active';
        },
      },
      active: {
        onPointerMove(points) {
          for (const p of points) ctx.doc.strokeTo(p.x, p.y, radius(ctx, p));
        },
        onPointerUp() {
          ctx.doc.endStroke();
          return 'idle';
        },
        onCancel() {
          ctx.doc.cancelStroke();
          return 'idle';
        },
      },
    }),
  };
}

export const brushTool = paintTool('brush', 'paint', ['B']);
export const eraserTool = paintTool('eraser', 'erase', ['E']);
