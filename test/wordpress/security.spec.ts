import { test, expect } from '@playwright/test';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { REST, attachmentIds, editForm, everyRoute, expectStatus, login, png, restNonce, saveForm, setSettings, site, userMeta, wpPhp } from './helpers.ts';

const fake = () => fakeControl(process.env.FAKE_OPENAI_URL!);

test.describe('security: each case answers its status, and nothing is stored or spent', () => {
  let upstreamBefore = 0;
  let attachmentsBefore: number[] = [];
  test.beforeEach(async () => {
    upstreamBefore = (await fake().requests()).length;
    attachmentsBefore = await attachmentIds();
  });
  test.afterEach(async () => {
    expect((await fake().requests()).length, 'requests that reached OpenAI').toBe(upstreamBefore);
    expect(await attachmentIds(), 'attachments').toEqual(attachmentsBefore);
  });

  test('a Subscriber (no upload_files): 403 on every route and on the editor screen', async ({ browser }) => {
    const page = await login(browser, 'subscriber');
    const nonce = await restNonce(page);
    await expectStatus(await everyRoute(page.request, { 'X-WP-Nonce': nonce }, site.images['editor-photo']!), 403, 'inpaint_forbidden');
    const screen = await page.goto(`/wp-admin/admin.php?page=inpaint-editor&attachment=${site.images['editor-photo']}`);
    expect(screen!.status()).toBe(403);
    await page.context().close();
  });

  test('an Author on someone else’s image: 403; on their own: allowed; no row action on others’ images', async ({ browser }) => {
    const page = await login(browser, 'author');
    const nonce = await restNonce(page);
    const other = site.images['author2-photo']!;
    await expectStatus({
      source: await page.request.get(`${REST()}/source/${other}`, { headers: { 'X-WP-Nonce': nonce } }),
      save: await page.request.post(`${REST()}/save`, { headers: { 'X-WP-Nonce': nonce }, multipart: saveForm(other) }),
    }, 403, 'inpaint_cannot_edit');
    const own = await page.request.get(`${REST()}/source/${site.images['author-photo']}`, { headers: { 'X-WP-Nonce': nonce } });
    expect(own.status()).toBe(200);
    expect((await page.goto(`/wp-admin/admin.php?page=inpaint-editor&attachment=${other}`))!.status()).toBe(403);
    await page.goto('/wp-admin/upload.php?mode=list');
    await expect(page.locator(`#post-${site.images['author-photo']} .row-actions .inpaint_editor`)).toHaveCount(1);
    // Authors see only their own items in the list; others' have no action anywhere.
    await expect(page.locator(`#post-${other} .row-actions .inpaint_editor`)).toHaveCount(0);
    await page.context().close();
  });

  test('a logged-in cookie with no nonce: 403 (not core’s anonymous 401)', async ({ browser }) => {
    const page = await login(browser, 'editor');
    await expectStatus(await everyRoute(page.request, {}, site.images['editor-photo']!), 403, 'inpaint_missing_nonce');
    await page.context().close();
  });

  test('a forged nonce: 403', async ({ browser }) => {
    const page = await login(browser, 'editor');
    await expectStatus(await everyRoute(page.request, { 'X-WP-Nonce': '0123456789' }, site.images['editor-photo']!), 403, 'inpaint_bad_nonce');
    await page.context().close();
  });

  test('a logged-out browser: 401', async ({ browser }) => {
    const context = await browser.newContext();
    const res = await everyRoute(context.request, {}, site.images['editor-photo']!);
    await expectStatus(res, 401, 'inpaint_logged_out');
    // With a nonce from someone else's session too.
    const page = await login(browser, 'editor');
    const nonce = await restNonce(page);
    await expectStatus(await everyRoute(context.request, { 'X-WP-Nonce': nonce }, site.images['editor-photo']!), 401, 'inpaint_logged_out');
    await context.close();
    await page.context().close();
  });

  test('paths and methods outside the allowlist: 404', async ({ browser }) => {
    const page = await login(browser, 'editor');
    const headers = { 'X-WP-Nonce': await restNonce(page) };
    for (const [method, path] of [['GET', 'models'], ['POST', 'images/variations'], ['GET', 'images/edits'], ['DELETE', 'files'], ['POST', 'chat/completions'], ['GET', 'files/file-1/content'], ['POST', 'images/edits/..%2Fvariations']] as const) {
      const res = await page.request.fetch(`${REST()}/openai/${path}`, { method, headers, ...(method === 'POST' ? { multipart: editForm() } : {}) });
      expect(res.status(), `${method} ${path}`).toBe(404);
      expect((await res.json()).code).toBe('inpaint_not_allowed');
    }
    await page.context().close();
  });

  test('a 60 MB body: 413 at the proxy and at save', async ({ browser }) => {
    const page = await login(browser, 'editor');
    const headers = { 'X-WP-Nonce': await restNonce(page) };
    const big = Buffer.alloc(60 * 1024 * 1024, 7);
    big.set(png);
    const proxy = await page.request.post(`${REST()}/openai/images/edits`, { headers, multipart: { ...editForm(), image: { name: 'image.png', mimeType: 'image/png', buffer: big } } });
    const save = await page.request.post(`${REST()}/save`, { headers, multipart: { ...saveForm(site.images['editor-photo']!), image: { name: 'edited.png', mimeType: 'image/png', buffer: big } } });
    await expectStatus({ proxy, save }, 413, 'inpaint_too_large');
    expect((await proxy.json()).message).toContain('50 MB');
    await page.context().close();
  });

  test('the daily limit reached: 429 with a message in the user’s language (zh_CN), nothing forwarded', async ({ browser }) => {
    const limited = site.users.limited!;
    const today = await wpPhp<string>(site, "return wp_date('Y-m-d');");
    await wpPhp(site, `update_user_meta(${limited}, 'inpaint_editor_usage', ['day' => '${today}', 'edits' => 2, 'dollars' => 0.01]); return true;`);
    await setSettings({ limit_kind: 'edits', limit_value: 2 });
    try {
      const page = await login(browser, 'limited');
      const headers = { 'X-WP-Nonce': await restNonce(page) };
      const res = await page.request.post(`${REST()}/openai/images/edits`, { headers, multipart: editForm() });
      await expectStatus({ proxy: res }, 429, 'inpaint_daily_limit');
      expect((await res.json()).message).toMatch(/今天|每日|上限/);
      // Files uploads are not edits: the limit lets them through (not asserted upstream here).
      expect(await userMeta(limited, 'inpaint_editor_usage')).toMatchObject({ edits: 2 });
      await page.context().close();
    } finally {
      await setSettings({ limit_kind: 'off', limit_value: 0 });
    }
  });
});
