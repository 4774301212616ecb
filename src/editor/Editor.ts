import type Konva from 'konva';
import { MaskDocument } from '../core/mask/MaskDocument.ts';
import { makeGrid } from '../core/mask/tiles.ts';
import { Store } from '../core/store.ts';
import { fitView, zoomAt, ZOOM_STEP, type View } from '../core/view/viewport.ts';
import { TileCanvasSurface } from '../canvas/TileCanvasSurface.ts';
import { MaskRenderer } from '../canvas/maskRenderer.ts';
import { exportImagePng, exportMaskPng } from '../canvas/exportPng.ts';
import { frameInResult } from '../core/composite/layBack.ts';
import { BrushTool } from '../canvas/tools/BrushTool.ts';
import type { Tool } from '../canvas/tools/Tool.ts';
import type { PointerTarget } from '../canvas/PointerInput.ts';
import { BRUSH_MAX, BRUSH_MIN, type EditorState, type LoadedImage, type ToolId } from './types.ts';

/** The Konva nodes the editor drives; created by the React stage component. */
export interface KonvaParts {
  stage: Konva.Stage;
  imageLayer: Konva.Layer;
  maskLayer: Konva.Layer;
  uiLayer: Konva.Layer;
  imageNode: Konva.Image;
  maskShape: Konva.Shape;
  cursor: Konva.Group;
  /** Draws a partial or final result over the image (optional: older mounts lack it). */
  previewNode?: Konva.Image;
  /** Holds the preview; clipped for the before/after divider, hidden while the original is peeked at. */
  previewGroup?: Konva.Group;
}

/** What a preview can draw: a partial or result bitmap, or a composite canvas at full size. */
export type PreviewImage = ImageBitmap | OffscreenCanvas | HTMLCanvasElement;

/** The part of a preview image that shows the original, as fractions of its size. */
export interface PreviewRegion { x: number; y: number; width: number; height: number }

const initialState: EditorState = {
  image: null, tool: 'brush', brushSize: 40, pressure: false,
  maskColor: '#ff3b30', maskOpacity: 0.5, maskVisible: true, zoom: 1,
  canUndo: false, canRedo: false, maskVersion: 0, panMode: false, previewing: false, compare: null, peek: false,
};

/**
 * The editing engine, outside React: the image, the mask document, the view and the tools.
 * React reads {@link store}; pointer moves go straight from {@link PointerInput} to a tool and
 * to `batchDraw()`, with no React update on the way.
 */
export class Editor implements PointerTarget {
  readonly store = new Store<EditorState>(initialState);
  private image: LoadedImage | null = null;
  private surface: TileCanvasSurface | null = null;
  private docRef: MaskDocument | null = null;
  private unsubDoc: (() => void) | null = null;
  private parts: KonvaParts | null = null;
  private view: View = { scale: 1, x: 0, y: 0 };
  /** The view follows the viewport's size until the user zooms or pans. */
  private fitted = true;
  private viewport = { width: 800, height: 600 };
  private readonly tools: Record<ToolId, Tool>;
  private preview: { image: PreviewImage; region: PreviewRegion } | null = null;
  private readonly renderer = new MaskRenderer(null, () => ({ color: this.state.maskColor, opacity: this.state.maskOpacity }));

  constructor() {
    const brushSettings = () => ({ size: this.state.brushSize, pressure: this.state.pressure });
    const redraw = () => this.parts?.maskLayer.batchDraw();
    const committed = () => this.syncHistory();
    this.tools = {
      brush: new BrushTool(() => this.docRef, 'paint', brushSettings, redraw, committed),
      eraser: new BrushTool(() => this.docRef, 'erase', brushSettings, redraw, committed),
    };
  }

  get state(): EditorState { return this.store.get(); }
  get doc(): MaskDocument | null { return this.docRef; }
  get bitmap(): ImageBitmap | null { return this.image?.bitmap ?? null; }
  get currentView(): View { return this.view; }
  get activeTool(): Tool { return this.tools[this.state.tool]; }
  get hasImage(): boolean { return this.image !== null; }
  get panMode(): boolean { return this.state.panMode; }
  /** The stage's size in CSS pixels. */
  get viewportSize(): { width: number; height: number } { return this.viewport; }
  /** Where the open picture's bytes came from (for drafts and history), if known. */
  get source(): LoadedImage['source'] | null { return this.image?.source ?? null; }

