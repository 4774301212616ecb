import { afterAll, describe, expect, it } from 'vitest';
import { createLocalFillProvider, LocalFillError } from '../../src/services/localFill/index.ts';
import type { EditEvent, EditJob } from '../../src/core/provider/types.ts';
import { pictureBytes } from '../../src/services/composite/encode.ts';
import { decodePng } from './helpers.tsx';

const provider = createLocalFillProvider();
afterAll(() => provider.dispose());

/** The RGBA the browser holds for a bitmap (the same path decodes the output PNG). */
const pixelsOf = (bitmap: ImageBitmap) => new Uint8ClampedArray(pictureBytes(bitmap).buffer);

async function fixtureBitmap(name: string): Promise<ImageBitmap> {
  const blob = await (await fetch(`/test/fixtures/${name}`)).blob();
  return createImageBitmap(blob, { imageOrientation: 'from-image' });
}

/** An ellipse of coverage 255 with a ring of 100 around it (below the 128 threshold: kept). */
function ellipseMask(w: number, h: number, cx: number, cy: number, rx: number, ry: number): Uint8Array {
  const m = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2;
      if (d <= 1) m[y * w + x] = 255;
      else if (d <= 1.2) m[y * w + x] = 100;
    }
  }
  return m;
}

/** The bitmap with the painted area (coverage >= 128) in magenta, a colour the photo lacks. */
async function withSentinel(bitmap: ImageBitmap, mask: Uint8Array): Promise<ImageBitmap> {
  const px = pixelsOf(bitmap);
  for (let p = 0; p < mask.length; p++) if (mask[p]! >= 128) px.set([255, 0, 255, 255], p * 4);
  return createImageBitmap(new ImageData(px, bitmap.width, bitmap.height));
}

/** The LocalFillError code a promise rejects with ('ok' when it resolves). */
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof LocalFillError ? e.code : String(e)));

const job = (image: ImageBitmap | null, mask: Uint8Array | null, extra: Partial<EditJob> = {}): EditJob => ({
  prompt: 'ignored', image, mask, options: {}, signal: new AbortController().signal, ...extra,
});

