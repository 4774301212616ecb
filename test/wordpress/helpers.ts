import { readFile } from 'node:fs/promises';
import { expect, type APIRequestContext, type APIResponse, type Browser, type BrowserContext, type Frame, type Page } from '@playwright/test';
import { wpPhp } from './site.ts';
import { mouseStroke } from '../e2e/helpers.ts';

export { wpPhp, readLogs } from './site.ts';
export { mouseStroke };

/** The site globalSetup started. */
export interface SiteInfo {
  url: string; dir: string; logs: string[]; password: string;
  users: Record<string, number>; images: Record<string, number>; post: number;
}
export const site: SiteInfo = JSON.parse(process.env.WP_SITE ?? '{}');
export const REST = () => `${site.url}/wp-json/inpaint-editor/v1`;

/** Each user's cookies after one real login through wp-login.php (one worker: a module cache). */
const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

/** A fresh context's page, logged in as `user` (the first time through wp-login.php's form). */
export async function login(browser: Browser, user: string, opts: { locale?: string } = {}): Promise<Page> {
  const known = sessions.get(user);
  const context = await browser.newContext({ baseURL: site.url, viewport: { width: 1280, height: 800 }, locale: opts.locale ?? 'en-US', ...(known ? { storageState: known } : {}) });
  const page = await context.newPage();
  if (known) return page;
  await page.goto('/wp-login.php');
  await page.locator('#user_login').fill(user);
  await page.locator('#user_pass').fill(site.password);
  await page.locator('#wp-submit').click();
  await page.waitForURL(/wp-admin/);
  sessions.set(user, await context.storageState());
  return page;
}

/** A REST nonce for the page's logged-in user. */
export async function restNonce(page: Page): Promise<string> {
  const res = await page.request.get(`${site.url}/wp-admin/admin-ajax.php?action=rest-nonce`);
  expect(res.status()).toBe(200);
  return res.text();
}

/** The editor's frame in a WordPress page, once it listens for its host. */
export async function editorFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/inpaint-editor/editor/index.html')), { timeout: 20_000 }).toBe(true);
  const frame = page.frames().find((f) => f.url().includes('/inpaint-editor/editor/index.html'))!;
  await frame.waitForFunction(() => (window as unknown as { __inpaint?: { embed: { state: { connected: boolean } } } }).__inpaint?.embed.state.connected, null, { timeout: 20_000 });
  return frame;
}

/** Paints a stroke across the open image and fills it locally; waits for the result. */
export async function paintAndFill(page: Page, frame: Frame, stroke: [number, number][]): Promise<void> {
  const editor = page.frameLocator('iframe');
  await editor.getByTestId('brush-size').fill('400');
  await mouseStroke(page, stroke, frame);
  const local = editor.locator('[data-testid=provider] input[value=local-fill]');
  if (!(await local.isChecked())) await local.check();
  await editor.getByTestId('submit').click();
  await expect(editor.getByTestId('results')).toBeVisible({ timeout: 60_000 });
}

/** Attachment ids, newest first. */
export const attachmentIds = (): Promise<number[]> =>
  wpPhp<number[]>(site, "return array_map('intval', get_posts(['post_type' => 'attachment', 'post_status' => 'any', 'numberposts' => -1, 'fields' => 'ids', 'orderby' => 'ID', 'order' => 'DESC']));");

/** An attachment's facts: file, sizes, meta, texts. */
export interface Attachment {
  id: number; title: string; caption: string; description: string; author: number; file: string;
  original: string; mime: string; sizes: string[]; meta: Record<string, unknown>;
}
export const attachment = (id: number): Promise<Attachment> => wpPhp<Attachment>(site, `
  $p = get_post(${id}); $m = wp_get_attachment_metadata(${id});
  $meta = []; foreach (get_post_meta(${id}) as $k => $v) { $meta[$k] = maybe_unserialize($v[0]); }
  unset($meta['_wp_attachment_metadata']);
  return ['id' => ${id}, 'title' => $p->post_title, 'caption' => $p->post_excerpt, 'description' => $p->post_content,
    'author' => (int) $p->post_author, 'file' => get_attached_file(${id}), 'original' => wp_get_original_image_path(${id}),
    'mime' => $p->post_mime_type, 'sizes' => array_keys($m['sizes'] ?? []), 'meta' => $meta];`);

/** The bytes of every file an attachment has (original, scaled, thumbnails), by path. */
export async function filesOf(id: number): Promise<Map<string, Buffer>> {
  const paths = await wpPhp<string[]>(site, `
    $m = wp_get_attachment_metadata(${id}); $dir = dirname(get_attached_file(${id}));
    $out = [get_attached_file(${id}), wp_get_original_image_path(${id})];
    foreach ($m['sizes'] ?? [] as $s) { $out[] = $dir . '/' . $s['file']; }
    return array_values(array_unique($out));`);
  const files = new Map<string, Buffer>();
  for (const p of paths) files.set(p, await readFile(p));
  return files;
}

/** A user meta value. */
export const userMeta = (user: number, key: string): Promise<unknown> =>
  wpPhp(site, `return get_user_meta(${user}, ${JSON.stringify(key)}, true);`);

/** Sets plugin settings (merged over the current ones). */
export const setSettings = (patch: Record<string, unknown>): Promise<unknown> =>
  wpPhp(site, `$s = InpaintEditor\\Settings::get(); update_option('inpaint_editor_settings', array_merge($s, json_decode(${JSON.stringify(JSON.stringify(patch))}, true))); return true;`);

/** A fresh API request context with no cookies. */
export async function anonymous(playwright: { request: { newContext(o: object): Promise<APIRequestContext> } }): Promise<APIRequestContext> {
  return playwright.request.newContext({ baseURL: site.url });
}

/** A 1×1 PNG header: enough for the routes to refuse (never a valid image upstream). */
export const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** A small images/edits request, as the editor's SDK sends it. */
export const editForm = () => ({
  model: 'gpt-image-1-mini', prompt: 'a cat', quality: 'low',
  image: { name: 'image.png', mimeType: 'image/png', buffer: png },
  mask: { name: 'mask.png', mimeType: 'image/png', buffer: png },
});
export const saveForm = (source: number) => ({
  source: String(source), metadata: '{}',
  image: { name: 'edited.png', mimeType: 'image/png', buffer: png },
});

/** Every route a user could abuse, with the given headers. */
export async function everyRoute(req: APIRequestContext, headers: Record<string, string>, image: number): Promise<Record<string, APIResponse>> {
  return {
    proxy: await req.post(`${REST()}/openai/images/edits`, { headers, multipart: editForm() }),
    source: await req.get(`${REST()}/source/${image}`, { headers }),
    save: await req.post(`${REST()}/save`, { headers, multipart: saveForm(image) }),
  };
}

/** Each answer has `status` and the plugin's JSON error `code`, shaped as the editor shows it. */
export async function expectStatus(responses: Record<string, APIResponse>, status: number, code: string): Promise<void> {
  for (const [route, res] of Object.entries(responses)) {
    expect(res.status(), `${route}: ${await res.text()}`).toBe(status);
    const body = await res.json();
    expect(body.code, route).toBe(code);
    // The editor shows this message as it is (an OpenAI-shaped error, never retried).
    expect(body.error).toMatchObject({ type: 'inpaint_host_error', code, message: body.message });
    expect(res.headers()['x-should-retry'], route).toBe('false');
  }
}
