/**
 * The membrane (harmonic) fill: the smoothest surface that meets the known values at the hole's
 * rim (Laplace's equation). Pixel for pixel it is the safest guess of what lies deep inside a
 * hole, so the patch search starts from it; it is also the whole fill when nothing can be copied.
 * Works on any interleaved buffer of a level (`stride` values a pixel, the first `channels` used).
 */
import { forEachRing, type Level } from './pyramid.ts';

/**
 * A first guess by peeling the hole from the rim inwards, each pixel taking the mean of its
 * known 8-neighbours: every hole pixel gets a value, and relaxation then converges fast.
 */
export function onionPeel(l: Level, buf: Uint8ClampedArray, stride: number): void {
  const { w, h } = l;
  const sum = new Float64Array(stride);
  forEachRing(l, (ring, known) => {
    for (const p of ring) {
      sum.fill(0);
      let n = 0;
      const x = p % w;
      const y = (p - x) / w;
      for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
          const q = yy * w + xx;
          if (!known[q]) continue;
          n++;
          for (let c = 0; c < stride; c++) sum[c] = sum[c]! + buf[q * stride + c]!;
        }
      }
      for (let c = 0; c < stride; c++) buf[p * stride + c] = sum[c]! / n;
    }
  });
}

/** Over-relaxed Gauss-Seidel sweeps of Laplace's equation over the hole (image edges mirrored). */
export function relax(l: Level, buf: Uint8ClampedArray, stride: number, channels: number, sweeps: number, omega = 1.8): void {
  const { w, h, holes } = l;
  const n = holes.length;
  // Work in floats: rounding every sweep would stall the slow long-range convergence.
  const v = new Float32Array(n * channels);
  const at = new Int32Array(w * h).fill(-1);
  for (let k = 0; k < n; k++) {
    const p = holes[k]!;
    at[p] = k;
    for (let c = 0; c < channels; c++) v[k * channels + c] = buf[p * stride + c]!;
  }
  // Each hole pixel's four neighbours (mirrored at the image's edges), found once for all the
  // sweeps: a hole pixel as its offset in `v`, a known one as -1 - its offset in `buf`.
  const ref = (q: number) => (at[q]! >= 0 ? at[q]! * channels : -1 - q * stride);
  const nb = new Int32Array(n * 4);
  for (let k = 0; k < n; k++) {
    const p = holes[k]!;
    const x = p % w;
    const y = (p - x) / w;
    nb[k * 4] = ref(x > 0 ? p - 1 : p + 1);
    nb[k * 4 + 1] = ref(x < w - 1 ? p + 1 : p - 1);
    nb[k * 4 + 2] = ref(y > 0 ? p - w : p + w);
    nb[k * 4 + 3] = ref(y < h - 1 ? p + w : p - w);
  }
  const read = (o: number, c: number) => (o >= 0 ? v[o + c]! : buf[c - 1 - o]!);
  for (let s = 0; s < sweeps; s++) {
    for (let k = 0; k < n; k++) {
      const l0 = nb[k * 4]!;
      const r0 = nb[k * 4 + 1]!;
      const u0 = nb[k * 4 + 2]!;
      const d0 = nb[k * 4 + 3]!;
      for (let c = 0; c < channels; c++) {
        const i = k * channels + c;
        const avg = (read(l0, c) + read(r0, c) + read(u0, c) + read(d0, c)) / 4;
        v[i] = v[i]! + omega * (avg - v[i]!);
      }
    }
  }
  for (let k = 0; k < n; k++) {
    const p = holes[k]!;
    for (let c = 0; c < channels; c++) buf[p * stride + c] = v[k * channels + c]!;
  }
}

/**
 * Starts the hole of `fine` from the already filled `coarse` level above it (nearest parent), in
 * interleaved buffers of `stride` values a pixel (the levels' `img` by default).
 */
export function liftHole(fine: Level, coarse: Level, stride = 4, buf = fine.img, coarseBuf = coarse.img): void {
  const { w, holes } = fine;
  for (let k = 0; k < holes.length; k++) {
    const p = holes[k]!;
    const x = p % w;
    const y = (p - x) / w;
    const q = ((y >> 1) * coarse.w + (x >> 1)) * stride;
    const o = p * stride;
    for (let c = 0; c < stride; c++) buf[o + c] = coarseBuf[q + c]!;
  }
}

/**
 * The harmonic fill of `levels[to]`, solved coarse to fine from the top of `levels` (a
 * multigrid start: each level begins from the one above, so few sweeps are needed).
 */
export function harmonicFill(levels: Level[], to: number, sweeps: number): void {
  const top = levels.length - 1;
  onionPeel(levels[top]!, levels[top]!.img, 4);
  relax(levels[top]!, levels[top]!.img, 4, 4, sweeps * 4);
  for (let k = top - 1; k >= to; k--) {
    liftHole(levels[k]!, levels[k + 1]!);
    relax(levels[k]!, levels[k]!.img, 4, 4, sweeps);
  }
}
