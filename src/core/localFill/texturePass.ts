/**
 * The texture pass of a fill (see `fill.ts`). It starts a few levels above the structure pass,
 * where a patch sees the hole's layout, from the structure pass's result, and searches down to
 * the structure pass's finest level, or one finer when that level's hole is small enough (there
 * lightly: its matches scaled up and weighed anew on colours alone, with no search). It differs
 * from the structure pass in three ways:
 *
 * - texture features come from the finest level, averaged up, and the hole's are held to the
 *   rim's (harmonic) rather than voted: a flat patch can no longer confirm itself, so the
 *   search prefers sources as textured as the surroundings;
 * - after each vote at the coarse levels, the hole is pulled toward the structure pass's
 *   result, so the texture follows its layout;
 * - its last vote copies the best patch over each pixel rather than blending them all.
 */
import { holePixels } from './bands.ts';
import type { Pass } from './em.ts';
import type { Field } from './field.ts';
import { downsample, halve, makeLevel, type Level } from './pyramid.ts';
import { gradientFeatures, liftFeatures, setTexture } from './texture.ts';
import { BEST_PIXEL_VOTE, MEAN_PIXEL_VOTE } from './vote.ts';

/** Sweeps smoothing the hole's features at each finer level. */
const FEATURE_SWEEPS = 20;

export interface TextureSettings {
  iterations: number;
  fineRadius: number;
  /** Pull toward the structure at levels two or more above the finest (half of it one above). */
  structurePull: number;
  /**
   * A level below the structure pass's finest (-1: none): there the matches scaled up from the
   * level above are weighed anew at that size, with no search, for the best-patch vote.
   */
  lightLevel: number;
  /** Sweeps relaxing the top level's hole features from its rim. */
  topFeatureSweeps: number;
}

/**
 * Plans the pass from `top` down to `finest`; `begin` must run (after the structure pass) before
 * `runPass`.
 */
export function texturePass(levels: Level[], top: number, topIterations: number, finest: number, s: TextureSettings) {
  const guide: Uint8ClampedArray[] = [];
  const feats: Uint8ClampedArray[] = [];
  const pass: Pass = {
    levels, top, finest, topIterations,
    iterationsAt: (k) => (k === s.lightLevel ? 1 : s.iterations),
    sweepsAt: (k) => (k === s.lightLevel ? 0 : 1),
    radiusAt: () => s.fineRadius,
    vote: MEAN_PIXEL_VOTE,
    finalVote: BEST_PIXEL_VOTE,
    prepare: (k) => {
      // The light level weighs matches on colours alone: its features would cost a full-size
      // pass of their own.
      const l = levels[k]!;
      if (k === s.lightLevel) l.tex = new Uint8ClampedArray(l.w * l.h * 2);
      else {
        l.tex = feats[k]!;
        liftFeatures(l, levels[k + 1]!, FEATURE_SWEEPS);
      }
    },
    afterVote: (k) => {
      const share = s.structurePull * Math.min(1, (k - finest) / 2);
      if (share <= 0) return;
      const { img, holes } = levels[k]!;
      const g = guide[k]!;
      for (let i = 0; i < holes.length; i++) {
        const q = holes[i]! * 4;
        for (let c = 0; c < 4; c++) img[q + c] = img[q + c]! + share * (g[i * 4 + c]! - img[q + c]!);
      }
    },
  };

  /**
   * Takes the guide from the structure pass's levels (its result at each level it searched,
   * from `structureFinest` to `structureTop`, then halved up to the texture top), sets the
   * features, starts the top level's hole from the guide and its matches at random.
   */
  function begin(structureFinest: number, structureTop: number, topField: Field, rand: () => number): void {
    for (let k = Math.max(finest + 1, structureFinest); k <= Math.min(top, structureTop); k++) guide[k] = holePixels(levels[k]!);
    if (top > structureTop) {
      const base = levels[structureTop]!;
      let g = makeLevel(base.w, base.h, base.img.slice(), new Uint8Array(base.w * base.h));
      for (let k = structureTop + 1; k <= top; k++) {
        g = downsample(g);
        // The guide in this level's hole order, as holePixels gives it.
        guide[k] = holePixels({ ...levels[k]!, img: g.img });
      }
    }
    // Texture features from the finest level, averaged up: a coarse level then still tells
    // fur from felt, which its own gradients can no longer see. (A known pixel gets the mean of
    // its four children; the hole's are set below.)
    const base = finest === s.lightLevel ? finest + 1 : finest;
    feats[base] = gradientFeatures(levels[base]!);
    for (let k = base + 1; k <= top; k++) feats[k] = halve(levels[k - 1]!, feats[k - 1]!, 2).out;
    const tl = levels[top]!;
    setTexture(tl, feats[top]!, s.topFeatureSweeps);
    const start = top === structureTop ? null : guide[top]!;
    if (start) {
      for (let i = 0; i < tl.holes.length; i++) tl.img.set(start.subarray(i * 4, i * 4 + 4), tl.holes[i]! * 4);
    }
    for (let i = 0; i < topField.nnf.length; i++) topField.nnf[i] = topField.sources[rand() % topField.sources.length]!;
  }

  return { pass, begin };
}
