import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test, expect } from '@playwright/test';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { sha256 } from '../fake-openai/record.ts';
import { TEST_KEY } from './globalSetup.ts';
import { REST, attachmentIds, login, restNonce, site, wpPhp } from './helpers.ts';

test('nothing of the plugin is loaded on admin screens that do not use it; the block editor loads it (grid-block.spec.ts)', async ({ browser }) => {
  const page = await login(browser, 'editor');
  for (const path of ['/wp-admin/', '/wp-admin/upload.php?mode=list', '/wp-admin/edit.php', '/wp-admin/profile.php']) {
    await page.goto(path);
    const html = await page.content();
    expect(html, path).not.toContain('inpaint-editor/assets/');
    expect(html, path).not.toContain('inpaintEditorHost');
  }
  await page.context().close();
});

test('a key in wp-config.php (the constant) wins over the option, and is never shown either', async ({ browser }) => {
  const other = 'sk-from-wp-config-CONSTANT-91d2';
  const mu = join(site.dir, 'wp-content/mu-plugins');
  await mkdir(mu, { recursive: true });
  // A must-use plugin defines it early, as wp-config.php would.
  await writeFile(join(mu, 'inpaint-key.php'), `<?php define( 'INPAINT_EDITOR_OPENAI_KEY', '${other}' );\n`);
  try {
    const admin = await login(browser, 'admin');
    await admin.goto('/wp-admin/options-general.php?page=inpaint-editor-settings');
    await expect(admin.locator('#inpaint-key-status')).toContainText('wp-config.php');
    const html = await admin.content();
    expect(html).not.toContain(other);
    expect(html).not.toContain(TEST_KEY);
    await admin.context().close();

    const page = await login(browser, 'editor');
    const fake = fakeControl(process.env.FAKE_OPENAI_URL!);
    const before = (await fake.requests({ path: '/v1/images/generations' })).length;
    const res = await page.request.post(`${REST()}/openai/images/generations`, {
      headers: { 'X-WP-Nonce': await restNonce(page) },
      data: { model: 'gpt-image-1-mini', prompt: 'a kite', quality: 'low', size: '1024x1024' },
    });
    // The fake expects the option's key: the constant's gets its 401, passed through as it is.
    expect(res.status()).toBe(401);
    expect(await res.text()).not.toContain(other);
    const got = (await fake.requests({ path: '/v1/images/generations' })).slice(before);
    expect(got.map((r) => r.auth.keySha256)).toEqual([sha256(other)]);
    await page.context().close();
  } finally {
    await rm(join(mu, 'inpaint-key.php'), { force: true });
  }
});

test('uninstall.php removes the options and usage counters, never the media', async () => {
  const media = await attachmentIds();
  const r = await wpPhp<{ before: boolean[]; after: boolean[]; users: number }>(site, `
    $s = get_option('inpaint_editor_settings'); $k = get_option('inpaint_editor_api_key');
    update_user_meta(${site.users.editor}, 'inpaint_editor_usage', ['day' => '2000-01-01', 'edits' => 1, 'dollars' => 0]);
    $before = [false !== get_option('inpaint_editor_settings', false), false !== get_option('inpaint_editor_api_key', false)];
    define('WP_UNINSTALL_PLUGIN', 'inpaint-editor/inpaint-editor.php');
    include WP_PLUGIN_DIR . '/inpaint-editor/uninstall.php';
    $after = [false !== get_option('inpaint_editor_settings', false), false !== get_option('inpaint_editor_api_key', false)];
    $users = count(get_users(['meta_key' => 'inpaint_editor_usage', 'fields' => 'ids']));
    update_option('inpaint_editor_settings', $s); update_option('inpaint_editor_api_key', $k, false);
    return ['before' => $before, 'after' => $after, 'users' => $users];`);
  expect(r).toEqual({ before: [true, true], after: [false, false], users: 0 });
  expect(await attachmentIds()).toEqual(media);
});
