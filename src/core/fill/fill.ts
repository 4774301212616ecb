/**
 * Content-aware hole filling, coarse to fine (Wexler, Shechtman & Irani 2007, with PatchMatch
 * searches and Newson et al.'s texture features): at each pyramid level, alternate finding for
 * every patch over the hole the most similar known patch, and rewriting the hole as the
 * weighted vote of those patches. The coarsest level starts from a blend of the harmonic
 * (membrane) fill and a patch-by-patch peel from the hole's rim (`peel.ts`).
 * Pure: RGBA arrays in, the hole's pixels rewritten in place; seeded, so reproducible.
 *
 * `fillSteps` is a generator that yields its progress (0..1) every few thousand patches, so a
 * worker can slice the work, report progress and stop at any yield; `fillRegion` runs it
 * through in one go.
 */
import { makeField, measure, sweep, upsample, weigh, type Field, type MatchParams } from './field.ts';
import { harmonicFill } from './harmonic.ts';
import { downsample, holeDepth, makeLevel, type Level } from './pyramid.ts';
import { peelWithPatches } from './peel.ts';
import { makeRandom } from './rng.ts';
import { computeTexture } from './texture.ts';
import { offsetsOf, vote } from './vote.ts';

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
  /** The search starts at the level where the hole is at most this many pixels deep. */
  stopDepth: number;
  /** The search starts at a level with at most this many hole pixels (a thin hole goes coarser). */
  coarseBudget: number;
  /**
   * A finer level with at most this many hole pixels gets search-and-vote iterations; above it
   * the hole is filled by one vote from the last searched level, its offsets scaled up.
   */
  fullBudget: number;
  /**
   * Iterations at the coarsest level, times its hole pixels (a small coarsest level gets many,
   * a large one at least 3), and at each finer searched level.
   */
  coarseWork: number;
  iterations: number;
  /** Random search radius below the coarsest level (its matches come from above, near enough). */
  fineRadius: number;
  /** Share of the harmonic fill in the coarsest level's start (the rest: the patch peel). */
  smoothStart: number;
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
  coarseWork: 64_000,
  iterations: 2,
  fineRadius: 32,
  smoothStart: 0.7,
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
  /** True when the region had no patch to copy from and got the harmonic fill alone. */
  smoothOnly: boolean;
}

/** No level is made smaller than this on its short side. */
const MIN_SIDE = 16;
/** A level needs this many source patches to be worth searching. */
const MIN_SOURCES = 16;
/** Patches (or hole pixels) processed between two yields. */
const CHUNK = 4096;
/** Relaxation sweeps per level of the harmonic start (coarse to fine, so few suffice). */
const HARMONIC_SWEEPS = 40;

/** Halves until the hole is shallow and small enough; then on, for the harmonic start only. */
function buildPyramid(l0: Level, o: FillOptions): { levels: Level[]; searchTop: number } {
  const levels = [l0];
  let searchTop = -1;
  for (;;) {
    const cur = levels[levels.length - 1]!;
    if (searchTop < 0 && cur.holes.length <= o.coarseBudget && holeDepth(cur) <= o.stopDepth) searchTop = levels.length - 1;
    if (Math.min(cur.w, cur.h) / 2 < MIN_SIDE || (searchTop >= 0 && cur.holes.length < 64)) break;
    levels.push(downsample(cur));
  }
  if (searchTop < 0) searchTop = levels.length - 1;
  return { levels, searchTop };
}

const log2 = (n: number) => Math.max(0, Math.floor(Math.log2(n)));

/** Counts work in patch evaluations to report a fraction that moves evenly. */
class Progress {
  done = 0;
  constructor(private total: number) {}
  add(units: number): number {
    this.done += units;
    return Math.min(0.99, this.done / this.total);
  }
}

