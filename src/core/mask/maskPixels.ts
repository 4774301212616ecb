/**
 * The mapping between coverage (255 = painted) and the pixels users and APIs exchange.
 * Export follows OpenAI's convention: alpha 0 where the image should change, 255 elsewhere.
 */

/** Coverage at or above this counts as painted in the export (the brush edge is cut here). */
export const EXPORT_THRESHOLD = 128;

/** Writes the export RGBA for `coverage` into `rgba` (black, alpha 0 if painted else 255). */
export function coverageToExportRgba(coverage: Uint8Array, rgba: Uint8ClampedArray | Uint8Array): void {
  for (let i = 0, j = 0; i < coverage.length; i++, j += 4) {
    rgba[j] = 0;
    rgba[j + 1] = 0;
    rgba[j + 2] = 0;
    rgba[j + 3] = coverage[i]! >= EXPORT_THRESHOLD ? 0 : 255;
  }
}

/** How a loaded mask image is read. */
export type MaskSource = 'alpha' | 'luminance';

/**
 * Reads coverage from a loaded mask's RGBA pixels: with alpha, transparent means painted
 * (OpenAI's convention); without, white means painted (the black-and-white convention).
 */
export function rgbaToCoverage(rgba: Uint8ClampedArray | Uint8Array, source: MaskSource): Uint8Array {
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0, j = 0; i < out.length; i++, j += 4) {
    if (source === 'alpha') out[i] = 255 - rgba[j + 3]!;
    else out[i] = Math.round(0.2126 * rgba[j]! + 0.7152 * rgba[j + 1]! + 0.0722 * rgba[j + 2]!);
  }
  return out;
}

/** True when every value is zero (lets empty tiles be dropped). */
export function isEmpty(coverage: Uint8Array): boolean {
  for (let i = 0; i < coverage.length; i++) if (coverage[i] !== 0) return false;
  return true;
}
