import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { alpha, decodePngFile, dropFile, mouseStroke } from './helpers.ts';

test('drop a photo, paint with the mouse, download a mask that lines up with the stroke', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('empty')).toBeVisible();
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await expect(page.getByTestId('image-info')).toContainText('640×427');

  await page.getByTestId('brush-size').fill('500'); // log slider: about 32 px
  const size = await page.evaluate(() => (window as unknown as { __inpaint: { editor: { state: { brushSize: number } } } }).__inpaint.editor.state.brushSize);
  await mouseStroke(page, [[100, 300], [500, 300]]);
  // Zoom in and paint a second stroke: it must land where the pointer is at that zoom too.
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await mouseStroke(page, [[320, 100], [320, 200]]);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download mask' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('rocket-mask.png');
  const path = await file.path();
  const bytes = readFileSync(path);
  expect(bytes[25]).toBe(6); // colour type RGBA
  const png = decodePngFile(path);
  expect([png.width, png.height]).toEqual([640, 427]);
  const r = size / 2;
  for (const x of [110, 200, 300, 400, 490]) {
    expect(alpha(png, x, 300), `under stroke at ${x}`).toBe(0);
    expect(alpha(png, x, Math.round(300 - r + 3)), `inside edge at ${x}`).toBe(0);
    expect(alpha(png, x, Math.round(300 + r + 4)), `below stroke at ${x}`).toBe(255);
  }
  for (const y of [110, 150, 190]) expect(alpha(png, 320, y)).toBe(0);
  expect(alpha(png, 320 + Math.round(r) + 4, 150)).toBe(255);
  expect(alpha(png, 5, 5)).toBe(255);
  expect(alpha(png, 630, 420)).toBe(255);

  // Undo the zoomed stroke with the keyboard; the first stays.
  await page.keyboard.press('Control+z');
  const d2 = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download mask' }).click();
  const png2 = decodePngFile(await (await d2).path());
  expect(alpha(png2, 320, 150)).toBe(255);
  expect(alpha(png2, 300, 300)).toBe(0);
});

test('a corrupt file leaves the open image and mask alone', async ({ page }) => {
  await page.goto('/');
  await page.setInputFiles('[data-testid=image-input]', new URL('../fixtures/chelsea.png', import.meta.url).pathname);
  await expect(page.getByTestId('image-info')).toContainText('451×300');
  await mouseStroke(page, [[100, 100], [300, 100]]);
  await page.setInputFiles('[data-testid=image-input]', new URL('../fixtures/truncated.jpg', import.meta.url).pathname);
  await expect(page.getByRole('alert')).toContainText('incomplete');
  await expect(page.getByTestId('image-info')).toContainText('chelsea.png');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
});
