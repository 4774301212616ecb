/**
 * Content-aware hole filling in two passes over one image pyramid, each coarse to fine
 * (Wexler, Shechtman & Irani 2007, with PatchMatch searches and Newson et al.'s texture
 * features; `em.ts`), combined by frequency band (`bands.ts`):
 *
 * - the structure pass starts at a level where the hole is still large, from a blend of the
 *   harmonic (membrane) fill and a patch-by-patch peel from the rim (`peel.ts`), and votes the
 *   weighted mean of the patches: it gives the likely shapes and colours, but a mean of many
 *   patches is smooth;
 * - the texture pass starts from that result a few levels coarser, where a patch sees the
 *   hole's layout, and searches down again with the hole's texture features held to the rim's,
 *   pulled toward the structure at the coarse levels, and its last vote copies the best patch;
 * - the hole keeps the texture pass's pixels with the structure pass's low band.
 *
 * Pure: RGBA arrays in, the hole's pixels rewritten in place; seeded, so reproducible.
 * `fillSteps` is a generator that yields its progress (0..1) every few thousand patches, so a
 * worker can slice the work, report progress and stop at any yield; `fillRegion` runs it
 * through in one go.
 */
import { applyCorrection, bandCorrection, holePixels } from './bands.ts';
import { Progress, passCost, runPass, voteInto, type Pass } from './em.ts';
import { makeField, type Field, type MatchParams } from './field.ts';
import { harmonicFill } from './harmonic.ts';
import { downsample, holeDepth, makeLevel, type Level } from './pyramid.ts';
import { peelWithPatches } from './peel.ts';
import { makeRandom } from './rng.ts';
import { computeTexture } from './texture.ts';
import { texturePass } from './texturePass.ts';
import { MEAN_PIXEL_VOTE, MEAN_VOTE } from './vote.ts';

/** An RGBA region and its hole; the hole's pixels are overwritten, the others never touched. */
export interface FillRegion {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
  /** width*height, non-zero = to fill. */
  hole: Uint8Array;
}

export interface FillOptions extends MatchParams {
  /** Seeds the random search: the same seed and input give the same bytes. */
  seed: number;
  /** The structure pass starts at the level where the hole is at most this many pixels deep. */
  stopDepth: number;
  /** ...and has at most this many hole pixels (a thin hole goes coarser). */
  coarseBudget: number;
  /**
   * A finer level with at most this many hole pixels gets search-and-vote iterations; above it
   * the hole is filled by one vote from the last searched level, its offsets scaled up.
   */
  fullBudget: number;
  /**
   * Iterations at a pass's coarsest level, times its hole pixels (a small coarsest level gets
   * many, a large one at least 3), and at each finer searched level.
   */
  coarseWork: number;
  iterations: number;
  /** Random search radius below the coarsest level (its matches come from above, near enough). */
  fineRadius: number;
  /** Share of the harmonic fill in the structure pass's start (the rest: the patch peel). */
  smoothStart: number;
  /** False: the structure pass alone (smooth on large holes; for comparison). */
  texture: boolean;
  /** The texture pass starts where the hole is at most this deep and has at most `textureBudget` pixels. */
  textureDepth: number;
  textureBudget: number;
  /**
   * After each vote at the texture pass's coarse levels, this share of each hole pixel is
   * taken from the structure pass's result (half of it one level above the finest, none at
   * the finest), so the texture follows the structure's layout.
   */
  structurePull: number;
  /**
   * The texture pass also goes to the level below the structure pass's finest when its hole
   * has at most this many pixels: no search there, the matches scaled up and weighed anew.
   */
  textureFullBudget: number;
  /** σ, in pixels of the texture pass's finest level, of the blur that splits the two bands. */
  bandSigma: number;
  /**
   * RGB distance between the two passes' low bands at which the texture's detail is mostly
   * faded out for the structure's pixels (where the texture pass has put other content).
   */
  textureTolerance: number;
}

export const DEFAULT_FILL_OPTIONS: FillOptions = {
  seed: 1,
  r: 3,
  texWeight: 2,
  gamma: 1.3,
  sigmaScale: 1,
  stopDepth: 64,
  coarseBudget: 25_000,
  fullBudget: 60_000,
  coarseWork: 16_000,
  iterations: 1,
  fineRadius: 32,
  smoothStart: 0.7,
  texture: true,
  textureDepth: 16,
  textureBudget: 4_000,
  structurePull: 0.5,
  textureFullBudget: 160_000,
  bandSigma: 3,
  textureTolerance: 40,
};

/** Why a fill cannot start. */
export class FillError extends Error {
  constructor(readonly code: 'no-source') {
    super('The hole covers the whole region: there is nothing to fill it from.');
    this.name = 'FillError';
  }
}

