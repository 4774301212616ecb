import { expect, test, type Page } from '@playwright/test';
import { fixturePath } from './helpers.ts';

// The chunks the first screen must not wait for (src/ui/lazyParts.ts, src/ui/i18n/index.ts).
const LAZY = ['ExtendCanvasPanel', 'HistoryDrawer', 'KonvaStage', 'RefinePanel', 'SettingsDialog', 'ShortcutSheet', 'zh'];
const LAZY_URL = new RegExp(`/assets/(${LAZY.join('|')})-[\\w-]+\\.js$`);

/**
 * Holds every request for a lazy chunk until `release()`, and lists the chunks asked for. What
 * the page shows meanwhile is what it shows without them.
 */
async function holdLazyChunks(page: Page): Promise<{ asked: string[]; release: () => void }> {
  const asked: string[] = [];
  let release!: () => void;
  const gate = new Promise<void>((ok) => { release = ok; });
  await page.route(LAZY_URL, async (route) => {
    asked.push(LAZY_URL.exec(new URL(route.request().url()).pathname)![1]!);
    await gate;
    await route.continue();
  });
  return { asked, release };
}

/** Alpha of the stage's image layer (its first canvas) at its centre: 0 while nothing is drawn. */
const stageCentreAlpha = (page: Page) => page.evaluate(() => {
  const c = document.querySelector<HTMLCanvasElement>('[data-testid=stage] canvas');
  return c ? c.getContext('2d')!.getImageData(c.width >> 1, c.height >> 1, 1, 1).data[3]! : -1;
});

test('the first screen shows in full without the lazy chunks, which are fetched unasked; each part works on first use', async ({ page }) => {
  const held = await holdLazyChunks(page);
  await page.goto('/');
  await expect(page.getByTestId('empty')).toContainText('Drop an image here');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expect(page.getByTestId('edit-panel').getByRole('heading', { name: 'Edit' })).toBeVisible();
  await expect(page.getByTestId('language')).toBeVisible();
  // Prefetched when the browser is idle: every lazy chunk is asked for with no click.
  await expect.poll(() => held.asked.toSorted()).toEqual(LAZY);
  // A picture opened before the stage's chunk arrives is drawn when it does.
  await page.setInputFiles('[data-testid=image-input]', fixturePath('chelsea.png'));
  await expect(page.getByTestId('image-info')).toContainText('451×300');
  expect(await stageCentreAlpha(page)).toBe(-1);
  held.release();
  await expect.poll(() => stageCentreAlpha(page)).toBe(255);

  await page.getByTestId('open-settings').click();
  await expect(page.getByTestId('settings')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).not.toBeVisible();
  await page.locator('body').focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-sheet')).not.toBeVisible();
  await page.keyboard.press('y');
  await expect(page.getByTestId('history')).toContainText('History');
  await page.getByTestId('language').selectOption('zh-CN');
  await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();
  await expect(page.getByTestId('history')).toContainText('历史记录');
  // Each chunk was fetched once: the first use reused the prefetch.
  expect(held.asked.toSorted()).toEqual(LAZY);
});

test.describe('a browser set to Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('never shows English: the first paint waits for the Chinese strings', async ({ page }) => {
    await page.addInitScript(() => {
      const w = window as unknown as { sawEnglish: boolean };
      w.sawEnglish = false;
      new MutationObserver(() => { if (document.body?.textContent?.includes('Drop an image here')) w.sawEnglish = true; })
        .observe(document, { childList: true, subtree: true, characterData: true });
    });
    const held = await holdLazyChunks(page);
    await page.goto('/');
    await expect.poll(() => held.asked.includes('zh')).toBe(true);
    await expect(page.getByTestId('toolbar')).toHaveCount(0);
    held.release();
    await expect(page.getByTestId('empty')).toContainText('把图像拖到这里');
    await expect(page.getByRole('button', { name: '撤销' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { sawEnglish: boolean }).sawEnglish)).toBe(false);
  });
});
