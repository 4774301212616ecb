import type { ModelCaps } from '../../core/models/types.ts';
import { alphaToRgba, maskAlphaForPlan } from '../../core/request/maskScale.ts';
import { planSize, type SizePlan } from '../../core/request/sizePlan.ts';
import { canvasToPng } from '../../canvas/exportPng.ts';

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

/** The mask at the planned size: alpha 0 exactly where painted, 255 elsewhere. */
async function encodeMask(coverage: Uint8Array, w: number, h: number, plan: SizePlan): Promise<File> {
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
 * down further together, so they always stay the same size.
 */
export async function encodeInputs(
  caps: ModelCaps, bitmap: ImageBitmap, coverage: Uint8Array | null, size: string, references: readonly Blob[] = [],
): Promise<EncodedInputs> {
  // The same picture, mask and settings as last time (a repeat answered from storage, "generate
  // again", a retry): the same files, without encoding a big picture again.
  const prev = lastEncoded;
  if (prev && prev.bitmap === bitmap && prev.caps === caps && prev.size === size && sameBlobs(prev.references, references) && sameBytes(prev.coverage, coverage)) {
    return prev.out;
  }
  const out = await encodeFresh(caps, bitmap, coverage, size, references);
  lastEncoded = { bitmap, caps, size, references: [...references], coverage: coverage ? coverage.slice() : null, out };
  return out;
}

let lastEncoded: { bitmap: ImageBitmap; caps: ModelCaps; size: string; references: Blob[]; coverage: Uint8Array | null; out: EncodedInputs } | null = null;

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
  caps: ModelCaps, bitmap: ImageBitmap, coverage: Uint8Array | null, size: string, references: readonly Blob[],
): Promise<EncodedInputs> {
  const w = bitmap.width;
  const h = bitmap.height;
  let plan = planSize(caps, w, h, size);
  for (let tries = 0; ; tries++) {
    const image = await encodeImage(bitmap, plan);
    const mask = coverage ? await encodeMask(coverage, w, h, plan) : null;
    const over = Math.max(image.size / caps.input.maxImageBytes, (mask?.size ?? 0) / caps.input.maxMaskBytes);
    if (over <= 1 || tries >= 4) {
      const refs = await Promise.all(references.map((r, i) => encodeReference(r, caps, i + 1)));
      return { image, mask, references: refs, plan };
    }
    const edge = Math.floor((Math.max(plan.width, plan.height) / Math.sqrt(over)) * 0.9);
    plan = planSize(caps, w, h, size, edge);
  }
}
