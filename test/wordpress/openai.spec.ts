import { readFile } from 'node:fs/promises';
import { test, expect, type Page } from '@playwright/test';
import { fakeControl } from '../fake-openai/controlClient.ts';
import { sha256 } from '../fake-openai/record.ts';
import { TEST_KEY } from './globalSetup.ts';
import { REST, attachment, attachmentIds, editorFrame, expectStatus, login, mouseStroke, readLogs, restNonce, setSettings, site, userMeta, wpPhp } from './helpers.ts';

const fake = () => fakeControl(process.env.FAKE_OPENAI_URL!);

/** Every answer body the page's browser received (frames included), to search for the key. */
function recordAnswers(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', (r) => {
    const type = r.headers()['content-type'] ?? '';
    if (/json|html|text|javascript/.test(type)) void r.text().then((t) => bodies.push(`${r.url()}\n${t}`), () => {});
  });
  return bodies;
}

test('an OpenAI edit through the plugin’s proxy: previews stream, the fake gets the server’s key and the user’s safety identifier, the key shows up nowhere', async ({ browser }) => {
  const page = await login(browser, 'editor');
  const answers = recordAnswers(page);
  const sent: string[] = [];
  page.on('request', (r) => sent.push(`${r.url()}\n${JSON.stringify(r.headers())}\n${r.postData() ?? ''}`));
  const before = (await fake().requests({ path: '/v1/images/edits' })).length;
  const idsBefore = await attachmentIds();
  const id = site.images['editor-ai']!;

  await page.goto(`/wp-admin/admin.php?page=inpaint-editor&attachment=${id}`);
  const frame = await editorFrame(page);
  const editor = page.frameLocator('iframe');
  await expect(editor.getByTestId('image-info')).toContainText('512×512');
  // With a key on the server, OpenAI through the proxy is the default; the site's defaults apply.
  await expect(editor.locator('[data-testid=provider] input[value=openai-images]')).toBeChecked();
  await expect(editor.getByTestId('model')).toHaveValue('gpt-image-1-mini');
  await expect(editor.getByTestId('quality')).toHaveValue('low');
  await editor.getByTestId('partials').fill('2');
  await editor.getByTestId('prompt').fill('a glass sphere');
  await editor.getByTestId('brush-size').fill('400');
  await mouseStroke(page, [[150, 250], [350, 250]], frame);
  // Frames 1.2 s apart at the fake: previews must show before the end if nothing buffers them.
  await fake().script([{ path: '/v1/images/edits', apiKey: TEST_KEY, mode: { delayMs: 1200 } }]);
  await editor.getByTestId('submit').click();
  await expect(editor.getByTestId('partials-count')).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => frame.evaluate(() => (window as unknown as { __inpaint: { editor: { state: { previewing: boolean } } } }).__inpaint.editor.state.previewing)).toBe(true);
  await expect(editor.getByTestId('results')).not.toBeVisible();
  await expect(editor.getByTestId('results')).toBeVisible({ timeout: 30_000 });
  await expect(editor.getByTestId('usage')).toContainText('output tokens');

  // What the fake received: one request, with the server's key and this user's identifier.
  const reqs = (await fake().requests({ path: '/v1/images/edits' })).slice(before);
  expect(reqs).toHaveLength(1);
  const req = reqs[0]!;
  expect(req.auth).toMatchObject({ present: true, scheme: 'Bearer', keySha256: sha256(TEST_KEY), matchesExpected: true });
  const expectedId = await wpPhp<string>(site, `return InpaintEditor\\Logic::safety_identifier(home_url(), ${site.users.editor}, wp_salt('auth'));`);
  expect(req.fields).toMatchObject({ model: 'gpt-image-1-mini', prompt: 'a glass sphere', quality: 'low', stream: 'true', partial_images: '2', safety_identifier: expectedId });
  expect(req.fields?.safety_identifier).toMatch(/^wp-[0-9a-f]{32}$/);
  expect(req.files.map((f) => [f.field, f.width, f.height])).toEqual([['image', 512, 512], ['mask', 512, 512]]);
  expect(req.headers.cookie).toBeUndefined();
  expect(req.headers['x-wp-nonce']).toBeUndefined();
  // Counted against the user's day.
  expect(await userMeta(site.users.editor!, 'inpaint_editor_usage')).toMatchObject({ edits: 1 });

  // Saved: the lineage meta records the prompt, provider, model, options, usage and cost.
  await editor.getByRole('button', { name: 'Save to host' }).click();
  await page.waitForURL(/post\.php\?post=\d+&action=edit/, { timeout: 30_000 });
  const newId = (await attachmentIds())[0]!;
  expect(newId).not.toBe(idsBefore[0]);
  const a = await attachment(newId);
  expect(a.meta).toMatchObject({ _inpaint_original: String(id), _inpaint_prompt: 'a glass sphere', _inpaint_model: 'gpt-image-1-mini' });
  expect(String(a.meta._inpaint_provider)).toMatch(/images/);
  expect(a.meta._inpaint_options).toMatchObject({ quality: 'low' });
  expect(a.meta._inpaint_usage).toMatchObject({ output_tokens: expect.any(Number) });
  expect(Number(a.meta._inpaint_cost)).toBeGreaterThan(0);
  await expect(page.locator('#inpaint-lineage')).toContainText('Edited from Editor ai');

  // The key is in no page, answer, request the browser made, or log line.
  for (const path of ['/wp-admin/upload.php?mode=list', `/wp-admin/post.php?post=${newId}&action=edit`, '/wp-admin/post-new.php']) {
    await page.goto(path);
    expect(await page.content(), path).not.toContain(TEST_KEY);
  }
  await page.waitForTimeout(300);
  expect(answers.length).toBeGreaterThan(10);
  for (const a2 of answers) expect(a2).not.toContain(TEST_KEY);
  for (const s of sent) expect(s).not.toContain(TEST_KEY);
  expect(await readLogs(site)).not.toContain(TEST_KEY);
  await page.context().close();
});

