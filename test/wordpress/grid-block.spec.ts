import { test, expect, type Page } from '@playwright/test';
import { attachment, attachmentIds, editorFrame, filesOf, login, paintAndFill, site, wpPhp } from './helpers.ts';

/** The Image block's attributes, from the block editor's store. */
const imageBlock = (page: Page) => page.evaluate(() => {
  const wp = (window as unknown as { wp: { data: { select(s: string): { getBlocks(): { name: string; attributes: { id: number; url: string; alt: string } }[] } } } }).wp;
  const b = wp.data.select('core/block-editor').getBlocks().find((x) => x.name === 'core/image')!;
  return { id: b.attributes.id, url: b.attributes.url, alt: b.attributes.alt };
});

test('grid view: the Attachment details dialog has Edit with Inpaint; the saved image shows its lineage there', async ({ browser }) => {
  const page = await login(browser, 'editor');
  const id = site.images['editor-grid']!;
  const before = await filesOf(id);
  await page.goto('/wp-admin/upload.php?mode=grid');
  await page.locator(`.attachments .attachment[data-id="${id}"]`).click();
  const dialog = page.locator('.media-modal');
  await expect(dialog.getByRole('heading', { name: 'Attachment details' })).toBeVisible();
  const button = dialog.getByRole('link', { name: 'Edit with Inpaint' });
  await expect(button).toBeVisible();
  await page.screenshot({ path: 'test-results/wordpress-grid-dialog.png' });
  await button.click();
  const frame = await editorFrame(page);
  await expect(page.frameLocator('iframe').getByTestId('image-info')).toContainText('640×480');
  await paintAndFill(page, frame, [[100, 200], [500, 200]]);
  await page.frameLocator('iframe').getByRole('button', { name: 'Save to host' }).click();
  await page.waitForURL(/post\.php\?post=\d+&action=edit/, { timeout: 30_000 });
  const newId = (await attachmentIds())[0]!;
  const a = await attachment(newId);
  expect(a.title).toBe('Editor grid (edited)');
  expect(a.meta._inpaint_original).toBe(String(id));
  expect(a.sizes).toEqual(expect.arrayContaining(['thumbnail', 'medium']));
  const after = await filesOf(id);
  for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);
  // The new item's Attachment details (grid) say where it came from.
  await page.goto(`/wp-admin/upload.php?item=${newId}`);
  await expect(page.locator('.media-modal .inpaint-lineage-text')).toContainText('Edited from Editor grid');
  await page.context().close();
});

test('block editor: the Image block’s toolbar button edits its image; the block shows the new one; undo brings the old back', async ({ browser }) => {
  const page = await login(browser, 'editor');
  const id = site.images['editor-block']!;
  await page.goto(`/wp-admin/post.php?post=${site.post}&action=edit`);
  await page.waitForFunction(() => (window as unknown as { wp?: { data?: unknown } }).wp?.data);
  expect(await page.content()).toContain('inpaint-editor/assets/block.js');
  await expect.poll(() => imageBlock(page).then((b) => b.id), { timeout: 30_000 }).toBe(id);
  await page.getByRole('img', { name: 'Alt of editor-block' }).click();
  const button = page.getByRole('button', { name: 'Edit with Inpaint' });
  await expect(button).toBeVisible();
  await page.screenshot({ path: 'test-results/wordpress-block-button.png' });
  await button.click();
  const frame = await editorFrame(page);
  const box = (await page.locator('.inpaint-editor-overlay iframe').boundingBox())!;
  expect(box.width / 1280).toBeGreaterThanOrEqual(0.8);
  expect(box.height / 800).toBeGreaterThanOrEqual(0.8);
  await expect(page.frameLocator('.inpaint-editor-overlay iframe').getByTestId('image-info')).toContainText('600×400');
  await paintAndFill(page, frame, [[100, 200], [500, 200]]);
  await page.frameLocator('.inpaint-editor-overlay iframe').getByRole('button', { name: 'Save to host' }).click();
  await expect(page.locator('.inpaint-editor-overlay')).toHaveCount(0, { timeout: 30_000 });

  const newId = (await attachmentIds())[0]!;
  expect(newId).not.toBe(id);
  const newUrl = await wpPhp<string>(site, `return wp_get_attachment_url(${newId});`);
  await expect.poll(() => imageBlock(page)).toEqual({ id: newId, url: newUrl, alt: 'Alt of editor-block' });
  await expect(page.getByRole('img', { name: 'Alt of editor-block' })).toHaveAttribute('src', newUrl);
  expect((await attachment(newId)).meta._inpaint_original).toBe(String(id));

  // One undo in the block editor brings the old image back.
  await page.getByRole('button', { name: 'Undo' }).first().click();
  await expect.poll(() => imageBlock(page).then((b) => b.id)).toBe(id);
  await expect(page.getByRole('img', { name: 'Alt of editor-block' })).not.toHaveAttribute('src', newUrl);
  await page.context().close();
});

test('with no key on the server, the editor opens with the local fill as default', async ({ browser }) => {
  await wpPhp(site, "update_option('inpaint_editor_api_key_saved', get_option('inpaint_editor_api_key')); delete_option('inpaint_editor_api_key'); return true;");
  try {
    const page = await login(browser, 'editor');
    await page.goto(`/wp-admin/admin.php?page=inpaint-editor&attachment=${site.images['editor-photo']}`);
    await editorFrame(page);
    await expect(page.frameLocator('iframe').locator('[data-testid=provider] input[value=local-fill]')).toBeChecked();
    await page.context().close();
  } finally {
    await wpPhp(site, "update_option('inpaint_editor_api_key', get_option('inpaint_editor_api_key_saved'), false); delete_option('inpaint_editor_api_key_saved'); return true;");
  }
});
