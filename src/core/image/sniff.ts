/**
 * Reads what an image file is from its bytes, before any decoding: format, declared size,
 * EXIF orientation, frame count, whether it was cut short. Pure; used to refuse bad files
 * before the browser spends memory on them.
 */

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export interface ImageHeader {
  format: ImageFormat;
  /** Declared width and height as stored, before EXIF orientation. */
  storedWidth: number;
  storedHeight: number;
  /** Width and height as shown, after EXIF orientation (5–8 swap the sides). */
  width: number;
  height: number;
  /** EXIF orientation 1–8 (1 when absent). */
  orientation: number;
  /** PNG colour type 0/2/3/4/6, or null for other formats. */
  pngColorType: number | null;
  /** PNG bit depth, or null for other formats. */
  pngBitDepth: number | null;
  /** True when the pixels carry an alpha channel or a transparency chunk. */
  hasAlpha: boolean;
  /** Number of frames (GIF, animated PNG/WebP); 1 for still images. */
  frames: number;
  /** True when the file ends before its format's end marker. */
  truncated: boolean;
}

export type SniffResult =
  | { ok: true; header: ImageHeader }
  | { ok: false; reason: 'empty' | 'unsupported' | 'svg' | 'corrupt'; detail?: string };

const u16be = (b: Uint8Array, o: number) => ((b[o] ?? 0) << 8) | (b[o + 1] ?? 0);
const u16le = (b: Uint8Array, o: number) => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, o: number) => u16le(b, o) | ((b[o + 2] ?? 0) << 16);
const u32be = (b: Uint8Array, o: number) => ((u16be(b, o) << 16) >>> 0) + u16be(b, o + 2);
const u32le = (b: Uint8Array, o: number) => (u16le(b, o) + u16le(b, o + 2) * 65536) >>> 0;
const ascii = (b: Uint8Array, o: number, n: number) => String.fromCharCode(...b.subarray(o, o + n));

function orient(
  format: ImageFormat, w: number, h: number, orientation: number,
  rest: Omit<ImageHeader, 'format' | 'storedWidth' | 'storedHeight' | 'width' | 'height' | 'orientation'>,
): SniffResult {
  if (!(w > 0 && h > 0)) return { ok: false, reason: 'corrupt', detail: 'zero size' };
  const swap = orientation >= 5 && orientation <= 8;
  return {
    ok: true,
    header: {
      format, storedWidth: w, storedHeight: h,
      width: swap ? h : w, height: swap ? w : h, orientation, ...rest,
    },
  };
}

/** Identifies an image from its bytes. Needs the whole file to judge truncation. */
export function sniffImage(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes[0] === 0x89 && ascii(bytes, 1, 3) === 'PNG') return sniffPng(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return sniffJpeg(bytes);
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return sniffWebp(bytes);
  if (ascii(bytes, 0, 4) === 'GIF8') return sniffGif(bytes);
  if (looksLikeSvg(bytes)) return { ok: false, reason: 'svg' };
  return { ok: false, reason: 'unsupported' };
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024)).toLowerCase();
  return head.includes('<svg') || (head.trimStart().startsWith('<?xml') && head.includes('svg'));
}

function sniffPng(b: Uint8Array): SniffResult {
  if (b.length < 33 || ascii(b, 12, 4) !== 'IHDR') return { ok: false, reason: 'corrupt', detail: 'no IHDR' };
  const w = u32be(b, 16);
  const h = u32be(b, 20);
  const bitDepth = b[24] ?? 0;
  const colorType = b[25] ?? 0;
  let hasTrns = false;
  let frames = 1;
  let ended = false;
  let o = 8;
  while (o + 8 <= b.length) {
    const len = u32be(b, o);
    const type = ascii(b, o + 4, 4);
    if (type === 'tRNS') hasTrns = true;
    if (type === 'acTL' && o + 12 <= b.length) frames = Math.max(1, u32be(b, o + 8));
    if (type === 'IEND') { ended = true; break; }
    o += 12 + len;
  }
  return orient('png', w, h, 1, {
    pngColorType: colorType, pngBitDepth: bitDepth,
    hasAlpha: colorType === 4 || colorType === 6 || hasTrns,
    frames, truncated: !ended,
  });
}

