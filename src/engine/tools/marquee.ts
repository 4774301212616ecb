import { dragBounds, rasterEllipse, rasterRect, type Bounds } from '../../core/selection/shapes.ts';
import type { Region } from '../../core/selection/region.ts';
import { commitSelection, modeAt } from './selectMode.ts';
import type { ImagePoint, RegionMode, ToolDefinition } from './Tool.ts';

/**
 * Rectangle and ellipse marquee. Pointer-down fixes a corner (and the mode: see
 * {@link modeAt}); moves drag the opposite corner and show the outline; pointer-up rasterises
 * the shape at full resolution (pixel centres inside, shapes.ts) and commits it as one undo step.
 *
 * Modifiers, as in Photoshop: a key held at pointer-down picks the mode (Shift adds, Alt
 * subtracts); the same key pressed after the drag started shapes it instead (Shift: square or
 * circle; Alt: from the centre). Releasing a key held since pointer-down and pressing it again
 * counts as pressed later. A click without a drag commits the empty shape: under replace that
 * deselects, as a click in Photoshop does.
 */
function marqueeTool<Id extends string>(id: Id, shape: 'rect' | 'ellipse', keys: readonly string[]): ToolDefinition<Id> {
  const raster: (b: Bounds, w: number, h: number) => Region = shape === 'rect' ? rasterRect : rasterEllipse;
  return {
    id,
    label: `action.${id}`,
    keys,
    create: (ctx) => {
      let start: ImagePoint = { x: 0, y: 0, pressure: 0 };
      let end = start;
      let mode: RegionMode = 'replace';
      // Whether the key that picked the mode is still held since pointer-down (then it does not shape).
      let shiftFromDown = false;
      let altFromDown = false;
      const bounds = () => {
        shiftFromDown &&= !!end.shift;
        altFromDown &&= !!end.alt;
        return dragBounds(start, end, { square: !!end.shift && !shiftFromDown, fromCentre: !!end.alt && !altFromDown });
      };
      const show = () => {
        const b = bounds();
        ctx.setOverlay({ kind: shape, ...b, mode });
      };
      return {
        idle: {
          onPointerDown(p) {
            start = end = p;
            mode = modeAt(p, ctx.settings.selectMode);
            shiftFromDown = !!p.shift;
            altFromDown = !!p.alt;
            show();
            return 'active';
          },
        },
        active: {
          onPointerMove(points) {
            end = points[points.length - 1] ?? end;
            show();
          },
          onPointerUp() {
            ctx.setOverlay(null);
            commitSelection(ctx, raster(bounds(), ctx.doc.width, ctx.doc.height), mode);
            return 'idle';
          },
          onCancel() {
            ctx.setOverlay(null);
            return 'idle';
          },
          onKey(key, handled) {
            if (key !== 'Escape') return;
            handled.used = true;
            ctx.setOverlay(null);
            return 'idle';
          },
        },
      };
    },
  };
}

export const rectSelectTool = marqueeTool('rectSelect', 'rect', ['M']);
export const ellipseSelectTool = marqueeTool('ellipseSelect', 'ellipse', ['Shift+M']);
