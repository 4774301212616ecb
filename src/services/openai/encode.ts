import type { ModelCaps } from '../../core/openai/models/types.ts';
import { alphaToRgba, maskAlphaForPlan } from '../../core/openai/request/maskScale.ts';
import { planSize, type SizePlan } from '../../core/openai/request/sizePlan.ts';
import { canvasToPng } from '../../canvas/exportPng.ts';
import { MaskSnapshot } from '../../core/mask/snapshot.ts';

/** What goes to the API: PNG Files named as the API expects, image and mask of equal size. */
export interface EncodedInputs {
  image: File;
  mask: File | null;
  references: File[];
  plan: SizePlan;
}

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** The image drawn into the planned size (dall-e-2: opaque black padding around it). */
async function encodeImage(bitmap: ImageBitmap, plan: SizePlan): Promise<File> {
  const canvas = new OffscreenCanvas(plan.width, plan.height);
  const ctx = canvas.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  if (plan.content.width !== plan.width || plan.content.height !== plan.height) {
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, plan.width, plan.height);
  }
  const c = plan.content;
  ctx.drawImage(bitmap, c.x, c.y, c.width, c.height);
  return new File([await canvasToPng(canvas)], 'image.png', { type: 'image/png' });
}

/** The mask at the planned size: alpha 0 exactly where painted, 255 elsewhere (a snapshot's PNG is encoded once per size). */
async function encodeMask(mask: MaskSnapshot | Uint8Array, w: number, h: number, plan: SizePlan): Promise<File> {
  if (mask instanceof MaskSnapshot) return new File([await mask.png({ width: plan.width, height: plan.height, content: plan.content })], 'mask.png', { type: 'image/png' });
  const coverage = mask;
  const alpha = maskAlphaForPlan(coverage, w, h, plan.width, plan.height, plan.content);
  const canvas = new OffscreenCanvas(plan.width, plan.height);
  canvas.getContext('2d')!.putImageData(new ImageData(alphaToRgba(alpha) as ImageDataArray, plan.width, plan.height), 0, 0);
  return new File([await canvasToPng(canvas)], 'mask.png', { type: 'image/png' });
}

/**
 * A reference image as the model takes it: sent as it is when its type and size are fine,
 * otherwise decoded and re-encoded as PNG within the model's edge limit.
 */
async function encodeReference(blob: Blob, caps: ModelCaps, index: number): Promise<File> {
  const ext = EXT[blob.type];
  if (ext && caps.input.mimes.includes(blob.type) && blob.size <= caps.input.maxImageBytes) {
    return new File([blob], `reference-${index}.${ext}`, { type: blob.type });
  }
  const bmp = await createImageBitmap(blob, { imageOrientation: 'from-image' });
  try {
    const plan = planSize(caps, bmp.width, bmp.height, 'auto');
    const f = await encodeImage(bmp, plan);
    return new File([f], `reference-${index}.png`, { type: 'image/png' });
  } finally {
    bmp.close();
  }
}

/**
 * Encodes image, mask and references for `caps`. The image is scaled down to the model's
 * limit; if its PNG is still over the byte limit (or the mask over 4 MB), both are scaled
 * down further together, so they always stay the same size. The mask is a snapshot (its PNGs
 * are kept per size) or bare coverage.
 */
export async function encodeInputs(
  caps: ModelCaps, bitmap: ImageBitmap, mask: MaskSnapshot | Uint8Array | null, size: string, references: readonly Blob[] = [],
): Promise<EncodedInputs> {
  // The same picture, mask and settings as last time (a repeat answered from storage, "generate
  // again", a retry): the same files, without encoding a big picture again. A snapshot is the
  // same mask when it is the same object; bare coverage is compared byte for byte.
  const prev = lastEncoded;
  if (prev && prev.bitmap === bitmap && prev.caps === caps && prev.size === size && sameBlobs(prev.references, references) && sameMask(prev.mask, mask)) {
    return prev.out;
  }
  const out = await encodeFresh(caps, bitmap, mask, size, references);
  lastEncoded = { bitmap, caps, size, references: [...references], mask: mask instanceof Uint8Array ? mask.slice() : mask, out };
  return out;
}

let lastEncoded: { bitmap: ImageBitmap; caps: ModelCaps; size: string; references: Blob[]; mask: MaskSnapshot | Uint8Array | null; out: EncodedInputs } | null = null;

function sameMask(a: MaskSnapshot | Uint8Array | null, b: MaskSnapshot | Uint8Array | null): boolean {
  if (a instanceof MaskSnapshot || b instanceof MaskSnapshot) return a === b;
  return sameBytes(a, b);
}

const sameBlobs = (a: readonly Blob[], b: readonly Blob[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Byte equality, four bytes at a time where the arrays allow it. */
function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (!a || !b) return a === b;
  if (a.length !== b.length) return false;
  const n4 = a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0 ? a.length >> 2 : 0;
  if (n4) {
    const a4 = new Uint32Array(a.buffer, a.byteOffset, n4);
    const b4 = new Uint32Array(b.buffer, b.byteOffset, n4);
    for (let i = 0; i < n4; i++) if (a4[i] !== b4[i]) return false;
  }
  for (let i = n4 * 4; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function encodeFresh(
  caps: ModelCaps, bitmap: ImageBitmap, coverage: MaskSnapshot | Uint8Array | null, size: string, references: readonly Blob[],
): Promise<EncodedInputs> {
  const w = bitmap.width;
  const h = bitmap.height;
  let plan = planSize(caps, w, h, size);
  for (let tries = 0; ; tries++) {
    // Together: the picture's PNG is written off the main thread while the mask is scaled on it.
    const [image, mask] = await Promise.all([encodeImage(bitmap, plan), coverage ? encodeMask(coverage, w, h, plan) : null]);
    const over = Math.max(image.size / caps.input.maxImageBytes, (mask?.size ?? 0) / caps.input.maxMaskBytes);
    if (over <= 1 || tries >= 4) {
      const refs = await Promise.all(references.map((r, i) => encodeReference(r, caps, i + 1)));
      return { image, mask, references: refs, plan };
    }
    const edge = Math.floor((Math.max(plan.width, plan.height) / Math.sqrt(over)) * 0.9);
    plan = planSize(caps, w, h, size, edge);
  }
}
