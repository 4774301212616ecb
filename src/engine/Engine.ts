import { MaskDocument } from '../core/mask/MaskDocument.ts';
import type { MaskSurface } from '../core/mask/surface.ts';
import { makeGrid, type TileGrid } from '../core/mask/tiles.ts';
import { Store } from '../core/store.ts';
import { fitView, zoomAt, ZOOM_STEP, type View } from '../core/view/viewport.ts';
import { Emitter, type EngineEvents } from './events.ts';
import { PointerGestures, type GestureStart, type PointerSample, type WheelSample } from './gestures.ts';
import { CanvasHistory, extendedCoverage, writeCoverage } from './extend.ts';
import type { Extension } from '../core/selection/canvasExtend.ts';
import { refineDoc, RefinePreview, type RefineOp } from './refine.ts';
import { TOOLS, type ToolId } from './tools/registry.ts';
import { magicWand, type WandOptions } from '../core/selection/wand.ts';
import {
  ToolMachine, type PixelRect, type RegionMode, type SelectionOverlay, type Tool, type ToolContext, type WandRunner,
} from './tools/Tool.ts';
import {
  BRUSH_MAX, BRUSH_MIN, type EditorState, type ImageCause, type ImageHandle, type LoadedImage,
  type ImageSource, type PreviewRegion, type PreviewState, type PreviewTarget, type RgbaPixels,
} from './types.ts';

/** The concrete types a platform brings: its picture, its preview picture and its mask surface. */
export interface EngineTypes { image: ImageHandle; preview: ImageHandle; surface: MaskSurface }

/**
 * What the engine needs from where it runs, passed in: the browser gives canvas tiles and
 * bitmaps, Node tests give plain arrays.
 */
export interface EnginePlatform<T extends EngineTypes> {
  /** A mask surface for a picture's grid; it calls `changed` after each batch of writes. */
  createSurface(grid: TileGrid, changed: (tiles: readonly number[] | 'all') => void): T['surface'];
  /** The picture's pixels, RGBA (tools that select by colour read them). */
  readPixels(image: T['image']): RgbaPixels;
  /** Frees a picture that is no longer shown (an ImageBitmap's memory). */
  releaseImage?(image: T['image']): void;
  /** Runs the magic wand off the main thread (a worker); without it the engine runs it inline. */
  wand?: WandRunner;
  /**
   * The picture on a bigger canvas (Extend canvas): its pixels at `ext.offset`, the new area
   * transparent; and how to get its bytes (a PNG), for drafts, history and the picture's id.
   * Without it the engine cannot extend.
   */
  extendImage?(image: T['image'], ext: Extension): { image: T['image']; source?: ImageSource };
}

/** One canvas: the picture, its mask surface and document (Extend canvas swaps them whole; undo puts them back). */
interface CanvasState<T extends EngineTypes> { image: LoadedImage<T['image']>; surface: T['surface']; doc: MaskDocument }

const initialState: EditorState = {
  image: null, tool: 'brush', brushSize: 40, pressure: false,
  maskColor: '#ff3b30', maskOpacity: 0.5, maskVisible: true, zoom: 1,
  canUndo: false, canRedo: false, maskVersion: 0, panMode: false, previewing: false, compare: null, peek: false,
  selectMode: 'replace', wandTolerance: 32, wandContiguous: true,
  refinePreview: null,
};

/**
 * The editing engine, with no renderer, React or DOM: the image, the mask document, the view,
 * the tools, the preview and the brush outline. React reads {@link store}; a renderer (the
 * Konva stage) subscribes to {@link events} and draws. A pointer move goes from
 * {@link handlePointerMove} to a tool, which paints one segment; `tilesChanged` tells the
 * renderer which tiles to redraw.
 */
