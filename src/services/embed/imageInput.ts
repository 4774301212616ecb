import type { ImageInput } from '../../core/embed/protocol.ts';
import { IMAGE_LIMITS } from '../../core/image/limits.ts';

/** The last path segment of a URL, as a file name. */
function nameFromUrl(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '') || 'image';
  } catch {
    return 'image';
  }
}

/**
 * Turns an image the host sent into a File the intake opens. A URL is fetched without cookies
 * (the host's media server must allow the editor's origin by CORS); a body declared larger
 * than the editor takes is refused before it is read.
 */
export async function imageInputToFile(input: ImageInput, fetchFn: typeof fetch = fetch): Promise<File> {
  switch (input.kind) {
    case 'bytes':
      return new File([input.bytes], input.name ?? 'image', { type: input.type ?? '' });
    case 'blob':
      return new File([input.blob], input.name ?? 'image', { type: input.blob.type });
    case 'url': {
      const res = await fetchFn(input.url, { credentials: 'omit', mode: 'cors', referrerPolicy: 'no-referrer' });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      if (Number(res.headers.get('content-length') ?? 0) > IMAGE_LIMITS.maxFileBytes) throw new Error('larger than 50 MB');
      const blob = await res.blob();
      return new File([blob], input.name ?? nameFromUrl(input.url), { type: blob.type });
    }
  }
}
