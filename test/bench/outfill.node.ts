/**
 * `BENCH=outfill npm run bench`: outpainting quality of the local fill. Each shared photo has
 * 15 % of one side cut off (right and bottom; OUTFILL_SIDES=left,top,... for others) and is
 * extended back on a canvas of its own size whose new band is transparent and masked, as
 * Extend canvas sends it; the fill runs as its worker runs it (crop plan, then the core fill).
 * Reported per case: PSNR against the photo in the band and the band's detail ratio, beside a
 * mirror-padding baseline and the photo's own detail ratio there; the time per image; and one
 * 6000x4000 photo. Pictures (fill | mirror | photo) go to bench-output/outfill/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cropHole, planCrop } from '../../src/core/localFill/plan.ts';
import { fillRegion, type FillStats } from '../../src/core/localFill/fill.ts';
import { decodeRgba, encodeImage } from '../fake-openai/imageCodec.ts';
import { upscale } from './selectionCases.ts';
import { bandScores, cutAndExtend, mirrorPad, type Extended, type Rgba, type Side } from './outfillCases.ts';
import { round } from './stats.ts';
import { detailRatio } from '../support/fillMetrics.ts';

/** The shared photos (test/fixtures/README.md): camera.png is grey, read as RGBA. */
const PHOTOS = ['astronaut.png', 'camera.png', 'chelsea.png', 'coffee.png', 'rocket.jpg'];
const SHARE = 0.15;
const outDir = new URL('../../bench-output/outfill/', import.meta.url);

const fixture = (name: string): Rgba => {
  const img = decodeRgba(new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url))));
  if (!img) throw new Error(`cannot decode ${name}`);
  return img;
};

/** This process's CPU time so far, ms. */
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/**
 * Fills the extended canvas as `fill.worker.ts` does: the crop `planCrop` picks from a coverage
 * mask (255 on the band), the core fill on it, the hole's pixels put back.
 */
function fillAsWorker(e: Extended, seed = 1): { px: Uint8ClampedArray; stats: FillStats; wallMs: number; cpuMs: number; crop: string } {
  const { width: w, height: h } = e;
  const mask = new Uint8Array(w * h);
  for (let p = 0; p < mask.length; p++) mask[p] = e.hole[p] ? 255 : 0;
  const t0 = performance.now();
  const c0 = cpu();
  const crop = planCrop(mask, w, h)!;
  const rgba = new Uint8ClampedArray(crop.w * crop.h * 4);
  for (let y = 0; y < crop.h; y++) rgba.set(e.rgba.subarray(((crop.y + y) * w + crop.x) * 4, ((crop.y + y) * w + crop.x + crop.w) * 4), y * crop.w * 4);
  const hole = cropHole(mask, w, crop);
  const stats = fillRegion({ rgba, width: crop.w, height: crop.h, hole }, { seed });
  const px = e.rgba.slice();
  for (let y = 0; y < crop.h; y++) {
    for (let x = 0; x < crop.w; x++) {
      const q = y * crop.w + x;
      if (hole[q]) px.set(rgba.subarray(q * 4, q * 4 + 4), ((crop.y + y) * w + crop.x + x) * 4);
    }
  }
  return { px, stats, wallMs: performance.now() - t0, cpuMs: cpu() - c0, crop: `${crop.w}x${crop.h}` };
}

/** Writes images side by side (each w x h) as one PNG under bench-output/outfill/. */
function saveRow(name: string, w: number, h: number, images: ArrayLike<number>[]): void {
  const data = new Uint8Array(w * images.length * h * 4);
  images.forEach((img, i) => {
    for (let y = 0; y < h; y++) {
      const o = (y * images.length + i) * w * 4;
      for (let j = 0; j < w * 4; j++) data[o + j] = img[y * w * 4 + j]!;
    }
  });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(new URL(name, outDir), encodeImage({ width: w * images.length, height: h, data }, 'png'));
}

