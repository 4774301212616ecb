/**
 * Texture features (Newson et al., "Non-local patch-based image inpainting", 2017): per pixel,
 * the mean absolute horizontal and vertical gray gradient around it. Matching them as well as
 * colours stops the fill from settling on flat patches where the surroundings are textured
 * (a blend of patches is smooth, and smooth patches match a smooth guess best). The structure
 * pass computes them at each level from its own pixels; the texture pass takes them from its
 * finest level and averages them up, as Newson et al. do.
 */
import { liftHole, onionPeel, relax } from './harmonic.ts';
import type { Level } from './pyramid.ts';
import { boxSum } from './window.ts';

/** Window radius of the gradient average. */
const WIN = 2;

/** The features of a level's known pixels (holes left 0), from its own gradients. */
export function gradientFeatures(level: Level): Uint8ClampedArray {
  const { w, h, img, hole } = level;
  const gray = new Float32Array(w * h);
  for (let p = 0; p < w * h; p++) gray[p] = (img[p * 4]! + img[p * 4 + 1]! + img[p * 4 + 2]!) / 3;
  // Gradients exist only where both neighbours are known; `ok` marks them.
  const gx = new Float32Array(w * h);
  const gy = new Float32Array(w * h);
  const ok = new Float32Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const p = y * w + x;
      if (hole[p - 1] || hole[p + 1] || hole[p - w] || hole[p + w] || hole[p]) continue;
      gx[p] = Math.abs(gray[p + 1]! - gray[p - 1]!);
      gy[p] = Math.abs(gray[p + w]! - gray[p - w]!);
      ok[p] = 1;
    }
  }
  const sx = boxSum(gx, w, h, WIN);
  const sy = boxSum(gy, w, h, WIN);
  const sn = boxSum(ok, w, h, WIN);
  const tex = new Uint8ClampedArray(w * h * 2);
  for (let p = 0; p < w * h; p++) {
    if (hole[p] || !sn[p]) continue;
    tex[p * 2] = sx[p]! / sn[p]!;
    tex[p * 2 + 1] = sy[p]! / sn[p]!;
  }
  return tex;
}

/** Sets `level.tex` to the known features given and fills the hole's with their harmonic interpolation. */
export function setTexture(level: Level, known: Uint8ClampedArray, relaxSweeps: number): void {
  level.tex = known;
  onionPeel(level, known, 2);
  relax(level, known, 2, 2, relaxSweeps);
}

/** Computes `level.tex` on known pixels and fills the hole's with their harmonic interpolation. */
export function computeTexture(level: Level, relaxSweeps: number): void {
  setTexture(level, gradientFeatures(level), relaxSweeps);
}

/**
 * Starts the hole's features of `fine` from its parent in `coarse` and smooths them with a few
 * relaxation sweeps: the texture pass holds the hole's features to what the rim's are, level
 * after level, rather than to what its own patches vote (which would let a flat patch confirm
 * itself).
 */
export function liftFeatures(fine: Level, coarse: Level, relaxSweeps: number): void {
  liftHole(fine, coarse, 2, fine.tex!, coarse.tex!);
  relax(fine, fine.tex!, 2, 2, relaxSweeps);
}
