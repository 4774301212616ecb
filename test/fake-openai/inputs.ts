/**
 * Input images and masks, however they came (multipart part, data URL, URL, `file_id`), checked
 * the way the API checks them (contract §1, §2, §6): MIME type, size, decodability, the mask's
 * format, alpha channel and dimensions against the first image.
 */
import { catalogue, invalid, invalidType, unknownParameter } from './errors.ts';
import { decodeRgba, imageInfo, type ImageInfo, type Rgba } from './imageCodec.ts';
import type { ImageModelSpec } from './models.ts';
import { alphaOf, greyImage } from './render.ts';

const MB = 1024 * 1024;

export interface InputFile {
  /** Parameter it came in, for error messages and the request log (`image`, `mask`, `images[0]`, …). */
  param: string;
  /** Declared MIME type: the part's Content-Type, the data URL's, or the uploaded file's. */
  mime: string;
  data: Buffer;
  filename?: string;
  fileId?: string;
}

export interface StoredBlob {
  data: Buffer;
  mime: string;
  filename: string;
}

/** Looks up uploaded files and images the fake itself serves by URL. */
export interface RefResolver {
  file(id: string): StoredBlob | undefined;
  url(url: string): StoredBlob | undefined;
}

/** Decodes a `data:` URL; it must be base64 with an image MIME type. */
export function parseDataUrl(url: string, param: string): { mime: string; data: Buffer } {
  const m = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(url);
  const mime = (m?.[1] ?? '').toLowerCase();
  if (!m || !/;base64$/i.test(m[2] ?? '') || !/^image\/(png|jpeg|jpg|webp|gif)$/.test(mime)) {
    throw invalid(`Invalid '${param}'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got ${m ? `unsupported MIME type '${mime}'` : 'a value that is not a data URL'}.`, param);
  }
  return { mime: mime === 'image/jpg' ? 'image/jpeg' : mime, data: Buffer.from(m[3]!, 'base64') };
}

/** Resolves an `image_url` string (data URL or URL the fake serves). */
export function resolveImageUrl(url: string, param: string, r: RefResolver): InputFile {
  if (url.startsWith('data:')) return { param, ...parseDataUrl(url, param) };
  const hosted = r.url(url);
  if (!hosted) throw invalid(`Error while downloading ${url}.`, 'url');
  return { param, data: hosted.data, mime: hosted.mime, filename: hosted.filename };
}

export function resolveFileId(id: unknown, param: string, r: RefResolver): InputFile {
  if (typeof id !== 'string') throw invalidType(param, 'a string', typeof id);
  const f = r.file(id);
  if (!f) throw invalid(`No such File object: ${id}`, param, null);
  return { param, data: f.data, mime: f.mime, filename: f.filename, fileId: id };
}

/** `{image_url}` or `{file_id}`: exactly one key, no other keys (contract §1 JSON, §4 mask). */
export function resolveImageRef(ref: unknown, param: string, r: RefResolver): InputFile {
  if (typeof ref !== 'object' || ref === null || Array.isArray(ref)) throw invalidType(param, 'an object', ref === null ? 'null' : typeof ref);
  const o = ref as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'image_url' && k !== 'file_id') throw unknownParameter(`${param}.${k}`);
  const hasUrl = o.image_url !== undefined;
  const hasId = o.file_id !== undefined;
  if (hasUrl === hasId) throw invalid(`Invalid '${param}': provide exactly one of 'image_url' or 'file_id'. (fake)`, param);
  if (hasId) return resolveFileId(o.file_id, `${param}.file_id`, r);
  if (typeof o.image_url !== 'string') throw invalidType(`${param}.image_url`, 'a string', o.image_url === null ? 'null' : typeof o.image_url);
  return resolveImageUrl(o.image_url, `${param}.image_url`, r);
}

export interface CheckedInputs {
  infos: ImageInfo[];
  /** The first image, upright RGBA (grey stand-in for formats the fake cannot decode). */
  base: Rgba;
  /** Mask alpha at the first image's size (0 = edit), or dall-e-2's own transparency. */
  maskAlpha: Uint8Array | null;
}

const PNG_MODES: Record<number, string> = { 0: 'L', 2: 'RGB', 3: 'P', 4: 'LA', 6: 'RGBA' };

/** Checks images and mask for an edit with `model`; throws the API's error for the first fault. */
export function checkEditInputs(model: ImageModelSpec, images: InputFile[], mask: InputFile | null, forVariation = false): CheckedInputs {
  const dalle = model.family === 'dall-e-2';
  if (images.length === 0) throw catalogue.invalid_image_file(1);
  if (images.length > model.maxImages) {
    throw invalid(`Invalid 'image': array too long. Expected an array with maximum length ${model.maxImages}, but got an array with length ${images.length} instead.`, 'image', 'array_above_max_length');
  }
  const infos: ImageInfo[] = [];
  let base: Rgba | null = null;
  for (const [i, img] of images.entries()) {
    if (!model.imageMimes.includes(img.mime)) throw catalogue.unsupported_mimetype(img.mime, img.param.replace(/\[\d*\]$/, ''), dalle);
    if (img.data.length === 0) throw catalogue.invalid_image_file(i + 1);
    if (img.data.length >= model.maxImageBytes) {
      throw dalle ? catalogue.dalle2_png_4mb() : invalid(`Invalid file '${img.param}': file too large. Images must be less than 50 MB. (fake)`, img.param);
    }
    const info = imageInfo(img.data);
    if (!info || info.format === 'gif') throw catalogue.invalid_image_file(i + 1);
    if (dalle && info.format !== 'png') throw catalogue.dalle2_png_4mb();
    const decoded = info.format === 'png' || info.format === 'jpeg' ? decodeRgba(img.data) : null;
    if ((info.format === 'png' || info.format === 'jpeg') && !decoded) throw catalogue.invalid_image_file(i + 1);
    if (i === 0) base = decoded ?? greyImage(info.width, info.height);
    infos.push(info);
  }
  const first = infos[0]!;
  if (dalle) {
    if (first.width !== first.height) throw invalid('Invalid input image - image must be square. (fake)', 'image');
    const mode = PNG_MODES[first.png!.colorType] ?? 'P';
    if (!mask && !forVariation && !['RGBA', 'LA', 'L'].includes(mode)) throw catalogue.dalle2_image_mode(mode);
  }
  let maskAlpha: Uint8Array | null = null;
  if (mask) {
    if (mask.mime !== 'image/png') throw catalogue.unsupported_mimetype(mask.mime, 'mask', true);
    if (mask.data.length >= 4 * MB) throw invalid('Invalid mask image format - mask must be less than 4 MB. (fake)', 'mask');
    const info = imageInfo(mask.data);
    if (!info || info.format !== 'png') throw catalogue.unsupported_mimetype(info ? `image/${info.format}` : mask.mime, 'mask', true);
    if (info.width !== first.width || info.height !== first.height) throw catalogue.mask_size_mismatch();
    if (!info.png!.hasAlpha) throw catalogue.mask_missing_alpha();
    const decoded = decodeRgba(mask.data);
    if (!decoded) throw catalogue.invalid_image_file(1);
    maskAlpha = alphaOf(decoded);
  } else if (dalle && !forVariation) {
    // dall-e-2 without a mask edits where the image itself is transparent.
    maskAlpha = alphaOf(base!);
  }
  return { infos, base: base!, maskAlpha };
}
