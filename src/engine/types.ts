import type { ImageFormat } from '../core/image/sniff.ts';
import type { ToolId } from './tools/registry.ts';

export type { ToolId };

/**
 * A picture as the engine sees it: only its size. What it really is (an ImageBitmap in the
 * browser, an RGBA array in Node) belongs to the platform that made it.
 */
export interface ImageHandle { readonly width: number; readonly height: number }

/** Notes the UI shows about how an image was opened. */
export type ImageNote = 'animated-first-frame' | 'scaled-down' | 'orientation-applied';

/** What the UI shows of the open picture. */
export interface ImageInfo {
  name: string;
  format: ImageFormat;
  width: number;
  height: number;
  notes: ImageNote[];
  /** Size of the original file as it was stored, before any scaling. */
  originalWidth: number;
  originalHeight: number;
}

/** An image decoded and upright (EXIF orientation applied), ready to paint on. */
export interface LoadedImage<B extends ImageHandle = ImageHandle> extends ImageInfo {
  bitmap: B;
  /**
   * Where the bitmap came from, so it can be stored and decoded again the same way (drafts,
   * history): the file as opened and the size it was scaled to, if any; or, for a picture made
   * in the editor (a result continued from), a function that encodes it.
   */
  source?: ImageSource;
}

/** The bytes a bitmap decodes from (see {@link LoadedImage.source}). */
export interface ImageSource {
  blob: Blob | (() => Promise<Blob>);
  resize?: { width: number; height: number };
}

/**
 * Why a picture became the one being edited: a file the user opened, a draft restored, a result
 * continued from, a picture the host page sent, or the same picture on another canvas (Extend
 * canvas, or its undo or redo: the mask then comes with it). Listeners of `imageOpened` tell
 * them apart here instead of guessing from state.
 */
export type ImageCause = 'open' | 'draft' | 'result' | 'embed' | 'extend';

/** The part of a preview image that shows the original, as fractions of its size. */
export interface PreviewRegion { x: number; y: number; width: number; height: number }

/**
 * Where a preview lies over the picture, in image pixels: a patch (a result laid back only over
 * the mask's painted box) covers just this rectangle, and the picture shows everywhere else.
 */
export interface PreviewTarget { x: number; y: number; width: number; height: number }

/** The preview drawn over the picture: its image, the part of it that is the picture, and where it lies. */
export interface PreviewState<P> {
  image: P;
  region: PreviewRegion;
  /** Image pixels it covers; absent: the whole picture. */
  target?: PreviewTarget;
}

/** An image's pixels, RGBA row-major (what tools such as a magic wand read): core's one type. */
export type { RgbaImage as RgbaPixels } from '../core/selection/wand.ts';

export interface EditorState {
  image: ImageInfo | null;
  tool: ToolId;
  /** Brush diameter in image pixels. */
  brushSize: number;
  pressure: boolean;
  maskColor: string;
  maskOpacity: number;
  maskVisible: boolean;
  /** Screen pixels per image pixel. */
  zoom: number;
  canUndo: boolean;
  canRedo: boolean;
  /** Bumped on every committed mask change. */
  maskVersion: number;
  /** Space is held or a pan is under way. */
  panMode: boolean;
  /** A partial or final result is drawn over the image (the mask overlay is hidden meanwhile). */
  previewing: boolean;
  /** Before/after: the preview shows only right of this fraction of the view's width; null = all of it. */
  compare: number | null;
  /** The original is shown in place of the preview while a key is held. */
  peek: boolean;
  /** Selection tools: the toolbar's mode for the next action (modifier keys override it). */
  selectMode: import('./tools/Tool.ts').RegionMode;
  /** Magic wand: tolerance 0..255, and contiguous (connected to the click) or global. */
  wandTolerance: number;
  wandContiguous: boolean;
  /** The refinement shown over the mask, not yet applied (see `Engine.previewRefine`). */
  refinePreview: import('./refine.ts').RefineOp | null;
}

export const BRUSH_MIN = 1;
export const BRUSH_MAX = 1000;