export class Engine<T extends EngineTypes = EngineTypes> {
  readonly store = new Store<EditorState>(initialState);
  readonly events = new Emitter<EngineEvents>();
  private image: LoadedImage<T['image']> | null = null;
  private surfaceRef: T['surface'] | null = null;
  private docRef: MaskDocument | null = null;
  private unsubDoc: (() => void) | null = null;
  private pixelsMemo: RgbaPixels | null = null;
  private view: View = { scale: 1, x: 0, y: 0 };
  /** The view follows the viewport's size until the user zooms or pans. */
  private fitted = true;
  private viewport = { width: 800, height: 600 };
  private previewRef: PreviewState<T['preview']> | null = null;
  private cursorAt: { x: number; y: number } | null = null;
  private overlayRef: SelectionOverlay | null = null;
  private refineRef: RefinePreview<T['surface']> | null = null;
  private readonly tools: Record<ToolId, ToolMachine>;
  private readonly gestures = new PointerGestures(this);
  /** The canvases before and after each Extend canvas, for undo and redo across a size change. */
  private readonly canvases = new CanvasHistory<CanvasState<T>>((c) => this.releaseCanvas(c));
  /** Undo or redo is under way: the mask changes it makes do not drop the canvases to redo. */
  private replaying = false;
  /** What every tool sees: the open picture's mask and pixels, and the brush settings. */
  readonly toolContext: ToolContext;

  constructor(private readonly platform: EnginePlatform<T>) {
    // doc and settings are live getters: the doc changes with each picture, the settings with the toolbar.
    this.toolContext = Object.defineProperties({
      pixels: () => this.pixels(),
      commitRegion: (rect: PixelRect, coverage: Uint8Array, mode: RegionMode) => this.commitRegion(rect, coverage, mode),
      setOverlay: (o: SelectionOverlay | null) => this.setOverlay(o),
      runWand: (opts: WandOptions) => (platform.wand ?? { run: magicWand }).run(this.pixels(), opts),
    }, {
      doc: { get: () => { if (!this.docRef) throw new Error('no image'); return this.docRef; } },
      settings: { get: () => this.state },
    }) as ToolContext;
    this.tools = Object.fromEntries(TOOLS.map((def) => [def.id, new ToolMachine(def.id, def, this.toolContext)])) as Record<ToolId, ToolMachine>;
  }

  get state(): EditorState { return this.store.get(); }
  get doc(): MaskDocument | null { return this.docRef; }
  /** The mask's surface, as the platform made it (the renderer draws its tiles). */
  get surface(): T['surface'] | null { return this.surfaceRef; }
  get bitmap(): T['image'] | null { return this.image?.bitmap ?? null; }
  get currentView(): View { return this.view; }
  get activeTool(): Tool { return this.tools[this.state.tool]; }
  get hasImage(): boolean { return this.image !== null; }
  get panMode(): boolean { return this.state.panMode; }
  /** The stage's size in CSS pixels. */
  get viewportSize(): { width: number; height: number } { return this.viewport; }
  /** Where the open picture's bytes came from (for drafts and history), if known. */
  get source(): LoadedImage['source'] | null { return this.image?.source ?? null; }
  /** The preview drawn over the picture, if any. */
  get preview(): PreviewState<T['preview']> | null { return this.previewRef; }
  /** Where the brush outline shows, in image pixels; null when hidden. */
  get cursor(): { x: number; y: number } | null { return this.cursorAt; }
  /** What the active selection tool will commit (drawn by the renderer), if anything. */
  get overlay(): SelectionOverlay | null { return this.overlayRef; }

  /** Subscribes to an engine event; returns the unsubscribe function. */
  on<K extends keyof EngineEvents>(type: K, fn: (payload: EngineEvents[K]) => void): () => void {
    return this.events.on(type, fn);
  }

  /** The stage's size in CSS pixels. */
  setViewportSize(width: number, height: number): void {
    this.viewport = { width, height };
    this.events.emit('viewportResized', {});
    if (this.fitted) this.fit();
    else this.applyView();
  }

  /** Makes `img` the image being edited, with an empty mask and a fitted view. */
  setImage(img: LoadedImage<T['image']>, cause: ImageCause = 'open'): void {
    const old = this.image;
    this.canvases.clear();
    const surface = this.platform.createSurface(makeGrid(img.width, img.height), (tiles) => this.events.emit('tilesChanged', { tiles }));
    this.install({ image: img, surface, doc: new MaskDocument(surface) }, cause);
    if (old && old.bitmap !== img.bitmap) this.platform.releaseImage?.(old.bitmap);
  }

