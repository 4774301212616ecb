import type { Region } from '../../core/selection/region.ts';
import { commitSelection, modeAt } from './selectMode.ts';
import type { ToolDefinition } from './Tool.ts';

/**
 * The magic wand: a click selects by colour similarity to the clicked pixel of the picture
 * (ctx.pixels(), never the mask), with the toolbar's tolerance (0..255) and contiguous or
 * global mode, combined under the mode of the keys held at the click (Shift adds, Alt
 * subtracts, both intersect). The wand runs where the platform says (a worker in the browser,
 * inline in Node); when a click's result arrives after a newer click, it is dropped, so only
 * the last click of a quick series is committed, as one undo step.
 */
export const wandTool: ToolDefinition<'wand'> = {
  id: 'wand',
  label: 'action.wand',
  keys: ['W'],
  create: (ctx) => {
    let latest = 0;
    return {
      idle: {
        onPointerDown(p) {
          const s = ctx.settings;
          const mode = modeAt(p, s.selectMode);
          const doc = ctx.doc;
          const ticket = ++latest;
          const commit = (r: Region) => {
            // A newer click, or another picture opened meanwhile, makes this result stale.
            if (ticket === latest && ctx.doc === doc) commitSelection(ctx, r, mode);
          };
          const out = ctx.runWand({ x: p.x, y: p.y, tolerance: s.wandTolerance, contiguous: s.wandContiguous });
          if (out instanceof Promise) void out.then(commit, () => undefined);
          else commit(out);
          return 'active';
        },
      },
      active: { onPointerUp: () => 'idle', onCancel: () => 'idle' },
    };
  },
};
