import { test, expect } from '@playwright/test';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { REST, attachmentIds, everyRoute, expectStatus, login, restNonce, setSettings, site, wpPhp } from './helpers.ts';

const fake = () => fakeControl(process.env.FAKE_OPENAI_URL!);

test('the roles setting: with only Administrator and Author ticked, an Editor gets no action, no screen and 403 on every route; an Author still works', async ({ browser }) => {
  const upstreamBefore = (await fake().requests()).length;
  const attachmentsBefore = await attachmentIds();
  try {
    // The administrator narrows the roles on Settings → Inpaint editor.
    const admin = await login(browser, 'admin');
    await admin.goto('/wp-admin/options-general.php?page=inpaint-editor-settings');
    const roles = admin.locator('input[name="inpaint_editor_settings[roles][]"]');
    for (const box of await roles.all()) await box.setChecked(['administrator', 'author'].includes((await box.getAttribute('value'))!));
    await admin.locator('#submit').click();
    await expect(admin.locator('#setting-error-settings_updated')).toBeVisible();
    expect(await wpPhp(site, 'return InpaintEditor\\Settings::get()["roles"];')).toEqual(['administrator', 'author']);
    await admin.context().close();

    const editor = await login(browser, 'editor');
    const own = site.images['editor-photo']!;
    await editor.goto('/wp-admin/upload.php?mode=list');
    await expect(editor.locator(`#post-${own}`)).toBeVisible();
    await expect(editor.locator(`#post-${own} .row-actions .inpaint_editor`)).toHaveCount(0);
    expect((await editor.goto(`/wp-admin/admin.php?page=inpaint-editor&attachment=${own}`))!.status()).toBe(403);
    await expectStatus(await everyRoute(editor.request, { 'X-WP-Nonce': await restNonce(editor) }, own), 403, 'inpaint_forbidden');
    await editor.context().close();

    const author = await login(browser, 'author');
    const mine = site.images['author-photo']!;
    await author.goto('/wp-admin/upload.php?mode=list');
    await expect(author.locator(`#post-${mine} .row-actions .inpaint_editor`)).toHaveCount(1);
    const source = await author.request.get(`${REST()}/source/${mine}`, { headers: { 'X-WP-Nonce': await restNonce(author) } });
    expect(source.status()).toBe(200);
    expect((await author.goto(`/wp-admin/admin.php?page=inpaint-editor&attachment=${mine}`))!.status()).toBe(200);
    await author.context().close();
  } finally {
    await setSettings({ roles: [] });
  }
  expect((await fake().requests()).length, 'requests that reached OpenAI').toBe(upstreamBefore);
  expect(await attachmentIds(), 'attachments').toEqual(attachmentsBefore);
});
