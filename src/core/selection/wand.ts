/**
 * The magic wand: selects by colour similarity to the clicked pixel of the picture (its RGBA
 * pixels, never the mask overlay).
 *
 * - **Similarity**: the largest difference over the four channels, R, G, B and alpha, at most
 *   the tolerance (0-255), as GIMP's threshold and Photoshop's tolerance measure it. Alpha
 *   counts so that a click in an extended canvas's transparent area takes the transparent area,
 *   not the dark pixels that share its (0, 0, 0). Tolerance 0 takes exactly the clicked colour.
 * - **Contiguous**: the matching pixels 4-connected to the click (a diagonal touch does not
 *   leak across a one-pixel line, as in GIMP and Photoshop), by scanline flood fill.
 *   **Global**: every matching pixel.
 *
 * One pass builds the match labels over a Uint32 view of the pixels (no per-pixel allocation),
 * then the fill walks them and the region is drawn from the runs it filled. {@link wandFromBuffers} is the same for a worker: buffers in and out,
 * transferable.
 */
import { floodLabel, IntStack } from './flood.ts';
import type { Region } from './region.ts';
import { scratchU8 } from './scratch.ts';

/** The picture's pixels: RGBA, row-major, 4 bytes a pixel (ImageData's layout). */
export interface RgbaImage { width: number; height: number; data: Uint8Array | Uint8ClampedArray }

export interface WandOptions {
  /** The clicked pixel (image pixels; fractions are floored to the pixel under the point). */
  x: number;
  y: number;
  /** 0-255: the largest channel difference still selected. */
  tolerance: number;
  /** true: only pixels connected to the click; false: every similar pixel. */
  contiguous: boolean;
}

const MATCH = 1;
const TAKEN = 255;

/** Writes `hit` into `labels` for every pixel within tolerance of `seed`, 0 elsewhere. */
function matchLabels(px: Uint32Array, seed: number, tol: number, labels: Uint8Array, hit: number): void {
  const r0 = seed & 255;
  const g0 = (seed >>> 8) & 255;
  const b0 = (seed >>> 16) & 255;
  const a0 = seed >>> 24;
  for (let i = 0; i < px.length; i++) {
    const v = px[i]!;
    if (v === seed) { labels[i] = hit; continue; }
    const dr = (v & 255) - r0;
    const dg = ((v >>> 8) & 255) - g0;
    const db = ((v >>> 16) & 255) - b0;
    const da = (v >>> 24) - a0;
    labels[i] = dr <= tol && dr >= -tol && dg <= tol && dg >= -tol && db <= tol && db >= -tol && da <= tol && da >= -tol ? hit : 0;
  }
}

const NONE: Region = { x: 0, y: 0, w: 0, h: 0, data: new Uint8Array(0) };

/** Crops a w x h 0/255 coverage to its bounding box, copying whole rows. */
function cropRows(labels: Uint8Array, w: number, h: number): Region {
  let x0 = w;
  let x1 = -1;
  let y0 = -1;
  let y1 = -1;
  for (let y = 0; y < h; y++) {
    const row = labels.subarray(y * w, (y + 1) * w);
    const first = row.indexOf(TAKEN);
    if (first < 0) continue;
    if (y0 < 0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    const last = row.lastIndexOf(TAKEN);
    if (last > x1) x1 = last;
  }
  if (y0 < 0) return { ...NONE, data: new Uint8Array(0) };
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const data = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) data.set(labels.subarray((y0 + y) * w + x0, (y0 + y) * w + x0 + bw), y * bw);
  return { x: x0, y: y0, w: bw, h: bh, data };
}

/** The region drawn by a fill's runs, (row, first, last) triples. */
function fromRuns(runs: IntStack): Region {
  const d = runs.data;
  let x0 = Infinity;
  let x1 = -1;
  let y0 = Infinity;
  let y1 = -1;
  for (let k = 0; k < runs.length; k += 3) {
    if (d[k]! < y0) y0 = d[k]!;
    if (d[k]! > y1) y1 = d[k]!;
    if (d[k + 1]! < x0) x0 = d[k + 1]!;
    if (d[k + 2]! > x1) x1 = d[k + 2]!;
  }
  const bw = x1 - x0 + 1;
  const data = new Uint8Array(bw * (y1 - y0 + 1));
  for (let k = 0; k < runs.length; k += 3) {
    const at = (d[k]! - y0) * bw - x0;
    data.fill(TAKEN, at + d[k + 1]!, at + d[k + 2]! + 1);
  }
  return { x: x0, y: y0, w: bw, h: y1 - y0 + 1, data };
}

/**
 * The wand's selection for a click: a region (its bounding box) with 255 where selected.
 * A click outside the picture selects nothing.
 */
export function magicWand(img: RgbaImage, opts: WandOptions): Region {
  const { width: w, height: h } = img;
  const sx = Math.floor(opts.x);
  const sy = Math.floor(opts.y);
  if (sx < 0 || sy < 0 || sx >= w || sy >= h) return { ...NONE, data: new Uint8Array(0) };
  const tol = Math.max(0, Math.min(255, Math.round(opts.tolerance)));
  const d = img.data;
  // An unaligned view cannot be a Uint32Array; copy once in that rare case.
  const px = d.byteOffset % 4 === 0
    ? new Uint32Array(d.buffer, d.byteOffset, w * h)
    : new Uint32Array(new Uint8Array(d.buffer, d.byteOffset, w * h * 4).slice().buffer);
  const labels = scratchU8('wand.labels', w * h);
  const seed = px[sy * w + sx]!;
  if (!opts.contiguous) {
    matchLabels(px, seed, tol, labels, TAKEN);
    return cropRows(labels, w, h);
  }
  matchLabels(px, seed, tol, labels, MATCH);
  const runs = new IntStack(4096);
  floodLabel(labels, w, h, sx, sy, MATCH, TAKEN, false, runs);
  return fromRuns(runs);
}

/** What a worker receives: the picture's RGBA bytes as a transferable buffer, and the click. */
export interface WandRequest extends WandOptions { width: number; height: number; pixels: ArrayBuffer }

/** What it sends back: the selection's box and its coverage bytes (transfer `data`). */
export interface WandResponse { x: number; y: number; w: number; h: number; data: ArrayBuffer }

/**
 * {@link magicWand} for a worker: takes the picture as an ArrayBuffer (transferred in) and
 * returns the region with its coverage as an ArrayBuffer to transfer back
 * (`postMessage(res, [res.data])`). Keeps no state, so one worker serves any number of clicks.
 */
export function wandFromBuffers(req: WandRequest): WandResponse {
  const r = magicWand({ width: req.width, height: req.height, data: new Uint8Array(req.pixels) }, req);
  const data = r.data.byteOffset === 0 && r.data.byteLength === r.data.buffer.byteLength
    ? r.data.buffer as ArrayBuffer : r.data.slice().buffer;
  return { x: r.x, y: r.y, w: r.w, h: r.h, data };
}
