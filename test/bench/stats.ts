/** Percentiles and a seeded random source for benchmarks. */
export function pct(values: number[], p: number): number {
  const s = values.toSorted((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i]!;
}

export const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;

export function summary(values: number[]): { p50: number; p95: number; max: number; n: number } {
  return { p50: round(pct(values, 50)), p95: round(pct(values, 95)), max: round(Math.max(...values)), n: values.length };
}

/** mulberry32 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
