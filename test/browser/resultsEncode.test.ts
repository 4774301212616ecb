// Downloads at full resolution: PNG and WebP keep a transparent result's alpha; JPEG, which has
// none, lays it on white (a plain canvas export would turn it black).
import { describe, expect, test } from 'vitest';
import { encodePicture } from '../../src/services/composite/encode.ts';

async function halfTransparent(w: number, h: number): Promise<OffscreenCanvas> {
  const c = new OffscreenCanvas(w, h);
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = 'rgb(0, 160, 0)';
  ctx.fillRect(0, 0, w / 2, h); // the right half stays transparent
  return c;
}

async function pixel(blob: Blob, x: number, y: number): Promise<number[]> {
  const bmp = await createImageBitmap(blob, { premultiplyAlpha: 'none' });
  const c = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
  c.drawImage(bmp, 0, 0);
  return Array.from(c.getImageData(x, y, 1, 1).data);
}

describe('downloading a result', () => {
  test('PNG, JPEG and WebP at the full size; alpha kept where the format has it', async () => {
    const pic = await halfTransparent(1200, 800);
    const png = await encodePicture(pic, 'png');
    const jpeg = await encodePicture(pic, 'jpeg');
    const webp = await encodePicture(pic, 'webp');
    expect([png.type, jpeg.type, webp.type]).toEqual(['image/png', 'image/jpeg', 'image/webp']);
    for (const b of [png, jpeg, webp]) {
      const bmp = await createImageBitmap(b);
      expect([bmp.width, bmp.height]).toEqual([1200, 800]);
    }
    expect(await pixel(png, 1000, 400)).toEqual([0, 0, 0, 0]);
    expect((await pixel(webp, 1000, 400))[3]).toBe(0);
    const white = await pixel(jpeg, 1000, 400);
    expect(white.slice(0, 3).every((v) => v > 245)).toBe(true);
    const green = await pixel(jpeg, 200, 400);
    expect(green[1]).toBeGreaterThan(140);
    expect(green[0]).toBeLessThan(20);
  });
});

describe('encoding a request again', () => {
  test('the same picture, mask and settings reuse the files; one mask pixel more encodes anew', async () => {
    const { encodeInputs } = await import('../../src/services/openai/encode.ts');
    const { capsFor } = await import('../../src/core/openai/models/lookup.ts');
    const pic = await createImageBitmap(await halfTransparent(300, 200));
    const caps = capsFor('gpt-image-1.5');
    const mask = new Uint8Array(300 * 200);
    mask.fill(255, 0, 3000);
    const a = await encodeInputs(caps, pic, mask, '1536x1024');
    const b = await encodeInputs(caps, pic, mask.slice(), '1536x1024');
    expect(b.image).toBe(a.image);
    expect(b.mask).toBe(a.mask);
    const changed = mask.slice();
    changed[5000] = 255;
    const c = await encodeInputs(caps, pic, changed, '1536x1024');
    expect(c.mask).not.toBe(a.mask);
    expect(new Uint8Array(await c.image.arrayBuffer())).toEqual(new Uint8Array(await a.image.arrayBuffer()));
    const d = await encodeInputs(caps, pic, changed, '1024x1024');
    expect(d.image).not.toBe(c.image);
  });
});
