import { test, expect } from '@playwright/test';
import { attachment, attachmentIds, editorFrame, filesOf, login, paintAndFill, site } from './helpers.ts';

test.describe('Media Library, as an Editor', () => {
  test('list view: Edit with Inpaint opens the full-size original full screen; a local fill saved becomes a new attachment with lineage, the original untouched', async ({ browser }) => {
    const page = await login(browser, 'editor');
    const id = site.images['editor-big']!;
    const before = await filesOf(id);
    const idsBefore = await attachmentIds();
    await page.goto('/wp-admin/upload.php?mode=list');
    const row = page.locator(`#post-${id}`);
    await row.hover();
    const action = row.getByRole('link', { name: 'Edit “Editor big” with Inpaint' });
    await expect(action).toBeVisible();
    await page.screenshot({ path: 'test-results/wordpress-media-action.png' });
    await action.click();
    await expect(page).toHaveURL(/page=inpaint-editor&attachment=/);

    const frame = await editorFrame(page);
    const editor = page.frameLocator('iframe');
    // The original, not WordPress's 2560 px -scaled copy.
    await expect(editor.getByTestId('image-info')).toContainText('2700×1200');
    expect(await frame.evaluate(() => (window as unknown as { __inpaint: { editor: { state: { image: { name: string } } } } }).__inpaint.editor.state.image.name)).toBe('editor-big.jpg');
    // Full screen: at least 80 % of the window each way.
    const box = (await page.locator('iframe').boundingBox())!;
    expect(box.width / 1280).toBeGreaterThanOrEqual(0.8);
    expect(box.height / 800).toBeGreaterThanOrEqual(0.8);
    await expect(editor.getByRole('button', { name: 'Save to host' })).toBeVisible();

    await paintAndFill(page, frame, [[1200, 600], [1500, 600]]);
    await page.screenshot({ path: 'test-results/wordpress-editor.png' });
    await editor.getByRole('button', { name: 'Save to host' }).click();
    await page.waitForURL(/post\.php\?post=\d+&action=edit/, { timeout: 30_000 });

    const idsAfter = await attachmentIds();
    expect(idsAfter.length).toBe(idsBefore.length + 1);
    const newId = idsAfter[0]!;
    expect(page.url()).toContain(`post=${newId}`);
    const a = await attachment(newId);
    expect(a.title).toBe('Editor big (edited)');
    expect(a.caption).toBe('Caption of editor-big');
    expect(a.description).toBe('Description of editor-big');
    expect(a.mime).toBe('image/png');
    expect(a.author).toBe(site.users.editor);
    expect(a.meta._wp_attachment_image_alt).toBe('Alt of editor-big');
    expect(a.meta._inpaint_original).toBe(String(id));
    expect(a.meta._inpaint_provider).toBe('local');
    expect(String(a.meta._inpaint_mask).length).toBeGreaterThan(100);
    expect(Buffer.from(String(a.meta._inpaint_mask), 'base64').subarray(1, 4).toString()).toBe('PNG');
    // Thumbnails were made.
    expect(a.sizes).toEqual(expect.arrayContaining(['thumbnail', 'medium', 'large']));
    // The original's files are byte-identical, and none was added or removed.
    const after = await filesOf(id);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [path, bytes] of before) expect(after.get(path)!.equals(bytes), path).toBe(true);

    // The attachment screen shows the lineage, with a link back.
    const lineage = page.locator('#inpaint-lineage');
    await expect(lineage).toContainText('Edited from Editor big');
    await expect(lineage.getByRole('link', { name: 'Editor big' })).toHaveAttribute('href', new RegExp(`post=${id}&`));
    await page.context().close();
  });

  test('cancel leaves nothing behind', async ({ browser }) => {
    const page = await login(browser, 'editor');
    const idsBefore = await attachmentIds();
    await page.goto('/wp-admin/upload.php?mode=list');
    await page.goto(`/wp-admin/admin.php?page=inpaint-editor&attachment=${site.images['editor-photo']}`);
    const frame = await editorFrame(page);
    const editor = page.frameLocator('iframe');
    await expect(editor.getByTestId('image-info')).toContainText('800×600');
    await paintAndFill(page, frame, [[100, 100], [400, 100]]);
    await editor.getByRole('button', { name: 'Cancel' }).click();
    // Unsaved work: the editor asks first.
    await editor.getByRole('button', { name: 'Discard changes' }).click();
    await page.waitForURL(/upload\.php/);
    expect(await attachmentIds()).toEqual(idsBefore);
    await page.context().close();
  });
});
