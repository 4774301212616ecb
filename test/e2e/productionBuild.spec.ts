import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { build, preview, type PreviewServer } from 'vite';

// A production build (what `npm run build` and `npm start` ship) carries none of the tests'
// scaffolding: no `window.__inpaint`, no demo CMS page. The other end-to-end tests run on the
// test build (`npm run build:test`), which has the hook they read.
const root = new URL('../../', import.meta.url).pathname;
let dir: string;
let server: PreviewServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dir = mkdtempSync(join(tmpdir(), 'inpaint-prod-'));
  await build({ root, mode: 'production', logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
});
test.afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('a production build has no window.__inpaint and no demo-host/', async ({ page }) => {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  expect(files.some((f) => f.endsWith('.js'))).toBe(true);
  expect(files.filter((f) => f.slice(dir.length).includes('demo-host'))).toEqual([]);
  // Neither the hook's name nor the demo page's script is anywhere in what is shipped (maps included).
  expect(files.filter((f) => /__inpaint|demo-host/.test(readFileSync(f, 'latin1')))).toEqual([]);

  server = await preview({ root, logLevel: 'error', build: { outDir: dir }, preview: { host: '127.0.0.1', port: 0 } });
  const url = server.resolvedUrls!.local[0]!;
  await page.goto(url);
  await expect(page.getByTestId('empty')).toBeVisible();
  expect(await page.evaluate(() => typeof (window as unknown as { __inpaint?: unknown }).__inpaint)).toBe('undefined');
  expect(await (await page.request.get(`${url}demo-host/host.js`)).text()).not.toContain('openEditor');
});
