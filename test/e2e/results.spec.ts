import { expect, test, type Frame, type Page } from '@playwright/test';
import { decodePngFile, dropFile, mouseStroke } from './helpers.ts';
import { connect, exportedMask, exportedPng, fake, stagePixel } from './openaiHelpers.ts';
import { EDITOR, HOST, allowOrigins, editorFrame, openFromLibrary } from './embedHelpers.ts';

const KEY = `sk-e2e-results-${Date.now().toString(36)}`;
const editsAtFake = async () => (await fake().requests({ path: '/v1/images/edits', apiKey: KEY })).length;

type Services = { results: { settled(): Promise<void> } };
/** Waits until the last answer and the draft are in IndexedDB (the app saves them in the background). */
const settled = (where: Page | Frame) => where.evaluate(() => (window as unknown as { __inpaint: Services }).__inpaint.results.settled());

async function paintAndSend(page: Page, prompt: string): Promise<void> {
  await page.getByTestId('brush-size').fill('500');
  await mouseStroke(page, [[100, 300], [500, 300]]);
  await connect(page, fake().baseURL, KEY);
  await page.getByTestId('model').selectOption('gpt-image-1.5');
  await page.getByTestId('quality').selectOption('low');
  await page.getByTestId('prompt').fill(prompt);
  await page.getByTestId('submit').click();
}

test('after a reload the draft and the last results come back, the same request is answered from storage, and the history lists it', async ({ page }) => {
  await page.goto('/');
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  const before = await editsAtFake();
  await paintAndSend(page, 'a glass rocket');
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 15_000 });
  expect(await editsAtFake()).toBe(before + 1);
  await expect.poll(async () => (await stagePixel(page, 300, 300)).slice(0, 3)).toEqual([255, 0, 255]);
  const mask = await exportedMask(page);
  await settled(page);

  await page.reload();
  await expect(page.getByTestId('image-info')).toContainText('rocket.jpg · 640×427');
  await expect(page.getByTestId('prompt')).toHaveValue('a glass rocket');
  await expect(page.getByText('is back: picture, mask, prompt and settings')).toBeVisible();
  expect((await exportedMask(page)).data.equals(mask.data)).toBe(true);
  // The round it had is back over the picture.
  await expect(page.getByRole('button', { name: 'Show result 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await stagePixel(page, 300, 300)).slice(0, 3)).toEqual([255, 0, 255]);

  // The key was not remembered: enter it again (the options came back), and send the same request.
  await connect(page, fake().baseURL, KEY);
  await expect(page.getByTestId('model')).toHaveValue('gpt-image-1.5');
  await expect(page.getByTestId('quality')).toHaveValue('low');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('from-cache')).toContainText('no request sent');
  await expect(page.getByTestId('cached-note')).toBeVisible();
  expect(await editsAtFake()).toBe(before + 1);

  // History: the edit with its prompt and model, storage figures.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-item')).toHaveCount(1);
  await expect(page.getByTestId('history-item')).toContainText('a glass rocket');
  await expect(page.getByTestId('history-item')).toContainText('gpt-image-1.5');
  await expect(page.getByTestId('storage-usage')).toContainText('used of');

  // Generate again: a new request, a second history entry.
  await page.getByTestId('from-cache').getByRole('button', { name: 'Generate again' }).click();
  await expect.poll(editsAtFake, { timeout: 15_000 }).toBe(before + 2);
  await expect(page.getByTestId('history-item')).toHaveCount(2, { timeout: 15_000 });

  // Download the result at full size.
  const download = page.waitForEvent('download');
  await page.getByTestId('result-format').selectOption('webp');
  await page.getByRole('button', { name: 'Download result' }).click();
  expect((await download).suggestedFilename()).toBe('rocket-result-1.webp');
});

test('an edit under way when the page reloads shows as interrupted, and "Send it again" sends it', async ({ page }) => {
  await page.goto('/');
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await fake().script([{ path: '/v1/images/edits', apiKey: KEY, fault: { kind: 'delay', ms: 4000 } }]);
  const before = await editsAtFake();
  await paintAndSend(page, 'interrupted rocket');
  await expect(page.getByTestId('progress-text')).toContainText(/Waiting|Uploading/);
  await expect.poll(editsAtFake).toBe(before + 1); // it has reached the server
  await settled(page);
  await page.reload();
  await expect(page.getByText('was still running when the page closed')).toBeVisible();
  await connect(page, fake().baseURL, KEY);
  await page.getByRole('button', { name: 'Send it again' }).click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 15_000 });
  // The first request reached the server before the reload; the retry is a second one.
  await expect.poll(editsAtFake).toBe(before + 2);
});

test('at 375 px wide the results strip and the history fit, and the compare divider drags', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await page.goto('/');
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await page.keyboard.press('p'); // the edit panel starts closed on narrow screens
  await paintAndSend(page, 'narrow');
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 15_000 });
  await page.keyboard.press('p'); // and closed again, to give the canvas the room
  const fits = (sel: string) => page.evaluate((s) => {
    const out = [...document.querySelectorAll(`${s} button, ${s} select, ${s} input`)].filter((el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && (r.left < 0 || r.right > innerWidth || r.top < 0 || r.bottom > innerHeight);
    });
    return { outside: out.length, scrolls: document.documentElement.scrollWidth > innerWidth };
  }, sel);
  expect(await fits('[data-testid=results]')).toEqual({ outside: 0, scrolls: false });
  await page.getByRole('button', { name: 'Compare' }).click();
  const divider = page.getByTestId('compare-divider');
  await expect(divider).toBeVisible();
  const box = (await page.getByTestId('stage').boundingBox())!;
  const handle = (await divider.boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => Number(await divider.getAttribute('aria-valuenow'))).toBeGreaterThan(70);

  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-item')).toHaveCount(1);
  expect(await fits('[data-testid=history]')).toEqual({ outside: 0, scrolls: false });
  await page.getByTestId('history-close').click();
  await expect(page.getByTestId('history')).not.toBeVisible();
});

