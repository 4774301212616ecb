import { expect, test } from '@playwright/test';
import { mouseStroke } from './helpers.ts';
import { openIn, openRocket } from './a11yHelpers.ts';

test('the real local fill shows its percent as it goes, in a progress bar with a value, in Chinese too', async ({ page }) => {
  await openIn(page, 'zh-CN');
  await openRocket(page);
  await page.getByTestId('brush-size').fill('700');
  await mouseStroke(page, [[100, 150], [540, 150], [540, 300], [100, 300]]);
  await expect(page.locator('[data-testid=provider] input[value=local-fill]')).toBeChecked();

  // Everything the progress view shows while the fill runs, as it changes.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=progress-text]')?.textContent;
      const bar = document.querySelector<HTMLProgressElement>('[data-testid=progress-bar]');
      if (text) seen.push(`${text}|${bar?.hasAttribute('value') ? bar.value : '-'}/${bar?.max ?? '-'}`);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 30_000 });
  const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
  const filling = seen.map((s) => /^正在填充… (\d+)%\|(\d+)\/100$/.exec(s)).filter((m) => m !== null);
  const percents = [...new Set(filling.map((m) => Number(m[1])))];
  expect(percents.length, seen.join('\n')).toBeGreaterThan(2);
  // The bar's value is the percent shown, and it only goes up.
  for (const m of filling) expect(m[2]).toBe(m[1]);
  expect(percents).toEqual(percents.toSorted((a, b) => a - b));
  expect(percents.some((p) => p > 0 && p < 100)).toBe(true);
});