  /** Makes a canvas (picture, mask surface, document) the one edited: previews end, the view fits. */
  private install({ image: img, surface, doc }: CanvasState<T>, cause: ImageCause): void {
    for (const t of Object.values(this.tools)) if (t.state === 'active') t.onPointerCancel();
    this.image = img;
    this.pixelsMemo = null;
    // A new picture ends any preview drawn over the old one (its owner keeps the bitmap).
    this.previewRef = null;
    this.store.set({ previewing: false, compare: null, peek: false, refinePreview: null });
    this.refineRef = null;
    this.unsubDoc?.();
    this.surfaceRef = surface;
    this.docRef = doc;
    let version = doc.version;
    this.unsubDoc = doc.subscribe(() => {
      // A new mask edit on a canvas undone to: the extension undone cannot come back.
      if (doc.version !== version && !this.replaying) this.canvases.dropRedo();
      this.syncHistory();
      if (doc.version !== version) {
        this.events.emit('maskCommitted', { version: (version = doc.version) });
        // A refinement under preview follows the mask it refines (undo, a stroke meanwhile).
        this.refineRef?.rebase();
      }
    });
    const { name, format, width, height, notes, originalWidth, originalHeight } = img;
    this.store.set({ image: { name, format, width, height, notes, originalWidth, originalHeight } });
    this.syncHistory();
    this.events.emit('previewChanged', {});
    this.events.emit('imageOpened', { cause });
    this.fit();
  }

  private syncHistory(): void {
    const d = this.docRef;
    const idle = !d?.isStroking;
    this.store.set({
      canUndo: !!d?.canUndo || (idle && this.canvases.canUndo), canRedo: !!d?.canRedo || (idle && this.canvases.canRedo), maskVersion: d?.version ?? 0,
    });
  }

  private releaseCanvas(c: CanvasState<T>): void {
    if (c.image.bitmap !== this.image?.bitmap) this.platform.releaseImage?.(c.image.bitmap);
  }

  // ---- extend canvas ----

  /**
   * Extend canvas: the picture grows to `ext` (from core/selection/canvasExtend.ts) with its
   * pixels at `ext.offset` and the new area transparent; the mask grows with it and the new
   * area is painted. One undo step puts back the size, the picture and the mask (with its own
   * undo history); the view fits the new canvas. Listeners hear `imageOpened {cause: 'extend'}`.
   * Returns false (nothing changes) with no picture, nothing added, a size that does not match
   * the picture, or a platform that cannot extend.
   */
  extendCanvas(ext: Extension): boolean {
    const image = this.image;
    const doc = this.docRef;
    const make = this.platform.extendImage;
    const { top, right, bottom, left } = ext.padding;
    if (!image || !doc || !this.surfaceRef || !make || top + right + bottom + left === 0) return false;
    if (ext.width !== image.width + left + right || ext.height !== image.height + top + bottom) return false;
    if (doc.isStroking) doc.endStroke();
    this.previewRefine(null);
    const grown = make(image.bitmap, ext);
    const surface = this.platform.createSurface(makeGrid(ext.width, ext.height), (tiles) => this.events.emit('tilesChanged', { tiles }));
    writeCoverage(surface, extendedCoverage(doc.coverage(), image.width, image.height, ext));
    // Steps undone before the extension are superseded by it (as a stroke would supersede them).
    doc.dropRedo();
    this.canvases.push({ image, surface: this.surfaceRef, doc });
    const { width, height } = ext;
    this.install({
      image: {
        ...image, bitmap: grown.image, width, height, format: 'png', notes: [], originalWidth: width, originalHeight: height,
        source: grown.source,
      },
      surface, doc: new MaskDocument(surface),
    }, 'extend');
    return true;
  }

  /** The open picture's pixels, read once per picture. */
  pixels(): RgbaPixels {
    if (!this.image) throw new Error('no image');
    this.pixelsMemo ??= this.platform.readPixels(this.image.bitmap);
    return this.pixelsMemo;
  }

  /**
   * Writes a region's coverage into the mask as one undo step (see {@link ToolContext.commitRegion}),
   * touching only the tiles its rectangle covers (and, for replace and intersect, emptying the others).
   */
  commitRegion(rect: PixelRect, coverage: Uint8Array, mode: RegionMode): boolean {
    return this.docRef?.writeRegion(rect, coverage, mode) ?? false;
  }

  private setOverlay(o: SelectionOverlay | null): void {
    if (o === null && this.overlayRef === null) return;
    this.overlayRef = o;
    this.events.emit('overlayChanged', {});
  }

  /** Offers a key (Enter, Escape) to the active tool: a polygon lasso closes or cancels. True when used. */
  handleToolKey(key: string): boolean { return this.activeTool.onKey?.(key) ?? false; }

  /** The toolbar's mode for the next selection (modifier keys at pointer-down override it). */
  setSelectMode(mode: RegionMode): void { this.store.set({ selectMode: mode }); }

