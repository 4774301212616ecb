import { rasterPolygon } from '../../core/selection/polygon.ts';
import type { Point } from '../../core/selection/shapes.ts';
import { commitSelection, modeAt } from './selectMode.ts';
import type { RegionMode, ToolDefinition, ToolStateName } from './Tool.ts';

/**
 * The lasso, freehand and polygon in one tool, as Photoshop's and GIMP's free select:
 * - **freehand**: press, drag round the object, release: the path closes with a straight line
 *   back to its start and is committed as one undo step;
 * - **polygon**: a click without a drag starts a polygon; each further click adds a corner and
 *   a drag adds a freehand stretch; a double-click, Enter, or switching tools closes it;
 *   Escape cancels it. Between clicks a rubber band runs from the last corner to the pointer.
 * Self-intersecting paths fill by the non-zero winding rule (polygon.ts says why). The mode is
 * read from the keys held at the first pointer-down.
 */
export const lassoTool: ToolDefinition<'lasso'> = {
  id: 'lasso',
  label: 'action.lasso',
  keys: ['L'],
  create: (ctx) => {
    let points: Point[] = [];
    let mode: RegionMode = 'replace';
    let down = false;
    let dragged = false;
    let polygon = false;
    const show = () => ctx.setOverlay({ kind: 'path', points: points.slice(), closed: false, mode });
    const close = (): ToolStateName => {
      ctx.setOverlay(null);
      const path = points;
      points = [];
      polygon = false;
      commitSelection(ctx, rasterPolygon(path, ctx.doc.width, ctx.doc.height), mode);
      return 'idle';
    };
    const cancel = (): ToolStateName => {
      ctx.setOverlay(null);
      points = [];
      polygon = false;
      return 'idle';
    };
    return {
      idle: {
        onPointerDown(p) {
          points = [{ x: p.x, y: p.y }];
          mode = modeAt(p, ctx.settings.selectMode);
          down = true;
          dragged = false;
          show();
          return 'active';
        },
      },
      active: {
        onPointerDown(p) {
          // Polygon mode: a double-click closes; another click adds a corner.
          if (p.double) return close();
          points.push({ x: p.x, y: p.y });
          down = true;
          show();
        },
        onPointerMove(moves) {
          if (!down) return;
          const last = points[points.length - 1]!;
          for (const p of moves) if (p.x !== last.x || p.y !== last.y) { points.push({ x: p.x, y: p.y }); dragged = true; }
          show();
        },
        onPointerUp() {
          // A pointer-up with no press under way is a tool switch: close the polygon.
          if (!down) return close();
          down = false;
          if (polygon) return;
          if (dragged) return close();
          polygon = true;
        },
        onPointerHover(p) {
          // The rubber band: the next side, from the last corner to the pointer (not a corner until clicked).
          if (polygon && !down) ctx.setOverlay({ kind: 'path', points: [...points, { x: p.x, y: p.y }], closed: false, mode });
        },
        onCancel: cancel,
        onKey(key, handled) {
          if (key !== 'Enter' && key !== 'Escape') return;
          handled.used = true;
          return key === 'Enter' ? close() : cancel();
        },
      },
    };
  },
};
