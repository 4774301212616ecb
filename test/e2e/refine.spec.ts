import { expect, test, type Page } from '@playwright/test';
import { grow } from '../../src/core/selection/morph.ts';
import { auditScreen, openIn, openRocket } from './a11yHelpers.ts';
import { decodePngFile, mouseStroke } from './helpers.ts';

/** Downloads the mask and reads it as coverage: 255 where painted (alpha 0), else 0; also checks it is two-valued. */
async function downloadCoverage(page: Page): Promise<{ width: number; height: number; data: Uint8Array }> {
  const d = page.waitForEvent('download');
  await page.getByTestId('toolbar').locator('[data-action=downloadMask]').click({ force: true });
  const png = decodePngFile(await (await d).path());
  const data = new Uint8Array(png.width * png.height);
  let grey = 0;
  for (let i = 0; i < data.length; i++) {
    const a = png.data[i * 4 + 3]!;
    if (a !== 0 && a !== 255) grey++;
    data[i] = a === 0 ? 255 : 0;
  }
  expect(grey, 'two-valued alpha').toBe(0);
  return { width: png.width, height: png.height, data };
}

const differing = (a: Uint8Array, b: Uint8Array) => a.reduce((n, v, i) => n + (v !== b[i] ? 1 : 0), 0);

test('the Refine mask panel grows a painted mask: the exported PNG is the core grow of the mask before, and one undo takes it back', async ({ page }) => {
  await openIn(page, 'en');
  await openRocket(page);
  await page.getByTestId('brush-size').fill('500');
  await mouseStroke(page, [[150, 200], [450, 220]]);
  const before = await downloadCoverage(page);

  await page.locator('[data-testid=stage]').focus();
  await page.keyboard.press('Alt+Control+R');
  const panel = page.getByRole('dialog', { name: 'Refine mask' });
  await expect(panel).toBeVisible();
  await panel.getByTestId('refine-px').fill('25');
  // The preview shows on the canvas; the mask itself is unchanged until Apply.
  await expect.poll(() => page.evaluate(() => (window as unknown as { __inpaint: { editor: { state: { refinePreview: unknown } } } }).__inpaint.editor.state.refinePreview)).toEqual({ kind: 'grow', px: 25 });
  expect(differing((await downloadCoverage(page)).data, before.data)).toBe(0);
  expect(await auditScreen(page, 'refine-en')).toEqual([]);
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel).toHaveCount(0);

  const after = await downloadCoverage(page);
  const want = { ...before, data: before.data.slice() };
  grow(want, 25);
  expect(differing(want.data, before.data)).toBeGreaterThan(1000);
  expect(differing(after.data, want.data)).toBe(0);

  await page.keyboard.press('Control+z');
  expect(differing((await downloadCoverage(page)).data, before.data)).toBe(0);
});

test('Cancel leaves the mask as it was; the panel in Chinese passes axe', async ({ page }) => {
  await openIn(page, 'zh-CN');
  await openRocket(page);
  await mouseStroke(page, [[200, 200], [400, 200]]);
  const before = await downloadCoverage(page);
  await page.locator('[data-testid=stage]').focus();
  await page.keyboard.press('Alt+Control+R');
  const panel = page.getByRole('dialog', { name: '优化蒙版' });
  await panel.getByText('平滑边缘').click();
  await panel.getByTestId('refine-radius').fill('12');
  await expect(panel.getByRole('button', { name: '应用' })).toBeVisible();
  expect(await auditScreen(page, 'refine-zh-CN')).toEqual([]);
  await panel.getByRole('button', { name: '取消' }).click();
  await expect(panel).toHaveCount(0);
  expect(differing((await downloadCoverage(page)).data, before.data)).toBe(0);
  await expect(page.getByRole('button', { name: '撤销' })).toBeEnabled();
});
