/**
 * The view transform: screen = image * scale + (x, y), in CSS pixels. Everything the user
 * paints is converted back to image pixels with {@link toImage}, so strokes never depend on
 * zoom or device pixel ratio.
 */
export interface View { scale: number; x: number; y: number }

export const MIN_SCALE = 0.01;
export const MAX_SCALE = 32;

const clampScale = (s: number) => Math.min(MAX_SCALE, Math.max(MIN_SCALE, s));

/** Centres the image in a viewport, as large as fits with `padding` CSS px around it. */
export function fitView(imageW: number, imageH: number, viewW: number, viewH: number, padding = 16): View {
  const scale = clampScale(Math.min((viewW - 2 * padding) / imageW, (viewH - 2 * padding) / imageH));
  return { scale, x: (viewW - imageW * scale) / 2, y: (viewH - imageH * scale) / 2 };
}

/** Zooms by `factor` keeping the screen point (px, py) over the same image point. */
export function zoomAt(v: View, factor: number, px: number, py: number): View {
  const scale = clampScale(v.scale * factor);
  const k = scale / v.scale;
  return { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
}

/** Screen point (CSS px, relative to the stage) to image pixels. */
export function toImage(v: View, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - v.x) / v.scale, y: (sy - v.y) / v.scale };
}

/** Image pixels to a screen point (CSS px). */
export function toScreen(v: View, ix: number, iy: number): { x: number; y: number } {
  return { x: ix * v.scale + v.x, y: iy * v.scale + v.y };
}

/** Moves the view by a screen delta. */
export function panBy(v: View, dx: number, dy: number): View {
  return { scale: v.scale, x: v.x + dx, y: v.y + dy };
}

/**
 * Two-finger gesture: the view that keeps the image point under the old midpoint under the
 * new midpoint, scaled by the change in finger distance.
 */
export function pinch(v: View, from: [Pt, Pt], to: [Pt, Pt]): View {
  const d0 = Math.hypot(from[0].x - from[1].x, from[0].y - from[1].y) || 1;
  const d1 = Math.hypot(to[0].x - to[1].x, to[0].y - to[1].y) || 1;
  const m0 = { x: (from[0].x + from[1].x) / 2, y: (from[0].y + from[1].y) / 2 };
  const m1 = { x: (to[0].x + to[1].x) / 2, y: (to[0].y + to[1].y) / 2 };
  const zoomed = zoomAt(v, d1 / d0, m0.x, m0.y);
  return panBy(zoomed, m1.x - m0.x, m1.y - m0.y);
}

interface Pt { x: number; y: number }

/** Zoom steps for the buttons and keys: 1.25x per step. */
export const ZOOM_STEP = 1.25;
