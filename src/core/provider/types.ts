/**
 * The one interface every edit provider implements: OpenAI's Images API, its Responses API,
 * and the local fill that needs no key. The app hands a job in and gets images back; how the
 * provider sizes, encodes, uploads or fills is its own business.
 */
import type { CacheKeyInput } from '../cache/key.ts';
import type { MaskSnapshot } from '../mask/snapshot.ts';

/** Token usage as the API reports it (absent for the local fill). */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  inputTextTokens?: number;
  inputImageTokens?: number;
  outputImageTokens?: number;
}

export type EditEvent =
  /** Work under way; `fraction` 0..1 when known. */
  | { type: 'progress'; phase: 'preparing' | 'uploading' | 'waiting' | 'generating' | 'filling'; fraction?: number }
  /** A partial image while streaming (index 0-based), at the provider's output size. */
  | { type: 'partial'; index: number; image: Blob }
  /** A retry is scheduled after a 429/5xx or dropped connection. */
  | { type: 'retry'; attempt: number; waitMs: number; reason: string };

export interface EditJob {
  prompt: string;
  /** Extra reference images (after the painted one); the mask applies to `image` only. */
  references?: readonly Blob[];
  /** The image being edited, upright, at its full size. Null: generate a new image from the prompt. */
  image: ImageBitmap | null;
  /** Mask coverage, width x height of `image`, row-major; 255 = painted (to change), 0 = keep. */
  mask: Uint8Array | null;
  /**
   * The mask's snapshot (its `coverage` is `mask`): its hash and PNG per size, each computed once
   * for this mask version. Absent, a provider works from `mask` alone.
   */
  maskSnapshot?: MaskSnapshot | null;
  /**
   * The picture's content id: the SHA-256 of the bytes it was decoded from (and the size it was
   * decoded at), taken once when it was opened. A cache key names the picture by it instead of
   * encoding it; absent, the key is over the bytes sent.
   */
  imageId?: string | null;
  /** Provider-specific options (model, size, quality, …), already validated by the form. */
  options: Readonly<Record<string, unknown>>;
  signal: AbortSignal;
  onEvent?: (e: EditEvent) => void;
}

export interface EditOutput {
  /** One image per result (n of them), encoded as the provider returned them. */
  images: Blob[];
  /** Size of the returned images. */
  width: number;
  height: number;
  provider: string;
  model?: string;
  revisedPrompt?: string;
  /** The revised prompt of each image, where the model rewrote it. */
  revisedPrompts?: readonly (string | undefined)[];
  usage?: Usage;
  /** Responses API: the conversation model's own tokens (the image tool's are in `usage`). */
  mainlineUsage?: Usage;
  /**
   * The part of each returned image that shows the original, as fractions (0..1) of its size;
   * absent means all of it. dall-e-2 answers are squares with the image inside this region.
   */
  resultRegion?: { x: number; y: number; width: number; height: number };
  /** Size the image and mask were sent at (they are scaled down to the model's limit). */
  sentSize?: { width: number; height: number };
  /** Responses API: the id to continue a conversation from. */
  responseId?: string;
  /** Options as they were actually sent (canonical), for history and cache keys. */
  sentOptions?: Readonly<Record<string, unknown>>;
}

/**
 * An edit made ready but not sent: what exactly it will send (the cache key's input: the encoded
 * files' bytes, the canonical options, the endpoint and model) and the way to send it. Nothing
 * has gone over the network yet, so an identical earlier answer can stand in for `send()`.
 */
export interface PreparedEdit {
  /** Null when the request cannot be told apart from another by what it sends (not cached). */
  key: CacheKeyInput | null;
  send(): Promise<EditOutput>;
}

export interface EditProvider {
  readonly id: string;
  /** True when it works with no key, no proxy and no network. */
  readonly offline: boolean;
  edit(job: EditJob): Promise<EditOutput>;
  /** Encodes the job as it will be sent, without sending it; `edit(job)` is `prepare(job)` then `send()`. */
  prepare?(job: EditJob): Promise<PreparedEdit>;
}
