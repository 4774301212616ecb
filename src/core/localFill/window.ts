/** Sums over square windows, the building block of dilation and local averages. */

/**
 * Sums of `a` over the (2·rad+1)² window around every pixel, clipped at the image's edges
 * (separable running sums: O(1) a pixel whatever the radius).
 */
export function boxSum(a: ArrayLike<number>, w: number, h: number, rad: number): Float32Array {
  const t = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    let s = 0;
    for (let x = 0; x < Math.min(rad, w); x++) s += a[y * w + x]!;
    for (let x = 0; x < w; x++) {
      if (x + rad < w) s += a[y * w + x + rad]!;
      if (x - rad - 1 >= 0) s -= a[y * w + x - rad - 1]!;
      t[y * w + x] = s;
    }
  }
  const out = new Float32Array(w * h);
  for (let x = 0; x < w; x++) {
    let s = 0;
    for (let y = 0; y < Math.min(rad, h); y++) s += t[y * w + x]!;
    for (let y = 0; y < h; y++) {
      if (y + rad < h) s += t[(y + rad) * w + x]!;
      if (y - rad - 1 >= 0) s -= t[(y - rad - 1) * w + x]!;
      out[y * w + x] = s;
    }
  }
  return out;
}