/** Thrown by `fillRegion` when `shouldCancel` answers true. */
export class FillCancelled extends Error {
  constructor() {
    super('The fill was cancelled.');
    this.name = 'AbortError';
  }
}

/** What the fill did, for benchmarks and tests. */
export interface FillStats {
  holePixels: number;
  /** Pyramid levels built, and the coarsest and finest that were searched (0 = full size). */
  levels: number;
  coarsest: number;
  finestSearched: number;
  /** The texture pass's coarsest level (-1: no texture pass). */
  textureCoarsest: number;
  /** True when the region had no patch to copy from and got the harmonic fill alone. */
  smoothOnly: boolean;
}

/** No level is made smaller than this on its short side. */
const MIN_SIDE = 16;
/** A level needs this many source patches to be worth searching. */
const MIN_SOURCES = 16;
/** Relaxation sweeps per level of the harmonic start (coarse to fine, so few suffice). */
const HARMONIC_SWEEPS = 40;

interface Pyramid { levels: Level[]; structureTop: number; textureTop: number }

/** Halves until both passes have their start; then on while the hole is large, for the harmonic start. */
function buildPyramid(l0: Level, o: FillOptions): Pyramid {
  const levels = [l0];
  let structureTop = -1;
  let textureTop = -1;
  for (;;) {
    const k = levels.length - 1;
    const cur = levels[k]!;
    if (structureTop < 0 || textureTop < 0) {
      const depth = holeDepth(cur);
      if (structureTop < 0 && cur.holes.length <= o.coarseBudget && depth <= o.stopDepth) structureTop = k;
      if (textureTop < 0 && cur.holes.length <= o.textureBudget && depth <= o.textureDepth) textureTop = k;
    }
    if (Math.min(cur.w, cur.h) / 2 < MIN_SIDE || (structureTop >= 0 && textureTop >= 0 && cur.holes.length < 64)) break;
    levels.push(downsample(cur));
  }
  const last = levels.length - 1;
  return { levels, structureTop: structureTop < 0 ? last : structureTop, textureTop: textureTop < 0 ? last : textureTop };
}

/** The field of the coarsest level from `from` down to `to` with enough sources, or null. */
function firstSearchable(levels: Level[], from: number, to: number, p: MatchParams): { k: number; field: Field } | null {
  for (let k = from; k >= to; k--) {
    const field = makeField(levels[k]!, p);
    if (field.sources.length >= MIN_SOURCES) return { k, field };
  }
  return null;
}


/**
 * Fills `region.hole` in `region.rgba`; yields progress fractions; returns what it did.
 *
 * A fully transparent pixel (alpha 0) carries no colour (a canvas reads it as black), so one
 * outside the hole is neither copied from nor a rim value: it is filled along with the hole
 * and then given its own bytes back. An extended canvas whose new border is transparent (and
 * masked) thus fills from the photo alone, even where the user left part of the border unmasked.
 */
export function* fillSteps(region: FillRegion, options: Partial<FillOptions> = {}): Generator<number, FillStats, void> {
  const { width: w, height: h, rgba } = region;
  const hole = new Uint8Array(w * h);
  let painted = 0;
  const voids: number[] = [];
  for (let i = 0; i < hole.length; i++) {
    if (region.hole[i]) { hole[i] = 1; painted++; } else if (rgba[i * 4 + 3] === 0) voids.push(i);
  }
  if (painted === 0) return { holePixels: 0, levels: 0, coarsest: 0, finestSearched: 0, textureCoarsest: -1, smoothOnly: false };
  const kept = new Uint8ClampedArray(voids.length * 4);
  voids.forEach((p, k) => { kept.set(rgba.subarray(p * 4, p * 4 + 4), k * 4); hole[p] = 1; });
  const stats = yield* fillHole(rgba, w, h, hole, { ...DEFAULT_FILL_OPTIONS, ...options });
  voids.forEach((p, k) => rgba.set(kept.subarray(k * 4, k * 4 + 4), p * 4));
  return { ...stats, holePixels: painted };
}

