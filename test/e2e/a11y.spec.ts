import { expect, test } from '@playwright/test';
import { imageToPage, mouseStroke } from './helpers.ts';
import { fake } from './openaiHelpers.ts';
import { auditScreen, openIn, openRocket } from './a11yHelpers.ts';

// axe-core on each main screen, in both languages: no serious or critical violation. Each screen
// is also saved as a picture under test-results/screens/ (ignored by git) to look at.

const KEY = `sk-a11y-${Date.now().toString(36)}`;

for (const lang of ['en', 'zh-CN'] as const) {
  test(`every main screen passes axe in ${lang}: empty, image, painting, shortcuts, settings, submitting, results, compare, history`, async ({ page }) => {
    test.setTimeout(120_000);
    const control = fake();
    await openIn(page, lang);
    await expect(page.getByTestId('empty')).toBeVisible();
    expect(await auditScreen(page, `${lang}-1-empty`)).toEqual([]);

    await openRocket(page);
    expect(await auditScreen(page, `${lang}-2-image`)).toEqual([]);

    // Mid-stroke: the pointer is still down.
    await page.getByTestId('brush-size').fill('600');
    await mouseStroke(page, [[120, 300], [520, 300]]);
    const a = await imageToPage(page, 200, 150);
    const b = await imageToPage(page, 420, 170);
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 6 });
    expect(await auditScreen(page, `${lang}-3-painting`)).toEqual([]);
    await page.mouse.up();

    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
    expect(await auditScreen(page, `${lang}-4-shortcuts`)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('shortcut-sheet')).not.toBeVisible();

    await page.getByTestId('open-settings').click();
    await page.getByTestId('base-url').fill(control.baseURL);
    await page.getByTestId('api-key').fill(KEY);
    expect(await auditScreen(page, `${lang}-5-settings`)).toEqual([]);
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('settings')).not.toBeVisible();

    await page.getByTestId('prompt').fill(lang === 'en' ? 'a glass rocket' : '玻璃做的火箭');
    await control.script([{ path: '/v1/images/edits', apiKey: KEY, fault: { kind: 'delay', ms: 6000 } }]);
    // prefers-reduced-motion (asked for in the Chinese run): the spinner stands still.
    const reduce = lang === 'zh-CN';
    await page.emulateMedia({ reducedMotion: reduce ? 'reduce' : 'no-preference' });
    await page.getByTestId('submit').click();
    await expect(page.getByTestId('progress')).toBeVisible();
    const spin = await page.locator('.ep-progress .ep-spinner').evaluate((el) => getComputedStyle(el).animationName);
    expect(spin).toBe(reduce ? 'none' : 'ep-spin');
    expect(await auditScreen(page, `${lang}-6-submitting`)).toEqual([]);

    await expect(page.getByTestId('results')).toBeVisible({ timeout: 20_000 });
    expect(await auditScreen(page, `${lang}-7-results`)).toEqual([]);

    // Compare (C) and the history (Y), from the keyboard; their controls in the UI's language.
    await page.locator('body').focus();
    await page.keyboard.press('c');
    await expect(page.getByTestId('compare')).toBeVisible();
    await expect(page.getByTestId('compare')).toContainText(lang === 'en' ? 'Before' : '之前');
    expect(await auditScreen(page, `${lang}-8-compare`)).toEqual([]);
    await page.keyboard.press('c');
    await expect(page.getByTestId('compare')).not.toBeVisible();
    await page.keyboard.press('y');
    await expect(page.getByTestId('history-item')).toHaveCount(1);
    await expect(page.getByTestId('history')).toContainText(lang === 'en' ? 'History' : '历史记录');
    expect(await auditScreen(page, `${lang}-9-history`)).toEqual([]);
  });
}

test('dark theme and a 375 px phone pass axe too; the phone has no sideways scroll', async ({ page }) => {
  test.setTimeout(90_000);
  await page.emulateMedia({ colorScheme: 'dark' });
  await openIn(page, 'en');
  await openRocket(page);
  await mouseStroke(page, [[120, 300], [520, 300]]);
  expect(await auditScreen(page, 'en-dark-image')).toEqual([]);
  await page.keyboard.press('?');
  expect(await auditScreen(page, 'en-dark-shortcuts')).toEqual([]);
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 375, height: 667 });
  await page.emulateMedia({ colorScheme: 'light' });
  for (const lang of ['en', 'zh-CN'] as const) {
    // The language switch folds behind "More" on a phone.
    const more = page.getByTestId('toolbar-more');
    await expect(page.getByTestId('language')).not.toBeVisible();
    await more.click();
    await page.getByTestId('language').selectOption(lang);
    await expect(page.locator('html')).toHaveAttribute('lang', lang);
    expect(await auditScreen(page, `${lang}-phone-more`)).toEqual([]);
    await more.click();
    expect(await auditScreen(page, `${lang}-phone-image`)).toEqual([]);
    const fits = await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
    expect(fits).toBe(true);
  }
});
