/**
 * Run-length coding of 8-bit alpha, for undo snapshots: masks are long runs of 0 and 255,
 * so a 256x256 tile usually shrinks from 64 KiB to a few hundred bytes.
 * Format: pairs (value, run-1) with runs of at most 256.
 */

/** The encoder's working buffer, kept between calls: a fresh 128 KiB per tile cost more than the encoding. */
let scratch = new Uint8Array(0);

export function rleEncode(data: Uint8Array): Uint8Array {
  if (scratch.length < data.length * 2) scratch = new Uint8Array(Math.max(2, data.length * 2));
  const out = scratch;
  let o = 0;
  let i = 0;
  while (i < data.length) {
    const v = data[i]!;
    let run = 1;
    while (run < 256 && i + run < data.length && data[i + run] === v) run++;
    out[o++] = v;
    out[o++] = run - 1;
    i += run;
  }
  return out.slice(0, o);
}

export function rleDecode(rle: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let o = 0;
  for (let i = 0; i + 1 < rle.length && o < length; i += 2) {
    const run = rle[i + 1]! + 1;
    out.fill(rle[i]!, o, Math.min(length, o + run));
    o += run;
  }
  return out;
}