test('embedded in an 800×600 frame: edit, see the results, and Save to host sends the laid-back result with its model and usage', async ({ page, context }) => {
  const control = fake();
  await allowOrigins(context, [HOST]);
  await page.goto(`${HOST}/`);
  await page.selectOption('select[name=frame]', '800x600');
  await openFromLibrary(page, 'rocket.jpg', { apiKey: KEY, baseURL: control.baseURL });
  const frame = await editorFrame(page);
  const editor = page.frameLocator('#editor-box iframe');
  await expect(editor.getByTestId('image-info')).toContainText('640×427');
  await editor.getByTestId('brush-size').fill('500');
  await mouseStroke(page, [[100, 300], [500, 300]], frame);
  await editor.getByRole('button', { name: 'Edit panel' }).click();
  await editor.getByTestId('prompt').fill('a rocket in the frame');
  const before = await editsAtFake();
  await editor.getByTestId('submit').click();
  await expect(editor.getByTestId('results')).toBeVisible({ timeout: 15_000 });
  expect(await editsAtFake()).toBe(before + 1);
  const layout = await frame.evaluate(() => {
    const root = document.documentElement;
    const strip = document.querySelector('[data-testid=results]')!.getBoundingClientRect();
    return { scroll: root.scrollWidth <= innerWidth && root.scrollHeight <= innerHeight, strip: strip.right <= innerWidth && strip.bottom <= innerHeight };
  });
  expect(layout).toEqual({ scroll: true, strip: true });
  await expect(page.locator('#dirty')).toBeVisible(); // new results are unsaved work for the CMS

  await editor.getByRole('button', { name: 'Save to host' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { demo: { results: unknown[] } }).demo.results.length)).toBe(1);
  const meta = await page.evaluate(() => (window as unknown as { demo: { results: { metadata: Record<string, unknown>; prompt: string }[] } }).demo.results[0]!);
  expect(meta.prompt).toBe('a rocket in the frame');
  expect(meta.metadata).toMatchObject({ name: 'rocket.jpg', width: 640, height: 427, source: 'edit', provider: 'openai-images', model: 'gpt-image-2' });
  expect((meta.metadata.usage as { outputTokens: number }).outputTokens).toBeGreaterThan(0);
  expect(JSON.stringify(meta)).not.toContain(KEY);
});

test('embedded where the frame may not use IndexedDB: the editor works in memory and says so', async ({ page, context }) => {
  // As a browser that blocks storage in third-party frames: opening IndexedDB throws in the editor's frame.
  await page.addInitScript((editor) => {
    if (location.origin !== editor) return;
    indexedDB.open = () => { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); };
  }, EDITOR);
  await allowOrigins(context, [HOST]);
  await page.goto(`${HOST}/`);
  await page.selectOption('select[name=frame]', '800x600');
  await openFromLibrary(page, 'chelsea.png', { apiKey: KEY, baseURL: fake().baseURL });
  const frame = await editorFrame(page);
  const editor = page.frameLocator('#editor-box iframe');
  await expect(editor.getByTestId('image-info')).toContainText('451×300');
  await expect(editor.getByText('history and drafts last only until this tab closes')).toBeVisible();
  await mouseStroke(page, [[100, 150], [300, 150]], frame);
  await editor.getByRole('button', { name: 'Edit panel' }).click();
  await editor.getByTestId('prompt').fill('in memory');
  await editor.getByTestId('submit').click();
  await expect(editor.getByTestId('results')).toBeVisible({ timeout: 15_000 });
  await editor.getByRole('button', { name: 'History' }).click();
  await expect(editor.getByTestId('history-item')).toHaveCount(1);
  await expect(editor.getByTestId('storage-memory')).toBeVisible();
  await editor.getByRole('button', { name: 'Save to host' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { demo: { results: { metadata: { source: string } }[] } }).demo.results[0]?.metadata.source)).toBe('edit');
});

test('after an edit, every toolbar download gives the picture its name says: the mask, and the original (not the result on screen)', async ({ page }) => {
  await page.goto('/');
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await paintAndSend(page, 'a toolbar download');
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await stagePixel(page, 300, 300)).slice(0, 3)).toEqual([255, 0, 255]); // the result is shown

  const toolbar = page.getByTestId('toolbar');
  const names = await toolbar.getByRole('button', { name: /download/i }).evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
  expect(names.toSorted()).toEqual(['Download mask', 'Download original']);

  const original = await exportedPng(page, 'exportImage');
  const d = page.waitForEvent('download');
  await toolbar.getByRole('button', { name: 'Download original' }).click();
  const file = await d;
  expect(file.suggestedFilename()).toBe('rocket-original.png');
  const got = decodePngFile(await file.path());
  expect([got.width, got.height]).toEqual([640, 427]);
  expect(got.data.equals(original.data)).toBe(true);
  const at = (x: number, y: number) => [...got.data.subarray((y * 640 + x) * 4, (y * 640 + x) * 4 + 3)];
  expect(at(300, 300)).not.toEqual([255, 0, 255]);

  const m = page.waitForEvent('download');
  await toolbar.getByRole('button', { name: 'Download mask' }).click();
  const mask = decodePngFile(await (await m).path());
  expect(mask.data.equals((await exportedMask(page)).data)).toBe(true);
});