/** The fill proper, over `hole` (1 = fill; every pixel outside it is a source). */
function* fillHole(rgba: Uint8ClampedArray, w: number, h: number, hole: Uint8Array, o: FillOptions): Generator<number, FillStats, void> {
  const l0 = makeLevel(w, h, rgba, hole);
  const stats: FillStats = { holePixels: l0.holes.length, levels: 0, coarsest: 0, finestSearched: 0, textureCoarsest: -1, smoothOnly: false };
  if (l0.holes.length === w * h) throw new FillError('no-source');

  const { levels, structureTop, textureTop } = buildPyramid(l0, o);
  stats.levels = levels.length;
  const start = firstSearchable(levels, structureTop, 0, o);
  harmonicFill(levels, Math.max(start?.k ?? 0, 0), HARMONIC_SWEEPS);
  if (!start) {
    stats.smoothOnly = true;
    yield 1;
    return stats;
  }
  const top = start.k;
  stats.coarsest = top;
  // Which levels are searched: the coarsest always; finer ones while they fit the budget.
  let finest = top;
  while (finest > 0 && levels[finest - 1]!.holes.length <= o.fullBudget) finest--;
  stats.finestSearched = finest;
  // The texture pass ends at the same level, or one finer (searched lightly) when it fits.
  const textureFinest = finest > 0 && levels[finest - 1]!.holes.length <= o.textureFullBudget ? finest - 1 : finest;
  const texStart = o.texture ? firstSearchable(levels, Math.max(textureTop, top), top, o) : null;
  stats.textureCoarsest = texStart?.k ?? -1;

  const iterationsAt = (k: number) => Math.max(3, Math.min(8, Math.round(o.coarseWork / levels[k]!.holes.length)));
  const rand = makeRandom(o.seed);
  const progress = new Progress();
  const structure: Pass = {
    levels, top, finest, topIterations: iterationsAt(top),
    iterationsAt: () => o.iterations, sweepsAt: () => 1, radiusAt: () => o.fineRadius,
    vote: MEAN_VOTE, finalVote: MEAN_VOTE,
    prepare: (k) => computeTexture(levels[k]!, 0),
    afterVote: () => {},
  };
  const texture = texStart && texturePass(levels, texStart.k, iterationsAt(texStart.k), textureFinest, {
    iterations: o.iterations, fineRadius: o.fineRadius, structurePull: o.structurePull,
    lightLevel: textureFinest < finest ? textureFinest : -1,
    topFeatureSweeps: HARMONIC_SWEEPS * 4,
  });
  // Work: the passes, the votes from a coarser level (the structure's into the texture's
  // finest level, and the last into full size).
  const finalShift = texture ? textureFinest : finest;
  progress.total = passCost(structure) + (texture ? passCost(texture.pass) : 0) +
    (texture && textureFinest < finest ? levels[textureFinest]!.holes.length * 3 : 0) + (finalShift > 0 ? l0.holes.length * 3 : 0);

  // The structure pass starts mostly from the harmonic fill (the safest guess pixel by pixel)
  // with some of a patch-by-patch peel from the rim (which carries edges and regions into the
  // hole): the search then settles near content that is both likely and structured.
  const topLevel = levels[top]!;
  computeTexture(topLevel, HARMONIC_SWEEPS * 4);
  const smooth = topLevel.img.slice();
  peelWithPatches(start.field, rand);
  const keep = o.smoothStart;
  for (const p of topLevel.holes) {
    for (let c = 0; c < 4; c++) topLevel.img[p * 4 + c] = keep * smooth[p * 4 + c]! + (1 - keep) * topLevel.img[p * 4 + c]!;
  }
  let field = yield* runPass(structure, start.field, rand, progress);
  if (!texture || !texStart) {
    if (finest > 0) yield* voteInto(l0, field, finest, MEAN_VOTE, progress);
    yield 1;
    return stats;
  }

  texture.begin(finest, top, texStart.field, rand);
  // The structure at the texture's finest level, for the composite.
  const kt = textureFinest;
  if (kt < finest) yield* voteInto(levels[kt]!, field, finest - kt, MEAN_VOTE, progress);
  const structureHole = holePixels(levels[kt]!);
  field = yield* runPass(texture.pass, texStart.field, rand, progress);
  // Where the passes disagree, the structure's pixels are restored only at full size: from a
  // coarser level their edges would not line up with those of the full-size vote.
  const corr = bandCorrection(levels[kt]!, structureHole, o.bandSigma, kt === 0 ? o.textureTolerance : Infinity);
  if (kt > 0) yield* voteInto(l0, field, kt, MEAN_PIXEL_VOTE, progress);
  applyCorrection(l0, corr, kt);
  yield 1;
  return stats;
}

/**
 * Runs a fill to the end. `shouldCancel` is asked at every yield (a few milliseconds apart);
 * when it answers true the fill stops with `FillCancelled`, leaving the hole half-done.
 */
export function fillRegion(region: FillRegion, options: Partial<FillOptions> = {},
  hooks: { onProgress?: (fraction: number) => void; shouldCancel?: () => boolean } = {}): FillStats {
  const it = fillSteps(region, options);
  for (;;) {
    const step = it.next();
    if (step.done) return step.value;
    hooks.onProgress?.(step.value);
    if (hooks.shouldCancel?.()) throw new FillCancelled();
  }
}
