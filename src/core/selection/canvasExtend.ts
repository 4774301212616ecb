/**
 * Extend canvas (outpainting): the new canvas size and where the old picture sits on it, from
 * per-side padding or from a target aspect ratio and an anchor; and the output size a model is
 * asked for. The size rules are the catalogue's and the size plan's (`request/sizes.ts`,
 * `request/sizePlan.ts`): this module only feeds them the extended canvas.
 */
import { IMAGE_LIMITS } from '../image/limits.ts';
import type { ModelCaps } from '../openai/models/types.ts';
import { planSize, type SizePlan } from '../openai/request/sizePlan.ts';
import { aspectDistance, defaultSize, parseSize } from '../openai/request/sizes.ts';

/** Pixels added on each side (whole, non-negative). */
export interface Padding { top: number; right: number; bottom: number; left: number }

/** Where the old picture is pinned when the canvas grows to a ratio. */
export type Anchor = 'top-left' | 'top' | 'top-right' | 'left' | 'center' | 'right' | 'bottom-left' | 'bottom' | 'bottom-right';

export const ANCHORS: readonly Anchor[] = ['top-left', 'top', 'top-right', 'left', 'center', 'right', 'bottom-left', 'bottom', 'bottom-right'];

/** The preset ratios offered, width:height. */
export const RATIO_PRESETS = ['1:1', '4:3', '3:2', '16:9', '9:16'] as const;

export interface Ratio { w: number; h: number }

/** The extended canvas: its size, and the old picture's top-left corner on it. */
export interface Extension { width: number; height: number; offset: { x: number; y: number }; padding: Padding }

/** Why an extension was refused: the words are the UI's (`extend.*` keys). */
export type ExtendProblem = 'bad-padding' | 'bad-ratio' | 'too-large';

export type ExtendResult = { ok: true; value: Extension } | { ok: false; problem: ExtendProblem };

/**
 * Reads a ratio as the user types it: "16:9", "16/9", "16x9" or "1.5" (width over height).
 * Null when it is not two positive numbers or is beyond 1:20 either way.
 */
export function parseRatio(text: string): Ratio | null {
  const t = text.trim();
  const m = /^(\d+(?:\.\d+)?)\s*[:/x×]\s*(\d+(?:\.\d+)?)$/.exec(t);
  const r = m ? { w: Number(m[1]), h: Number(m[2]) } : /^\d+(?:\.\d+)?$/.test(t) ? { w: Number(t), h: 1 } : null;
  if (!r || !(r.w > 0 && r.h > 0)) return null;
  const k = r.w / r.h;
  return k > 20 || k < 1 / 20 ? null : r;
}

const fits = (w: number, h: number) => w <= IMAGE_LIMITS.maxSide && h <= IMAGE_LIMITS.maxSide && w * h <= IMAGE_LIMITS.maxPixels;

/** The canvas with `p` added around a w x h picture. Refused when a side is not a whole number >= 0, or past the editor's image limits. */
export function extendByPadding(w: number, h: number, p: Padding): ExtendResult {
  const sides = [p.top, p.right, p.bottom, p.left];
  if (!sides.every((v) => Number.isInteger(v) && v >= 0)) return { ok: false, problem: 'bad-padding' };
  const width = w + p.left + p.right;
  const height = h + p.top + p.bottom;
  if (!fits(width, height)) return { ok: false, problem: 'too-large' };
  return { ok: true, value: { width, height, offset: { x: p.left, y: p.top }, padding: { ...p } } };
}

/** How far along the free space the picture sits for an anchor: 0 start, 0.5 middle, 1 end. */
function anchorFractions(a: Anchor): { fx: number; fy: number } {
  const fx = a.endsWith('left') ? 0 : a.endsWith('right') ? 1 : 0.5;
  const fy = a.startsWith('top') ? 0 : a.startsWith('bottom') ? 1 : 0.5;
  return { fx, fy };
}

/**
 * The smallest canvas of ratio `r` that holds a w x h picture, which stays whole at its own
 * scale: only one dimension grows (the width when the picture is narrower than the ratio, else
 * the height), rounded to the nearest pixel and never below the picture. `anchor` pins the
 * picture; a centred picture gets the odd pixel on the right or bottom.
 */
export function extendToRatio(w: number, h: number, r: Ratio | string, anchor: Anchor = 'center'): ExtendResult {
  const ratio = typeof r === 'string' ? parseRatio(r) : r.w > 0 && r.h > 0 ? r : null;
  if (!ratio) return { ok: false, problem: 'bad-ratio' };
  const k = ratio.w / ratio.h;
  const width = w / h < k ? Math.max(w, Math.round(h * k)) : w;
  const height = w / h < k ? h : Math.max(h, Math.round(w / k));
  const { fx, fy } = anchorFractions(anchor);
  const left = Math.floor((width - w) * fx);
  const top = Math.floor((height - h) * fy);
  return extendByPadding(w, h, { top, right: width - w - left, bottom: height - h - top, left });
}

/** What is sent for an extended canvas, and what the editor tells the user about it. */
export interface ExtendedOutput {
  /** The output size asked for (the catalogue's size nearest the canvas's shape). */
  size: string;
  /** How the W x H canvas and its mask are sent (dall-e-2: padded to its square). */
  plan: SizePlan;
  /** The output's shape differs from the canvas's (its aspect distance is over 1 %), to be said. */
  shapeDiffers: boolean;
}

/**
 * The output size for an extended canvas of W x H on a model: `defaultSize` picks the listed
 * size nearest the shape (dall-e-2: the smallest square that holds it; gpt-image-2: a free size
 * of that shape), and `planSize` says how image and mask are sent at it.
 */
export function outputForCanvas(caps: ModelCaps, W: number, H: number): ExtendedOutput {
  const size = defaultSize(caps, W, H);
  const plan = planSize(caps, W, H, size);
  const s = parseSize(size);
  const shapeDiffers = !caps.input.squarePng && !!s && aspectDistance(s, W, H) > 0.01;
  return { size, plan, shapeDiffers };
}

/**
 * The canvas's shape as the user reads it: a preset ratio it matches within 0.5 % ("16:9"),
 * else its own ratio in lowest terms when both terms are small ("21:9"), else width over
 * height to two decimals ("1.85:1").
 */
export function ratioLabel(w: number, h: number): string {
  const k = w / h;
  for (const p of RATIO_PRESETS) {
    const r = parseRatio(p)!;
    if (Math.abs(Math.log(k / (r.w / r.h))) < 0.005) return p;
  }
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  const g = gcd(w, h);
  if (w / g <= 32 && h / g <= 32) return `${w / g}:${h / g}`;
  return `${k.toFixed(2)}:1`;
}
