/**
 * Outpainting quality cases (BENCH=outfill): a photo with a share of one side cut off, put on a
 * canvas of the photo's size whose new band is transparent and masked (as Extend canvas makes
 * it), filled back; measured against the photo itself in the band, beside a mirror-padding
 * baseline. Pure: RGBA arrays in and out, so Node and tests share it.
 */
import { detailRatio, holePsnr } from '../support/fillMetrics.ts';

export type Side = 'left' | 'right' | 'top' | 'bottom';

export interface Rgba { width: number; height: number; data: Uint8Array | Uint8ClampedArray }

/** An extended canvas: the cut photo with a transparent band (RGB 0, alpha 0) where `hole` is 1. */
export interface Extended { rgba: Uint8ClampedArray; width: number; height: number; hole: Uint8Array; band: number }

/** Band width in pixels for a share of the side it is cut from. */
export const bandOf = (img: Rgba, side: Side, share: number): number =>
  Math.round(share * (side === 'left' || side === 'right' ? img.width : img.height));

const inBand = (x: number, y: number, w: number, h: number, side: Side, band: number): boolean =>
  side === 'right' ? x >= w - band : side === 'left' ? x < band : side === 'bottom' ? y >= h - band : y < band;

/** Cuts `share` of `side` off `img` and extends it back with a transparent, fully masked band. */
export function cutAndExtend(img: Rgba, side: Side, share: number): Extended {
  const { width: w, height: h } = img;
  const band = bandOf(img, side, share);
  const rgba = new Uint8ClampedArray(img.data);
  const hole = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!inBand(x, y, w, h, side, band)) continue;
      const p = y * w + x;
      hole[p] = 1;
      rgba.fill(0, p * 4, p * 4 + 4);
    }
  }
  return { rgba, width: w, height: h, hole, band };
}

/**
 * The baseline: the band filled by reflecting the photo's last pixels about its cut edge
 * (edge pixel not repeated; a band wider than the photo would reflect again, not needed here).
 */
export function mirrorPad(e: Extended, side: Side): Uint8ClampedArray {
  const { width: w, height: h, band } = e;
  const out = e.rgba.slice();
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!inBand(x, y, w, h, side, band)) continue;
      let sx = x;
      let sy = y;
      if (side === 'right') sx = 2 * (w - band - 1) - x;
      else if (side === 'left') sx = 2 * band - x;
      else if (side === 'bottom') sy = 2 * (h - band - 1) - y;
      else sy = 2 * band - y;
      const s = (sy * w + sx) * 4;
      out.set(out.subarray(s, s + 4), (y * w + x) * 4);
    }
  }
  return out;
}

/** PSNR against the photo in the band, and the band's detail over that of the 24 px inside it. */
export function bandScores(orig: Rgba, filled: ArrayLike<number>, e: Extended): { psnr: number; detail: number } {
  return { psnr: holePsnr(orig.data, filled, e.hole), detail: detailRatio(filled, e.width, e.height, e.hole) };
}
