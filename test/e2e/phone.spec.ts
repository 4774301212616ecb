import { expect, test } from '@playwright/test';
import { imageToPage } from './helpers.ts';
import { auditScreen, openIn, openRocket } from './a11yHelpers.ts';

test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });

for (const lang of ['en', 'zh-CN'] as const) {
  test(`on a 375 px touch phone (${lang}): 44 px targets, nothing scrolls sideways, a finger paints, axe passes`, async ({ page }) => {
    await openIn(page, lang);
    expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
    await openRocket(page);
    // The canvas has the room: the edit panel starts closed on a phone.
    await expect(page.getByTestId('edit-panel')).not.toBeVisible();

    const small = async () => page.evaluate(() => [...document.querySelectorAll('button, select, input:not([type=hidden]), [tabindex="0"]')]
      .filter((el) => (el as HTMLElement).offsetParent !== null && el.getAttribute('data-testid') !== 'stage')
      // A check box or radio button is pressed through its whole label.
      .map((el) => ({ el: (el as HTMLElement).dataset.action ?? (el as HTMLElement).dataset.testid ?? el.outerHTML.slice(0, 60), r: (el.closest('label') ?? el).getBoundingClientRect() }))
      .filter(({ r }) => r.height < 44 || (r.width < 44))
      .map(({ el, r }) => `${el} ${Math.round(r.width)}×${Math.round(r.height)}`));
    const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth && document.body.scrollWidth <= innerWidth);

    expect(await small()).toEqual([]);
    expect(await fitsWidth()).toBe(true);
    await page.getByTestId('toolbar-more').tap();
    expect(await small()).toEqual([]);
    expect(await fitsWidth()).toBe(true);
    expect(await auditScreen(page, `${lang}-touch-more`)).toEqual([]);
    await page.getByTestId('toolbar-more').tap();

    // A finger paints a dot where it taps.
    const p = await imageToPage(page, 320, 214);
    await page.touchscreen.tap(p.x, p.y);
    await expect.poll(() => page.evaluate(() => (window as unknown as { __inpaint: { editor: { state: { canUndo: boolean } } } }).__inpaint.editor.state.canUndo)).toBe(true);

    // The edit panel stacks under the canvas, inside the screen.
    await page.getByRole('button', { name: lang === 'en' ? 'Edit panel' : '编辑面板' }).tap();
    await expect(page.getByTestId('edit-panel')).toBeVisible();
    const panel = (await page.getByTestId('edit-panel').boundingBox())!;
    const stage = (await page.getByTestId('stage').boundingBox())!;
    expect(panel.y).toBeGreaterThanOrEqual(stage.y + stage.height - 1);
    expect(panel.width).toBeLessThanOrEqual(375);
    expect(await fitsWidth()).toBe(true);
    expect(await small()).toEqual([]);
    expect(await auditScreen(page, `${lang}-touch-panel`)).toEqual([]);
  });
}
