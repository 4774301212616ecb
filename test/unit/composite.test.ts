import { describe, expect, it } from 'vitest';
import { distanceToSource } from '../../src/core/composite/distance.ts';
import { blendInto, boxInResult, frameInResult, paintedBox, seamWeights } from '../../src/core/composite/layBack.ts';
import { planSize } from '../../src/core/openai/request/sizePlan.ts';
import { capsFor } from '../../src/core/openai/models/lookup.ts';
import { cacheKey, canonicalJson } from '../../src/core/cache/key.ts';

// Reference: every pixel looked at.
const naive = (c: Uint8Array, w: number, h: number) => {
  let x0 = w, y0 = h, x1 = -1, y1 = -1;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (c[y * w + x]! >= 128) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
};
// Reference: the distance over the whole padded box at once.
const whole = (c: Uint8Array, w: number, h: number, box: NonNullable<ReturnType<typeof paintedBox>>, feather: number) => {
  const pw = box.w + 2;
  const ph = box.h + 2;
  const kept = new Uint8Array(pw * ph);
  for (let py = 0; py < ph; py++) {
    const gy = box.y + py - 1;
    if (gy < 0 || gy >= h) continue;
    if (box.x > 0) kept[py * pw] = 1;
    if (box.x + box.w < w) kept[py * pw + pw - 1] = 1;
    for (let x = 0; x < box.w; x++) kept[py * pw + x + 1] = py === 0 || py === ph - 1 || c[gy * w + box.x + x]! < 128 ? 1 : 0;
  }
  const dist = distanceToSource(pw, ph, kept, feather + 1);
  const out = new Float32Array(box.w * box.h);
  for (let y = 0; y < box.h; y++) for (let x = 0; x < box.w; x++) {
    if (c[(box.y + y) * w + box.x + x]! >= 128) out[y * box.w + x] = Math.min(1, dist[(y + 1) * pw + x + 1]! / (feather + 1));
  }
  return out;
};

describe('distance transform', () => {
  it('matches brute force', () => {
    const w = 23;
    const h = 17;
    const src = new Set([5, 100, 250, 390]);
    const source = new Uint8Array(w * h);
    for (const s of src) source[s] = 1;
    const d = distanceToSource(w, h, source);
    for (let i = 0; i < w * h; i++) {
      let best = Infinity;
      for (const s of src) best = Math.min(best, Math.hypot((i % w) - (s % w), Math.floor(i / w) - Math.floor(s / w)));
      expect(d[i]).toBeCloseTo(best, 4);
    }
  });
});

describe('laying a result back', () => {
  const W = 40;
  const H = 30;
  const cov = new Uint8Array(W * H);
  for (let y = 10; y < 20; y++) for (let x = 8; x < 30; x++) cov[y * W + x] = 255;

  it('finds the painted box', () => {
    expect(paintedBox(cov, W, H)).toEqual({ x: 8, y: 10, w: 22, h: 10 });
    expect(paintedBox(new Uint8Array(W * H), W, H)).toBeNull();
  });

  it('finds the painted box of sparse masks of odd widths, at any offset, counting only coverage at the threshold', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const [w, h] of [[13, 9], [64, 3], [101, 37], [1, 5]] as const) {
      for (let round = 0; round < 20; round++) {
        // Offset by 0..3 bytes inside a larger buffer: the word-wise scan must not assume alignment.
        const off = round % 4;
        const c = new Uint8Array(new ArrayBuffer(w * h + 4), off, w * h);
        for (let k = 0; k < 1 + (round % 5); k++) c[Math.floor(rand() * w * h)] = [255, 128, 127, 40][k % 4]!;
        expect(paintedBox(c, w, h), `${w}x${h} round ${round}`).toEqual(naive(c, w, h));
      }
    }
  });

  it('works the seam out block by block exactly as over the whole box', () => {
    let seed = 3;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const [w, h, discs] of [[300, 220, 3], [150, 150, 1], [97, 401, 5], [20, 10, 2]] as const) {
      const c = new Uint8Array(w * h);
      for (let k = 0; k < discs; k++) {
        const cx = rand() * w, cy = rand() * h, r = 5 + rand() * Math.min(w, h) * 0.6;
        for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) c[y * w + x] = 255;
      }
      c[Math.floor(rand() * w * h)] = 0; // a kept hole somewhere
      const box = paintedBox(c, w, h)!;
      for (const feather of [1, 8, 30]) expect(seamWeights(c, w, box, feather), `${w}x${h} feather ${feather}`).toEqual(whole(c, w, h, box, feather));
    }
    // An extended canvas: painted bands left and right of a kept picture wider than several
    // blocks (the blocks of kept pixels only are passed over), and a band below.
    const [ew, eh] = [420, 300];
    const ext = new Uint8Array(ew * eh).fill(255);
    for (let y = 0; y < 260; y++) ext.fill(0, y * ew + 37, y * ew + 37 + 330);
    for (const feather of [1, 8, 30]) expect(seamWeights(ext, ew, paintedBox(ext, ew, eh)!, feather), `extended, feather ${feather}`).toEqual(whole(ext, ew, eh, paintedBox(ext, ew, eh)!, feather));
    // All painted, touching the image on every side: nothing to feather from.
    const all = new Uint8Array(200 * 150).fill(255);
    expect(seamWeights(all, 200, paintedBox(all, 200, 150)!, 12).every((v) => v === 1)).toBe(true);
  });

  it('keeps every pixel outside the mask and feathers only inside it', () => {
    const box = paintedBox(cov, W, H)!;
    const wts = seamWeights(cov, W, box, 3);
    const at = (px: Uint8ClampedArray, x: number, y: number) => px[((y - box.y) * box.w + (x - box.x)) * 4]!;
    // Where result and original agree (4 levels apart), the seam mixes them: a step of the ramp at the edge.
    const near = new Uint8ClampedArray(box.w * box.h * 4).fill(100);
    blendInto(near, new Uint8ClampedArray(box.w * box.h * 4).fill(104), wts);
    expect(at(near, 8, 15)).toBe(101);
    expect(at(near, 9, 15)).toBe(102);
    expect(at(near, 19, 15)).toBe(104);
    // Where they disagree (what was painted out), the seam takes the result alone: no ghost.
    const far = new Uint8ClampedArray(box.w * box.h * 4).fill(10);
    blendInto(far, new Uint8ClampedArray(box.w * box.h * 4).fill(250), wts);
    expect(at(far, 8, 15)).toBe(250);
    expect(at(far, 19, 15)).toBe(250);
    // In between, it gives way to the result as they differ more: 10 levels apart, half the way.
    const mid = new Uint8ClampedArray(box.w * box.h * 4).fill(100);
    blendInto(mid, new Uint8ClampedArray(box.w * box.h * 4).fill(110), wts);
    expect(at(mid, 8, 15)).toBe(Math.round(100 + 10 * (1 - (1 - 1 / 4) * 0.5)));
    // A hard edge: weights are exactly the mask.
    const hard = seamWeights(cov, W, box, 0);
    expect(hard.every((v) => v === 1)).toBe(true);
  });

  it('writes nothing where the weight is zero (bit for bit)', () => {
    const c2 = new Uint8Array(W * H);
    c2[5 * W + 5] = 255;
    c2[20 * W + 30] = 255;
    const box = paintedBox(c2, W, H)!;
    const wts = seamWeights(c2, W, box, 4);
    const orig = new Uint8ClampedArray(box.w * box.h * 4).map((_, i) => (i * 37) & 255);
    const copy = orig.slice();
    blendInto(orig, new Uint8ClampedArray(orig.length), wts);
    let changed = 0;
    for (let i = 0; i < wts.length; i++) {
      const same = [0, 1, 2, 3].every((c) => orig[i * 4 + c] === copy[i * 4 + c]);
      if (wts[i] === 0) expect(same).toBe(true);
      else if (!same) changed++;
    }
    expect(changed).toBe(2);
  });
});

