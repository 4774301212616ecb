/**
 * Selection tools' pure core: what the editing engine's tools call. Coverage is the mask as one
 * full-resolution Uint8Array (255 selected, 0 not), as `MaskDocument.coverage()` gives it and
 * `MaskDocument.load()` takes it; shapes come as regions (a box and its coverage).
 *
 * - Sampling rule: a pixel is in when its centre is inside (left/top edges in, right/bottom out).
 * - Lasso and polygon: non-zero winding.
 * - Magic wand: largest difference over R, G, B and alpha <= tolerance; contiguous is 4-connected.
 * - Grow/shrink: exact Euclidean distance; the image edge is not an unselected pixel.
 * - Fill holes: unselected regions (4-connected) not reaching the edge; specks: selected regions
 *   (8-connected) under N pixels; smooth: majority of the (2r+1)^2 window.
 */
export { dragBounds, rasterEllipse, rasterRect, type Bounds, type DragModifiers, type Point } from './shapes.ts';
export { rasterPolygon } from './polygon.ts';
export { combine, COMBINE_MODES, type CombineMode } from './combine.ts';
export { magicWand, wandFromBuffers, type RgbaImage, type WandOptions, type WandRequest, type WandResponse } from './wand.ts';
export { grow, shrink, smooth } from './morph.ts';
export { fillHoles, removeSpecks } from './components.ts';
export { binarize, boundingBox, type Box, type MaskBuffer, type Region } from './region.ts';
export { releaseScratch } from './scratch.ts';
export {
  ANCHORS, extendByPadding, extendToRatio, outputForCanvas, parseRatio, RATIO_PRESETS,
  type Anchor, type ExtendProblem, type ExtendResult, type Extension, type ExtendedOutput, type Padding, type Ratio,
} from './canvasExtend.ts';
