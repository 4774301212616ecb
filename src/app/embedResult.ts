import type { Body, ResultMetadata, ResultMsg } from '../core/embed/protocol.ts';
import type { EditOutput } from '../core/provider/types.ts';
import type { Editor } from '../editor/Editor.ts';
import { coverageMaskPng, encodePicture } from '../services/composite/encode.ts';
import type { ResultsController } from './results/ResultsController.ts';

/** What the host asked for when it opened the image. */
export interface HostRequest {
  name: string;
  prompt: string;
  options: Record<string, unknown>;
}

/** Everything a result may be assembled from. */
export interface ResultSources {
  editor: Editor;
  request: HostRequest | null;
  /** The edit results over the picture, if the app has them. */
  results?: ResultsController | null;
}

/** What the host learns of the edit a result came from (never the key, never the endpoint). */
function editFields(out: Omit<EditOutput, 'images'>): Pick<ResultMetadata, 'provider' | 'model' | 'options' | 'usage'> {
  const m: Pick<ResultMetadata, 'provider' | 'model' | 'options' | 'usage'> = { provider: out.provider, options: { ...out.sentOptions } };
  if (out.model) m.model = out.model;
  if (out.usage) m.usage = out.usage;
  return m;
}

/**
 * The one place that decides what "Save to host" sends: the `result` message and the buffers
 * to transfer with it.
 *
 * - A result is picked over the picture: that result laid back at full resolution (PNG), the
 *   mask it was made with, its prompt, and `source: 'edit'` with its provider, model, options
 *   as sent and usage.
 * - The picture was continued from a result (or generated): the picture as it is now, with the
 *   mask, and `source: 'edit'` with that result's provider, model, options and usage.
 * - Otherwise: the open image at full resolution (PNG) and the mask (PNG, alpha 0 where
 *   painted), the prompt the host gave, and `source: 'original'`.
 */
export async function buildEmbedResult({ editor, request, results }: ResultSources): Promise<{ body: Body<ResultMsg>; transfer: ArrayBuffer[] }> {
  const info = editor.state.image;
  if (!info) throw new Error('no image');
  const { width, height } = info;
  const pick = results ? await results.picked() : null;
  let image: Blob;
  let mask: Blob;
  let prompt = request?.prompt ?? '';
  let metadata: ResultMetadata = { name: request?.name ?? info.name, width, height, source: 'original', options: request?.options ?? {} };
  if (pick && pick.round.kind === 'edit') {
    const coverage = pick.round.coverage;
    [image, mask] = await Promise.all([encodePicture(pick.picture, 'png'), coverage ? coverageMaskPng(coverage, width, height) : editor.exportMask()]);
    prompt = pick.round.prompt;
    metadata = { ...metadata, source: 'edit', ...editFields(pick.round.output) };
  } else {
    [image, mask] = await Promise.all([editor.exportImage(), editor.exportMask()]);
    const from = pick?.round.output ?? results?.baseOutput;
    if (from) metadata = { ...metadata, source: 'edit', ...editFields(from) };
    if (pick) prompt = pick.round.prompt;
  }
  const [imageBytes, maskBytes] = await Promise.all([image.arrayBuffer(), mask.arrayBuffer()]);
  return {
    body: {
      type: 'result',
      image: { bytes: imageBytes, type: 'image/png', width, height },
      mask: { bytes: maskBytes, type: 'image/png', width, height },
      prompt,
      metadata,
    },
    transfer: [imageBytes, maskBytes],
  };
}
