import type { Context } from 'konva/lib/Context';
import type { RegionMode, SelectionOverlay } from '../engine/tools/Tool.ts';

/** The badge by the pointer that says what the action will do (replace shows none). */
const BADGE: Record<RegionMode, string> = { replace: '', add: '+', subtract: '−', intersect: '∩' };

/**
 * Draws a selection tool's outline (marquee box or ellipse, lasso path) in image pixels on a
 * stage scaled by `scale`: a white line under a black dashed one, each one screen pixel wide
 * whatever the zoom, so the outline shows on light and dark pictures alike; and the mode's
 * badge (+, −, ∩) beside the point being dragged.
 */
export function drawSelectionOverlay(ctx: Context, o: SelectionOverlay, scale: number): void {
  const c = ctx._context;
  const px = 1 / scale;
  c.save();
  c.beginPath();
  let tip: { x: number; y: number };
  if (o.kind === 'path') {
    const pts = o.points;
    if (pts.length === 0) { c.restore(); return; }
    c.moveTo(pts[0]!.x, pts[0]!.y);
    for (const p of pts) c.lineTo(p.x, p.y);
    if (o.closed) c.closePath();
    tip = pts[pts.length - 1]!;
  } else if (o.kind === 'rect') {
    c.rect(o.x0, o.y0, o.x1 - o.x0, o.y1 - o.y0);
    tip = { x: o.x1, y: o.y1 };
  } else {
    c.ellipse((o.x0 + o.x1) / 2, (o.y0 + o.y1) / 2, (o.x1 - o.x0) / 2, (o.y1 - o.y0) / 2, 0, 0, Math.PI * 2);
    tip = { x: o.x1, y: o.y1 };
  }
  c.lineWidth = px;
  c.strokeStyle = '#fff';
  c.setLineDash([]);
  c.stroke();
  c.strokeStyle = '#000';
  c.setLineDash([4 * px, 4 * px]);
  c.stroke();
  const badge = BADGE[o.mode];
  if (badge) {
    c.setLineDash([]);
    c.font = `bold ${14 * px}px sans-serif`;
    c.lineWidth = 3 * px;
    c.strokeStyle = '#fff';
    c.strokeText(badge, tip.x + 8 * px, tip.y + 18 * px);
    c.fillStyle = '#000';
    c.fillText(badge, tip.x + 8 * px, tip.y + 18 * px);
  }
  c.restore();
}