  /** Magic wand options: tolerance (clamped to 0..255) and contiguous or global. */
  setWandOptions(o: { tolerance?: number; contiguous?: boolean }): void {
    this.store.set({
      ...(o.tolerance === undefined ? {} : { wandTolerance: Math.round(Math.min(255, Math.max(0, o.tolerance))) }),
      ...(o.contiguous === undefined ? {} : { wandContiguous: o.contiguous }),
    });
  }

  // ---- preview of results ----

  /**
   * Draws `image` over the picture at the picture's size (its `region` — the part showing the
   * original, e.g. inside dall-e-2's padding — is what is stretched over it), or removes the
   * preview (null). With no picture open, the preview is shown at its own size. The mask
   * overlay is hidden while a preview shows; the mask itself is untouched.
   */
  showPreview(image: T['preview'] | null, region: PreviewRegion = { x: 0, y: 0, width: 1, height: 1 }): void {
    this.previewRef = image ? { image, region } : null;
    this.afterPreview();
  }

  /**
   * Draws `image` whole over `target` (image pixels) of the picture, which shows everywhere
   * else: a result laid back over the mask's painted box only, so nothing the size of the
   * picture is built to show it.
   */
  showPatch(image: T['preview'], target: PreviewTarget): void {
    this.previewRef = { image, region: { x: 0, y: 0, width: 1, height: 1 }, target: { ...target } };
    this.afterPreview();
  }

  private afterPreview(): void {
    const shown = this.previewRef !== null;
    this.store.set(shown ? { previewing: true } : { previewing: false, compare: null, peek: false });
    this.events.emit('previewChanged', {});
    if (shown && !this.image) this.fit();
  }

  /**
   * Before and after: the original left of `divider` (a fraction of the view's width), the
   * preview right of it, at the same zoom and pan; null shows the preview whole.
   */
  setCompare(divider: number | null): void {
    this.store.set({ compare: divider === null ? null : Math.min(1, Math.max(0, divider)) });
    this.events.emit('compareChanged', {});
  }

  /** Shows the original in place of the preview (while a key is held). */
  setPeek(on: boolean): void {
    this.store.set({ peek: on });
    this.events.emit('previewChanged', {});
  }

  // ---- view ----

  fit(): void {
    const pv = this.previewRef;
    const w = this.image?.width ?? (pv ? pv.image.width * pv.region.width : 0);
    const h = this.image?.height ?? (pv ? pv.image.height * pv.region.height : 0);
    if (!w || !h) return;
    this.setView(fitView(w, h, this.viewport.width, this.viewport.height));
    this.fitted = true;
  }

  setView(v: View): void {
    this.view = v;
    this.fitted = false;
    this.applyView();
  }

  private applyView(): void {
    this.events.emit('viewChanged', {});
    this.store.set({ zoom: this.view.scale });
  }

