import type { LoadedImage as EngineLoadedImage } from '../engine/types.ts';

// The engine's types, with the browser's picture (an ImageBitmap) filled in.
export {
  BRUSH_MAX, BRUSH_MIN, type EditorState, type ImageCause, type ImageInfo, type ImageNote, type ImageSource, type ToolId,
} from '../engine/types.ts';

/** An image decoded and upright (EXIF orientation applied), ready to paint on. */
export type LoadedImage = EngineLoadedImage<ImageBitmap>;
