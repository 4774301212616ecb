import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../chromium.ts';
import { imageToPage } from './helpers.ts';
import { auditScreen, openIn, openRocket, SCREENS_DIR } from './a11yHelpers.ts';

// What a finger can press: every control, and anything else that takes focus.
const TARGETS = ['button', 'select', 'textarea', 'a[href]', 'summary', 'input:not([type=hidden])', '[tabindex]:not([tabindex="-1"])',
  ...['button', 'checkbox', 'radio', 'switch', 'slider', 'tab', 'menuitem', 'option', 'link'].map((r) => `[role=${r}]`)].join(', ');

interface Target { name: string; width: number; height: number }

/** Every visible touch target on the screen with its size (a check box or radio button is pressed through its whole label). */
const targets = (page: Page): Promise<Target[]> => page.evaluate((selector) => [...document.querySelectorAll<HTMLElement>(selector)]
  .filter((el) => el.checkVisibility() && el.getAttribute('data-testid') !== 'stage')
  .map((el) => {
    const r = (el.closest('label') ?? el).getBoundingClientRect();
    const name = el.dataset.action ?? el.dataset.testid ?? el.outerHTML.slice(0, 60);
    return { name: `${name} ${el.textContent?.trim().slice(0, 12) ?? ''}`.trim(), width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 };
  })
  .filter((t) => t.width > 0 && t.height > 0), TARGETS);

/**
 * A fontconfig file that offers Chromium only DejaVu (no CJK glyphs): Chinese labels fall back
 * to empty boxes, as on a machine without a CJK font. The fonts installed stay installed.
 */
function fontconfigWithoutCjk(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inpaint-fonts-'));
  const file = join(dir, 'fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n`
    + `  <dir>/usr/share/fonts/truetype/dejavu</dir>\n  <cachedir>${dir}/cache</cachedir>\n</fontconfig>\n`);
  return file;
}

/** Whether the page draws two different Chinese characters differently (false: both are the same missing-glyph box). */
const drawsChinese = (page: Page): Promise<boolean> => page.evaluate(() => {
  const [a, b] = ['取', '消'].map((ch) => {
    const g = new OffscreenCanvas(48, 48).getContext('2d')!;
    g.font = '40px sans-serif';
    g.fillText(ch, 2, 40);
    return g.getImageData(0, 0, 48, 48).data.join();
  });
  return a !== b;
});

const RUNS = [
  { lang: 'en', fonts: 'system fonts' },
  { lang: 'zh-CN', fonts: 'system fonts' },
  // The size of a target must not depend on the font: the same screens with no CJK font at all.
  { lang: 'zh-CN', fonts: 'no CJK font' },
] as const;

const PHONE = { viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };
test.use(PHONE);

for (const { lang, fonts } of RUNS) {
  const noCjk = fonts === 'no CJK font';
  test(`on a 375 px touch phone (${lang}, ${fonts}): 44 px targets on every screen, nothing scrolls sideways, a finger paints, axe passes`, async ({ page: systemPage, playwright, baseURL }) => {
    test.setTimeout(120_000);
    // Without a CJK font: a Chromium of its own, launched with the fontconfig file above.
    const browser = noCjk ? await playwright.chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, env: { ...process.env, FONTCONFIG_FILE: fontconfigWithoutCjk() } }) : null;
    const page = browser ? await (await browser.newContext({ ...PHONE, baseURL })).newPage() : systemPage;
    try {
      await phoneScreens(page, lang, noCjk);
    } finally {
      await browser?.close();
    }
  });
}

async function phoneScreens(page: Page, lang: 'en' | 'zh-CN', noCjk: boolean): Promise<void> {
  const seen: Record<string, Target[]> = {};
  mkdirSync(SCREENS_DIR, { recursive: true });
  // Every target on the screen is at least 44×44 px; what was measured goes to test-results/screens/.
  const check = async (screen: string) => {
    const all = await targets(page);
    expect(all.length, `${screen}: no targets found`).toBeGreaterThan(0);
    seen[screen] = all;
    writeFileSync(`${SCREENS_DIR}${lang}${noCjk ? '-no-cjk-font' : ''}-touch-targets.json`, JSON.stringify(seen, null, 1));
    expect(all.filter((t) => t.width < 44 || t.height < 44).map((t) => `${screen}: ${t.name} ${t.width}×${t.height}`)).toEqual([]);
  };
  await openIn(page, lang);
  expect(await page.evaluate(() => matchMedia('(pointer: coarse)').matches)).toBe(true);
  if (noCjk) expect(await drawsChinese(page), 'Chromium still finds a CJK font').toBe(false);
  await check('empty');
  await openRocket(page);
  // The canvas has the room: the edit panel starts closed on a phone.
  await expect(page.getByTestId('edit-panel')).not.toBeVisible();

  const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth && document.body.scrollWidth <= innerWidth);

  await check('image');
  expect(await fitsWidth()).toBe(true);
  await page.getByTestId('toolbar-more').tap();
  await check('more');
  expect(await fitsWidth()).toBe(true);
  expect(await auditScreen(page, `${lang}${noCjk ? '-no-cjk' : ''}-touch-more`)).toEqual([]);
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
  await check('edit panel');
  expect(await auditScreen(page, `${lang}${noCjk ? '-no-cjk' : ''}-touch-panel`)).toEqual([]);

  // The connection dialog (its Cancel is the short label that once came out 39 px wide).
  await page.getByTestId('open-settings').tap();
  await expect(page.getByTestId('settings')).toBeVisible();
  await check('settings');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('settings')).not.toBeVisible();

  // A local fill (no key: the default provider), then the results strip, its options and the history.
  await page.getByTestId('submit').tap();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 60_000 });
  await check('results');
  await page.getByTestId('result-options-toggle').tap();
  await expect(page.getByTestId('result-options')).toBeVisible();
  await check('result options');
  await page.locator('body').focus();
  await page.keyboard.press('y');
  await expect(page.getByTestId('history-item')).toHaveCount(1);
  await check('history');
  await page.getByTestId('history-close').tap();
  await page.locator('body').focus();
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-sheet')).toBeVisible();
  await check('shortcuts');
}
