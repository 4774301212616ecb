/**
 * A request made ready to go upstream: the safety identifier added (JSON: set, replacing any the
 * browser sent; multipart: a leading part, with a scan that refuses a part of the browser's own),
 * and what it asked for, to price it if the answer is cut short.
 */
import type { ProxyRoute } from './routes.ts';
import { multipartBoundary, MultipartScan } from './multipart.ts';
import { multipartField } from './safety.ts';
import type { Asked } from './usage.ts';

export type Prepared =
  | { ok: true; body: Buffer | null; prefix: Buffer | null; scan: MultipartScan | null; asked: () => Asked }
  | { ok: false; message: string };

/** The multipart fields that price an edit. */
const PRICED = ['model', 'size', 'quality', 'n', 'partial_images', 'input_fidelity'];

/** Prepares a request of `route` whose JSON body is `body` (null: multipart, streamed). */
export function prepare(route: ProxyRoute, body: Buffer | null, contentType: string | undefined, safetyId: string): Prepared {
  const responses = route.path === '/responses';
  if (body) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error();
    } catch {
      return { ok: false, message: 'The request body is not a JSON object.' };
    }
    if (route.safety) json.safety_identifier = safetyId;
    const tool = Array.isArray(json.tools) ? (json.tools as Record<string, unknown>[]).find((t) => t?.type === 'image_generation') : undefined;
    const src = responses ? (tool ?? {}) : json;
    const asked: Asked = {
      model: typeof src.model === 'string' ? src.model : null, size: src.size, quality: src.quality, n: responses ? 1 : json.n,
      partialImages: src.partial_images, inputFidelity: src.input_fidelity, images: 0, responses,
    };
    return { ok: true, body: Buffer.from(JSON.stringify(json)), prefix: null, scan: null, asked: () => asked };
  }
  if (!route.safety) return { ok: true, body: null, prefix: null, scan: null, asked: () => ({ model: null, images: 0, responses }) };
  const boundary = multipartBoundary(contentType);
  if (!boundary) return { ok: false, message: 'The request is not multipart/form-data.' };
  const scan = new MultipartScan(boundary, PRICED, 'safety_identifier');
  // Read when needed: the fields arrive as the body streams.
  const asked = (): Asked => {
    const v = scan.values;
    let images = 0;
    for (const [name, count] of scan.files) if (name === 'image' || name === 'image[]') images += count;
    return { model: v.get('model') ?? null, size: v.get('size'), quality: v.get('quality'), n: v.get('n'), partialImages: v.get('partial_images'), inputFidelity: v.get('input_fidelity'), images, responses };
  };
  return { ok: true, body: null, prefix: multipartField(boundary, 'safety_identifier', safetyId), scan, asked };
}
