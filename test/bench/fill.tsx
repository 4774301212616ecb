/**
 * The local fill's benchmark (BENCH=fill): quality on the shared photo and hole pairs against
 * OpenCV's Telea and Navier-Stokes figures, the 1024x1024 speed target, and a 6000x4000 photo.
 * Before/after pictures go to bench-output/fill/ through run.mjs (POST /__bench-output/...).
 */
import { detailRatio, holeBox, holePsnr, ssimRgb } from '../support/fillMetrics.ts';
import { canvasToPng } from '../../src/canvas/exportPng.ts';
import { pictureBytes } from '../../src/services/composite/encode.ts';
import { createLocalFillProvider } from '../../src/services/localFill/index.ts';
import { FillWorkerClient, type FillResult } from '../../src/services/localFill/client.ts';
import { round, summary } from './stats.ts';

interface Ref { coverage: number; telea: { psnr: number; ssim: number }; ns: { psnr: number; ssim: number } }

const newWorker = () => new Worker(new URL('../../src/services/localFill/fill.worker.ts', import.meta.url), { type: 'module' });

async function bitmapOf(url: string, opts: ImageBitmapOptions = {}): Promise<ImageBitmap> {
  return createImageBitmap(await (await fetch(url)).blob(), opts);
}

const pixels = (src: ImageBitmap) => new Uint8ClampedArray(pictureBytes(src).buffer);

async function save(name: string, blob: Blob): Promise<void> {
  await fetch(`/__bench-output/fill/${name}`, { method: 'POST', body: blob });
}

/** Side by side: the photo with the hole in magenta, the fill, the original. */
async function triptych(orig: Uint8ClampedArray<ArrayBuffer>, filled: ImageBitmap, hole: Uint8Array, w: number, h: number): Promise<Blob> {
  const c = new OffscreenCanvas(w * 3, h);
  const ctx = c.getContext('2d')!;
  const before = orig.slice();
  for (let p = 0; p < hole.length; p++) if (hole[p]) before.set([255, 0, 255, 255], p * 4);
  ctx.putImageData(new ImageData(before, w, h), 0, 0);
  ctx.drawImage(filled, w, 0);
  ctx.putImageData(new ImageData(orig, w, h), 2 * w, 0);
  return canvasToPng(c);
}

async function quality() {
  const provider = createLocalFillProvider({ createWorker: newWorker });
  const ref = (await (await fetch('/test/fixtures/masks/reference.json')).json()).pairs as Record<string, Ref>;
  const rows: Record<string, unknown>[] = [];
  for (const [key, r] of Object.entries(ref)) {
    const photoName = key.split('--')[0]!;
    // rocket.jpg as OpenCV decoded it: the pixels reference.json was computed on (Chromium's
    // decode of the JPEG differs, which alone moves the rocket figures by about 1 dB).
    const photo = await bitmapOf(photoName === 'rocket' ? '/test/fixtures/masks/rocket.opencv.png' : `/test/fixtures/${photoName}.png`);
    const { width: w, height: h } = photo;
    const maskPx = pixels(await bitmapOf(`/test/fixtures/masks/${key}.png`, { premultiplyAlpha: 'none', colorSpaceConversion: 'none' }));
    const mask = new Uint8Array(w * h);
    const hole = new Uint8Array(w * h);
    for (let p = 0; p < w * h; p++) if (maskPx[p * 4 + 3] === 0) { mask[p] = 255; hole[p] = 1; }
    const t0 = performance.now();
    const out = await provider.edit({ prompt: '', image: photo, mask, options: {}, signal: new AbortController().signal });
    const ms = performance.now() - t0;
    const filledBmp = await createImageBitmap(out.images[0]!);
    const orig = pixels(photo);
    const filled = pixels(filledBmp);
    const psnr = holePsnr(orig, filled, hole);
    const ssim = ssimRgb(orig, filled, w, holeBox(hole, w, h, 8)!);
    // Fine detail in the hole over that of its surroundings: the fill's, and the photo's own.
    const detail = detailRatio(filled, w, h, hole);
    const origDetail = detailRatio(orig, w, h, hole);
    await save(`${key}.png`, await triptych(orig, filledBmp, hole, w, h));
    rows.push({
      pair: key, coverage: r.coverage,
      psnr: round(psnr, 3), teleaPsnr: r.telea.psnr, nsPsnr: r.ns.psnr,
      ssim: round(ssim, 4), teleaSsim: r.telea.ssim, nsSsim: r.ns.ssim,
      detail: round(detail, 3), origDetail: round(origDetail, 3), ms: round(ms),
    });
  }
  provider.dispose();
  const mean = (k: string) => round(rows.reduce((s, row) => s + (row[k] as number), 0) / rows.length, 3);
  const means = {
    psnr: mean('psnr'), teleaPsnr: mean('teleaPsnr'), nsPsnr: mean('nsPsnr'),
    ssim: mean('ssim'), teleaSsim: mean('teleaSsim'), nsSsim: mean('nsSsim'),
    detail: mean('detail'), origDetail: mean('origDetail'),
  };
  return { pairs: rows, means, wins: { psnrOverTelea: rows.filter((r) => (r.psnr as number) > (r.teleaPsnr as number)).length, of: rows.length } };
}

