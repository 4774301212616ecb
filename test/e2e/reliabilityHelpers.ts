import { expect, type Page } from '@playwright/test';
import type { CorpusFile } from './corpus.ts';
import { dropBytes, fixturePath, mouseStroke, pickFiles } from './helpers.ts';
import { connect, exportedMask, fake, sha256, stagePixel } from './openaiHelpers.ts';

/** How a file reaches the editor: the Open button's file picker, a drop, or a paste. */
export type Channel = 'picker' | 'drop' | 'paste';

/** Hands `file` to the editor the way a person would, through `how`. */
export async function deliver(page: Page, file: CorpusFile, how: Channel): Promise<void> {
  if (how === 'picker') return pickFiles(page, 'open', { name: file.name, mimeType: file.mime, buffer: file.bytes });
  if (how === 'drop') return dropBytes(page, file.bytes, file.name, file.mime);
  await page.evaluate((f) => {
    const dt = new DataTransfer();
    dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.mime }));
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, { b64: file.bytes.toString('base64'), name: file.name, mime: file.mime });
}

/** Dismisses every message on screen (so the next one checked is the next one shown). */
export async function dismissMessages(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Dismiss' });
  while (await close.count()) await close.first().click();
}

/** Waits until the app's draft and last answer are written to IndexedDB. */
export const settled = (page: Page) => page.evaluate(() => (window as unknown as { __inpaint: { results: { settled(): Promise<void> } } }).__inpaint.results.settled());

/** The work open in the editor, in a form two moments can be compared by. */
export interface Work { info: string; mask: string; painted: number; prompt: string; pick: string | null; pixel: number[]; canUndo: boolean }

/** What is open now: picture, mask (hashed), prompt, the picked result and a pixel of it. */
export async function work(page: Page, at: [number, number] = [300, 300]): Promise<Work> {
  const mask = await exportedMask(page);
  let painted = 0;
  for (let i = 3; i < mask.data.length; i += 4) if (mask.data[i] === 0) painted++;
  const results = page.getByTestId('results');
  return {
    info: (await page.getByTestId('image-info').textContent()) ?? '',
    mask: sha256(mask.data),
    painted,
    prompt: await page.getByTestId('prompt').inputValue(),
    pick: (await results.isVisible()) ? await page.getByTestId('result-1').getAttribute('aria-pressed') : null,
    pixel: (await stagePixel(page, ...at)).slice(0, 3),
    canUndo: await page.getByRole('button', { name: 'Undo' }).isEnabled(),
  };
}

/** Options that make an edit quick at the fake server: a small model, low quality, no partials. */
export async function quickOptions(page: Page, partials = 0): Promise<void> {
  await page.getByTestId('model').selectOption('gpt-image-1-mini');
  await page.getByTestId('quality').selectOption('low');
  await page.getByTestId('partials').fill(String(partials));
}

/**
 * Work worth losing: rocket.jpg with a wide stroke, a prompt, and the fake server's answer laid
 * back over the picture (magenta where the stroke is).
 */
export async function openWork(page: Page, key: string, prompt = 'a rocket made of glass'): Promise<Work> {
  await pickFiles(page, 'open', fixturePath('rocket.jpg'));
  await expect(page.getByTestId('image-info')).toContainText('rocket.jpg · 640×427');
  await page.getByTestId('brush-size').fill('500');
  await mouseStroke(page, [[100, 300], [500, 300]]);
  await connect(page, fake().baseURL, key);
  await quickOptions(page);
  await page.getByTestId('prompt').fill(prompt);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
  await expect.poll(async () => (await stagePixel(page, 300, 300)).slice(0, 3)).toEqual([255, 0, 255]);
  await settled(page);
  return work(page);
}
