/**
 * One pass of the fill, coarse to fine (Wexler, Shechtman & Irani 2007): at each searched level,
 * alternate PatchMatch searches over the hole's patches and votes that rewrite the hole from the
 * patches found; between levels, the finer hole is voted from the coarser matches, which are then
 * scaled up to start the finer search. A pass yields its progress so a worker can slice it.
 */
import { makeField, measure, sweep, upsample, weigh, type Field } from './field.ts';
import type { Level } from './pyramid.ts';
import { offsetsOf, vote, type VoteMode } from './vote.ts';

/** Patches (or hole pixels) processed between two yields. */
const CHUNK = 4096;

const log2 = (n: number) => Math.max(0, Math.floor(Math.log2(n)));

/** Counts work in patch evaluations to report a fraction that moves evenly. */
export class Progress {
  private done = 0;
  total = 0;
  add(units: number): number {
    this.done += units;
    return Math.min(0.99, this.done / Math.max(1, this.total));
  }
}

/** What a pass does at which levels. */
export interface Pass {
  levels: Level[];
  /** The coarsest searched level, whose field is given ready (sources and first matches). */
  top: number;
  /** The finest searched level. */
  finest: number;
  topIterations: number;
  /**
   * Iterations, PatchMatch sweeps an iteration and random search radius at a level below the
   * top (the top gets two sweeps over the whole level).
   */
  iterationsAt(k: number): number;
  sweepsAt(k: number): number;
  radiusAt(k: number): number;
  /** Votes of the finest level's last iteration: the texture pass keeps the best patch. */
  finalVote: VoteMode;
  /** The vote everywhere else. */
  vote: VoteMode;
  /** Sets a finer level's texture features before its hole is voted from the level above. */
  prepare(k: number): void;
  /** Runs after every vote into level k's hole. */
  afterVote(k: number): void;
}

/** Work units of a pass, for `Progress.total` (the sums `run` reports). */
export function passCost(p: Pass): number {
  let total = 0;
  for (let k = p.top; k >= p.finest; k--) {
    const l = p.levels[k]!;
    const targets = l.holes.length * 1.5;
    const iters = k === p.top ? p.topIterations : p.iterationsAt(k);
    const passes = k === p.top ? 2 : p.sweepsAt(k);
    const steps = 3 + log2(k === p.top ? Math.max(l.w, l.h) : Math.min(Math.max(l.w, l.h), p.radiusAt(k)));
    total += iters * (targets * (1 + passes * steps) + l.holes.length * 3) + l.holes.length * 3;
  }
  return total;
}

/** Runs the pass from its top field down to the finest level; returns the finest level's field. */
export function* runPass(p: Pass, top: Field, rand: () => number, progress: Progress): Generator<number, Field, void> {
  let sweeps = 0;

  function* iterate(f: Field, k: number, iters: number, passes: number, radius: number): Generator<number, void, void> {
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
      yield* voteInto(f.level, f, 0, k === p.finest && it === iters - 1 ? p.finalVote : p.vote, progress);
      p.afterVote(k);
    }
  }

  const topLevel = p.levels[p.top]!;
  yield* iterate(top, p.top, p.topIterations, 2, Math.max(topLevel.w, topLevel.h));
  let field = top;
  for (let k = p.top; k > p.finest; k--) {
    const fine = p.levels[k - 1]!;
    const next = makeField(fine, field.p);
    p.prepare(k - 1);
    yield* voteInto(fine, field, 1, p.vote, progress);
    p.afterVote(k - 1);
    upsample(next, field, rand);
    field = next;
    yield* iterate(field, k - 1, p.iterationsAt(k - 1), p.sweepsAt(k - 1), Math.min(Math.max(fine.w, fine.h), p.radiusAt(k - 1)));
  }
  return field;
}

/** Votes all of `dst`'s hole from field `f`, `shift` octaves coarser (3 work units a pixel). */
export function* voteInto(dst: Level, f: Field, shift: number, mode: VoteMode, progress: Progress): Generator<number, void, void> {
  const off = offsetsOf(f);
  const n = dst.holes.length;
  for (let s = 0; s < n; s += CHUNK) {
    vote(dst, f, off, shift, s, Math.min(n, s + CHUNK), mode);
    yield progress.add(Math.min(CHUNK, n - s) * 3);
  }
}
