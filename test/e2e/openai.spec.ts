import { expect, test, type Request } from '@playwright/test';
import { dropFile, mouseStroke } from './helpers.ts';
import { connect, exportedMask, fake, leaks, pageTraces, sha256, stagePixel } from './openaiHelpers.ts';

const KEY = `sk-e2e-${Date.now().toString(36)}-secret`;

test('paint, send, see the partial images and the result; the mask received is the stroke, exactly', async ({ page }) => {
  const control = fake();
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.text()));

  await page.goto('/');
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await expect(page.getByTestId('image-info')).toContainText('640×427');
  await page.getByTestId('brush-size').fill('500');
  await mouseStroke(page, [[100, 300], [500, 300]]);
  const original = await stagePixel(page, 300, 300);

  await connect(page, control.baseURL, KEY);
  await page.getByTestId('model').selectOption('gpt-image-1.5');
  await expect(page.getByTestId('size')).toHaveValue('1536x1024');
  await page.getByTestId('quality').selectOption('low');
  await page.getByTestId('partials').fill('2');
  await page.getByTestId('prompt').fill('a rocket made of glass');
  await expect(page.getByTestId('cost-tokens')).toContainText('600 output tokens'); // 400 + 2 × 100
  await expect(page.getByTestId('cost-dollars')).toContainText('$');

  // Frames come slowly, so the partial images can be seen on the canvas one by one.
  await control.script([{ path: '/v1/images/edits', apiKey: KEY, mode: { delayMs: 700 } }]);
  await page.keyboard.press('Control+Enter'); // from the prompt field: the submit shortcut
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page.getByTestId('partials-count')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __inpaint: { editor: { state: { previewing: boolean } } } }).__inpaint.editor.state.previewing)).toBe(true);
  // A partial image is drawn over the picture (the fake's partials blend toward the result).
  await expect.poll(() => stagePixel(page, 300, 300)).not.toEqual(original);
  await expect(page.getByTestId('results')).not.toBeVisible();

  await expect(page.getByTestId('results')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Show result 1' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('usage')).toContainText('output tokens');
  // The fake fills the masked area with magenta: the result is on the canvas, over the stroke.
  await expect.poll(async () => (await stagePixel(page, 300, 300)).slice(0, 3)).toEqual([255, 0, 255]);
  await page.getByRole('button', { name: 'Show the original' }).click();
  await expect.poll(() => stagePixel(page, 300, 300)).toEqual(original);

  // What the fake server received: image.png and mask.png at the sent size (640×427, under the
  // model's limit), the mask transparent exactly where the stroke is — the editor's own export.
  const req = (await control.requests({ path: '/v1/images/edits', apiKey: KEY })).at(-1)!;
  expect(req.fields).toMatchObject({ model: 'gpt-image-1.5', prompt: 'a rocket made of glass', size: '1536x1024', stream: 'true', partial_images: '2' });
  const image = req.files.find((f) => f.field === 'image')!;
  const mask = req.files.find((f) => f.field === 'mask')!;
  expect(image).toMatchObject({ filename: 'image.png', mimeType: 'image/png', width: 640, height: 427 });
  expect(mask).toMatchObject({ filename: 'mask.png', mimeType: 'image/png', width: 640, height: 427 });
  const received = await control.fileData(mask, 'alpha');
  const exported = await exportedMask(page);
  let differ = 0;
  let painted = 0;
  for (let i = 0; i < 640 * 427; i++) {
    if (received[i] !== exported.data[i * 4 + 3]) differ++;
    if (received[i] === 0) painted++;
    if (received[i] !== 0 && received[i] !== 255) differ++;
  }
  expect(differ).toBe(0);
  expect(painted).toBeGreaterThan(400 * 20);
  expect(received[300 * 640 + 300]).toBe(0);
  expect(received[20 * 640 + 20]).toBe(255);

  // The key went to the configured endpoint and nowhere else: not in other requests, storage,
  // the page, its URL or its console.
  const withKey = requests.filter((r) => leaks(r, KEY).length > 0);
  expect(withKey.length).toBeGreaterThan(0);
  for (const r of withKey) {
    expect(r.url().startsWith(`${control.baseURL}/`), r.url()).toBe(true);
    expect(leaks(r, KEY)).toEqual(['header authorization']);
  }
  expect(await pageTraces(page)).not.toContain(KEY);
  expect(logs.join('\n')).not.toContain(KEY);
  const atFake = await control.requests({ apiKey: KEY });
  expect(atFake.length).toBeGreaterThan(0);
  for (const r of atFake) expect(r.auth.keySha256).toBe(sha256(KEY));
});

test('with no image open, a prompt generates a picture that becomes the base to paint on', async ({ page }) => {
  const control = fake();
  await page.goto('/');
  await connect(page, control.baseURL, KEY);
  await expect(page.getByTestId('generate-note')).toBeVisible();
  await page.getByTestId('prompt').fill('a lighthouse at dusk');
  await page.getByTestId('size').selectOption('1024x1024');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('image-info')).toContainText('generated.png · 1024×1024', { timeout: 15_000 });
  await mouseStroke(page, [[200, 200], [400, 200]]);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();
  const req = (await control.requests({ path: '/v1/images/generations', apiKey: KEY })).at(-1)!;
  expect(req.json).toMatchObject({ model: 'gpt-image-2', prompt: 'a lighthouse at dusk', size: '1024x1024' });
});

test('an error keeps the image, mask and prompt, and says what to do; Cancel stops a running edit', async ({ page }) => {
  const control = fake();
  await page.goto('/');
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await mouseStroke(page, [[100, 100], [300, 100]]);
  await connect(page, control.baseURL, KEY);
  await page.getByTestId('prompt').fill('keep me');
  await control.script([{ path: '/v1/images/edits', apiKey: KEY, fault: { kind: 'error', error: 'organization_verification' } }]);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('message-error')).toContainText('Organization Verification');
  await expect(page.getByTestId('prompt')).toHaveValue('keep me');
  await expect(page.getByTestId('image-info')).toContainText('rocket.jpg');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeEnabled();

  await control.script([{ path: '/v1/images/edits', apiKey: KEY, fault: { kind: 'status', status: 429, retryAfter: 30 } }]);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('progress-text')).toContainText(/HTTP 429: trying again in (29|30) s/);
  await page.keyboard.press('Escape');
  await expect(page.getByText('Cancelled. Nothing was changed.')).toBeVisible();
  await expect(page.getByTestId('progress')).not.toBeVisible();
  await expect(page.getByTestId('prompt')).toHaveValue('keep me');
});