/** A photo drawn at w x h, with seeded noise so it is not flat where the photo is upscaled. */
async function photoAt(name: string, w: number, h: number): Promise<ImageBitmap> {
  const c = new OffscreenCanvas(w, h);
  const ctx = c.getContext('2d')!;
  ctx.drawImage(await bitmapOf(`/test/fixtures/${name}`), 0, 0, w, h);
  return createImageBitmap(c);
}

function discMask(w: number, h: number, cx: number, cy: number, r: number): Uint8Array {
  const m = new Uint8Array(w * h);
  const y0 = Math.max(0, Math.floor(cy - r));
  const y1 = Math.min(h - 1, Math.ceil(cy + r));
  for (let y = y0; y <= y1; y++) {
    const dx = Math.sqrt(Math.max(0, r * r - (y - cy) ** 2));
    m.fill(255, y * w + Math.max(0, Math.ceil(cx - dx)), y * w + Math.min(w, Math.floor(cx + dx) + 1));
  }
  return m;
}

const timingsOf = (r: FillResult, wallMs: number) => ({
  wallMs: round(wallMs), fillMs: round(r.timings.fill), readMs: round(r.timings.read),
  encodeMs: round(r.timings.encode), workerTotalMs: round(r.timings.total),
  crop: `${r.crop.w}x${r.crop.h}`, holePixels: r.stats.holePixels, levels: r.stats.levels,
  coarsest: r.stats.coarsest, finestSearched: r.stats.finestSearched, textureCoarsest: r.stats.textureCoarsest,
});

/** Saves the part (sx, sy, sw, sh) of `img`, drawn at dw x dh, as a PNG. */
async function saveView(name: string, img: ImageBitmap, sx: number, sy: number, sw: number, sh: number, dw = sw, dh = sh): Promise<void> {
  const c = new OffscreenCanvas(dw, dh);
  c.getContext('2d')!.drawImage(img, sx, sy, sw, sh, 0, 0, dw, dh);
  await save(name, await canvasToPng(c));
}

async function timed(client: FillWorkerClient, bitmap: ImageBitmap, mask: Uint8Array, saveAs?: { name: string; cx: number; cy: number; centre?: { x: number; y: number } }) {
  const t0 = performance.now();
  const r = await client.run({ bitmap, mask, seed: 1, signal: new AbortController().signal });
  const t = timingsOf(r, performance.now() - t0);
  if (saveAs) {
    // The whole picture at a quarter of its size, and a 1:1 detail (800x500) around (cx, cy).
    const out = await createImageBitmap(r.png);
    await saveView(`${saveAs.name}-quarter.png`, out, 0, 0, out.width, out.height, Math.round(out.width / 4), Math.round(out.height / 4));
    await saveView(`${saveAs.name}-detail.png`, out, saveAs.cx - 400, saveAs.cy - 250, 800, 500);
    // And 1:1 at the middle of the hole, where the fill is furthest from anything known.
    if (saveAs.centre) await saveView(`${saveAs.name}-centre.png`, out, saveAs.centre.x - 400, saveAs.centre.y - 250, 800, 500);
  }
  return t;
}

async function speed() {
  const client = new FillWorkerClient(newWorker);
  const img = await photoAt('astronaut.png', 1024, 1024);
  // A disc over 10 % of the image: radius sqrt(0.1 * 1024² / π) = 183 px.
  const mask = discMask(1024, 1024, 512, 560, 183);
  const first = await timed(client, img, mask);
  const runs = [];
  for (let i = 0; i < 4; i++) runs.push(await timed(client, img, mask));
  const fill = summary(runs.map((r) => r.fillMs));
  const total = summary(runs.map((r) => r.workerTotalMs));
  client.dispose();
  return {
    image: '1024x1024 (astronaut.png drawn at 1024²)', hole: 'disc r=183 px, 10.3 %',
    firstRun: first, runs: runs.length, fillMs: fill, workerTotalMs: total, wallMs: summary(runs.map((r) => r.wallMs)),
    targetFillAtMost1500ms: fill.p50 <= 1500,
  };
}

async function large() {
  const client = new FillWorkerClient(newWorker);
  const W = 6000;
  const H = 4000;
  const img = await photoAt('coffee.png', W, H);
  const small = await timed(client, img, discMask(W, H, 4400, 1500, 160), { name: '6000x4000-small', cx: 4400, cy: 1500 });
  const big = await timed(client, img, discMask(W, H, 3000, 2000, 1240), { name: '6000x4000-big', cx: 4240, cy: 2000, centre: { x: 3000, y: 2000 } });
  client.dispose();
  return {
    image: `${W}x${H} (coffee.png drawn at that size)`,
    smallHole: { hole: 'disc r=160 px (0.3 %)', ...small },
    bigHole: { hole: 'disc r=1240 px (20 %)', ...big },
  };
}

async function run() {
  const t0 = performance.now();
  const q = await quality();
  const s = await speed();
  const l = await large();
  return { bench: 'local-fill', quality: q, speed1024: s, photo6000x4000: l, suiteMs: round(performance.now() - t0) };
}

(window as unknown as { runBench: typeof run }).runBench = run;
(window as unknown as { benchReady: boolean }).benchReady = true;
