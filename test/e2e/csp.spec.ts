import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { fixturePath, mouseStroke } from './helpers.ts';
import { connect, fake } from './openaiHelpers.ts';
import { quickOptions, settled } from './reliabilityHelpers.ts';
import { serveBuild, type ServedBuild } from './servedBuild.ts';

const KEY = `sk-e2e-csp-${Date.now().toString(36)}`;

/** A page on its own loopback origin that frames `editor` (a CMS, or a site that is not one). */
async function hostPage(editor: () => string): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>host</title><iframe src="${editor()}" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

// The tests' build (build-test/app/, from the webServer's build) served as `npm start` serves it (the
// production server), with the strict policy on, from a config.json whose endpoint is the fake
// server and whose host is CMS.
let served: ServedBuild;
let url: string;
let cms: Awaited<ReturnType<typeof hostPage>>;
let elsewhere: Awaited<ReturnType<typeof hostPage>>;
let CMS: string;
test.beforeAll(async () => {
  cms = await hostPage(() => url);
  elsewhere = await hostPage(() => url);
  CMS = cms.origin;
  served = await serveBuild((config) => ({ ...config, service: { ...(config.service as object), base_url: fake().baseURL }, embed: { allowed_origins: [CMS] } }));
  url = served.url;
});
test.afterAll(async () => {
  await served?.close();
  cms?.server.close();
  elsewhere?.server.close();
});

interface Violation { directive: string; blocked: string; sample: string }

/** A console line about the policy: Chromium's own report of a violation. */
const csp = (text: string) => /Content Security Policy|Refused to/i.test(text);

/** Records every CSP violation (events in the page, across reloads; 'Refused to…' in its and its workers' consoles). */
async function watch(page: Page): Promise<{ violations: Violation[]; console: string[] }> {
  const violations: Violation[] = [];
  await page.exposeFunction('__cspViolation', (v: Violation) => { violations.push(v); });
  await page.addInitScript(() => {
    const report = (window as unknown as { __cspViolation: (v: Violation) => void }).__cspViolation;
    document.addEventListener('securitypolicyviolation', (e) => report({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample }));
  });
  const console: string[] = [];
  page.on('console', (m) => { if (csp(m.text())) console.push(m.text()); });
  page.on('worker', (w) => w.on('console', (m) => { if (csp(m.text())) console.push(`worker: ${m.text()}`); }));
  return { violations, console };
}

test('the built app under a strict CSP: an OpenAI edit, a local fill, history, compare, download, reload, with no violation', async ({ page }) => {
  const seen = await watch(page);
  const res = await page.goto(url);
  const policy = res!.headers()['content-security-policy']!;
  expect(policy).toContain("script-src 'self';");
  expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(policy).toContain(`connect-src 'self' ${new URL(fake().baseURL).origin} ${CMS};`);
  expect(policy).toContain("img-src 'self' blob: data:");
  expect(policy).toContain(`frame-ancestors 'self' ${CMS}`);
  // No inline script in the page itself.
  expect(await page.locator('script:not([src])').count()).toBe(0);

  await page.setInputFiles('[data-testid=image-input]', fixturePath('rocket.jpg'));
  await expect(page.getByTestId('image-info')).toContainText('640×427');
  await page.getByTestId('brush-size').fill('500');
  await mouseStroke(page, [[100, 300], [500, 300]]);
  await connect(page, fake().baseURL, KEY);
  await quickOptions(page, 2); // partial images: previews drawn as they stream
  await page.getByTestId('prompt').fill('a rocket under a strict policy');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true', { timeout: 15_000 });
  await page.getByRole('button', { name: 'Compare' }).click();
  await expect(page.getByTestId('compare-divider')).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download result' }).click();
  expect((await download).suggestedFilename()).toBe('rocket-result-1.png');
  await page.getByRole('button', { name: 'Continue from this result' }).click();

  // The local fill, in its worker.
  await mouseStroke(page, [[150, 150], [300, 150]]);
  await page.getByTestId('provider').locator('input[value=local-fill]').check();
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true', { timeout: 30_000 });
  await page.getByRole('button', { name: 'History' }).click();
  await expect(page.getByTestId('history-item')).toHaveCount(2);
  await expect(page.getByTestId('history-item').locator('img').first()).toHaveJSProperty('complete', true);
  await page.getByTestId('history-close').click();
  await settled(page);
  await page.reload();
  await expect(page.getByText('is back: picture, mask, prompt and settings')).toBeVisible();
  await expect(page.getByTestId('result-1')).toHaveAttribute('aria-pressed', 'true');

  expect(seen.violations).toEqual([]);
  expect(seen.console).toEqual([]);

  // The policy is on and the watch works: an inline script and a fetch elsewhere are refused.
  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = 1';
    document.head.append(s);
  });
  await page.evaluate(() => fetch('http://127.0.0.2:9/').catch(() => null));
  await expect.poll(() => seen.violations.map((v) => v.directive).toSorted()).toEqual(['connect-src', 'script-src-elem']);
  expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
});

test('a base URL the policy does not allow gets a message that says so', async ({ page }) => {
  await page.goto(url);
  await page.setInputFiles('[data-testid=image-input]', fixturePath('chelsea.png'));
  await mouseStroke(page, [[100, 150], [300, 150]]);
  await connect(page, 'http://127.0.0.2:9/v1', KEY);
  await quickOptions(page);
  await page.getByTestId('prompt').fill('blocked');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('message-error').filter({ hasText: 'security policy does not allow connecting to 127.0.0.2:9' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('image-info')).toContainText('chelsea.png');
});

test('frame-ancestors: the allowed host frames the editor, another site cannot', async ({ page }) => {
  const refused: string[] = [];
  page.on('console', (m) => { if (m.text().includes('frame-ancestors')) refused.push(m.text()); });
  const frameHas = async () => page.frames().find((f) => f !== page.mainFrame())!
    .evaluate(() => typeof (window as unknown as { __inpaint?: unknown }).__inpaint).catch(() => 'none');
  await page.goto(`${CMS}/`);
  await expect.poll(frameHas).toBe('object');
  expect(refused).toEqual([]);
  await page.goto(`${elsewhere.origin}/`);
  await expect.poll(() => refused.length).toBeGreaterThan(0);
  expect(await frameHas()).not.toBe('object');
});
