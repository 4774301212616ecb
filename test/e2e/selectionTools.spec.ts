import { expect, test, type Page } from '@playwright/test';
import { alpha, decodePngFile, imageToPage } from './helpers.ts';
import { auditScreen, openIn, openRocket } from './a11yHelpers.ts';

// The selection tools with the real mouse and keyboard on the built app, in both languages:
// each tool picked by its shortcut, caught mid-action for a picture (test-results/screens/
// select-*.png) and an axe audit, and the mask downloaded at the end to check what was made.

async function pressAt(page: Page, x: number, y: number): Promise<void> {
  const p = await imageToPage(page, x, y);
  await page.mouse.move(p.x, p.y);
  await page.mouse.down();
}

async function moveTo(page: Page, x: number, y: number): Promise<void> {
  const p = await imageToPage(page, x, y);
  await page.mouse.move(p.x, p.y, { steps: 6 });
}

async function clickAt(page: Page, x: number, y: number): Promise<void> {
  const p = await imageToPage(page, x, y);
  await page.mouse.click(p.x, p.y);
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`selection tools by shortcut, mid-action, in ${lang}: rectangle, ellipse (Shift adds), lasso, polygon lasso, magic wand`, async ({ page }) => {
    test.setTimeout(120_000);
    await openIn(page, lang);
    await openRocket(page);
    const tool = () => page.evaluate(() => (window as unknown as { __inpaint: { editor: { state: { tool: string } } } }).__inpaint.editor.state.tool);

    await page.keyboard.press('m');
    expect(await tool()).toBe('rectSelect');
    await pressAt(page, 60, 60);
    await moveTo(page, 260, 200);
    expect(await auditScreen(page, `${lang}-select-1-rectangle`)).toEqual([]);
    await page.mouse.up();

    await page.keyboard.press('Shift+M');
    expect(await tool()).toBe('ellipseSelect');
    await page.keyboard.down('Shift');
    await pressAt(page, 300, 150);
    await moveTo(page, 560, 380);
    expect(await auditScreen(page, `${lang}-select-2-ellipse-add`)).toEqual([]);
    await page.mouse.up();
    await page.keyboard.up('Shift');

    await page.keyboard.press('l');
    expect(await tool()).toBe('lasso');
    await page.keyboard.down('Alt');
    await pressAt(page, 100, 150);
    await page.keyboard.up('Alt');
    for (const [x, y] of [[200, 130], [260, 220], [180, 300], [90, 260]] as const) await moveTo(page, x, y);
    expect(await auditScreen(page, `${lang}-select-3-lasso-subtract`)).toEqual([]);
    await page.mouse.up();

    // Polygon: clicks, then Enter closes (adds, with the toolbar's mode).
    await page.getByTestId('selection-options').locator('[data-mode=add]').click();
    await clickAt(page, 450, 40);
    await clickAt(page, 620, 60);
    await clickAt(page, 600, 120);
    expect(await auditScreen(page, `${lang}-select-4-polygon`)).toEqual([]);
    await page.getByTestId('stage').focus();
    await page.keyboard.press('Enter');

    // What was made: the rectangle and ellipse, less the lasso, plus the polygon.
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+Shift+E');
    const png = decodePngFile(await (await download).path());
    expect([png.width, png.height]).toEqual([640, 427]);
    const at = (x: number, y: number) => alpha(png, x, y);
    // Inside the rectangle, the ellipse, the polygon; cut away by the lasso; outside everything.
    expect([at(80, 80), at(430, 300), at(590, 80)]).toEqual([0, 0, 0]);
    expect([at(170, 190), at(400, 415), at(20, 20)]).toEqual([255, 255, 255]);

    await page.keyboard.press('w');
    expect(await tool()).toBe('wand');
    await page.getByTestId('wand-tolerance').fill('24');
    await clickAt(page, 20, 20);
    await moveTo(page, 30, 30);
    expect(await auditScreen(page, `${lang}-select-5-wand`)).toEqual([]);
    // The wand added the clicked pixel's region.
    const covered = await page.evaluate(() => (window as unknown as { __inpaint: { editor: { doc: { coverage(): Uint8Array } } } }).__inpaint.editor.doc.coverage()[20 * 640 + 20]);
    expect(covered).toBe(255);
  });
}
