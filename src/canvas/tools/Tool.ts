/**
 * A point in image pixels, with pen pressure (0.5 for mouse and touch). `pen` marks a pen's
 * point: only a pen's pressure may set the brush width (a mouse's fixed 0.5 must not halve it).
 */
export interface ImagePoint { x: number; y: number; pressure: number; pen?: boolean }

/** Tools are small state machines that receive points already converted to image pixels. */
export interface Tool {
  onPointerDown(p: ImagePoint): void;
  /** Several points when the browser coalesced moves (pens send more than the frame rate). */
  onPointerMove(points: readonly ImagePoint[]): void;
  onPointerUp(): void;
  onPointerCancel(): void;
}
