/**
 * What the fake needs to know about image bytes: the format by magic number, PNG header facts
 * (colour type, bit depth, alpha), dimensions of PNG/JPEG/WebP/GIF, RGBA decoding of PNG and
 * JPEG (with EXIF orientation), and encoding PNG/JPEG/WebP answers.
 */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { encodeWebpLossless } from './webpLossless.ts';

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

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

export function sniffFormat(b: Uint8Array): ImageFormat | null {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 6 && ascii(b, 0, 4) === 'GIF8') return 'gif';
  return null;
}

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const be32 = (b: Uint8Array, at: number) => ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const be16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;

/** Reads IHDR and scans the chunk list for tRNS; null when it is not a PNG with a valid IHDR. */
export function pngHeader(b: Uint8Array): PngHeader | null {
  if (sniffFormat(b) !== 'png' || b.length < 33 || ascii(b, 12, 4) !== 'IHDR') return null;
  const width = be32(b, 16);
  const height = be32(b, 20);
  const bitDepth = b[24]!;
  const colorType = b[25]!;
  let tRNS = false;
  for (let at = 8; at + 8 <= b.length;) {
    const len = be32(b, at);
    const type = ascii(b, at + 4, 4);
    if (type === 'tRNS') tRNS = true;
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + len;
  }
  return { width, height, bitDepth, colorType, hasAlpha: colorType === 4 || colorType === 6 || tRNS };
}

/** JPEG size from the first SOF marker, and the EXIF orientation (1 when absent). */
function jpegInfo(b: Uint8Array): { width: number; height: number; orientation: number } | null {
  let orientation = 1;
  for (let at = 2; at + 4 <= b.length;) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    const len = be16(b, at + 2);
    if (marker === 0xe1 && ascii(b, at + 4, 4) === 'Exif') orientation = exifOrientation(b.subarray(at + 10, at + 2 + len));
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: be16(b, at + 5), width: be16(b, at + 7), orientation };
    }
    at += 2 + len;
  }
  return null;
}

function exifOrientation(t: Uint8Array): number {
  const le = t[0] === 0x49;
  const u16 = (at: number) => (le ? t[at]! | (t[at + 1]! << 8) : be16(t, at));
  const u32 = (at: number) => (le ? (t[at]! | (t[at + 1]! << 8) | (t[at + 2]! << 16) | (t[at + 3]! << 24)) >>> 0 : be32(t, at));
  const ifd = u32(4);
  const n = ifd + 2 <= t.length ? u16(ifd) : 0;
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) break;
    if (u16(e) === 0x0112) return u16(e + 8);
  }
  return 1;
}

function webpSize(b: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30) return { width: (b[26]! | (b[27]! << 8)) & 0x3fff, height: (b[28]! | (b[29]! << 8)) & 0x3fff };
  if (chunk === 'VP8L' && b.length >= 25) {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    return { width: 1 + (b[24]! | (b[25]! << 8) | (b[26]! << 16)), height: 1 + (b[27]! | (b[28]! << 8) | (b[29]! << 16)) };
  }
  return null;
}

/** Format and upright size (EXIF orientation applied), or null for unknown/garbled bytes. */
export function imageInfo(b: Uint8Array): ImageInfo | null {
  const format = sniffFormat(b);
  if (format === 'png') {
    const png = pngHeader(b);
    return png ? { format, width: png.width, height: png.height, png } : null;
  }
  if (format === 'jpeg') {
    const j = jpegInfo(b);
    if (!j) return null;
    const swap = j.orientation >= 5 && j.orientation <= 8;
    return { format, width: swap ? j.height : j.width, height: swap ? j.width : j.height };
  }
  if (format === 'webp') {
    const s = webpSize(b);
    return s ? { format, ...s } : null;
  }
  if (format === 'gif') return { format, width: b[6]! | (b[7]! << 8), height: b[8]! | (b[9]! << 8) };
  return null;
}

/**
 * Decodes PNG or JPEG to upright RGBA; null when the bytes do not decode (truncated, corrupt) or
 * the format has no decoder here (WebP, GIF: callers fall back to a neutral picture).
 */
export function decodeRgba(b: Uint8Array): Rgba | null {
  try {
    const format = sniffFormat(b);
    if (format === 'png') {
      const png = PNG.sync.read(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
    }
    if (format === 'jpeg') {
      const info = jpegInfo(b);
      const img = jpeg.decode(b, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
      return orient({ width: img.width, height: img.height, data: img.data }, info?.orientation ?? 1);
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