  /** Connects the Konva nodes. Safe to call again after a remount. */
  attach(parts: KonvaParts): void {
    this.parts = parts;
    // The renderer redraws only changed tiles, so the layer must not wipe itself first.
    parts.maskLayer.clearBeforeDraw(false);
    parts.maskShape.sceneFunc((ctx) => this.renderer.draw(ctx, this.state.maskVisible && !this.state.previewing));
    this.renderer.invalidate();
    parts.imageLayer.on('beforeDraw', () => {
      parts.imageLayer.getContext()._context.imageSmoothingQuality = 'high';
    });
    // Before/after: the preview is drawn right of the divider only, which stays put on screen
    // while the view zooms and pans (the clip is worked out in image pixels at each draw).
    parts.previewGroup?.clipFunc((ctx) => {
      const d = this.state.compare;
      const v = this.view;
      const left = d === null ? -1e7 : (d * this.viewport.width - v.x) / v.scale;
      ctx.rect(left, -1e7, 2e7, 2e7);
    });
    this.setPixelRatio(window.devicePixelRatio || 1);
    this.syncNodes();
  }

  detach(): void {
    this.parts = null;
  }

  /**
   * Renders the layers at `ratio` device pixels per CSS pixel (the window may move to another
   * screen). Only the display changes: strokes are in image pixels whatever the ratio.
   */
  setPixelRatio(ratio: number): void {
    const p = this.parts;
    if (!p) return;
    for (const layer of [p.imageLayer, p.maskLayer, p.uiLayer]) layer.getCanvas().setPixelRatio(ratio);
    p.stage.batchDraw();
  }

  /** The stage's size in CSS pixels. */
  setViewportSize(width: number, height: number): void {
    this.viewport = { width, height };
    this.parts?.stage.size({ width, height });
    if (this.fitted) this.fit();
    else this.applyView();
  }

  /** Makes `img` the image being edited, with an empty mask and a fitted view. */
  setImage(img: LoadedImage): void {
    const old = this.image;
    this.image = img;
    // A new picture ends any preview drawn over the old one (its owner keeps the bitmap).
    this.preview = null;
    this.store.set({ previewing: false, compare: null, peek: false });
    this.unsubDoc?.();
    this.surface = new TileCanvasSurface(makeGrid(img.width, img.height));
    this.docRef = new MaskDocument(this.surface);
    this.unsubDoc = this.docRef.subscribe(() => this.syncHistory());
    this.surface.listen((tiles) => {
      this.renderer.tilesChanged(tiles);
      this.parts?.maskLayer.batchDraw();
    });
    this.renderer.setSurface(this.surface);
    const { name, format, width, height, notes, originalWidth, originalHeight } = img;
    this.store.set({ image: { name, format, width, height, notes, originalWidth, originalHeight } });
    this.syncHistory();
    this.syncNodes();
    this.fit();
    if (old && old.bitmap !== img.bitmap) old.bitmap.close();
  }

  private syncNodes(): void {
    const p = this.parts;
    if (!p) return;
    this.syncPreview();
    p.imageNode.image(this.image?.bitmap ?? undefined);
    p.imageNode.size({ width: this.image?.width ?? 0, height: this.image?.height ?? 0 });
    this.updateCursorSize();
    p.stage.batchDraw();
  }

  private syncHistory(): void {
    const d = this.docRef;
    this.store.set({ canUndo: !!d?.canUndo, canRedo: !!d?.canRedo, maskVersion: d?.version ?? 0 });
  }

  // ---- preview of results ----

  /**
   * Draws `image` over the picture at the picture's size (its `region` — the part showing the
   * original, e.g. inside dall-e-2's padding — is what is stretched over it), or removes the
   * preview (null). With no picture open, the preview is shown at its own size. The mask
   * overlay is hidden while a preview shows; the mask itself is untouched.
   */
  showPreview(image: PreviewImage | null, region: PreviewRegion = { x: 0, y: 0, width: 1, height: 1 }): void {
    this.preview = image ? { image, region } : null;
    this.store.set(image ? { previewing: true } : { previewing: false, compare: null, peek: false });
    this.syncPreview();
    if (image && !this.image) this.fit();
    this.renderer.invalidate();
    this.parts?.stage.batchDraw();
  }

