import type { FreeSize, ModelCaps } from '../models/types.ts';

/** A size as `{width, height}`, or null for `auto` or garbage. */
export function parseSize(size: string): { width: number; height: number } | null {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(size);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : null;
}

export const formatSize = (w: number, h: number): string => `${w}x${h}`;

/** Why a free size breaks gpt-image-2's rules, or null when it is fine. */
export type FreeSizeProblem = 'format' | 'step' | 'ratio' | 'edge' | 'too-small' | 'too-large';

export function checkFreeSize(rule: FreeSize, size: string): FreeSizeProblem | null {
  const s = parseSize(size);
  if (!s || s.width === 0 || s.height === 0) return 'format';
  if (s.width % rule.step || s.height % rule.step) return 'step';
  if (Math.max(s.width, s.height) / Math.min(s.width, s.height) > rule.maxRatio) return 'ratio';
  if (Math.max(s.width, s.height) > rule.maxEdge) return 'edge';
  const px = s.width * s.height;
  if (px < rule.minPixels) return 'too-small';
  if (px > rule.maxPixels) return 'too-large';
  return null;
}

/** Is `size` accepted by the model (`auto` included where it is)? */
export function isValidSize(caps: ModelCaps, size: string): boolean {
  const rule = caps.sizes;
  if (rule.kind === 'list') return rule.sizes.includes(size);
  return size === 'auto' || checkFreeSize(rule, size) === null;
}

/** Above the model's non-experimental pixel count (still accepted). */
export function isExperimentalSize(caps: ModelCaps, size: string): boolean {
  const s = parseSize(size);
  return caps.sizes.kind === 'free' && !!s && s.width * s.height > caps.sizes.experimentalAbove;
}

/** Sizes to offer in the form: the list, or the free-size presets. */
export function sizeChoices(caps: ModelCaps): readonly string[] {
  return caps.sizes.kind === 'list' ? caps.sizes.sizes : caps.sizes.presets;
}

/** How far a size's shape is from w x h's (0: the same aspect ratio). */
export const aspectDistance = (a: { width: number; height: number }, w: number, h: number): number =>
  Math.abs(Math.log(a.width / a.height) - Math.log(w / h));

const isOverNormal = (rule: FreeSize, size: string) => {
  const s = parseSize(size);
  return !!s && s.width * s.height > rule.experimentalAbove;
};

/**
 * The free size nearest an image's shape: its own aspect (clamped to the ratio limit), edges in
 * multiples of the step, at about the image's own pixel count kept within the model's normal
 * (non-experimental) range.
 */
export function freeSizeFor(rule: FreeSize, w: number, h: number): string {
  const ratio = Math.min(rule.maxRatio, Math.max(1 / rule.maxRatio, w / h));
  const target = Math.min(rule.experimentalAbove, Math.max(rule.minPixels, w * h));
  const snap = (v: number) => Math.max(rule.step, Math.round(v / rule.step) * rule.step);
  let height = Math.sqrt(target / ratio);
  for (let i = 0; i < 64; i++) {
    const H = snap(height);
    let W = snap(H * ratio);
    // Snapping can tip the ratio just past the limit: pull the longer edge back one step.
    if (W / H > rule.maxRatio) W -= rule.step;
    const size = formatSize(W, H / W > rule.maxRatio ? H - rule.step : H);
    const problem = checkFreeSize(rule, size) ?? (isOverNormal(rule, size) ? 'too-large' : null);
    if (!problem) return size;
    height *= problem === 'too-small' ? 1.02 : 0.98;
  }
  return '1024x1024';
}

/**
 * The default output size for an image of w x h: the listed size nearest its aspect ratio
 * (dall-e-2: the smallest square that holds it), or for free-size models a size matching it.
 * With no image, `auto` where accepted, else the first listed size.
 */
export function defaultSize(caps: ModelCaps, w?: number, h?: number): string {
  const rule = caps.sizes;
  if (!w || !h) return rule.kind === 'free' || rule.sizes.includes('auto') ? 'auto' : (rule.sizes.at(-1) ?? '1024x1024');
  if (rule.kind === 'free') return freeSizeFor(rule, w, h);
  const fixed = rule.sizes.map(parseSize).filter((s): s is { width: number; height: number } => s !== null);
  if (rule.square) {
    const long = Math.max(w, h);
    const fit = fixed.find((s) => s.width >= long) ?? fixed.at(-1)!;
    return formatSize(fit.width, fit.height);
  }
  let best = fixed[0]!;
  for (const s of fixed) if (aspectDistance(s, w, h) < aspectDistance(best, w, h) - 1e-9) best = s;
  return formatSize(best.width, best.height);
}
