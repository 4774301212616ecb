import { exportImagePng, exportMaskPng } from '../canvas/exportPng.ts';
import { KonvaStage, type BrowserTypes, type KonvaParts } from '../canvas/KonvaStage.ts';
import { TileCanvasSurface } from '../canvas/TileCanvasSurface.ts';
import { Engine, type EnginePlatform } from '../engine/Engine.ts';
import type { WandRunner } from '../engine/tools/Tool.ts';

export type { KonvaParts, PreviewImage } from '../canvas/KonvaStage.ts';
export type { PreviewRegion } from '../engine/types.ts';

/** The browser's side of the engine: canvas tiles for the mask, pixels read through a canvas. */
const browserPlatform: EnginePlatform<BrowserTypes> = {
  createSurface(grid, changed) {
    const surface = new TileCanvasSurface(grid);
    surface.listen(changed);
    return surface;
  },
  readPixels(image) {
    const c = new OffscreenCanvas(image.width, image.height);
    const ctx = c.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('2D canvas unavailable');
    ctx.drawImage(image, 0, 0);
    return ctx.getImageData(0, 0, image.width, image.height);
  },
  releaseImage: (image) => image.close(),
  extendImage(image, ext) {
    // Drawn once onto the bigger canvas: opaque pixels copy exactly, the rest stays (0, 0, 0, 0).
    const c = new OffscreenCanvas(ext.width, ext.height);
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('2D canvas unavailable');
    ctx.drawImage(image, ext.offset.x, ext.offset.y);
    const bitmap = c.transferToImageBitmap();
    return { image: bitmap, source: { blob: () => exportImagePng(bitmap) } };
  },
};

/**
 * The editor in the browser: the headless {@link Engine} with canvas tiles and bitmaps, drawn by
 * a {@link KonvaStage} that follows the engine's events, plus PNG export.
 */
export class Editor extends Engine<BrowserTypes> {
  private readonly stage = new KonvaStage(this);

  /** `wand` runs the magic wand (the app passes a worker's); without it the wand runs inline. */
  constructor(wand?: WandRunner) {
    super(wand ? { ...browserPlatform, wand } : browserPlatform);
  }

  /** The Konva nodes, while mounted (tests read the mask layer's pixels). */
  get parts(): KonvaParts | null { return this.stage.konva; }

  /** Connects the Konva nodes. Safe to call again after a remount. */
  attach(parts: KonvaParts): void {
    this.stage.attach(parts, window.devicePixelRatio || 1);
  }

  detach(): void {
    this.stage.detach();
  }

  /** Renders the layers at `ratio` device pixels per CSS pixel (the window may move to another screen). */
  setPixelRatio(ratio: number): void {
    this.stage.setPixelRatio(ratio);
  }

  exportMask(): Promise<Blob> {
    if (!this.doc) return Promise.reject(new Error('no image'));
    return exportMaskPng(this.doc);
  }

  exportImage(): Promise<Blob> {
    const bitmap = this.bitmap;
    if (!bitmap) return Promise.reject(new Error('no image'));
    return exportImagePng(bitmap);
  }
}
