import type { ImageFormat } from '../core/image/sniff.ts';

/** Notes the UI shows about how an image was opened. */
export type ImageNote = 'animated-first-frame' | 'scaled-down' | 'orientation-applied';

/** An image decoded and upright (EXIF orientation applied), ready to paint on. */
export interface LoadedImage {
  bitmap: ImageBitmap;
  name: string;
  format: ImageFormat;
  width: number;
  height: number;
  notes: ImageNote[];
  /** Size of the original file as it was stored, before any scaling. */
  originalWidth: number;
  originalHeight: number;
}

export interface ImageInfo {
  name: string;
  format: ImageFormat;
  width: number;
  height: number;
  notes: ImageNote[];
  originalWidth: number;
  originalHeight: number;
}

export type ToolId = 'brush' | 'eraser';

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
}

export const BRUSH_MIN = 1;
export const BRUSH_MAX = 1000;
