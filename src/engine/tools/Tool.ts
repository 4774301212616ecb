import type { MaskDocument } from '../../core/mask/MaskDocument.ts';
import type { CombineMode } from '../../core/selection/combine.ts';
import type { Region } from '../../core/selection/region.ts';
import type { WandOptions } from '../../core/selection/wand.ts';
import type { RgbaPixels } from '../types.ts';

/**
 * A point in image pixels, with pen pressure (0.5 for mouse and touch). `pen` marks a pen's
 * point: only a pen's pressure may set the brush width (a mouse's fixed 0.5 must not halve it).
 */
export interface ImagePoint {
  x: number; y: number; pressure: number; pen?: boolean;
  /** Modifier keys held at this point (selection tools: mode at pointer-down, shape while dragging). */
  shift?: boolean; alt?: boolean;
  /** The second click of a double-click (a polygon lasso closes on it). */
  double?: boolean;
}

/** A rectangle of image pixels. */
export interface PixelRect { x: number; y: number; w: number; h: number }

/** How a region's coverage combines with the mask: replace it, add to it, cut it away, or keep only their overlap. */
export type RegionMode = CombineMode;

/**
 * What a selection tool shows before it commits, drawn by the renderer over the picture, in
 * image pixels: a marquee's box (rectangle or ellipse), a lasso's path (open while drawn), and
 * the mode the action will have (the renderer badges it by the cursor).
 */
export type SelectionOverlay =
  | { kind: 'rect' | 'ellipse'; x0: number; y0: number; x1: number; y1: number; mode: RegionMode }
  | { kind: 'path'; points: readonly { x: number; y: number }[]; closed: boolean; mode: RegionMode };

/**
 * Runs the magic wand on the open picture. The browser passes one that runs it in a worker;
 * without one the engine runs it on the calling thread (Node tests). A result that comes back
 * after a newer request is dropped by the caller.
 */
export interface WandRunner {
  run(pixels: RgbaPixels, opts: WandOptions): Promise<Region> | Region;
}

/** The selection settings the toolbar sets: the mode of the next action and the wand's options. */
export interface SelectionSettings {
  readonly selectMode: RegionMode;
  /** 0..255, the largest channel difference the wand still takes. */
  readonly wandTolerance: number;
  readonly wandContiguous: boolean;
}

/** What a tool sees of the engine. Valid while a picture is open (tools get no events otherwise). */
export interface ToolContext {
  /** The mask of the open picture. */
  readonly doc: MaskDocument;
  /** Brush diameter in image pixels, and whether a pen's pressure sets the width. */
  readonly settings: { readonly brushSize: number; readonly pressure: boolean } & SelectionSettings;
  /** The open picture's pixels, RGBA (read once per picture, then shared). */
  pixels(): RgbaPixels;
  /**
   * Writes `coverage` (row-major over `rect`, 0..255) into the mask as one undo step: what a
   * selection (marquee, lasso, magic wand) makes. Returns false when nothing changed.
   */
  commitRegion(rect: PixelRect, coverage: Uint8Array, mode: RegionMode): boolean;
  /** Shows (or with null hides) what a selection tool will commit; the renderer draws it. */
  setOverlay(overlay: SelectionOverlay | null): void;
  /** Runs the magic wand (in a worker when the platform gives one). */
  runWand(opts: WandOptions): Promise<Region> | Region;
}

/** The states every tool has: waiting, and in the middle of a gesture. */
export type ToolStateName = 'idle' | 'active';

/** One state's handlers; a handler returns the state to go to, or nothing to stay. */
export interface ToolState {
  onPointerDown?(p: ImagePoint): ToolStateName | void;
  /** Several points when the browser coalesced moves (pens send more than the frame rate). */
  onPointerMove?(points: readonly ImagePoint[]): ToolStateName | void;
  onPointerUp?(): ToolStateName | void;
  /** The pointer moved with no button down (mouse or pen hovering): a polygon lasso's rubber band follows it. */
  onPointerHover?(p: ImagePoint): ToolStateName | void;
  /** The gesture was abandoned (a second finger, a new picture): undo what it did so far. */
  onCancel?(): ToolStateName | void;
  /** A key while the canvas has the focus (Enter, Escape); returns true in `handled` when used. */
  onKey?(key: string, handled: { used: boolean }): ToolStateName | void;
}

/**
 * A tool: an id and a factory for its two states over a {@link ToolContext}. The factory runs
 * once per engine, so a tool keeps what a gesture needs (a lasso's points) in its closure.
 * Adding a tool is one file exporting such a definition plus a line in `registry.ts` (and its
 * label's strings): the toolbar button, the shortcut and the sheet's line follow from it.
 */
export interface ToolDefinition<Id extends string = string> {
  readonly id: Id;
  /** i18n key of its toolbar button and shortcut-sheet line (the strings live in src/ui/i18n). */
  readonly label: string;
  /** Shortcuts that pick it, as the actions registry writes them ("B"). */
  readonly keys?: readonly string[];
  create(ctx: ToolContext): Record<ToolStateName, ToolState>;
}

/** How pointer input and the keyboard brush drive whichever tool is active. */
export interface Tool {
  onPointerDown(p: ImagePoint): void;
  onPointerMove(points: readonly ImagePoint[]): void;
  onPointerUp(): void;
  onPointerCancel(): void;
  /** The pointer moved with no button down. */
  onPointerHover?(p: ImagePoint): void;
  /** Offers a key to the tool; true when the tool used it. */
  onKey?(key: string): boolean;
}

/** Runs a {@link ToolDefinition}: keeps its current state and follows the transitions. */
export class ToolMachine implements Tool {
  private current: ToolStateName = 'idle';
  private readonly states: Record<ToolStateName, ToolState>;

  constructor(readonly id: string, def: ToolDefinition, ctx: ToolContext) {
    this.states = def.create(ctx);
  }

  get state(): ToolStateName { return this.current; }

  private go(next: ToolStateName | void): void {
    if (next) this.current = next;
  }

  onPointerDown(p: ImagePoint): void { this.go(this.states[this.current].onPointerDown?.(p)); }
  onPointerMove(points: readonly ImagePoint[]): void { this.go(this.states[this.current].onPointerMove?.(points)); }
  onPointerUp(): void { this.go(this.states[this.current].onPointerUp?.()); }
  onPointerCancel(): void { this.go(this.states[this.current].onCancel?.()); }
  onPointerHover(p: ImagePoint): void { this.go(this.states[this.current].onPointerHover?.(p)); }
  onKey(key: string): boolean {
    const handled = { used: false };
    this.go(this.states[this.current].onKey?.(key, handled));
    return handled.used;
  }
}