describe('mapping a result back to the original\'s frame', () => {
  it('uses the whole result by default, stretched to the original', () => {
    const frame = frameInResult(1536, 1024);
    expect(frame).toEqual({ x: 0, y: 0, w: 1536, h: 1024 });
    // A 600x400 original: its box (60,40,120,80) is (153.6,102.4,307.2,204.8) of the result.
    expect(boxInResult({ x: 60, y: 40, w: 120, h: 80 }, 600, 400, frame)).toEqual({ x: 153.6, y: 102.4, w: 307.2, h: 204.8 });
  });

  it('maps dall-e-2 answers through the padding the request added', () => {
    // 600x400 sent centred in a 512 square: content 512x341 at y 85; the answer is 1024 square.
    const plan = planSize(capsFor('dall-e-2'), 600, 400, '512x512');
    expect(plan.content).toEqual({ x: 0, y: 85, width: 512, height: 341 });
    const frame = frameInResult(1024, 1024, plan.resultRegion);
    expect(frame.x).toBe(0);
    expect(frame.y).toBeCloseTo(170, 6);
    expect(frame.h).toBeCloseTo(682, 6);
    // The original's bottom-right pixel lands at the content's bottom-right, not in the padding.
    const last = boxInResult({ x: 599, y: 399, w: 1, h: 1 }, 600, 400, frame);
    expect(last.x + last.w).toBeCloseTo(1024, 6);
    expect(last.y + last.h).toBeCloseTo(852, 6);
  });
});

describe('cache keys', () => {
  const base = {
    endpoint: 'images.edit', model: 'gpt-image-2', prompt: 'a red hat',
    options: { size: '1024x1024', quality: 'low', n: 1 },
    images: [new Uint8Array([1, 2, 3])], mask: new Uint8Array([9, 9]),
  };

  it('is stable under option order and undefined values', async () => {
    const a = await cacheKey(base);
    const b = await cacheKey({ ...base, options: { n: 1, quality: 'low', size: '1024x1024', user: undefined } });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(canonicalJson({ b: [1, { d: 1, c: 2 }], a: null })).toBe('{"a":null,"b":[1,{"c":2,"d":1}]}');
  });

  it('changes with any byte, the prompt, an option, the endpoint or the model', async () => {
    const a = await cacheKey(base);
    const variants = [
      { ...base, images: [new Uint8Array([1, 2, 4])] },
      { ...base, mask: new Uint8Array([9, 8]) },
      { ...base, mask: null },
      { ...base, prompt: 'a red hat.' },
      { ...base, options: { ...base.options, quality: 'high' } },
      { ...base, endpoint: 'responses' },
      { ...base, model: 'gpt-image-1.5' },
      { ...base, images: [base.images[0]!, new Uint8Array([7])] },
    ];
    const keys = await Promise.all(variants.map((v) => cacheKey(v)));
    expect(new Set([a, ...keys]).size).toBe(variants.length + 1);
  });
});
