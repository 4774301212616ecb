/** Pictures and masks for the OpenAI provider tests. */

export async function picture(w: number, h: number): Promise<ImageBitmap> {
  const c = new OffscreenCanvas(w, h);
  const ctx = c.getContext('2d')!;
  ctx.fillStyle = 'rgb(200,120,40)';
  ctx.fillRect(0, 0, w, h);
  return createImageBitmap(c);
}

/** Coverage with a painted rectangle (255 inside). */
export function paintedRect(w: number, h: number, r: { x: number; y: number; w: number; h: number }): Uint8Array {
  const c = new Uint8Array(w * h);
  for (let y = r.y; y < r.y + r.h; y++) c.fill(255, y * w + r.x, y * w + r.x + r.w);
  return c;
}