  /**
   * Before and after: the original left of `divider` (a fraction of the view's width), the
   * preview right of it, at the same zoom and pan; null shows the preview whole.
   */
  setCompare(divider: number | null): void {
    this.store.set({ compare: divider === null ? null : Math.min(1, Math.max(0, divider)) });
    this.parts?.imageLayer.batchDraw();
  }

  /** Shows the original in place of the preview (while a key is held). */
  setPeek(on: boolean): void {
    this.store.set({ peek: on });
    this.syncPreview();
    this.parts?.imageLayer.batchDraw();
  }

  private syncPreview(): void {
    const node = this.parts?.previewNode;
    if (!node) return;
    const pv = this.preview;
    node.visible(pv !== null && !this.state.peek);
    if (!pv) { node.image(undefined); return; }
    const { image, region } = pv;
    node.image(image);
    const frame = frameInResult(image.width, image.height, region);
    node.crop({ x: frame.x, y: frame.y, width: frame.w, height: frame.h });
    node.size(this.image ? { width: this.image.width, height: this.image.height } : { width: frame.w, height: frame.h });
  }

  // ---- view ----

  fit(): void {
    const w = this.image?.width ?? (this.preview ? this.preview.image.width * this.preview.region.width : 0);
    const h = this.image?.height ?? (this.preview ? this.preview.image.height * this.preview.region.height : 0);
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
    const p = this.parts;
    if (p) {
      p.stage.scale({ x: this.view.scale, y: this.view.scale });
      p.stage.position({ x: this.view.x, y: this.view.y });
      this.updateCursorSize();
      p.stage.batchDraw();
    }
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

  // ---- tools and look ----

  setTool(tool: ToolId): void { this.store.set({ tool }); }

  setBrushSize(size: number): void {
    this.store.set({ brushSize: Math.round(Math.min(BRUSH_MAX, Math.max(BRUSH_MIN, size))) });
    this.updateCursorSize();
    this.parts?.uiLayer.batchDraw();
  }

  /** `]` grows and `[` shrinks the brush by about a fifth (at least one pixel). */
  stepBrush(dir: 1 | -1): void {
    const s = this.state.brushSize;
    this.setBrushSize(dir > 0 ? Math.max(s + 1, s * 1.2) : Math.min(s - 1, s / 1.2));
  }

  setPressure(on: boolean): void { this.store.set({ pressure: on }); }

  setMaskColor(color: string): void {
    this.store.set({ maskColor: color });
    this.redrawMask();
  }

  setMaskOpacity(opacity: number): void {
    this.store.set({ maskOpacity: Math.min(1, Math.max(0.05, opacity)) });
    this.redrawMask();
  }

  setMaskVisible(visible: boolean): void {
    this.store.set({ maskVisible: visible });
    this.redrawMask();
  }

  private redrawMask(): void {
    this.renderer.invalidate();
    this.parts?.maskLayer.batchDraw();
  }

  setPanMode(on: boolean): void {
    this.store.set({ panMode: on });
    this.parts?.cursor.visible(!on && this.parts.cursor.visible());
  }

  private updateCursorSize(): void {
    const c = this.parts?.cursor;
    if (!c) return;
    const r = this.state.brushSize / 2;
    for (const circle of c.getChildren()) (circle as Konva.Circle).radius(r);
  }

  /** Shows the brush outline at an image point, or hides it (null). */
  showCursor(p: { x: number; y: number } | null): void {
    const c = this.parts?.cursor;
    if (!c) return;
    if (p && !this.state.panMode && this.image) {
      c.position(p);
      c.visible(true);
    } else c.visible(false);
    this.parts!.uiLayer.batchDraw();
  }

  // ---- mask edits ----

  undo(): void { this.docRef?.undo(); }
  redo(): void { this.docRef?.redo(); }
  clearMask(): void { this.docRef?.clear(); }
  invertMask(): void { this.docRef?.invert(); }
  /** Paints the whole mask (select all: the whole picture may change), as one undo step. */
  fillMask(): void { this.docRef?.fill(); }

  /** Replaces the mask with a full-size coverage array (255 = painted). */
  loadMaskCoverage(coverage: Uint8Array): void {
    this.docRef?.load(coverage);
  }

  exportMask(): Promise<Blob> {
    if (!this.docRef) return Promise.reject(new Error('no image'));
    return exportMaskPng(this.docRef);
  }

  exportImage(): Promise<Blob> {
    if (!this.image) return Promise.reject(new Error('no image'));
    return exportImagePng(this.image.bitmap);
  }
}
