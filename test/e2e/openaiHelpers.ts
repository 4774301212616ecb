import { expect, type Frame, type Page, type Request } from '@playwright/test';
import { PNG } from 'pngjs';
import { fakeControl } from '../fake-openai/controlClient.ts';

/** The fake OpenAI server the Playwright globalSetup started. */
export function fake() {
  const url = process.env.FAKE_OPENAI_URL;
  if (!url) throw new Error('FAKE_OPENAI_URL is not set: the fake OpenAI globalSetup did not run');
  return fakeControl(url);
}

export { sha256 } from '../fake-openai/record.ts';

export { freePort } from '../helpers/freePort.ts';

/** The editor's own mask export (alpha 0 where painted), decoded. */
export const exportedMask = (page: Page): Promise<PNG> => exportedPng(page, 'exportMask');

/** The editor's own export of its picture (`exportImage`) or mask (`exportMask`), decoded. */
export async function exportedPng(page: Page, which: 'exportImage' | 'exportMask'): Promise<PNG> {
  const b64 = await page.evaluate(async (w) => {
    const blob = await (window as unknown as { __inpaint: { editor: Record<typeof w, () => Promise<Blob>> } }).__inpaint.editor[w]();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, which);
  return PNG.sync.read(Buffer.from(b64, 'base64'));
}

/** RGBA of the stage's image layer at an image pixel (preview included), read from the canvas. */
export async function stagePixel(page: Page, x: number, y: number): Promise<number[]> {
  return page.evaluate(([ix, iy]) => {
    const w = window as unknown as { __inpaint: { editor: { currentView: { scale: number; x: number; y: number } } } };
    const v = w.__inpaint.editor.currentView;
    const canvas = document.querySelector('[data-testid=stage] canvas') as HTMLCanvasElement;
    const dpr = canvas.width / canvas.clientWidth;
    const px = Math.floor((ix! * v.scale + v.x) * dpr);
    const py = Math.floor((iy! * v.scale + v.y) * dpr);
    return [...canvas.getContext('2d')!.getImageData(px, py, 1, 1).data];
  }, [x, y]);
}

/** Everything a page stores or shows, as one string (to prove a secret is in none of it). */
export async function pageTraces(page: Page): Promise<string> {
  return page.evaluate(async () => {
    // Inside page.evaluate: the function is serialised alone, so the helper must live in it.
    // oxlint-disable-next-line unicorn/consistent-function-scoping
    const done = <T,>(r: IDBRequest<T>) => new Promise<T>((res, rej) => {
      r.addEventListener('success', () => res(r.result));
      r.addEventListener('error', () => rej(r.error));
    });
    const parts: string[] = [location.href, document.documentElement.outerHTML, JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await done(indexedDB.open(info.name));
      for (const store of db.objectStoreNames) {
        const all = await done(db.transaction(store).objectStore(store).getAll());
        parts.push(JSON.stringify(all, (_k, v) => (v instanceof Blob ? `blob:${v.size}` : v)));
      }
      db.close();
    }
    return parts.join('\n');
  });
}

/** Where a request leaks `secret`: its URL, headers or body. */
export function leaks(r: Request, secret: string): string[] {
  const out: string[] = [];
  if (r.url().includes(secret)) out.push('url');
  for (const [k, v] of Object.entries(r.headers())) if (v.includes(secret)) out.push(`header ${k}`);
  const body = r.postDataBuffer();
  if (body && body.includes(secret)) out.push('body');
  return out;
}

/** Enters a base URL and key in Connection settings (in the page, or the editor's frame). */
export async function connect(where: Page | Frame, baseURL: string, key: string): Promise<void> {
  await where.getByTestId('open-settings').click();
  await where.getByTestId('base-url').fill(baseURL);
  await where.getByTestId('api-key').fill(key);
  await where.getByTestId('settings-save').click();
  await expect(where.getByTestId('settings')).not.toBeVisible();
}
