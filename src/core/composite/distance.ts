/**
 * Exact Euclidean distance transform (Meijster, Roerdink & Hesselink 2000; the lower-envelope
 * pass as in Felzenszwalb & Huttenlocher 2012): for every pixel, the distance to the nearest
 * source pixel. Linear in the pixel count, and every pass walks memory in order.
 */

const FAR = 1e20;

/**
 * Squared 1-D distance transform of f (length n, every value finite) into d, using scratch v
 * and z: the lower envelope of the parabolas rooted at each sample.
 */
function dt1d(f: Float32Array, n: number, d: Float32Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -FAR;
  z[1] = FAR;
  for (let q = 1; q < n; q++) {
    const fq = f[q]! + q * q;
    let s = (fq - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    while (s <= z[k]!) {
      k--;
      s = (fq - (f[v[k]!]! + v[k]! * v[k]!)) / (2 * q - 2 * v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = FAR;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const dq = q - v[k]!;
    d[q] = dq * dq + f[v[k]!]!;
  }
}

/**
 * Distances (in pixels) from each pixel of a w x h grid to the nearest pixel where `source` is
 * non-zero. Distances beyond `cap` are only known to be beyond it (they come out larger than
 * `cap`, not exact): a seam needs nothing farther, and capping keeps the numbers small.
 * A grid with no source at all gives every pixel a value beyond any cap.
 */
export function distanceToSource(w: number, h: number, source: Uint8Array, cap = Infinity): Float32Array {
  // Phase 1, down then up the rows: distance to the nearest source in the same column.
  const limit = Math.min(cap + 1, w + h);
  const g = new Float32Array(w * h);
  for (let x = 0; x < w; x++) g[x] = source[x] ? 0 : limit;
  for (let y = 1; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) g[row + x] = source[row + x] ? 0 : Math.min(limit, g[row - w + x]! + 1);
  }
  for (let y = h - 2; y >= 0; y--) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      const below = g[row + w + x]! + 1;
      if (below < g[row + x]!) g[row + x] = below;
    }
  }
  // Phase 2, along each row: the lower envelope of the columns' parabolas.
  const f = new Float32Array(w);
  const d = new Float32Array(w);
  const v = new Int32Array(w);
  const z = new Float64Array(w + 1);
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) { const gx = g[row + x]!; f[x] = gx * gx; }
    dt1d(f, w, d, v, z);
    for (let x = 0; x < w; x++) out[row + x] = Math.sqrt(d[x]!);
  }
  if (limit === w + h && !source.some((s) => s !== 0)) out.fill(FAR);
  return out;
}
