/** Messages between the page and the local fill worker. Pixels travel as transferred buffers. */
import type { FillStats } from '../../core/localFill/fill.ts';
import type { Crop } from '../../core/localFill/plan.ts';

/** Why the worker could not fill; each has a message in the UI strings (`localFill.error.*`). */
export type FillFailure = 'empty-mask' | 'no-source' | 'failed';

export type ToWorker =
  | {
    type: 'fill';
    id: number;
    /** Upright image at full size (a copy the worker owns and closes). */
    bitmap: ImageBitmap;
    /** Coverage, width*height, 255 = painted. */
    mask: Uint8Array;
    seed: number;
  }
  | { type: 'cancel'; id: number };

/** Timings of one fill, in milliseconds, for the benchmark. */
export interface FillTimings { read: number; fill: number; encode: number; total: number }

export type FromWorker =
  | { type: 'progress'; id: number; fraction: number }
  | { type: 'done'; id: number; png: Blob; width: number; height: number; stats: FillStats;
    crop: Crop; timings: FillTimings }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; code: FillFailure; message: string };