/** A box of an image as its own image (for 1:1 views of a large one). */
function cut(px: ArrayLike<number>, w: number, x0: number, y0: number, cw: number, ch: number): Uint8Array {
  const out = new Uint8Array(cw * ch * 4);
  for (let y = 0; y < ch; y++) for (let i = 0; i < cw * 4; i++) out[y * cw * 4 + i] = px[((y0 + y) * w + x0) * 4 + i]!;
  return out;
}

function photoCase(name: string, side: Side) {
  const photo = fixture(name);
  const e = cutAndExtend(photo, side, SHARE);
  const filled = fillAsWorker(e);
  const mirror = mirrorPad(e, side);
  const fill = bandScores(photo, filled.px, e);
  const base = bandScores(photo, mirror, e);
  saveRow(`${name.replace(/\.\w+$/, '')}-${side}.png`, e.width, e.height, [filled.px, mirror, photo.data]);
  return {
    photo: name, side, size: `${e.width}x${e.height}`, band: e.band,
    psnr: round(fill.psnr, 2), mirrorPsnr: round(base.psnr, 2),
    detail: round(fill.detail, 3), mirrorDetail: round(base.detail, 3),
    photoDetail: round(detailRatio(photo.data, e.width, e.height, e.hole), 3),
    wallMs: round(filled.wallMs), cpuMs: round(filled.cpuMs), crop: filled.crop,
    levels: filled.stats.levels, coarsest: filled.stats.coarsest, textureCoarsest: filled.stats.textureCoarsest,
  };
}

/** coffee.png scaled to 6000x4000 with grain (as the selection suite makes it), its right 15 % extended back. */
function large() {
  const photo = upscale(fixture('coffee.png'));
  const e = cutAndExtend(photo, 'right', SHARE);
  const filled = fillAsWorker(e);
  const fill = bandScores(photo, filled.px, e);
  const base = bandScores(photo, mirrorPad(e, 'right'), e);
  // 1:1 at the seam, 1200x800 (the band starts at x = 5100).
  const x0 = e.width - e.band - 600;
  saveRow('6000x4000-right-seam.png', 1200, 800, [cut(filled.px, e.width, x0, 1600, 1200, 800), cut(photo.data, e.width, x0, 1600, 1200, 800)]);
  return {
    photo: 'coffee.png at 6000x4000 (bilinear, ±3 grain)', side: 'right', band: e.band,
    psnr: round(fill.psnr, 2), mirrorPsnr: round(base.psnr, 2), detail: round(fill.detail, 3), mirrorDetail: round(base.detail, 3),
    photoDetail: round(detailRatio(photo.data, e.width, e.height, e.hole), 3),
    wallMs: round(filled.wallMs), cpuMs: round(filled.cpuMs), crop: filled.crop, holePixels: filled.stats.holePixels,
    levels: filled.stats.levels, coarsest: filled.stats.coarsest, finestSearched: filled.stats.finestSearched,
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const sides = (process.env.OUTFILL_SIDES ?? 'right,bottom').split(',') as Side[];
  const cases = PHOTOS.flatMap((name) => sides.map((side) => photoCase(name, side)));
  const mean = (k: 'psnr' | 'mirrorPsnr' | 'detail' | 'mirrorDetail' | 'photoDetail') => round(cases.reduce((s, c) => s + c[k], 0) / cases.length, 3);
  return {
    engine: `node ${process.version}`, share: SHARE, cases,
    means: { psnr: mean('psnr'), mirrorPsnr: mean('mirrorPsnr'), detail: mean('detail'), mirrorDetail: mean('mirrorDetail'), photoDetail: mean('photoDetail') },
    winsOverMirror: { psnr: cases.filter((c) => c.psnr > c.mirrorPsnr).length, of: cases.length },
    photo6000x4000: process.env.OUTFILL_LARGE === '0' ? null : large(),
  };
}
