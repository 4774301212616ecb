/**
 * A small seeded random source for the fill. The same seed gives the same sequence on every
 * engine, so a fill is reproducible byte for byte (the seed is part of the provider's options).
 */

/** Returns uniformly distributed unsigned 32-bit integers (xorshift32, seeded by splitmix32). */
export function makeRandom(seed: number): () => number {
  // splitmix32 spreads small or similar seeds (1, 2, 3) into unrelated xorshift states.
  let z = (Math.trunc(seed) + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  let s = z | 0 || 0x6d2b79f5; // xorshift must never hold 0
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}