describe('local fill provider (worker)', () => {
  it('is the offline provider with id local', () => {
    expect(provider.id).toBe('local');
    expect(provider.offline).toBe(true);
  });

  it('round-trips a photo: full-size PNG, hole filled, every other pixel unchanged', async () => {
    const photo = await fixtureBitmap('chelsea.png');
    const { width: w, height: h } = photo;
    const mask = ellipseMask(w, h, 220, 150, 60, 40);
    const image = await withSentinel(photo, mask);
    const input = pixelsOf(image);
    const events: EditEvent[] = [];
    const out = await provider.edit(job(image, mask, { options: { seed: 5 }, onEvent: (e) => events.push(e) }));
    expect(out).toMatchObject({ width: w, height: h, provider: 'local', sentOptions: { seed: 5 } });
    expect(out.images).toHaveLength(1);
    expect(out.images[0]!.type).toBe('image/png');
    const png = await decodePng(out.images[0]!);
    expect([png.width, png.height]).toEqual([w, h]);
    let changedOutside = 0;
    let sentinelLeft = 0;
    let painted = 0;
    for (let p = 0; p < w * h; p++) {
      const o = p * 4;
      if (mask[p]! >= 128) {
        painted++;
        if (png.rgba[o] === 255 && png.rgba[o + 1] === 0 && png.rgba[o + 2] === 255) sentinelLeft++;
      } else {
        for (let c = 0; c < 4; c++) if (png.rgba[o + c] !== input[o + c]) changedOutside++;
      }
    }
    expect(painted).toBeGreaterThan(7000);
    expect(sentinelLeft).toBe(0);
    expect(changedOutside).toBe(0);
    // The caller's bitmap and mask are still the caller's (copies went to the worker).
    expect(image.width).toBe(w);
    expect(mask.length).toBe(w * h);
    const filling = events.filter((e) => e.type === 'progress' && e.phase === 'filling');
    expect(filling.at(-1)).toEqual({ type: 'progress', phase: 'filling', fraction: 1 });
  });

  it('gives byte-identical PNGs for the same seed', async () => {
    const photo = await fixtureBitmap('coffee.png');
    const mask = ellipseMask(photo.width, photo.height, 300, 200, 50, 70);
    const bytes = async (seed: number) =>
      new Uint8Array(await (await provider.edit(job(photo, mask, { options: { seed } }))).images[0]!.arrayBuffer());
    const a = await bytes(9);
    expect(await bytes(9)).toEqual(a);
    expect(await bytes(10)).not.toEqual(a);
  });

  it('keeps a transparent image exact outside the hole', async () => {
    const logo = await fixtureBitmap('logo.png');
    const mask = ellipseMask(logo.width, logo.height, 250, 250, 40, 40);
    const out = await provider.edit(job(logo, mask));
    const png = await decodePng(out.images[0]!);
    const input = pixelsOf(logo);
    let changed = 0;
    for (let p = 0; p < mask.length; p++) {
      if (mask[p]! >= 128) continue;
      for (let c = 0; c < 4; c++) if (png.rgba[p * 4 + c] !== input[p * 4 + c]) changed++;
    }
    expect(changed).toBe(0);
  });

  it('cancels mid-run with an AbortError, and the worker then serves the next job', async () => {
    const c = new OffscreenCanvas(1024, 1024);
    const ctx = c.getContext('2d')!;
    for (let i = 0; i < 64; i++) {
      ctx.fillStyle = `hsl(${(i * 47) % 360} 60% 50%)`;
      ctx.fillRect((i % 8) * 128, Math.floor(i / 8) * 128, 128, 128);
    }
    const big = await createImageBitmap(c);
    const mask = ellipseMask(1024, 1024, 512, 512, 300, 300);
    let workers = 0;
    const own = createLocalFillProvider({
      createWorker: () => {
        workers++;
        return new Worker(new URL('../../src/services/localFill/fill.worker.ts', import.meta.url), { type: 'module' });
      },
    });
    const ac = new AbortController();
    const events: EditEvent[] = [];
    const running = own.edit(job(big, mask, {
      signal: ac.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'progress' && e.phase === 'filling') ac.abort();
      },
    }));
    const err = await running.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
    const fractions = events.flatMap((e) => (e.type === 'progress' && e.fraction !== undefined ? [e.fraction] : []));
    expect(fractions[0]).toBeLessThan(1);
    // An already aborted signal rejects before any work.
    await expect(own.edit(job(big, mask, { signal: AbortSignal.abort() }))).rejects.toMatchObject({ name: 'AbortError' });
    const small = await fixtureBitmap('chelsea.png');
    const out = await own.edit(job(small, ellipseMask(small.width, small.height, 100, 100, 20, 20)));
    expect(out.width).toBe(small.width);
    // The same worker stopped the cancelled job and ran the next one: it was not replaced.
    expect(workers).toBe(1);
    own.dispose();
  });

  it('refuses a job it cannot do with a coded error', async () => {
    const photo = await fixtureBitmap('chelsea.png');
    const n = photo.width * photo.height;
    expect(await code(provider.edit(job(null, new Uint8Array(4))))).toBe('no-image');
    expect(await code(provider.edit(job(photo, new Uint8Array(n - 1))))).toBe('mask-size');
    expect(await code(provider.edit(job(photo, new Uint8Array(n))))).toBe('empty-mask');
    expect(await code(provider.edit(job(photo, new Uint8Array(n).fill(255))))).toBe('no-source');
    const noWorkers = createLocalFillProvider({ createWorker: () => { throw new Error('blocked by policy'); } });
    const mask = ellipseMask(photo.width, photo.height, 100, 100, 20, 20);
    expect(await code(noWorkers.edit(job(photo, mask)))).toBe('failed');
  });
});
