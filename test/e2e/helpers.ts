import { readFileSync } from 'node:fs';
import type { FileChooser, Frame, Page } from '@playwright/test';
import { PNG } from 'pngjs';

export const fixturePath = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** Drops a fixture on the page the way a user's drag-and-drop does (a real DataTransfer). */
export async function dropFile(page: Page, name: string, mime: string): Promise<void> {
  await dropBytes(page, readFileSync(fixturePath(name)), name, mime);
}

/** Drops `bytes` as a file called `name` of type `mime` on the canvas. */
export async function dropBytes(page: Page, bytes: Buffer, name: string, mime: string): Promise<void> {
  const dt = await page.evaluateHandle((f) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.mime }));
    return transfer;
  }, { b64: bytes.toString('base64'), name, mime });
  await dropTransfer(page, dt);
}

/** Drags a DataTransfer (made in the page) over the canvas and drops it. */
export async function dropTransfer(page: Page, dt: Awaited<ReturnType<Page['evaluateHandle']>>): Promise<void> {
  const target = page.locator('[data-testid=stage]');
  await target.dispatchEvent('dragenter', { dataTransfer: dt });
  await page.locator('[data-testid=drop-overlay]').waitFor();
  await target.dispatchEvent('dragover', { dataTransfer: dt });
  await target.dispatchEvent('drop', { dataTransfer: dt });
}

/** Clicks the toolbar button `action` (`open`, `loadMask`) and picks `files` in the file chooser it opens. */
export async function pickFiles(page: Page, action: string, files: Parameters<FileChooser['setFiles']>[0]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.locator(`[data-action=${action}]`).click();
  await (await chooser).setFiles(files);
}

/** Screen position (page coordinates) of an image pixel, from the editor's current view; `where` is the editor's page or frame. */
export async function imageToPage(where: Page | Frame, x: number, y: number): Promise<{ x: number; y: number }> {
  const box = (await where.locator('[data-testid=stage]').boundingBox())!;
  const v = await where.evaluate(() => (window as unknown as { __inpaint: { editor: { currentView: { scale: number; x: number; y: number } } } }).__inpaint.editor.currentView);
  return { x: box.x + x * v.scale + v.x, y: box.y + y * v.scale + v.y };
}

/** Paints with the real mouse through image-pixel points (in the editor at `where`, by default the page). */
export async function mouseStroke(page: Page, points: [number, number][], where: Page | Frame = page): Promise<void> {
  const first = await imageToPage(where, ...points[0]!);
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const p of points.slice(1)) {
    const s = await imageToPage(where, ...p);
    await page.mouse.move(s.x, s.y, { steps: 8 });
  }
  await page.mouse.up();
}

export function decodePngFile(path: string): PNG {
  return PNG.sync.read(readFileSync(path));
}

export const alpha = (png: PNG, x: number, y: number) => png.data[(y * png.width + x) * 4 + 3];
