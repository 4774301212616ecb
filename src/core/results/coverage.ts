import { rleDecode, rleEncode } from '../mask/rle.ts';

/**
 * A mask's exact coverage, packed for storage: "IMK1", width and height (uint32, big-endian),
 * then the run-length code of the row-major coverage (255 = painted). Masks are long runs, so a
 * 6000x4000 mask packs to a few hundred kilobytes at most; edges keep their exact values.
 */
const MAGIC = [0x49, 0x4d, 0x4b, 0x31];

/** Packs full-size coverage (255 = painted, edges as they are) with its size. */
export function packCoverage(coverage: Uint8Array, width: number, height: number): Uint8Array<ArrayBuffer> {
  if (coverage.length !== width * height) throw new Error('coverage does not match its size');
  const rle = rleEncode(coverage);
  const out = new Uint8Array(12 + rle.length);
  out.set(MAGIC, 0);
  const dv = new DataView(out.buffer);
  dv.setUint32(4, width);
  dv.setUint32(8, height);
  out.set(rle, 12);
  return out;
}

/** Reads what {@link packCoverage} wrote; null when the bytes are not a packed mask. */
export function unpackCoverage(bytes: Uint8Array): { width: number; height: number; coverage: Uint8Array } | null {
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = dv.getUint32(4);
  const height = dv.getUint32(8);
  if (!width || !height || width * height > 2 ** 28) return null;
  return { width, height, coverage: rleDecode(bytes.subarray(12), width * height) };
}