  /** Zooms by `factor` about a stage point (default: the centre). */
  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const c = at ?? { x: this.viewport.width / 2, y: this.viewport.height / 2 };
    this.setView(zoomAt(this.view, factor, c.x, c.y));
  }

  zoomIn(): void { this.zoomBy(ZOOM_STEP); }
  zoomOut(): void { this.zoomBy(1 / ZOOM_STEP); }
  /** One image pixel per CSS pixel, about the centre. */
  zoomActual(): void { this.zoomBy(1 / this.view.scale); }

  // ---- pointer input (stage coordinates) ----

  handlePointerDown(e: PointerSample): GestureStart { return this.gestures.down(e); }
  handlePointerMove(e: PointerSample): void { this.gestures.move(e); }
  handlePointerUp(e: { id: number }): void { this.gestures.up(e); }
  handlePointerCancel(e: { id: number }): void { this.gestures.cancel(e); }
  handlePointerLeave(): void { this.showCursor(null); }
  handleWheel(w: WheelSample): void { this.gestures.wheel(w); }

  // ---- tools and look ----

  /** Switches tools; a gesture under way with the old tool is finished first (one undo step). */
  setTool(tool: ToolId): void {
    const old = this.tools[this.state.tool];
    if (tool !== this.state.tool && old.state === 'active') old.onPointerUp();
    if (tool !== this.state.tool) this.setOverlay(null);
    this.store.set({ tool });
  }

  setBrushSize(size: number): void {
    this.store.set({ brushSize: Math.round(Math.min(BRUSH_MAX, Math.max(BRUSH_MIN, size))) });
    this.events.emit('cursorChanged', {});
  }

  /** `]` grows and `[` shrinks the brush by about a fifth (at least one pixel). */
  stepBrush(dir: 1 | -1): void {
    const s = this.state.brushSize;
    this.setBrushSize(dir > 0 ? Math.max(s + 1, s * 1.2) : Math.min(s - 1, s / 1.2));
  }

  setPressure(on: boolean): void { this.store.set({ pressure: on }); }

  setMaskColor(color: string): void {
    this.store.set({ maskColor: color });
    this.events.emit('maskLookChanged', {});
  }

  setMaskOpacity(opacity: number): void {
    this.store.set({ maskOpacity: Math.min(1, Math.max(0.05, opacity)) });
    this.events.emit('maskLookChanged', {});
  }

  setMaskVisible(visible: boolean): void {
    this.store.set({ maskVisible: visible });
    this.events.emit('maskLookChanged', {});
  }

  setPanMode(on: boolean): void {
    this.store.set({ panMode: on });
    if (on && this.cursorAt) {
      this.cursorAt = null;
      this.events.emit('cursorChanged', {});
    }
  }

  /** Shows the brush outline at an image point, or hides it (null). */
  showCursor(p: { x: number; y: number } | null): void {
    this.cursorAt = p && !this.state.panMode && this.image ? { x: p.x, y: p.y } : null;
    this.events.emit('cursorChanged', {});
  }

  // ---- mask edits ----

  /** Undoes the last mask step, or when the canvas has none left, the Extend canvas that made it. */
  undo(): void { this.step('undo'); }
  /** Redoes a mask step, or when none is left, an Extend canvas undone. */
  redo(): void { this.step('redo'); }

  private step(dir: 'undo' | 'redo'): void {
    const doc = this.docRef;
    if (!doc || doc.isStroking || !this.image || !this.surfaceRef) return;
    this.replaying = true;
    try {
      if (dir === 'undo' ? doc.undo() : doc.redo()) return;
      const current = { image: this.image, surface: this.surfaceRef, doc };
      const other = dir === 'undo' ? this.canvases.undo(current) : this.canvases.redo(current);
      if (other) this.install(other, 'extend');
    } finally {
      this.replaying = false;
    }
  }
  clearMask(): void { this.docRef?.clear(); }
  invertMask(): void { this.docRef?.invert(); }
  /** Paints the whole mask (select all: the whole picture may change), as one undo step. */
  fillMask(): void { this.docRef?.fill(); }

  // ---- refining the whole mask ----

  /** While a refinement is previewed: the surface showing it (the renderer draws it in place of the mask). */
  get refineSurface(): T['surface'] | null { return this.refineRef?.surface ?? null; }

  /**
   * Shows `op` applied to the whole mask without committing it (null ends the preview, leaving
   * the mask as it was). The mask and its history do not change. Synchronous: callers coalesce
   * slider moves (one call per frame).
   */
  previewRefine(op: RefineOp | null): void {
    const doc = this.docRef;
    if (!op || !doc) {
      if (!this.refineRef) return;
      this.refineRef = null;
      this.store.set({ refinePreview: null });
      this.events.emit('refinePreviewChanged', { tiles: 'all' });
      return;
    }
    if (!this.refineRef) {
      this.refineRef = new RefinePreview(doc, this.platform.createSurface(doc.grid, (tiles) => this.events.emit('refinePreviewChanged', { tiles })));
      this.events.emit('refinePreviewChanged', { tiles: 'all' });
    }
    this.store.set({ refinePreview: op });
    this.refineRef.show(op);
  }

  /**
   * Applies `op` (default: the one previewed) to the whole mask as one undo step, rewriting only
   * the tiles where the refined mask differs, and ends any preview. Returns false when nothing
   * changed (then no undo step is made).
   */
  applyRefine(op: RefineOp | null = this.state.refinePreview): boolean {
    const doc = this.docRef;
    // The preview already refined the mask when it shows this op: commit that, not a second run.
    const shown = op ? this.refineRef?.resultFor(op) : undefined;
    this.previewRefine(null);
    if (!doc || !op) return false;
    const result = shown === undefined ? refineDoc(doc, op) : shown;
    return result ? doc.load(result.data, result.box) : false;
  }

  /** Replaces the mask with a full-size coverage array (255 = painted). */
  loadMaskCoverage(coverage: Uint8Array): void {
    this.docRef?.load(coverage);
  }
}
