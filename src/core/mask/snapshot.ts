import { sha256 } from '../cache/key.ts';
import { paintedBox, seamWeights, type Box } from '../composite/layBack.ts';
import { alphaToRgba, maskAlphaForPlan } from '../openai/request/maskScale.ts';
import type { Rect } from '../openai/request/sizePlan.ts';
import { packCoverage } from '../results/coverage.ts';
import { isEmpty } from './maskPixels.ts';

/**
 * Encodes RGBA pixels as a PNG. Injected: encoding is the browser's (a canvas), and tests count
 * the calls.
 */
export interface PngEncoder {
  encodeRgba(rgba: Uint8ClampedArray<ArrayBuffer>, width: number, height: number): Promise<Blob>;
}

/** A size a mask is sent at: `width` x `height`, the picture drawn into `content` (see SizePlan). */
export interface MaskTarget { width: number; height: number; content: Rect }

/** The painted box and its blend weights for a seam `feather` pixels wide (see core/composite). */
export interface Seam { box: Box; weights: Float32Array }

/**
 * One version of a mask, computed once and shared by everything that needs it: the draft, the
 * cache key, the request encoder, the history record and the compositor. The full-size coverage
 * is taken when the snapshot is made; its packed form, hash, painted box, seam weights and PNG
 * per size are each worked out on first use, then kept.
 */
export class MaskSnapshot {
  /** Whether any pixel is painted at all (a mask of all zeros is no mask). */
  readonly painted: boolean;
  private packedMemo: Uint8Array<ArrayBuffer> | null | undefined;
  private hashMemo: Promise<string> | undefined;
  private boxMemo: Box | null | undefined;
  private readonly seams = new Map<number, Seam>();
  private readonly pngs = new Map<string, Promise<Blob>>();

  /**
   * `coverage`: row-major, width x height, 255 = painted; it must not change afterwards.
   * `known`: the packed form and its hash when the caller already has them (a restored draft).
   */
  constructor(
    readonly version: number, readonly width: number, readonly height: number, readonly coverage: Uint8Array,
    private readonly encoder: PngEncoder, known: { packed?: Uint8Array<ArrayBuffer>; hash?: string } = {},
  ) {
    if (coverage.length !== width * height) throw new RangeError('coverage does not match its size');
    this.painted = !isEmpty(coverage);
    if (known.packed) this.packedMemo = known.packed;
    if (known.hash) this.hashMemo = Promise.resolve(known.hash);
  }

  /** The exact coverage packed for storage (core/results/coverage.ts); null when nothing is painted. */
  get packed(): Uint8Array<ArrayBuffer> | null {
    if (this.packedMemo === undefined) this.packedMemo = this.painted ? packCoverage(this.coverage, this.width, this.height) : null;
    return this.packedMemo;
  }

  /** SHA-256 of {@link packed} as lowercase hex (the key a store files the packed bytes under); empty masks hash the empty string. */
  hash(): Promise<string> {
    this.hashMemo ??= sha256(this.packed ?? new Uint8Array(0));
    return this.hashMemo;
  }

  /** The painted area's bounding box (at the export threshold); null when nothing is. */
  get box(): Box | null {
    if (this.boxMemo === undefined) this.boxMemo = this.painted ? paintedBox(this.coverage, this.width, this.height) : null;
    return this.boxMemo;
  }

  /** The painted box and the weights a result is blended with over it (null when nothing is painted). */
  seam(feather: number): Seam | null {
    const box = this.box;
    if (!box) return null;
    let s = this.seams.get(feather);
    if (!s) {
      s = { box, weights: seamWeights(this.coverage, this.width, box, feather) };
      this.seams.set(feather, s);
    }
    return s;
  }

  /** The mask PNG OpenAI's way (alpha 0 where painted, 255 elsewhere) at a target size, encoded once per size. */
  png(target: MaskTarget): Promise<Blob> {
    const c = target.content;
    const key = `${target.width}x${target.height}:${c.x},${c.y},${c.width},${c.height}`;
    let p = this.pngs.get(key);
    if (!p) {
      const alpha = maskAlphaForPlan(this.coverage, this.width, this.height, target.width, target.height, c);
      p = this.encoder.encodeRgba(alphaToRgba(alpha) as Uint8ClampedArray<ArrayBuffer>, target.width, target.height);
      this.pngs.set(key, p);
      p.catch(() => this.pngs.delete(key)); // a failed encode is tried again next time
    }
    return p;
  }
}

/** What a snapshot is taken of: a mask document's committed state (core/mask/MaskDocument.ts). */
export interface SnapshotSource {
  readonly version: number;
  readonly width: number;
  readonly height: number;
  coverage(opts: { committed: true }): Uint8Array;
}

/**
 * One snapshot per mask version: asking again for the same document at the same version gives
 * the same snapshot, so nothing is rebuilt from the tiles twice. Documents are held weakly.
 */
export class MaskSnapshots {
  private readonly last = new WeakMap<SnapshotSource, MaskSnapshot>();

  constructor(private readonly encoder: PngEncoder) {}

  /** The snapshot of `doc` as committed now (a stroke being drawn is left out). */
  of(doc: SnapshotSource): MaskSnapshot {
    const s = this.last.get(doc);
    if (s && s.version === doc.version) return s;
    const snap = new MaskSnapshot(doc.version, doc.width, doc.height, doc.coverage({ committed: true }), this.encoder);
    this.last.set(doc, snap);
    return snap;
  }

  /**
   * Records what is already known of `doc`'s current version (a draft's mask just loaded: its
   * coverage and packed bytes), so the first use packs nothing again.
   */
  seed(doc: SnapshotSource, coverage: Uint8Array, packed: Uint8Array<ArrayBuffer>): MaskSnapshot {
    const snap = new MaskSnapshot(doc.version, doc.width, doc.height, coverage, this.encoder, { packed });
    this.last.set(doc, snap);
    return snap;
  }
}
