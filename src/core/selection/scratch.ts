/**
 * Reused working buffers. A fresh 24-96 MB typed array costs more in first-touch page faults
 * than the pass that fills it (measured: writing a new 48 MB Uint16Array took 190 ms of CPU,
 * the same loop over a reused one 32 ms), so each refinement keeps its scratch between calls.
 * Contents are left as the last call wrote them: callers write every element they read.
 */
const u8 = new Map<string, Uint8Array>();
const u16 = new Map<string, Uint16Array>();

function take<T extends Uint8Array | Uint16Array>(pool: Map<string, T>, key: string, n: number, make: (n: number) => T): T {
  let a = pool.get(key);
  if (!a || a.length < n) {
    a = make(n);
    pool.set(key, a);
  }
  return a.subarray(0, n) as T;
}

/** A Uint8Array of at least n elements kept under `key` (contents undefined). */
export const scratchU8 = (key: string, n: number): Uint8Array => take(u8, key, n, (k) => new Uint8Array(k));

/** A Uint16Array of at least n elements kept under `key` (contents undefined). */
export const scratchU16 = (key: string, n: number): Uint16Array => take(u16, key, n, (k) => new Uint16Array(k));

/** Lets the working buffers go (e.g. when the picture is closed). */
export function releaseScratch(): void {
  u8.clear();
  u16.clear();
}
