import { afterAll, describe, expect, it } from 'vitest';
import { createLocalFillProvider } from '../../src/services/localFill/index.ts';
import { decodePng, pixelsOf } from './helpers.tsx';

const provider = createLocalFillProvider();
afterAll(() => provider.dispose());

describe('local fill on an extended canvas (worker)', () => {
  it('fills a transparent, masked border opaque from the photo; unmasked transparent pixels stay as they were', async () => {
    const photo = await createImageBitmap(await (await fetch('/test/fixtures/chelsea.png')).blob());
    // Extended 80 px to the right and 40 px down, as Extend canvas makes it: the new area transparent.
    const w = photo.width + 80;
    const h = photo.height + 40;
    const c = new OffscreenCanvas(w, h);
    c.getContext('2d')!.drawImage(photo, 0, 0);
    const image = await createImageBitmap(c);
    const input = pixelsOf(image);
    // The new area is painted, but for the outermost 6 columns, left unmasked (and so transparent).
    const mask = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) if ((x >= photo.width || y >= photo.height) && x < w - 6) mask[y * w + x] = 255;
    }
    const out = await provider.edit({ prompt: '', image, mask, options: { seed: 2 }, signal: new AbortController().signal });
    expect(out).toMatchObject({ width: w, height: h });
    const png = await decodePng(out.images[0]!);
    let notOpaque = 0;
    let changed = 0;
    let darkestFill = 765;
    let darkestPhoto = 765;
    for (let p = 0; p < w * h; p++) {
      const sum = png.rgba[p * 4]! + png.rgba[p * 4 + 1]! + png.rgba[p * 4 + 2]!;
      if (mask[p]) {
        if (png.rgba[p * 4 + 3] !== 255) notOpaque++;
        darkestFill = Math.min(darkestFill, sum);
      } else {
        for (let ch = 0; ch < 4; ch++) if (png.rgba[p * 4 + ch] !== input[p * 4 + ch]) changed++;
        if (input[p * 4 + 3] === 255) darkestPhoto = Math.min(darkestPhoto, sum);
      }
    }
    expect(notOpaque).toBe(0);
    expect(changed).toBe(0);
    // The strip left transparent is still transparent, and no black was copied from it.
    expect(png.rgba[(w - 1) * 4 + 3]).toBe(0);
    expect(darkestFill).toBeGreaterThanOrEqual(darkestPhoto);
  });
});
