/**
 * A structural start for the coarsest level: the hole filled from its rim inwards, one ring at
 * a time, each pixel copied from the centre of the known patch that best matches its already
 * known neighbourhood (Efros & Leung's texture synthesis, searched PatchMatch-style). Edges and
 * regions that run into the hole carry on into it, which a smooth start cannot give.
 */
import type { Field } from './field.ts';
import { forEachRing } from './pyramid.ts';

/** Random sources tried per pixel, besides its neighbours' and the local search. */
const SAMPLES = 32;

/** Fills `f.level`'s hole (colours and texture features) and leaves the matches in `f.nnf`. */
export function peelWithPatches(f: Field, rand: () => number): void {
  const { w, h, img, tex } = f.level;
  const { valid, sources, slot, nnf } = f;
  const r = f.p.r;
  const ns = sources.length;
  const assigned = new Uint8Array(f.tpix.length);
  const loX = r, hiX = w - 1 - r, loY = r, hiY = h - 1 - r;

  forEachRing(f.level, (ring, known) => {
    /** Squared RGB difference over the known pixels of the patch at t, against the patch at s. */
    const dist = (t: number, s: number, x: number, y: number, limit: number): number => {
      let sum = 0;
      for (let dy = Math.max(-r, -y); dy <= Math.min(r, h - 1 - y); dy++) {
        for (let dx = Math.max(-r, -x); dx <= Math.min(r, w - 1 - x); dx++) {
          const q = t + dy * w + dx;
          if (!known[q]) continue;
          const a = q * 4;
          const b = (s + dy * w + dx) * 4;
          const d0 = img[a]! - img[b]!, d1 = img[a + 1]! - img[b + 1]!, d2 = img[a + 2]! - img[b + 2]!;
          sum += d0 * d0 + d1 * d1 + d2 * d2;
        }
        if (sum >= limit) return sum;
      }
      return sum;
    };
    const picks = ring.map((p) => {
      const x = p % w;
      const y = (p - x) / w;
      let best = -1;
      let bestD = Infinity;
      const tryC = (c: number) => {
        if (c === best || !valid[c]) return;
        const d = dist(p, c, x, y, bestD);
        if (d < bestD) { bestD = d; best = c; }
      };
      // Matched neighbours suggest their source, moved by the same step.
      for (let yy = Math.max(0, y - 1); yy <= Math.min(h - 1, y + 1); yy++) {
        for (let xx = Math.max(0, x - 1); xx <= Math.min(w - 1, x + 1); xx++) {
          const i = slot[yy * w + xx]!;
          if (i < 0 || !assigned[i]) continue;
          const s = nnf[i]!;
          const sx = (s % w) + x - xx;
          const sy = Math.floor(s / w) + y - yy;
          if (sx >= loX && sx <= hiX && sy >= loY && sy <= hiY) tryC(sy * w + sx);
        }
      }
      for (let k = 0; k < SAMPLES; k++) tryC(sources[rand() % ns]!);
      for (let R = Math.max(w, h); R >= 1; R >>= 1) {
        const bx = best % w;
        const by = (best - bx) / w;
        const span = 2 * R + 1;
        const cx = Math.min(hiX, Math.max(loX, bx + (rand() % span) - R));
        const cy = Math.min(hiY, Math.max(loY, by + (rand() % span) - R));
        tryC(cy * w + cx);
      }
      // Matched at once, so the next pixels of the ring can follow it (coherent copies).
      const i = slot[p]!;
      nnf[i] = best;
      assigned[i] = 1;
      return best;
    });
    // Pixels are written after the whole ring is matched, so a ring reads only the rings before it.
    ring.forEach((p, j) => {
      const s = picks[j]!;
      for (let c = 0; c < 4; c++) img[p * 4 + c] = img[s * 4 + c]!;
      if (tex) {
        tex[p * 2] = tex[s * 2]!;
        tex[p * 2 + 1] = tex[s * 2 + 1]!;
      }
    });
  });
  // Targets on the rim, outside the hole, start from random sources.
  for (let i = 0; i < f.tpix.length; i++) if (!assigned[i]) nnf[i] = sources[rand() % ns]!;
}
