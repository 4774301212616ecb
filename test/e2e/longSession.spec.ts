import { expect, test } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../chromium.ts';
import { fixturePath, mouseStroke } from './helpers.ts';
import { connect, fake } from './openaiHelpers.ts';
import { quickOptions } from './reliabilityHelpers.ts';
import { countObjectUrls, runSession } from './longSession.ts';

const KEY = `sk-e2e-long-${Date.now().toString(36)}`;
const EDITS = 20;
const MAX_ENTRIES = 8;

// A forced GC and exact heap figures (the full 200 edits run in `npm run bench`, BENCH=session).
test.use({ launchOptions: { executablePath: chromiumPath, args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'] } });

test(`${EDITS} edits in a row in one page: object URLs revoked, the history within its limit, no image left behind`, async ({ page }, info) => {
  test.setTimeout(120_000);
  await page.route('**/config.json', async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, json: { ...(await res.json()), history: { max_entries: MAX_ENTRIES } } });
  });
  await page.addInitScript(countObjectUrls);
  await page.goto('/');
  await page.setInputFiles('[data-testid=image-input]', fixturePath('chelsea.png'));
  await expect(page.getByTestId('image-info')).toContainText('451×300');
  await page.getByTestId('brush-size').fill('500');
  await connect(page, fake().baseURL, KEY);
  await quickOptions(page);
  const sent = (await fake().requests({ path: '/v1/images/edits', apiKey: KEY })).length;

  // A stroke before each edit, each a little further along: every request, and so every result, differs.
  const report = await runSession(page, EDITS, { every: 10, before: (i) => mouseStroke(page, [[20 + i * 13, 120], [20 + i * 13, 280]]) });
  info.annotations.push({ type: 'long session', description: JSON.stringify(report) });

  expect((await fake().requests({ path: '/v1/images/edits', apiKey: KEY })).length - sent).toBe(EDITS);
  // Only the round on screen holds an object URL (one result); every other was revoked.
  expect(report.shownResults).toBe(1);
  expect(report.objectUrls.live).toBe(1);
  expect(report.objectUrls.revoked).toBe(report.objectUrls.created - 1);
  // The history keeps the newest MAX_ENTRIES edits; every stored image belongs to a record or the draft.
  expect(report.stored).toMatchObject({ records: MAX_ENTRIES, orphans: 0, drafts: 1, cacheEntries: MAX_ENTRIES });
  // Each kept record has its own result, thumbnail and mask; the picture is shared.
  expect(report.stored.blobs).toBe(3 * MAX_ENTRIES + 1);
  await expect(page.getByTestId('message-info').filter({ hasText: `keeps the newest ${MAX_ENTRIES} edits` })).toHaveCount(1);
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-item')).toHaveCount(MAX_ENTRIES);
  await expect(page.getByTestId('history-item').first()).toContainText(`long session edit ${EDITS}`);
  // The history's thumbnails are object URLs while it is open, and revoked when it closes.
  await page.getByTestId('history-close').click();
  const urls = await page.evaluate(() => (window as unknown as { __objectUrls: { live: Set<string> } }).__objectUrls.live.size);
  expect(urls).toBe(1);
  // The heap after a forced GC: reported, and no gross leak (a result is 1.5 MP: 20 of them kept would be far more).
  expect(report.heap).not.toBeNull();
  expect(report.heap!.growth).toBeLessThan(24 * 1024 * 1024);
});
