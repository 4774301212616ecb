import type { Body, ResultMsg } from '../core/embed/protocol.ts';
import type { Editor } from '../editor/Editor.ts';

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
}

/**
 * The one place that decides what "Save to host" sends: the `result` message and the buffers
 * to transfer with it.
 *
 * Today: the open image at full resolution (PNG) and the mask (PNG, alpha 0 where painted), the
 * prompt the host gave, and `source: 'original'`. When edit results exist, this is the seam:
 * return the latest result's image with `source: 'edit'` and its provider, model, sent options
 * and usage (see `EditOutput` in `src/core/provider/types.ts`) instead.
 */
export async function buildEmbedResult({ editor, request }: ResultSources): Promise<{ body: Body<ResultMsg>; transfer: ArrayBuffer[] }> {
  const info = editor.state.image;
  if (!info) throw new Error('no image');
  const [image, mask] = await Promise.all([editor.exportImage(), editor.exportMask()]);
  const [imageBytes, maskBytes] = await Promise.all([image.arrayBuffer(), mask.arrayBuffer()]);
  const { width, height } = info;
  return {
    body: {
      type: 'result',
      image: { bytes: imageBytes, type: 'image/png', width, height },
      mask: { bytes: maskBytes, type: 'image/png', width, height },
      prompt: request?.prompt ?? '',
      metadata: { name: request?.name ?? info.name, width, height, source: 'original', options: request?.options ?? {} },
    },
    transfer: [imageBytes, maskBytes],
  };
}
