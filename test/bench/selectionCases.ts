/**
 * The selection bench's cases, shared by its Node suite (selection.node.ts) and its Chromium
 * page (selection.html): the same 6000x4000 picture and 10 % mask made the same way, so the two
 * report on identical pixels. Every case is timed 5 times after one warm-up, p50 reported.
 */
import { combine } from '../../src/core/selection/combine.ts';
import { fillHoles, removeSpecks } from '../../src/core/selection/components.ts';
import { grow, shrink, smooth } from '../../src/core/selection/morph.ts';
import { rasterPolygon } from '../../src/core/selection/polygon.ts';
import type { MaskBuffer } from '../../src/core/selection/region.ts';
import { magicWand, type RgbaImage } from '../../src/core/selection/wand.ts';
import { round, rng, summary } from './stats.ts';

export const W = 6000;
export const H = 4000;
const RUNS = 5;

/**
 * A w x h picture from a small photo: bilinear upscale plus a deterministic +-3 grain on each
 * colour channel, as a real 24 MP photo's sensor noise makes a wand's region ragged.
 */
export function upscale(src: RgbaImage, w = W, h = H): RgbaImage {
  const out = new Uint8Array(w * h * 4);
  const rand = rng(5);
  const sw = src.width;
  const sh = src.height;
  for (let y = 0; y < h; y++) {
    const fy = Math.min(sh - 1, Math.max(0, ((y + 0.5) * sh) / h - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(sh - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(sw - 1, Math.max(0, ((x + 0.5) * sw) / w - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(sw - 1, x0 + 1);
      const tx = fx - x0;
      const o = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) {
        const a = src.data[(y0 * sw + x0) * 4 + c]! * (1 - tx) + src.data[(y0 * sw + x1) * 4 + c]! * tx;
        const b = src.data[(y1 * sw + x0) * 4 + c]! * (1 - tx) + src.data[(y1 * sw + x1) * 4 + c]! * tx;
        out[o + c] = Math.max(0, Math.min(255, Math.round(a * (1 - ty) + b * ty + (rand() * 7 - 3.5))));
      }
      out[o + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}

/**
 * A 10 % mask: the fixture's blob (alpha 0 = hole) scaled up by nearest neighbour, with 200
 * small holes punched in it and 400 specks sprinkled beside it, so fill holes and remove
 * specks have work to do.
 */
export function tenPercentMask(blob: RgbaImage): MaskBuffer {
  const data = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    const sy = Math.floor((y * blob.height) / H);
    for (let x = 0; x < W; x++) if (blob.data[(sy * blob.width + Math.floor((x * blob.width) / W)) * 4 + 3] === 0) data[y * W + x] = 255;
  }
  const rand = rng(9);
  const dot = (v: number, want: number) => {
    for (;;) {
      const x = Math.floor(rand() * (W - 8));
      const y = Math.floor(rand() * (H - 8));
      if (data[y * W + x] !== want) continue;
      for (let dy = 0; dy < 4; dy++) data.fill(v, (y + dy) * W + x, (y + dy) * W + x + 4);
      return;
    }
  };
  for (let i = 0; i < 200; i++) dot(0, 255);
  for (let i = 0; i < 400; i++) dot(255, 0);
  return { width: W, height: H, data };
}

const fraction = (n: number) => round(n / (W * H), 3);
const count = (d: Uint8Array) => { let n = 0; for (let i = 0; i < d.length; i++) if (d[i]) n++; return n; };

/** The wand tolerance whose contiguous region from (x, y) is nearest 30 % (binary search). */
export function toleranceFor30(img: RgbaImage, x: number, y: number): { tolerance: number; fraction: number } {
  let lo = 0;
  let hi = 255;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (count(magicWand(img, { x, y, tolerance: mid, contiguous: true }).data) / (W * H) < 0.3) lo = mid + 1;
    else hi = mid;
  }
  return { tolerance: lo, fraction: fraction(count(magicWand(img, { x, y, tolerance: lo, contiguous: true }).data)) };
}

type Summary = ReturnType<typeof summary> & { min: number };

/**
 * A clock of this process's CPU time in ms (Node's process.cpuUsage), where there is one: on a
 * machine shared with other jobs it shows the work itself, which wall time hides under waiting.
 */
export type CpuClock = (() => number) | null;

/** p50 and the rest, plus the fastest run (on a shared machine the least disturbed one). */
const stats = (v: number[]) => ({ ...summary(v), min: round(Math.min(...v)) });

/** Times f RUNS times after one warm-up; `prepare` runs untimed before each. */
function timer(cpu: CpuClock) {
  return <T>(f: (input: T) => unknown, prepare: () => T): { ms: Summary; cpuMs?: Summary } => {
    f(prepare());
    const ms: number[] = [];
    const cpuMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const input = prepare();
      const c0 = cpu?.() ?? 0;
      const t0 = performance.now();
      f(input);
      ms.push(performance.now() - t0);
      if (cpu) cpuMs.push(cpu() - c0);
    }
    return cpu ? { ms: stats(ms), cpuMs: stats(cpuMs) } : { ms: stats(ms) };
  };
}

/** A freehand lasso: 2,000 points on a wobbly loop round the middle (about 30 % of the picture). */
function lassoPoints(): { x: number; y: number }[] {
  const rand = rng(3);
  return Array.from({ length: 2000 }, (_, i) => {
    const t = (i / 2000) * 2 * Math.PI;
    const r = 0.31 + 0.04 * Math.sin(7 * t) + 0.01 * rand();
    return { x: W / 2 + r * W * Math.cos(t), y: H / 2 + r * H * Math.sin(t) };
  });
}

/** The wand click: on the coffee photo's wall, top left. */
export const WAND_CLICK = { x: 900, y: 500 };

/**
 * Runs the cases; `only` picks some (the Chromium page times the wand and grow), `cpu` adds CPU
 * time where the engine can read it.
 */
export function runSelectionCases(img: RgbaImage, mask: MaskBuffer, opts: { only?: readonly string[]; cpu?: CpuClock } = {}): Record<string, unknown> {
  const want = (name: string) => !opts.only || opts.only.includes(name);
  const time = timer(opts.cpu ?? null);
  const copy = () => ({ width: W, height: H, data: mask.data.slice() });
  const out: Record<string, unknown> = { size: `${W}x${H}`, maskFraction: fraction(count(mask.data)), runs: RUNS };
  if (want('wand')) {
    const { tolerance, fraction: f } = toleranceFor30(img, WAND_CLICK.x, WAND_CLICK.y);
    const click = { ...WAND_CLICK, tolerance, contiguous: true };
    out.wandContiguous = { click: WAND_CLICK, tolerance, selected: f, ...time(() => magicWand(img, click), () => null) };
    // Click to mask: the wand, then its region added into the mask buffer.
    out.wandAddToMask = time((m) => combine(m, magicWand(img, click), 'add'), copy);
    out.wandGlobal = time(() => magicWand(img, { ...click, contiguous: false }), () => null);
  }
  if (want('grow')) {
    out.grow5 = time((m) => grow(m, 5), copy);
    out.grow50 = time((m) => grow(m, 50), copy);
  }
  if (want('refine')) {
    out.shrink5 = time((m) => shrink(m, 5), copy);
    out.shrink50 = time((m) => shrink(m, 50), copy);
    out.fillHoles = time((m) => fillHoles(m), copy);
    out.removeSpecks64 = time((m) => removeSpecks(m, 64), copy);
    out.smooth4 = time((m) => smooth(m, 4), copy);
    out.smooth20 = time((m) => smooth(m, 20), copy);
  }
  if (want('lasso')) {
    const pts = lassoPoints();
    const region = rasterPolygon(pts, W, H);
    out.lasso2000Points = { selected: fraction(count(region.data)), ...time(() => rasterPolygon(pts, W, H), () => null) };
    out.lassoReplaceIntoMask = time((m) => combine(m, rasterPolygon(pts, W, H), 'replace'), copy);
  }
  return out;
}
