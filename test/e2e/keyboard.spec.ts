import { expect, test, type FileChooser, type Locator, type Page } from '@playwright/test';
import { fixturePath } from './helpers.ts';
import { exportedMask, fake } from './openaiHelpers.ts';
import { auditScreen } from './a11yHelpers.ts';

const KEY = `sk-keys-${Date.now().toString(36)}`;

/** Presses Tab until `target` has the focus (as a keyboard user would), at most `max` times. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<number> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return i;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

// Nothing in this file touches the mouse: every step is a key press (and the system file
// picker, which the keyboard opened, is answered as a person would answer it).
test('keyboard only: open a photo, paint a mask with the keyboard brush, connect, write the prompt, send', async ({ page }) => {
  const control = fake();
  // Listening before the page loads: the picker is caught however soon Enter opens it (a
  // listener added just before a key press can miss it).
  const choosers: FileChooser[] = [];
  page.on('filechooser', (c) => choosers.push(c));
  await page.goto('/');

  // Open image… from the toolbar: Enter opens the system file picker.
  await tabTo(page, page.getByRole('button', { name: 'Open image…' }).first());
  await page.keyboard.press('Enter');
  await expect.poll(() => choosers.length).toBe(1);
  await choosers[0]!.setFiles(fixturePath('rocket.jpg'));
  await expect(page.getByTestId('image-info')).toContainText('640×427');

  // Space presses a focused button (it does not start a pan there).
  await tabTo(page, page.getByRole('button', { name: 'Eraser' }));
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Eraser' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('b');
  await expect(page.getByRole('button', { name: 'Brush' })).toHaveAttribute('aria-pressed', 'true');

  // The canvas takes the focus; arrow keys move the brush, Enter puts the pen down and lifts it.
  await tabTo(page, page.getByTestId('stage'));
  await expect(page.getByTestId('canvas-hint')).toBeVisible();
  const size = await page.evaluate(() => (window as unknown as { __inpaint: { editor: { state: { brushSize: number } } } }).__inpaint.editor.state.brushSize);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft'); // 4 × 5 × size/4 = 5 brush widths left
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pen-status')).toContainText('Painting');
  for (let i = 0; i < 8; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pen-status')).toContainText('Not painting');
  // The focused canvas: its outline, the hint, the brush where the keys left it.
  expect(await auditScreen(page, 'en-keyboard-canvas')).toEqual([]);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();

  // The mask is the stroke: from 5 brush widths left of the centre to 5 right, brush-wide.
  const mask = await exportedMask(page);
  const alphaAt = (x: number, y: number) => mask.data[(y * mask.width + x) * 4 + 3];
  const cx = 320;
  const cy = 214;
  const half = 5 * size;
  for (const x of [cx - half + 2, cx - half / 2, cx, cx + half / 2, cx + half - 2]) expect(alphaAt(Math.round(x), cy), `x ${x}`).toBe(0);
  expect(alphaAt(cx, cy - Math.round(size / 2) + 2)).toBe(0);
  expect(alphaAt(cx, cy - Math.round(size / 2) - 3)).toBe(255);
  expect(alphaAt(Math.round(cx + half + size / 2 + 3), cy)).toBe(255);
  expect(alphaAt(5, 5)).toBe(255);

  // ? shows every shortcut; Escape closes it.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet.locator('[data-action=undo] kbd').first()).toHaveText('Ctrl');
  await expect(sheet.locator('[data-action=penToggle]')).toContainText('Enter');
  await page.keyboard.press('Escape');
  await expect(sheet).not.toBeVisible();

  // Connection settings from the keyboard: Ctrl+, then type, Tab, type, Enter.
  await page.keyboard.press('Control+,');
  await expect(page.getByTestId('base-url')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(control.baseURL);
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('api-key')).toBeFocused();
  await page.keyboard.type(KEY);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('settings')).not.toBeVisible();

  // The prompt, and Ctrl+Enter sends.
  await tabTo(page, page.getByTestId('prompt'));
  await page.keyboard.type('a rocket made of glass');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 20_000 });

  const req = (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).at(-1)!;
  expect(req.fields).toMatchObject({ prompt: 'a rocket made of glass' });
  const sent = await control.fileData(req.files.find((f) => f.field === 'mask')!, 'alpha');
  expect(sent[cy * 640 + cx]).toBe(0);
  expect(sent[5 * 640 + 5]).toBe(255);
});

test('select all from the keyboard makes the whole picture the area to change, in one undo step', async ({ page }) => {
  await page.goto('/');
  await page.setInputFiles('[data-testid=image-input]', fixturePath('chelsea.png'));
  await expect(page.getByTestId('image-info')).toContainText('451×300');
  await page.keyboard.press('Control+a');
  let mask = await exportedMask(page);
  expect([mask.data[3], mask.data[(300 * 451 - 1) * 4 + 3]]).toEqual([0, 0]);
  await page.keyboard.press('Control+z');
  mask = await exportedMask(page);
  expect([mask.data[3], mask.data[(150 * 451 + 200) * 4 + 3]]).toEqual([255, 255]);
});
