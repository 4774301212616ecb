/**
 * The bad-input corpus of the reliability tests: files made here (in Node) next to the fixtures
 * in test/fixtures. Each entry says how it should be received: refused with a message, or
 * opened (with a note where the editor changed something).
 */
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { pngFile, pngWithHeader } from '../helpers/pngBytes.ts';
import { fixturePath } from './helpers.ts';

export interface CorpusFile { name: string; mime: string; bytes: Buffer }

const fixture = (name: string, mime: string): CorpusFile => ({ name, mime, bytes: readFileSync(fixturePath(name)) });

/** A PNG of `raw` scanlines (each led by its filter byte), compressed as they are. */
function encodePng(width: number, height: number, bitDepth: 8 | 16, colorType: 0 | 2 | 4 | 6, raw: Buffer): Buffer {
  return Buffer.from(pngFile(width, height, bitDepth, colorType, deflateSync(raw)));
}

/**
 * A PNG of any colour type at 16 bits per sample: `sample(x, y, channel)` gives each 16-bit
 * value (colour type 0: one channel, 2: RGB, 4: grey + alpha, 6: RGBA).
 */
export function png16(width: number, height: number, colorType: 0 | 2 | 4 | 6, sample: (x: number, y: number, c: number) => number): Buffer {
  const channels = { 0: 1, 2: 3, 4: 2, 6: 4 }[colorType];
  const row = 1 + width * channels * 2;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) raw.writeUInt16BE(sample(x, y, c), y * row + 1 + (x * channels + c) * 2);
    }
  }
  return encodePng(width, height, 16, colorType, raw);
}

/** A 160×120 16-bit RGB gradient whose 8-bit value at (x, y) is about (x·1.6, y·2.1, 128). */
export const RGB16 = { width: 160, height: 120, at: (x: number, y: number) => [Math.round((x * 409) / 257), Math.round((y * 546) / 257), 128] };
export const rgb16File = (): CorpusFile => ({
  name: 'gradient-16bit.png', mime: 'image/png',
  bytes: png16(RGB16.width, RGB16.height, 2, (x, y, c) => (c === 0 ? x * 409 : c === 1 ? y * 546 : 0x8000)),
});

/** A 120×90 16-bit greyscale ramp (left black, right near white). */
export const grey16File = (): CorpusFile => ({
  name: 'ramp-16bit-grey.png', mime: 'image/png', bytes: png16(120, 90, 0, (x) => x * 550),
});

/** An SVG that would run script four ways if anything ever rendered it as a document. */
export const SVG_WITH_SCRIPT = `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="200" onload="window.__svgRan='onload'">
  <script>window.__svgRan = 'script'; fetch('/__svg-ran?script');</script>
  <image href="/__svg-ran?image" xlink:href="/__svg-ran?image" onerror="window.__svgRan='onerror'" width="10" height="10"/>
  <foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="/__svg-ran?iframe"></iframe></foreignObject>
  <rect width="200" height="200" fill="red"/>
</svg>`;

/** Files the editor must refuse, each with (part of) the message it must show. */
export function refusedFiles(): (CorpusFile & { expect: string })[] {
  return [
    { ...fixture('truncated.jpg', 'image/jpeg'), expect: 'is incomplete: the file ends too early' },
    { name: 'notes.png', mime: 'image/png', bytes: Buffer.from('These are my notes, not a picture.\n'), expect: 'is not a PNG, JPEG or WebP image' },
    { name: 'drawing.svg', mime: 'image/svg+xml', bytes: Buffer.from(SVG_WITH_SCRIPT), expect: 'is an SVG drawing' },
    // The same SVG in disguise: a PNG's name and type do not make it one.
    { name: 'disguised.png', mime: 'image/png', bytes: Buffer.from(SVG_WITH_SCRIPT), expect: 'is an SVG drawing' },
    { name: 'empty.png', mime: 'image/png', bytes: Buffer.alloc(0), expect: 'is empty (0 bytes)' },
    { name: 'huge-header.png', mime: 'image/png', bytes: Buffer.from(pngWithHeader(30000, 30000)), expect: 'declares 30000×30000 pixels' },
    // A PNG signature and IHDR with nothing after them.
    { name: 'cut.png', mime: 'image/png', bytes: Buffer.from(pngWithHeader(64, 64)).subarray(0, 33), expect: 'is incomplete' },
    // Whole chunks, but pixel data that runs out: the browser's decoder refuses it.
    { name: 'no-pixels.png', mime: 'image/png', bytes: Buffer.from(pngWithHeader(64, 64)), expect: 'The browser could not decode' },
  ];
}

/** Pictures the editor must open as they should look, whatever their encoding. */
export function acceptedFiles(): (CorpusFile & { width: number; height: number; note?: string })[] {
  return [
    { ...fixture('camera.png', 'image/png'), width: 512, height: 512 },
    { ...fixture('foo3x5x4indexed.png', 'image/png'), width: 5, height: 3 },
    { ...rgb16File(), width: 160, height: 120 },
    { ...grey16File(), width: 120, height: 90 },
    { ...fixture('coffee-cmyk.jpg', 'image/jpeg'), width: 300, height: 200 },
    { ...fixture('coffee-exif-orientation-6.jpg', 'image/jpeg'), width: 600, height: 400, note: 'turned upright' },
    { ...fixture('no_time_for_that_tiny.gif', 'image/gif'), width: 14, height: 25, note: 'only its first frame' },
  ];
}

/**
 * The EXIF-rotated photo with another Orientation value written into its EXIF block (the stored
 * pixels stay as they are, so the upright picture changes as the tag says).
 */
export function withOrientation(value: number): CorpusFile {
  const bytes = Buffer.from(readFileSync(fixturePath('coffee-exif-orientation-6.jpg')));
  const exif = bytes.indexOf(Buffer.from('Exif\0\0', 'latin1'));
  const tiff = exif + 6;
  const le = bytes[tiff] === 0x49;
  const r16 = (o: number) => (le ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o));
  const ifd = tiff + (le ? bytes.readUInt32LE(tiff + 4) : bytes.readUInt32BE(tiff + 4));
  for (let i = 0; i < r16(ifd); i++) {
    const e = ifd + 2 + i * 12;
    if (r16(e) === 0x0112) {
      if (le) bytes.writeUInt16LE(value, e + 8); else bytes.writeUInt16BE(value, e + 8);
      return { name: `coffee-orientation-${value}.jpg`, mime: 'image/jpeg', bytes };
    }
  }
  throw new Error('no Orientation tag in the fixture');
}

/** A PNG of `width` × `height` black pixels (it compresses to almost nothing: a large image in a small file). */
export function blackPng(width: number, height: number): CorpusFile {
  return { name: `black-${width}x${height}.png`, mime: 'image/png', bytes: encodePng(width, height, 8, 2, Buffer.alloc((1 + width * 3) * height)) };
}
