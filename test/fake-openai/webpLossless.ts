/**
 * A minimal lossless WebP (VP8L) encoder: no transforms, no colour cache, no backward
 * references; every pixel is four literal Huffman codes of fixed length. Files are about as big
 * as raw RGBA, which is fine for a test server that needs real WebP bytes browsers decode.
 * Pure TypeScript, so a browser test can also import it.
 */

class BitWriter {
  private buf = new Uint8Array(1024);
  private len = 0;
  private acc = 0;
  private nacc = 0;

  /** Writes `n` (≤ 24) bits of `value`, least significant bit first (VP8L bit order). */
  write(value: number, n: number): void {
    this.acc |= value << this.nacc;
    this.nacc += n;
    while (this.nacc >= 8) {
      if (this.len === this.buf.length) {
        const next = new Uint8Array(this.buf.length * 2);
        next.set(this.buf);
        this.buf = next;
      }
      this.buf[this.len++] = this.acc & 0xff;
      this.acc >>>= 8;
      this.nacc -= 8;
    }
  }

  /** Writes a Huffman code: its bits go most significant first. */
  writeCode(code: number, length: number): void {
    let rev = 0;
    for (let i = 0; i < length; i++) rev |= ((code >> i) & 1) << (length - 1 - i);
    this.write(rev, length);
  }

  finish(): Uint8Array {
    if (this.nacc > 0) this.write(0, 8 - this.nacc);
    return this.buf.subarray(0, this.len);
  }
}

const CODE_LENGTH_ORDER = [17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];

/**
 * Writes a "normal" prefix code whose code lengths are all `a` or `b` (a < b), encoded with a
 * two-symbol code-length code (one bit per symbol: 0 → a, 1 → b).
 */
function writeTwoLengthCode(w: BitWriter, lengths: number[], a: number, b: number): void {
  w.write(0, 1); // normal code
  const needed = Math.max(CODE_LENGTH_ORDER.indexOf(a), CODE_LENGTH_ORDER.indexOf(b)) + 1;
  w.write(needed - 4, 4);
  for (let i = 0; i < needed; i++) {
    const sym = CODE_LENGTH_ORDER[i]!;
    w.write(sym === a || sym === b ? 1 : 0, 3);
  }
  w.write(0, 1); // max_symbol = alphabet size
  for (const l of lengths) w.write(l === a ? 0 : 1, 1);
}

/** Canonical Huffman codes from code lengths (deflate's algorithm). */
function canonicalCodes(lengths: number[]): number[] {
  const maxLen = Math.max(...lengths);
  const count = Array.from({ length: maxLen + 1 }, () => 0);
  for (const l of lengths) if (l) count[l]!++;
  const next = Array.from({ length: maxLen + 1 }, () => 0);
  let code = 0;
  for (let bits = 1; bits <= maxLen; bits++) {
    code = (code + count[bits - 1]!) << 1;
    next[bits] = code;
  }
  return lengths.map((l) => (l ? next[l]!++ : 0));
}

// Green alphabet: 256 literals + 24 length prefixes = 280 symbols. A complete code:
// 232 symbols of 8 bits and 48 of 9 bits (232/256 + 48/512 = 1).
const GREEN_LENGTHS = Array.from({ length: 280 }, (_, i) => (i < 232 ? 8 : 9));
const GREEN_CODES = canonicalCodes(GREEN_LENGTHS);

/** Encodes RGBA pixels (row-major, 4 bytes a pixel) as a lossless WebP file. */
export function encodeWebpLossless(rgba: Uint8Array, width: number, height: number): Uint8Array {
  if (width < 1 || height < 1 || width > 16384 || height > 16384) throw new RangeError('WebP size out of range');
  const w = new BitWriter();
  w.write(0x2f, 8); // VP8L signature
  w.write(width - 1, 14);
  w.write(height - 1, 14);
  let hasAlpha = 0;
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) { hasAlpha = 1; break; }
  w.write(hasAlpha, 1);
  w.write(0, 3); // version
  w.write(0, 1); // no transform
  w.write(0, 1); // no colour cache
  w.write(0, 1); // no meta prefix codes
  writeTwoLengthCode(w, GREEN_LENGTHS, 8, 9);
  // Red, blue, alpha: 256 symbols of 8 bits; the code-length code pairs 0 (unused) with 8.
  const flat = Array.from({ length: 256 }, () => 8);
  for (let k = 0; k < 3; k++) writeTwoLengthCode(w, flat, 0, 8);
  // Distance: a simple code with one symbol (zero bits per use; never used).
  w.write(1, 1); w.write(0, 1); w.write(0, 1); w.write(0, 1);
  for (let i = 0; i < rgba.length; i += 4) {
    const g = rgba[i + 1]!;
    w.writeCode(GREEN_CODES[g]!, GREEN_LENGTHS[g]!);
    w.writeCode(rgba[i]!, 8);
    w.writeCode(rgba[i + 2]!, 8);
    w.writeCode(rgba[i + 3]!, 8);
  }
  const data = w.finish();
  const pad = data.length & 1;
  const out = new Uint8Array(20 + data.length + pad);
  const dv = new DataView(out.buffer);
  const ascii = (s: string, at: number) => { for (let i = 0; i < 4; i++) out[at + i] = s.charCodeAt(i); };
  ascii('RIFF', 0);
  dv.setUint32(4, 12 + data.length + pad, true);
  ascii('WEBP', 8);
  ascii('VP8L', 12);
  dv.setUint32(16, data.length, true);
  out.set(data, 20);
  return out;
}
