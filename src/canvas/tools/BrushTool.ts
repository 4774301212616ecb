import type { MaskDocument } from '../../core/mask/MaskDocument.ts';
import type { PaintMode } from '../../core/mask/surface.ts';
import type { ImagePoint, Tool } from './Tool.ts';

export interface BrushSettings {
  /** Diameter in image pixels. */
  size: number;
  /** When true, a pen's pressure scales the width (0 pressure = 10 %, full = 100 %); mouse and touch keep the full width. */
  pressure: boolean;
}

/**
 * Brush and eraser: a stroke is a round-capped polyline in image pixels; each move paints one
 * segment, at the radius of the point it ends at (so pen pressure varies the width along a
 * stroke), and pointer-up closes the stroke as one undo step.
 */
export class BrushTool implements Tool {
  constructor(
    private readonly doc: () => MaskDocument | null,
    private readonly mode: PaintMode,
    private readonly settings: () => BrushSettings,
    private readonly redraw: () => void,
    private readonly committed: () => void,
  ) {}

  private radius(p: ImagePoint): number {
    const s = this.settings();
    const k = s.pressure && p.pen ? 0.1 + 0.9 * Math.min(1, Math.max(0, p.pressure)) : 1;
    return Math.max(0.5, (s.size * k) / 2);
  }

  onPointerDown(p: ImagePoint): void {
    this.doc()?.beginStroke(p.x, p.y, this.radius(p), this.mode);
    this.redraw();
  }

  onPointerMove(points: readonly ImagePoint[]): void {
    const doc = this.doc();
    if (!doc?.isStroking) return;
    for (const p of points) doc.strokeTo(p.x, p.y, this.radius(p));
    this.redraw();
  }

  onPointerUp(): void {
    const doc = this.doc();
    if (!doc?.isStroking) return;
    doc.endStroke();
    this.redraw();
    this.committed();
  }

  onPointerCancel(): void {
    this.doc()?.cancelStroke();
    this.redraw();
  }
}
