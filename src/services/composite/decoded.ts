const decoded = new WeakMap<Blob, Promise<ImageBitmap>>();

/**
 * A result's pixels, decoded once per Blob and shared: the answer's size, the history thumbnail
 * and the composite on screen all read the same bitmap. It stays open until
 * {@link releaseDecoded} (the round leaves the screen); a Blob dropped without that lets go of it
 * when collected.
 */
export async function decodedBitmap(blob: Blob): Promise<ImageBitmap> {
  const bmp = await shared(blob);
  // Released while this call waited (its round left the screen): a closed bitmap has no size; decode anew.
  return bmp.width === 0 ? shared(blob) : bmp;
}

function shared(blob: Blob): Promise<ImageBitmap> {
  let p = decoded.get(blob);
  if (!p) {
    p = createImageBitmap(blob);
    decoded.set(blob, p);
    p.catch(() => decoded.delete(blob)); // undecodable: each caller hears so
  }
  return p;
}

/** Closes a Blob's shared bitmap, if it was decoded; the next use decodes it anew. */
export function releaseDecoded(blob: Blob): void {
  const p = decoded.get(blob);
  if (!p) return;
  decoded.delete(blob);
  void p.then((bmp) => bmp.close(), () => undefined);
}
