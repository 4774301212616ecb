import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fixturePath, imageToPage, mouseStroke } from './helpers.ts';

type EditorState = { brushSize: number; zoom: number; canUndo: boolean; canRedo: boolean; tool: string; maskVisible: boolean };
const state = (page: Page) => page.evaluate(() => (window as unknown as { __inpaint: { editor: { state: EditorState } } }).__inpaint.editor.state);
const view = (page: Page) => page.evaluate(() => (window as unknown as { __inpaint: { editor: { currentView: { scale: number; x: number; y: number } } } }).__inpaint.editor.currentView);

async function paste(page: Page, name: string, mime: string) {
  const b64 = readFileSync(fixturePath(name)).toString('base64');
  await page.evaluate((f) => {
    const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], f.name, { type: f.mime }));
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, { b64, name, mime });
}

test('paste opens an image; keys change the brush, tool, mask and history', async ({ page }) => {
  await page.goto('/');
  await paste(page, 'astronaut.webp', 'image/webp');
  await expect(page.getByTestId('image-info')).toContainText('512×512');

  const size0 = (await state(page)).brushSize;
  await page.keyboard.press(']');
  await page.keyboard.press(']');
  const size1 = (await state(page)).brushSize;
  expect(size1).toBeGreaterThan(size0);
  await page.keyboard.press('[');
  expect((await state(page)).brushSize).toBeLessThan(size1);

  // The outline under the pointer has the brush's true size at the current zoom.
  const p = await imageToPage(page, 256, 256);
  await page.mouse.move(p.x, p.y);
  const outline = await page.evaluate(() => {
    const ed = (window as unknown as { __inpaint: { editor: { parts: { cursor: { getClientRect(): { width: number }; visible(): boolean } } } } }).__inpaint.editor;
    return { width: ed.parts.cursor.getClientRect().width, visible: ed.parts.cursor.visible() };
  });
  const { brushSize, zoom } = await state(page);
  expect(outline.visible).toBe(true);
  expect(Math.abs(outline.width - brushSize * zoom)).toBeLessThan(4 + 0.02 * brushSize * zoom);

  await mouseStroke(page, [[100, 100], [400, 100]]);
  await mouseStroke(page, [[100, 400], [400, 400]]);
  await page.keyboard.press('Control+z');
  expect((await state(page)).canRedo).toBe(true);
  await page.keyboard.press('Control+Shift+z');
  expect((await state(page)).canRedo).toBe(false);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+y');
  expect((await state(page)).canRedo).toBe(false);
  await page.keyboard.press('e');
  expect((await state(page)).tool).toBe('eraser');
  await page.keyboard.press('b');
  expect((await state(page)).tool).toBe('brush');
  await page.keyboard.press('h');
  expect((await state(page)).maskVisible).toBe(false);
  await page.keyboard.press('h');
  expect((await state(page)).maskVisible).toBe(true);
});

test('wheel zooms about the pointer; Space+drag pans without painting', async ({ page }) => {
  await page.goto('/');
  await page.setInputFiles('[data-testid=image-input]', fixturePath('coffee.png'));
  await expect(page.getByTestId('image-info')).toContainText('600×400');
  const anchor = await imageToPage(page, 150, 100);
  const z0 = (await view(page)).scale;
  await page.mouse.move(anchor.x, anchor.y);
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await view(page)).scale).toBeGreaterThan(z0 * 1.2);
  // The image point under the pointer stayed under it.
  const after = await imageToPage(page, 150, 100);
  expect(Math.abs(after.x - anchor.x)).toBeLessThan(1);
  expect(Math.abs(after.y - anchor.y)).toBeLessThan(1);

  const v0 = await view(page);
  await page.keyboard.down('Space');
  await page.mouse.move(anchor.x, anchor.y);
  await page.mouse.down();
  await page.mouse.move(anchor.x + 120, anchor.y + 60, { steps: 5 });
  await page.mouse.up();
  await page.keyboard.up('Space');
  const v1 = await view(page);
  expect(v1.x - v0.x).toBeCloseTo(120, 0);
  expect(v1.y - v0.y).toBeCloseTo(60, 0);
  expect((await state(page)).canUndo).toBe(false);
});
