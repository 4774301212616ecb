import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { dropFile } from './helpers.ts';

/** Where the screens' pictures go (ignored by git: test-results/ is Playwright's output folder). */
export const SCREENS_DIR = new URL('../../test-results/screens/', import.meta.url).pathname;

export interface AxeFinding { id: string; impact: string | null | undefined; nodes: number; help: string }


/**
 * Runs axe-core (WCAG 2 A and AA rules and best practices) on the page as it is, saves a picture
 * of it as `<name>.png`, and returns the serious and critical violations (the test expects none).
 */
export async function auditScreen(page: Page, name: string): Promise<AxeFinding[]> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENS_DIR}${name}.png` });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const all = result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: `${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 4).join(', ')}` }));
  // Every finding of the run, by screen (a report to read; the serious ones fail the test).
  const file = `${SCREENS_DIR}axe.json`;
  const findings = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Record<string, AxeFinding[]> : {};
  findings[name] = all;
  writeFileSync(file, JSON.stringify(findings, null, 2));
  return all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Opens the editor with its UI in `lang` (the way a user's pick is remembered), on a fresh page. */
export async function openIn(page: Page, lang: 'en' | 'zh-CN', path = '/'): Promise<void> {
  await page.addInitScript((l) => localStorage.setItem('inpaint.language', l), lang);
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Drops the rocket photo and waits until it shows. */
export async function openRocket(page: Page): Promise<void> {
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await expect(page.getByTestId('image-info')).toContainText('640×427');
}

/** Fills the connection dialog (by test id: the labels are in either language). */
export { connect as connectTo } from './openaiHelpers.ts';
