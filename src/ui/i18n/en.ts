import { enEdit } from './en.edit.ts';
import { enAccess } from './en.access.ts';
import { enSelect } from './en.select.ts';
import { enResults } from './en.results.ts';
import { enRefine } from './en.refine.ts';
import { enExtend } from './en.extend.ts';

/** English UI strings. Keys are shared by every language; `{name}` marks a parameter. */
export const en = {
  'app.title': 'Inpaint editor',
  'empty.title': 'Drop an image here',
  'empty.body': 'or choose a file, or paste from the clipboard. PNG, JPEG, WebP.',
  'drop.overlay': 'Drop the image to open it',

  'action.open': 'Open image…',
  'action.downloadMask': 'Download mask',
  'action.downloadImage': 'Download original',
  'action.loadMask': 'Load mask…',
  'action.brush': 'Brush',
  'action.eraser': 'Eraser',
  'action.brushSmaller': 'Smaller brush',
  'action.brushLarger': 'Larger brush',
  'action.undo': 'Undo',
  'action.redo': 'Redo',
  'action.clear': 'Clear mask',
  'action.invert': 'Invert mask',
  'action.toggleMask': 'Show or hide mask',
  'action.zoomIn': 'Zoom in',
  'action.zoomOut': 'Zoom out',
  'action.fit': 'Fit to view',
  'action.zoomActual': 'Actual size (100%)',
  'action.embedSave': 'Save to host',
  'action.embedCancel': 'Cancel',

  'control.brushSize': 'Brush size',
  'control.brushSizeValue': '{size} px',
  'control.maskColor': 'Mask colour',
  'control.maskOpacity': 'Mask opacity',
  'control.pressure': 'Pen pressure sets width',
  'control.zoom': 'Zoom',

  'status.image': '{name} · {width}×{height} · {format}',
  'status.noImage': 'No image',
  'status.loading': 'Opening {name}…',
  'status.canvas': 'Image canvas: paint the area to change',

  'note.animated-first-frame': 'This is an animated image: only its first frame was opened.',
  'note.scaled-down': 'The image was scaled down from {ow}×{oh} to {width}×{height} to fit the editor’s limits.',
  'note.orientation-applied': 'The photo was turned upright as its camera recorded (EXIF orientation).',

  'load.scaleOffer': '“{name}” is {width}×{height}, larger than the editor takes (8192 px a side, 40 megapixels). Open it scaled down to {tw}×{th}?',
  'load.scaleYes': 'Scale down and open',
  'load.cancel': 'Cancel',
  'load.error.empty': '“{name}” is empty (0 bytes). Nothing was opened; your current work is unchanged.',
  'load.error.unsupported': '“{name}” is not a PNG, JPEG or WebP image. Nothing was opened; your current work is unchanged.',
  'load.error.svg': '“{name}” is an SVG drawing. The editor opens photos and bitmaps only (PNG, JPEG, WebP); export it as PNG first. Nothing was opened.',
  'load.error.corrupt': '“{name}” is damaged and cannot be read. Nothing was opened; your current work is unchanged.',
  'load.error.truncated': '“{name}” is incomplete: the file ends too early (an interrupted download or copy?). Nothing was opened; your current work is unchanged.',
  'load.error.file-too-large': '“{name}” is {mb} MB; the editor opens files up to {max} MB. Nothing was opened.',
  'load.error.too-many-pixels': '“{name}” declares {width}×{height} pixels, too many to open safely. Scale it below 8192 px a side and 40 megapixels first. Nothing was opened.',
  'load.error.decode-failed': 'The browser could not decode “{name}”; it may be damaged or use an unusual encoding. Nothing was opened; your current work is unchanged.',
  'load.error.mask-not-png': 'A mask must be a PNG file. “{name}” was not loaded; the current mask is unchanged.',
  'load.error.mask-size': 'The mask “{name}” is {got} but the image is {want}; a mask must match the image exactly. The current mask is unchanged.',
  'load.error.no-image': 'Open an image first.',
  'load.error.unknown': 'Something went wrong opening “{name}”. Your current work is unchanged.',
  'load.error.multiple': 'Only one image can be edited at a time: opened “{name}”.',

  'message.dismiss': 'Dismiss',
  'message.maskLoaded': 'Mask loaded from “{name}”.',
  'message.exportFailed': 'The file could not be created: {reason}',

  'localFill.error.no-image': 'The local fill needs an image to fill; it cannot create one from a prompt.',
  'localFill.error.mask-size': 'The mask does not match the image’s size, so the local fill did not run. Your work is unchanged.',
  'localFill.error.empty-mask': 'Paint over the area to fill first.',
  'localFill.error.no-source': 'The whole image is painted, so there is nothing to fill from. Leave part of it unpainted.',
  'localFill.error.failed': 'The local fill stopped unexpectedly. Your image and mask are unchanged; try again.',

  'embed.saved': 'Sent back to the page.',
  'embed.confirmCancel': 'Close without sending your changes back?',
  'embed.discard': 'Discard changes',
  'embed.keepEditing': 'Keep editing',
  'embed.error.fetch': 'The image from the page could not be fetched ({reason}).',

  ...enEdit,
  ...enAccess,
  ...enSelect,
  ...enResults,
  ...enRefine,
  ...enExtend,
} as const;

export type StringKey = keyof typeof en;
export type Strings = Record<StringKey, string>;