test('the proxy passes a stream through as it arrives, not buffered', async ({ browser }) => {
  const page = await login(browser, 'editor');
  const nonce = await restNonce(page);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  await fake().script([{ path: '/v1/images/generations', apiKey: TEST_KEY, mode: { delayMs: 1000 } }]);
  const t0 = Date.now();
  const res = await fetch(`${REST()}/openai/images/generations`, {
    method: 'POST',
    headers: { cookie, 'x-wp-nonce': nonce, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-image-1-mini', prompt: 'a red kite', size: '1024x1024', quality: 'low', stream: true, partial_images: 2 }),
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const arrivals: number[] = [];
  let text = '';
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    arrivals.push(Date.now() - t0);
  }
  const events = [...text.matchAll(/^event: (\S+)/gm)].map((m) => m[1]);
  expect(events).toEqual(['image_generation.partial_image', 'image_generation.partial_image', 'image_generation.completed']);
  // The first bytes came well before the last (the fake waits 1 s between frames).
  expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(1500);
  expect(text).not.toContain(TEST_KEY);
  await page.context().close();
});

test('the settings page is for administrators, and shows only that a key is set', async ({ browser }) => {
  const admin = await login(browser, 'admin');
  await admin.goto('/wp-admin/options-general.php?page=inpaint-editor-settings');
  await expect(admin.locator('#inpaint-key-status')).toHaveText('A key is set.');
  await expect(admin.locator('#inpaint-key')).toHaveValue('');
  expect(await admin.content()).not.toContain(TEST_KEY);
  await expect(admin.locator('#inpaint-upstream')).toHaveValue(process.env.FAKE_OPENAI_URL!);
  await admin.screenshot({ path: 'test-results/wordpress-settings.png', fullPage: true });
  await admin.context().close();
  const editor = await login(browser, 'editor');
  const res = await editor.goto('/wp-admin/options-general.php?page=inpaint-editor-settings');
  expect(res!.status()).toBe(403);
  await editor.context().close();
});

test('a daily limit in dollars: edits go through until the recorded cost reaches the cap, then 429 and nothing reaches OpenAI', async ({ browser }) => {
  const user = site.users.author2!;
  const today = await wpPhp<string>(site, "return wp_date('Y-m-d');");
  // Just under the cap already today: one more edit (its cost is a fraction of a cent) tips it over.
  const cap = 0.05;
  await wpPhp(site, `update_user_meta(${user}, 'inpaint_editor_usage', ['day' => '${today}', 'edits' => 3, 'dollars' => ${cap - 0.0001}]); return true;`);
  await setSettings({ limit_kind: 'dollars', limit_value: cap });
  try {
    const page = await login(browser, 'author2');
    const headers = { 'X-WP-Nonce': await restNonce(page) };
    const image = await readFile(await wpPhp<string>(site, `return get_attached_file(${site.images['editor-ai']});`));
    const edit = () => page.request.post(`${REST()}/openai/images/edits`, {
      headers, multipart: { model: 'gpt-image-1-mini', prompt: 'a kite', quality: 'low', image: { name: 'image.png', mimeType: 'image/png', buffer: image } },
    });
    const before = (await fake().requests({ path: '/v1/images/edits' })).length;

    const ok = await edit();
    expect(ok.status(), await ok.text()).toBe(200);
    // What the plugin recorded is the cost of the usage the answer reported, at the model's rates.
    const reported = JSON.stringify((await ok.json()).usage);
    const cost = await wpPhp<number>(site, `return InpaintEditor\\Logic::cost('gpt-image-1-mini', json_decode(${JSON.stringify(reported)}, true));`);
    expect(cost).toBeGreaterThan(0.0001);
    const usage = await userMeta(user, 'inpaint_editor_usage') as { edits: number; dollars: number };
    expect(usage.edits).toBe(4);
    expect(usage.dollars).toBeCloseTo(cap - 0.0001 + cost, 8);
    expect((await fake().requests({ path: '/v1/images/edits' })).length).toBe(before + 1);

    const refused = await edit();
    await expectStatus({ proxy: refused }, 429, 'inpaint_daily_limit');
    expect((await refused.json()).message).toContain('daily limit');
    expect((await fake().requests({ path: '/v1/images/edits' })).length, 'requests that reached OpenAI').toBe(before + 1);
    expect(await userMeta(user, 'inpaint_editor_usage')).toMatchObject({ edits: 4 });
    await page.context().close();
  } finally {
    await setSettings({ limit_kind: 'off', limit_value: 0 });
    await wpPhp(site, `delete_user_meta(${user}, 'inpaint_editor_usage'); return true;`);
  }
});