/** Fills `region.hole` in `region.rgba`; yields progress fractions; returns what it did. */
export function* fillSteps(region: FillRegion, options: Partial<FillOptions> = {}): Generator<number, FillStats, void> {
  const o: FillOptions = { ...DEFAULT_FILL_OPTIONS, ...options };
  const { width: w, height: h } = region;
  const hole = new Uint8Array(w * h);
  for (let i = 0; i < hole.length; i++) hole[i] = region.hole[i] ? 1 : 0;
  const l0 = makeLevel(w, h, region.rgba, hole);
  const stats: FillStats = { holePixels: l0.holes.length, levels: 0, coarsest: 0, finestSearched: 0, smoothOnly: false };
  if (l0.holes.length === 0) return stats;
  if (l0.holes.length === w * h) throw new FillError('no-source');

  const { levels, searchTop } = buildPyramid(l0, o);
  stats.levels = levels.length;
  let top = searchTop;
  let field: Field | null = null;
  for (; top >= 0; top--) {
    const f = makeField(levels[top]!, o);
    if (f.sources.length >= MIN_SOURCES) { field = f; break; }
  }
  harmonicFill(levels, Math.max(top, 0), HARMONIC_SWEEPS);
  if (!field) {
    stats.smoothOnly = true;
    yield 1;
    return stats;
  }
  stats.coarsest = top;

  // Which levels are searched: the coarsest always; finer ones while they fit the budget.
  let finest = top;
  while (finest > 0 && levels[finest - 1]!.holes.length <= o.fullBudget) finest--;
  stats.finestSearched = finest;

  const coarseIterations = Math.max(3, Math.min(8, Math.round(o.coarseWork / levels[top]!.holes.length)));
  const rand = makeRandom(o.seed);
  let total = 0;
  for (let k = top; k >= finest; k--) {
    const l = levels[k]!;
    const t = l.holes.length * 1.5;
    const iters = k === top ? coarseIterations : o.iterations;
    const passes = k === top ? 2 : 1;
    const steps = 3 + log2(k === top ? Math.max(l.w, l.h) : Math.min(Math.max(l.w, l.h), o.fineRadius));
    total += iters * (t * (1 + passes * steps) + l.holes.length * 3) + l.holes.length * 3;
  }
  if (finest > 0) total += l0.holes.length * 3;
  const progress = new Progress(total);
  let sweeps = 0;

  function* iterate(f: Field, iters: number, passes: number, radius: number): Generator<number, void, void> {
    const n = f.tpix.length;
    const steps = 3 + log2(radius);
    for (let it = 0; it < iters; it++) {
      for (let s = 0; s < n; s += CHUNK) {
        measure(f, s, Math.min(n, s + CHUNK));
        yield progress.add(Math.min(CHUNK, n - s));
      }
      for (let pass = 0; pass < passes; pass++, sweeps++) {
        for (let s = 0; s < n; s += CHUNK) {
          sweep(f, rand, (sweeps & 1) === 1, radius, s, Math.min(n, s + CHUNK));
          yield progress.add(Math.min(CHUNK, n - s) * steps);
        }
      }
      weigh(f);
      yield* voteAll(f.level, f, 0);
    }
  }

  function* voteAll(dst: Level, f: Field, shift: number): Generator<number, void, void> {
    const off = offsetsOf(f);
    const n = dst.holes.length;
    for (let s = 0; s < n; s += CHUNK) {
      vote(dst, f, off, shift, s, Math.min(n, s + CHUNK));
      yield progress.add(Math.min(CHUNK, n - s) * 3);
    }
  }

  const topLevel = levels[top]!;
  computeTexture(topLevel, HARMONIC_SWEEPS * 4);
  // The start is mostly the harmonic fill (the safest guess pixel by pixel) with some of a
  // patch-by-patch peel from the rim (which carries edges and regions into the hole): the
  // search then settles near content that is both likely and structured.
  const smooth = topLevel.img.slice();
  peelWithPatches(field, rand);
  const keep = o.smoothStart;
  for (const p of topLevel.holes) {
    for (let c = 0; c < 4; c++) topLevel.img[p * 4 + c] = keep * smooth[p * 4 + c]! + (1 - keep) * topLevel.img[p * 4 + c]!;
  }
  yield* iterate(field, coarseIterations, 2, Math.max(topLevel.w, topLevel.h));
  let k = top;
  while (k > finest) {
    const fine = levels[k - 1]!;
    const next = makeField(fine, o);
    computeTexture(fine, 0);
    yield* voteAll(fine, field, 1);
    upsample(next, field, rand);
    field = next;
    k--;
    yield* iterate(field, o.iterations, 1, Math.min(Math.max(fine.w, fine.h), o.fineRadius));
  }
  if (k > 0) yield* voteAll(l0, field, k);
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
