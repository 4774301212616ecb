import { expect, test, type Page } from '@playwright/test';
import { fixturePath, imageToPage, mouseStroke } from './helpers.ts';
import { connect, fake } from './openaiHelpers.ts';
import { quickOptions, work, type Work } from './reliabilityHelpers.ts';

const KEY = `sk-e2e-reload-${Date.now().toString(36)}`;
const edits = async () => (await fake().requests({ path: '/v1/images/edits', apiKey: KEY })).length;

async function open(page: Page): Promise<void> {
  await page.goto('/');
  await page.setInputFiles('[data-testid=image-input]', fixturePath('rocket.jpg'));
  await expect(page.getByTestId('image-info')).toContainText('rocket.jpg · 640×427');
  await page.getByTestId('brush-size').fill('500');
}

/** After a reload: the picture, the exact mask and the prompt are `before`'s. */
async function cameBack(page: Page, before: Work): Promise<void> {
  await expect(page.getByText('is back: picture, mask, prompt and settings')).toBeVisible();
  const now = await work(page);
  expect({ info: now.info, mask: now.mask, prompt: now.prompt }).toEqual({ info: before.info, mask: before.mask, prompt: before.prompt });
}

/** Sends the edit and waits for its result on the canvas. */
async function edit(page: Page, prompt: string): Promise<void> {
  await page.getByTestId('prompt').fill(prompt);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
}

test('reload mid-stroke, and right after a stroke: every finished stroke comes back, exactly', async ({ page }) => {
  await open(page);
  await page.getByTestId('prompt').fill('strokes');
  await mouseStroke(page, [[100, 100], [500, 100]]);
  await mouseStroke(page, [[100, 200], [500, 200]]);
  const finished = await work(page);
  // No waiting: the page goes while a third stroke is half drawn.
  const a = await imageToPage(page, 100, 330);
  const b = await imageToPage(page, 400, 330);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.reload();
  await page.mouse.up();
  await cameBack(page, finished);
  expect((await work(page)).painted).toBe(finished.painted);

  // A stroke, and the page goes at once.
  await mouseStroke(page, [[100, 400], [500, 400]]);
  const last = await work(page);
  await page.reload();
  await cameBack(page, last);
});

test('reload as a result arrives: the result is in the history and back on the canvas', async ({ page }) => {
  await open(page);
  await mouseStroke(page, [[100, 300], [500, 300]]);
  await connect(page, fake().baseURL, KEY);
  await quickOptions(page);
  await page.getByTestId('prompt').fill('glass rocket');
  const before = await work(page);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
  await page.reload(); // at once: no waiting for storage
  await cameBack(page, before);
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-item').filter({ hasText: 'glass rocket' })).toHaveCount(1);
});

test('reload while uploading: the draft and finished results come back, the edit shows as interrupted and is sent again', async ({ page }) => {
  await open(page);
  await mouseStroke(page, [[100, 300], [500, 300]]);
  await connect(page, fake().baseURL, KEY);
  await quickOptions(page);
  await edit(page, 'first, finished');
  // The next upload crawls (64 kB/s), so the page goes mid-upload.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 64 * 1024 });
  await mouseStroke(page, [[100, 100], [500, 100]]);
  await page.getByTestId('prompt').fill('second, interrupted');
  const sent = await edits();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('progress-text')).toContainText('Uploading');
  const before = await work(page);
  await page.reload();
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await cameBack(page, before);
  await expect(page.getByText('was still running when the page closed')).toBeVisible();
  // The finished edit is in the history, and back on the canvas.
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-item').filter({ hasText: 'first, finished' })).toHaveCount(1);
  await page.getByTestId('history-close').click();
  // The upload never completed: no request of this edit was answered.
  const cut = (await fake().requests({ path: '/v1/images/edits', apiKey: KEY })).slice(sent);
  expect(cut.filter((r) => r.outcome === 'streamed' || r.outcome === 'answered')).toEqual([]);
  await connect(page, fake().baseURL, KEY);
  await page.getByRole('button', { name: 'Send it again' }).click();
  await expect(page.getByTestId('results')).toBeVisible();
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
  const answered = (await fake().requests({ path: '/v1/images/edits', apiKey: KEY })).slice(sent).filter((r) => r.outcome === 'streamed');
  expect(answered).toHaveLength(1);
  expect(answered[0]!.fields?.prompt).toBe('second, interrupted');
});

test('reload while the image streams in: the edit shows as interrupted, with its partial gone and the picture intact', async ({ page }) => {
  await open(page);
  await mouseStroke(page, [[100, 300], [500, 300]]);
  await connect(page, fake().baseURL, KEY);
  await quickOptions(page, 2);
  await fake().script([{ path: '/v1/images/edits', apiKey: KEY, mode: { delayMs: 3000 } }]);
  await page.getByTestId('prompt').fill('streamed, interrupted');
  const sent = await edits();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('partials-count')).toBeVisible({ timeout: 15_000 });
  const before = await work(page);
  await page.reload();
  await cameBack(page, before);
  await expect(page.getByText('was still running when the page closed')).toBeVisible();
  expect(await edits()).toBe(sent + 1);
  // The picture under the partial is the original: nothing of the partial stayed.
  await expect(page.getByTestId('results')).toBeHidden();
  await connect(page, fake().baseURL, KEY);
  await page.getByRole('button', { name: 'Send it again' }).click();
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
  expect(await edits()).toBe(sent + 2);
});

test('the provider and model survive a reload; with the key gone, Send asks for it and never falls back to the local fill', async ({ page }) => {
  await open(page);
  await mouseStroke(page, [[100, 300], [500, 300]]);
  await connect(page, fake().baseURL, KEY); // not remembered
  await page.getByTestId('provider').getByLabel('OpenAI Images API').check();
  await quickOptions(page);
  await edit(page, 'a rocket of glass');
  const sent = await edits();
  const round = async () => page.evaluate(() => (window as unknown as { __inpaint: { results: { results: { state: { round: { id: string } | null } } } } }).__inpaint.results.results.state.round?.id ?? null);

  await page.reload();
  await expect(page.getByText('is back: picture, mask, prompt and settings')).toBeVisible();
  await expect(page.getByTestId('provider').getByLabel('OpenAI Images API')).toBeChecked();
  await expect(page.getByTestId('model')).toHaveValue('gpt-image-1-mini');
  await expect.poll(round).not.toBeNull(); // the last result is back on the canvas
  const before = await round();
  await page.getByTestId('submit').click();
  // It asks for the key: Connection settings open, with the reason said.
  await expect(page.getByTestId('settings')).toBeVisible();
  await expect(page.getByTestId('api-key')).toBeFocused();
  await expect(page.getByText('Set an API key (or use proxy mode) in Connection settings to use OpenAI.').first()).toBeVisible();
  // Nothing ran: no local fill, no request, no new round; the provider is still OpenAI's.
  expect(await page.evaluate(() => (window as unknown as { __inpaint: { edit: { session: { state: { status: string } } } } }).__inpaint.edit.session.state.status)).toBe('idle');
  expect(await round()).toBe(before);
  expect(await edits()).toBe(sent);
  await page.getByTestId('api-key').fill(KEY);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('provider').getByLabel('OpenAI Images API')).toBeChecked();
});
