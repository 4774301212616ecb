/**
 * What the fake needs to know about image bytes: format, PNG header facts (colour type, bit
 * depth, alpha) and upright dimensions, read by the app's pure sniffer (src/core/image/sniff.ts);
 * RGBA decoding of PNG and JPEG (with EXIF orientation), and encoding PNG/JPEG/WebP answers.
 */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { sniffImage, type ImageFormat } from '../../src/core/image/sniff.ts';
import { encodeWebpLossless } from './webpLossless.ts';

export type { ImageFormat };

export interface Rgba {
  width: number;
  height: number;
  /** Row-major RGBA, 4 bytes a pixel. */
  data: Uint8Array;
}

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA. */
  colorType: number;
  /** Colour type 4 or 6, or a tRNS chunk (palette/grey/RGB transparency). */
  hasAlpha: boolean;
}

export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
  png?: PngHeader;
}

/** Format and upright size (EXIF orientation applied), or null for unknown/garbled bytes. */
export function imageInfo(b: Uint8Array): ImageInfo | null {
  const s = sniffImage(b);
  if (!s.ok) return null;
  const h = s.header;
  const png = h.format === 'png' ? { width: h.width, height: h.height, bitDepth: h.pngBitDepth!, colorType: h.pngColorType!, hasAlpha: h.hasAlpha } : null;
  return { format: h.format, width: h.width, height: h.height, ...(png ? { png } : {}) };
}

/** PNG header facts; null when it is not a PNG with a valid IHDR. */
export const pngHeader = (b: Uint8Array): PngHeader | null => imageInfo(b)?.png ?? null;

/**
 * Decodes PNG or JPEG to upright RGBA; null when the bytes do not decode (truncated, corrupt) or
 * the format has no decoder here (WebP, GIF: callers fall back to a neutral picture).
 */
export function decodeRgba(b: Uint8Array): Rgba | null {
  try {
    const s = sniffImage(b);
    if (!s.ok) return null;
    if (s.header.format === 'png') {
      const png = PNG.sync.read(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
    }
    if (s.header.format === 'jpeg') {
      const img = jpeg.decode(b, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
      return orient({ width: img.width, height: img.height, data: img.data }, s.header.orientation);
    }
  } catch {
    return null;
  }
  return null;
}

/** Applies an EXIF orientation (1–8) so the result is upright. */
function orient(src: Rgba, o: number): Rgba {
  if (o <= 1 || o > 8) return src;
  const { width: w, height: h } = src;
  const swap = o >= 5;
  const W = swap ? h : w;
  const H = swap ? w : h;
  const out = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // Source pixel for upright (x, y), per the EXIF orientation definitions.
      let sx: number; let sy: number;
      switch (o) {
        case 2: sx = w - 1 - x; sy = y; break;
        case 3: sx = w - 1 - x; sy = h - 1 - y; break;
        case 4: sx = x; sy = h - 1 - y; break;
        case 5: sx = y; sy = x; break;
        case 6: sx = y; sy = h - 1 - x; break;
        case 7: sx = w - 1 - y; sy = h - 1 - x; break;
        default: sx = w - 1 - y; sy = x; break; // 8
      }
      const si = (sy * w + sx) * 4;
      out.set(src.data.subarray(si, si + 4), (y * W + x) * 4);
    }
  }
  return { width: W, height: H, data: out };
}

/** Encodes RGBA as the requested output format; `compression` 0–100 maps to JPEG quality. */
export function encodeImage(img: Rgba, format: 'png' | 'jpeg' | 'webp', compression = 100): Buffer {
  if (format === 'jpeg') {
    const quality = Math.max(1, Math.min(100, compression));
    return Buffer.from(jpeg.encode({ width: img.width, height: img.height, data: img.data }, quality).data);
  }
  if (format === 'webp') return Buffer.from(encodeWebpLossless(img.data, img.width, img.height));
  const png = new PNG({ width: img.width, height: img.height, colorType: 6 });
  png.data = Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length);
  // Fast settings: answers are generated per request and only need to be valid PNGs.
  return PNG.sync.write(png, { colorType: 6, deflateLevel: 1, filterType: 1 });
}
