import { test, expect } from '@playwright/test';
import { startSite, wpPhp, type Site } from './site.ts';
// @ts-expect-error -- a plain ESM script (also run by `npm run package:wordpress`), no types.
import { ZIP } from '../../integrations/wordpress/build.mjs';

/**
 * Plugins → Add New → Upload with the zip globalSetup built, on a second throwaway WordPress
 * without the plugin (the shared site has it installed, and the other specs use it).
 */
let second: Site;
test.beforeAll(async () => {
  second = await startSite({});
});
test.afterAll(async () => {
  await second?.stop();
});

test('an administrator installs the zip through Plugins → Add New → Upload: WordPress reports success, it activates, and Settings → Inpaint editor appears', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: second.url, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto('/wp-login.php');
  await page.locator('#user_login').fill('admin');
  await page.locator('#user_pass').fill(second.password);
  await page.locator('#wp-submit').click();
  await page.waitForURL(/wp-admin/);
  await expect(page.locator('#menu-settings')).not.toContainText('Inpaint editor');

  await page.goto('/wp-admin/plugin-install.php?tab=upload');
  await page.locator('#pluginzip').setInputFiles(ZIP as string);
  await page.locator('#install-plugin-submit').click();
  await page.waitForURL(/update\.php\?action=upload-plugin/);
  await expect(page.locator('.wrap')).toContainText('Plugin installed successfully.');
  await page.getByRole('link', { name: 'Activate Plugin' }).click();
  await page.waitForURL(/plugins\.php/);
  await expect(page.locator('#message')).toContainText('Plugin activated.');
  await expect(page.locator('tr[data-plugin="inpaint-editor/inpaint-editor.php"]')).toHaveClass(/\bactive\b/);
  expect(await wpPhp(second, "require_once ABSPATH . 'wp-admin/includes/plugin.php'; return is_plugin_active('inpaint-editor/inpaint-editor.php');")).toBe(true);

  // Settings → Inpaint editor, in the admin menu (a submenu that shows on hover), and its page.
  const entry = page.locator('#menu-settings .wp-submenu a', { hasText: 'Inpaint editor' });
  await expect(entry).toHaveAttribute('href', 'options-general.php?page=inpaint-editor-settings');
  await page.goto(`/wp-admin/${await entry.getAttribute('href')}`);
  await expect(page.locator('.wrap h1')).toContainText('Inpaint editor');
  await expect(page.locator('#inpaint-key-status')).toBeVisible();
  await expect(page.locator('input[name="inpaint_editor_settings[roles][]"]')).not.toHaveCount(0);
  await context.close();
});
