/**
 * The pictures the fake answers with, deterministic so tests can predict every pixel:
 * the first input image stretched to the output size; where the mask is transparent, filled with
 * the colour of the output's index (`FILL_COLOURS`); partial images blend toward that final
 * picture. With `alterOutsideMask` the rest is darkened by 25 % too, as real models drift outside
 * the mask, so clients can prove they composite the original back.
 */
import type { Rgba } from './imageCodec.ts';

/** Fill colour of output image i (i modulo the list). */
export const FILL_COLOURS: readonly (readonly [number, number, number])[] = [
  [255, 0, 255], [0, 200, 255], [255, 200, 0], [0, 255, 120], [255, 80, 0],
  [120, 0, 255], [0, 120, 60], [200, 0, 60], [60, 60, 200], [150, 150, 0],
];
/** Fraction of the way toward black the pixels outside the mask go in `alterOutsideMask` mode. */
export const OUTSIDE_DARKEN = 0.25;
/** Without a mask, a GPT edit tints the whole picture this far toward the fill colour. */
export const UNMASKED_TINT = 0.5;

export interface RenderJob {
  /** The first input image, upright; null: a generation (a gradient from the prompt). */
  base: Rgba | null;
  /** Mask alpha at the base image's size (0 = edit here); null = no mask. */
  maskAlpha: Uint8Array | null;
  width: number;
  height: number;
  /** Index of this image among the n requested; picks the fill colour. */
  index: number;
  /** Seeds the generated gradient (the prompt). */
  seed: string;
  alterOutsideMask: boolean;
  /** background=transparent: keep the base's alpha; otherwise flatten onto white. */
  keepAlpha: boolean;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const mix = (a: number, b: number, t: number) => Math.round(a + (b - a) * t);

/**
 * One frame: `progress` 1 is the final image, (k+1)/(P+1) partial image k of P.
 */
export function renderFrame(job: RenderJob, progress: number): Rgba {
  const { width: W, height: H, base } = job;
  const out = new Uint8Array(W * H * 4);
  const fill = FILL_COLOURS[job.index % FILL_COLOURS.length]!;
  const seed = hash(job.seed);
  const bw = base?.width ?? W;
  const bh = base?.height ?? H;
  for (let y = 0; y < H; y++) {
    const sy = Math.min(bh - 1, Math.floor((y * bh) / H));
    for (let x = 0; x < W; x++) {
      const sx = Math.min(bw - 1, Math.floor((x * bw) / W));
      const o = (y * W + x) * 4;
      let r: number; let g: number; let b: number; let a = 255;
      if (base) {
        const i = (sy * bw + sx) * 4;
        a = base.data[i + 3]!;
        r = base.data[i]!; g = base.data[i + 1]!; b = base.data[i + 2]!;
        if (!job.keepAlpha && a < 255) {
          r = mix(255, r, a / 255); g = mix(255, g, a / 255); b = mix(255, b, a / 255); a = 255;
        }
      } else {
        // A gradient that depends on the prompt, grown from grey over the partials.
        const gr = (x * 255) / W; const gg = (y * 255) / H; const gb = seed & 0xff;
        r = mix(128, gr, progress); g = mix(128, gg, progress); b = mix(128, gb, progress);
      }
      const edit = job.maskAlpha ? job.maskAlpha[sy * bw + sx] === 0 : false;
      if (edit) {
        r = mix(r, fill[0], progress); g = mix(g, fill[1], progress); b = mix(b, fill[2], progress); a = 255;
      } else if (base && !job.maskAlpha) {
        const t = UNMASKED_TINT * progress;
        r = mix(r, fill[0], t); g = mix(g, fill[1], t); b = mix(b, fill[2], t);
      } else if (job.alterOutsideMask) {
        const t = OUTSIDE_DARKEN * progress;
        r = mix(r, 0, t); g = mix(g, 0, t); b = mix(b, 0, t);
      }
      out[o] = r; out[o + 1] = g; out[o + 2] = b; out[o + 3] = a;
    }
  }
  return { width: W, height: H, data: out };
}

/** Progress of partial image k out of P partials. */
export const partialProgress = (k: number, partials: number) => (k + 1) / (partials + 1);

/** Alpha channel of an RGBA image. */
export function alphaOf(img: Rgba): Uint8Array {
  const a = new Uint8Array(img.width * img.height);
  for (let i = 0; i < a.length; i++) a[i] = img.data[i * 4 + 3]!;
  return a;
}

/** A mid-grey stand-in for an input the fake cannot decode (WebP, GIF), at its real size. */
export function greyImage(width: number, height: number): Rgba {
  return { width, height, data: new Uint8Array(width * height * 4).fill(128).map((v, i) => (i % 4 === 3 ? 255 : v)) };
}