function sniffJpeg(b: Uint8Array): SniffResult {
  let o = 2;
  let orientation = 1;
  let w = 0;
  let h = 0;
  while (o + 4 <= b.length) {
    if (b[o] !== 0xff) { o++; continue; }
    const marker = b[o + 1] ?? 0;
    if (marker === 0xff) { o++; continue; }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { o += 2; continue; }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or start of scan
    const len = u16be(b, o + 2);
    if (marker === 0xe1 && ascii(b, o + 4, 4) === 'Exif') {
      orientation = exifOrientation(b.subarray(o + 10, o + 2 + len)) ?? orientation;
    }
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && o + 9 <= b.length) {
      h = u16be(b, o + 5);
      w = u16be(b, o + 7);
    }
    o += 2 + len;
  }
  // A complete JPEG ends with EOI (FFD9); allow trailing bytes after it (some cameras add them).
  const tail = b.subarray(Math.max(0, b.length - 65536));
  let ended = false;
  for (let i = tail.length - 2; i >= 0; i--) {
    if (tail[i] === 0xff && tail[i + 1] === 0xd9) { ended = true; break; }
  }
  if (w === 0 || h === 0) return { ok: false, reason: 'corrupt', detail: 'no frame header' };
  return orient('jpeg', w, h, orientation, {
    pngColorType: null, pngBitDepth: null, hasAlpha: false, frames: 1, truncated: !ended,
  });
}

/** Reads the Orientation tag (0x0112) from a TIFF-structured EXIF block. */
export function exifOrientation(tiff: Uint8Array): number | null {
  if (tiff.length < 8) return null;
  const le = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!le && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return null;
  const r16 = (o: number) => (le ? u16le(tiff, o) : u16be(tiff, o));
  const r32 = (o: number) => (le ? u32le(tiff, o) : u32be(tiff, o));
  const ifd = r32(4);
  if (ifd + 2 > tiff.length) return null;
  const count = r16(ifd);
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > tiff.length) return null;
    if (r16(e) === 0x0112) {
      const v = r16(e + 8);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

function sniffWebp(b: Uint8Array): SniffResult {
  let w = 0;
  let h = 0;
  let hasAlpha = false;
  let frames = 1;
  let orientation = 1;
  const riffEnd = 8 + u32le(b, 4);
  let o = 12;
  while (o + 8 <= b.length) {
    const type = ascii(b, o, 4);
    const len = u32le(b, o + 4);
    const d = o + 8;
    if (type === 'VP8X') {
      const flags = b[d] ?? 0;
      hasAlpha = (flags & 0x10) !== 0;
      if (flags & 0x02) frames = 2; // animated; exact count needs ANMF chunks
      w = u24le(b, d + 4) + 1;
      h = u24le(b, d + 7) + 1;
    } else if (type === 'VP8 ' && w === 0) {
      w = u16le(b, d + 6) & 0x3fff;
      h = u16le(b, d + 8) & 0x3fff;
    } else if (type === 'VP8L' && w === 0) {
      const bits = u32le(b, d + 1);
      w = (bits & 0x3fff) + 1;
      h = ((bits >>> 14) & 0x3fff) + 1;
      hasAlpha = ((bits >>> 28) & 1) === 1;
    } else if (type === 'EXIF') {
      const ex = b.subarray(d, d + len);
      const start = ascii(ex, 0, 4) === 'Exif' ? 6 : 0;
      orientation = exifOrientation(ex.subarray(start)) ?? orientation;
    } else if (type === 'ANMF') {
      frames = Math.max(frames, 2);
    }
    o = d + len + (len & 1);
  }
  return orient('webp', w, h, orientation, {
    pngColorType: null, pngBitDepth: null, hasAlpha, frames, truncated: b.length < riffEnd,
  });
}

function sniffGif(b: Uint8Array): SniffResult {
  const w = u16le(b, 6);
  const h = u16le(b, 8);
  let o = 13;
  const flags = b[10] ?? 0;
  if (flags & 0x80) o += 3 * (1 << ((flags & 7) + 1));
  let frames = 0;
  let ended = false;
  const skipSubBlocks = () => {
    while (o < b.length) {
      const n = b[o] ?? 0;
      o += 1 + n;
      if (n === 0) return;
    }
  };
  while (o < b.length) {
    const block = b[o];
    if (block === 0x3b) { ended = true; break; }
    if (block === 0x21) { o += 2; skipSubBlocks(); continue; }
    if (block === 0x2c) {
      frames++;
      const lf = b[o + 9] ?? 0;
      o += 10;
      if (lf & 0x80) o += 3 * (1 << ((lf & 7) + 1));
      o += 1; // LZW minimum code size
      skipSubBlocks();
      continue;
    }
    break; // unknown block: stop counting
  }
  return orient('gif', w, h, 1, {
    pngColorType: null, pngBitDepth: null, hasAlpha: true,
    frames: Math.max(frames, 1), truncated: !ended && frames === 0,
  });
}
