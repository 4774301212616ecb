import type { RgbaImage } from '../../src/core/selection/wand.ts';

/** A fixture's pixels as decoded in the page, with no colour management or premultiplying (as pngjs reads them). */
export async function fixturePixels(url: string): Promise<RgbaImage> {
  const bmp = await createImageBitmap(await (await fetch(url)).blob(), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
  const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext('2d')!;
  ctx.drawImage(bmp, 0, 0);
  const d = ctx.getImageData(0, 0, bmp.width, bmp.height);
  return { width: d.width, height: d.height, data: new Uint8Array(d.data.buffer) };
}
