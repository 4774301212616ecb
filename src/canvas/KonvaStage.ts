import type Konva from 'konva';
import { frameInResult } from '../core/composite/layBack.ts';
import type { Engine } from '../engine/Engine.ts';
import type { ImageHandle } from '../engine/types.ts';
import { MaskRenderer } from './maskRenderer.ts';
import { drawSelectionOverlay } from './selectionOverlay.ts';
import type { TileCanvasSurface } from './TileCanvasSurface.ts';

/** The Konva nodes the stage adapter drives; created by the React stage component. */
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
  /** Draws a selection tool's live outline (optional: older mounts lack it). */
  selectionShape?: Konva.Shape;
}

/** What a preview can draw: a partial or result bitmap, or a composite canvas at full size. */
export type PreviewImage = ImageBitmap | OffscreenCanvas | HTMLCanvasElement;

/** The browser's engine: bitmaps, preview canvases and canvas tiles. */
export interface BrowserTypes { image: ImageBitmap; preview: PreviewImage; surface: TileCanvasSurface }

/**
 * The Konva stage as an adapter: it subscribes to the engine's events and draws, and holds no
 * editing state of its own. A pointer move reaches it as `tilesChanged`: the renderer marks the
 * tiles and the mask layer's `batchDraw()` repaints just them.
 */
export class KonvaStage {
  private parts: KonvaParts | null = null;
  private readonly renderer: MaskRenderer;
  /** The outline's radius as last set (a pointer move moves the outline without resizing it). */
  private cursorRadius = -1;

  constructor(private readonly engine: Engine<BrowserTypes>) {
    this.renderer = new MaskRenderer(null, () => ({ color: engine.state.maskColor, opacity: engine.state.maskOpacity }));
    const on = engine.events.on.bind(engine.events);
    on('tilesChanged', ({ tiles }) => {
      this.renderer.tilesChanged(tiles);
      this.parts?.maskLayer.batchDraw();
    });
    on('imageOpened', () => {
      this.renderer.setSurface(engine.surface);
      this.syncNodes();
    });
    on('previewChanged', () => {
      this.syncPreview();
      this.renderer.invalidate();
      this.parts?.stage.batchDraw();
    });
    // A refinement's preview is drawn in place of the mask, from its own surface.
    on('refinePreviewChanged', ({ tiles }) => {
      if (tiles === 'all') this.renderer.setSurface(engine.refineSurface ?? engine.surface);
      else this.renderer.tilesChanged(tiles);
      this.parts?.maskLayer.batchDraw();
    });
    on('viewportResized', () => this.parts?.stage.size(engine.viewportSize));
    on('viewChanged', () => this.applyView());
    on('cursorChanged', () => this.syncCursor());
    on('maskLookChanged', () => {
      this.renderer.invalidate();
      this.parts?.maskLayer.batchDraw();
    });
    on('compareChanged', () => this.parts?.imageLayer.batchDraw());
    on('overlayChanged', () => this.parts?.uiLayer.batchDraw());
  }

  /** The nodes drawn into, while mounted. */
  get konva(): KonvaParts | null { return this.parts; }

  /** Connects the Konva nodes. Safe to call again after a remount. */
  attach(parts: KonvaParts, pixelRatio: number): void {
    this.parts = parts;
    this.cursorRadius = -1;
    const engine = this.engine;
    // The renderer redraws only changed tiles, so the layer must not wipe itself first.
    parts.maskLayer.clearBeforeDraw(false);
    parts.maskShape.sceneFunc((ctx) => this.renderer.draw(ctx, engine.state.maskVisible && !engine.state.previewing));
    this.renderer.setSurface(engine.refineSurface ?? engine.surface);
    parts.imageLayer.on('beforeDraw', () => {
      parts.imageLayer.getContext()._context.imageSmoothingQuality = 'high';
    });
    // Before/after: the preview is drawn right of the divider only, which stays put on screen
    // while the view zooms and pans (the clip is worked out in image pixels at each draw).
    parts.previewGroup?.clipFunc((ctx) => {
      const d = engine.state.compare;
      const v = engine.currentView;
      const left = d === null ? -1e7 : (d * engine.viewportSize.width - v.x) / v.scale;
      ctx.rect(left, -1e7, 2e7, 2e7);
    });
    parts.selectionShape?.sceneFunc((ctx) => {
      const o = engine.overlay;
      if (o) drawSelectionOverlay(ctx, o, engine.currentView.scale);
    });
    parts.stage.size(engine.viewportSize);
    this.setPixelRatio(pixelRatio);
    this.applyView();
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

  private syncNodes(): void {
    const p = this.parts;
    if (!p) return;
    const img = this.engine.bitmap;
    this.syncPreview();
    p.imageNode.image(img ?? undefined);
    p.imageNode.size({ width: img?.width ?? 0, height: img?.height ?? 0 });
    this.syncCursor();
    p.stage.batchDraw();
  }

  private applyView(): void {
    const p = this.parts;
    if (!p) return;
    const v = this.engine.currentView;
    p.stage.scale({ x: v.scale, y: v.scale });
    p.stage.position({ x: v.x, y: v.y });
    p.stage.batchDraw();
  }

  private syncPreview(): void {
    const node = this.parts?.previewNode;
    if (!node) return;
    const pv = this.engine.preview;
    node.visible(pv !== null && !this.engine.state.peek);
    if (!pv) { node.image(undefined); return; }
    const { image, region, target } = pv;
    node.image(image);
    const frame = frameInResult(image.width, image.height, region);
    node.crop({ x: frame.x, y: frame.y, width: frame.w, height: frame.h });
    // A patch lies over its rectangle of the picture; a whole preview over all of it.
    const img: ImageHandle | null = this.engine.bitmap;
    node.position(target ? { x: target.x, y: target.y } : { x: 0, y: 0 });
    node.size(target ? { width: target.width, height: target.height } : img ? { width: img.width, height: img.height } : { width: frame.w, height: frame.h });
  }

  /** The brush outline: the engine's cursor position, at the brush's radius. */
  private syncCursor(): void {
    const c = this.parts?.cursor;
    if (!c) return;
    // Selection tools show a small ring where the pointer or the keyboard's corner is, not the brush.
    const tool = this.engine.state.tool;
    const r = tool === 'brush' || tool === 'eraser' ? this.engine.state.brushSize / 2 : 3 / this.engine.currentView.scale;
    if (r !== this.cursorRadius) for (const circle of c.getChildren()) (circle as Konva.Circle).radius(r);
    this.cursorRadius = r;
    const at = this.engine.cursor;
    if (at) c.position(at);
    c.visible(at !== null);
    this.parts!.uiLayer.batchDraw();
  }
}
