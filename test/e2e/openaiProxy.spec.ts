import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page, type Request } from '@playwright/test';
import { dropFile, mouseStroke } from './helpers.ts';
import { fake, leaks, pageTraces, sha256 } from './openaiHelpers.ts';
import { serveBuild, type ServedBuild } from './servedBuild.ts';

// Proxy mode: the built app served by the production server, whose proxy forwards to the fake
// server with a key from the server's environment. The browser holds no key and never sees it.
const SERVER_KEY = `sk-proxy-${Date.now().toString(36)}-server-only`;
const TOKEN = `team-token-${Date.now().toString(36)}-0123456789`;
const withFake = (c: Record<string, unknown>) => ({ ...c, service: { base_url: fake().baseURL, api_key_env: 'INPAINT_E2E_PROXY_API_KEY' } });
let open: ServedBuild;
let team: ServedBuild;
let tokenDir: string;

test.beforeAll(async () => {
  tokenDir = mkdtempSync(join(tmpdir(), 'inpaint-tokens-'));
  writeFileSync(join(tokenDir, 'tokens'), `# name token\ndesign ${TOKEN}\n`);
  open = await serveBuild(withFake, { INPAINT_E2E_PROXY_API_KEY: SERVER_KEY, INPAINT_CSP: 'off' });
  team = await serveBuild(withFake, { INPAINT_E2E_PROXY_API_KEY: SERVER_KEY, INPAINT_CSP: 'off', INPAINT_TOKENS_FILE: join(tokenDir, 'tokens') });
});

test.afterAll(async () => {
  await open?.close();
  await team?.close();
  rmSync(tokenDir, { recursive: true, force: true });
});

/** Paints, submits one edit through the proxy; resolves with every request the page made. */
async function editThroughProxy(page: Page, origin: string, prompt: string): Promise<Request[]> {
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await mouseStroke(page, [[100, 300], [400, 300]]);
  await expect(page.getByText('Set an API key')).not.toBeVisible();
  await page.getByTestId('model').selectOption('gpt-image-1.5');
  await page.getByTestId('prompt').fill(prompt);
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 15_000 });
  expect(requests.some((r) => r.url() === `${origin}openai-proxy/v1/images/edits`)).toBe(true);
  return requests;
}

test('proxy mode: no key in the browser, the server adds its own, the edit goes through', async ({ page }) => {
  const control = fake();
  const bodies: string[] = [];
  page.on('response', async (r) => { if (r.url().includes('/openai-proxy/status')) bodies.push(await r.text()); });

  await page.goto(open.url);
  const requests = await editThroughProxy(page, open.url, 'through the proxy');
  for (const r of requests) expect(leaks(r, SERVER_KEY), r.url()).toEqual([]);
  for (const b of bodies) expect(b).not.toContain(SERVER_KEY);
  expect(await pageTraces(page)).not.toContain(SERVER_KEY);

  const atFake = (await control.requests({ path: '/v1/images/edits', apiKey: SERVER_KEY })).at(-1)!;
  expect(atFake.auth.keySha256).toBe(sha256(SERVER_KEY));
  expect(atFake.fields).toMatchObject({ prompt: 'through the proxy', model: 'gpt-image-1.5', safety_identifier: expect.stringMatching(/^inpaint-/) });
  expect(atFake.files.find((f) => f.field === 'mask')).toMatchObject({ width: 640, height: 427, mimeType: 'image/png' });
  expect(open.server.raw.join('\n')).not.toContain(SERVER_KEY);
});

test('a team deployment: the editor asks once for the access token, keeps it like a key, and the edit goes through', async ({ page }) => {
  const control = fake();
  await page.goto(team.url);
  // Asked at start: Connection settings open with the token field.
  await expect(page.getByTestId('settings')).toBeVisible();
  await page.getByTestId('proxy-token').fill(TOKEN);
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings')).not.toBeVisible();

  const requests = await editThroughProxy(page, team.url, 'with a team token');
  // The token went only to the editor's own server, and is in no storage (remember was off).
  for (const r of requests) if (leaks(r, TOKEN).length) expect(r.url().startsWith(team.url), r.url()).toBe(true);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(TOKEN);
  const atFake = (await control.requests({ path: '/v1/images/edits', apiKey: SERVER_KEY })).at(-1)!;
  expect(atFake.fields).toMatchObject({ prompt: 'with a team token' });
  expect(team.server.lines.some((l) => l.route === '/images/edits' && l.identity === 'token:design' && l.status === 200)).toBe(true);

  // A reload asks again (the token was not remembered); a wrong token gets the editor's message.
  await page.reload();
  await expect(page.getByTestId('settings')).toBeVisible();
  await page.getByTestId('proxy-token').fill('not-the-right-token-000');
  await page.getByTestId('settings-save').click();
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await mouseStroke(page, [[100, 300], [400, 300]]);
  await page.getByTestId('model').selectOption('gpt-image-1.5');
  await page.getByTestId('prompt').fill('wrong token');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('message-error').filter({ hasText: 'did not accept the access token' })).toBeVisible({ timeout: 15_000 });
  expect((await control.requests({ path: '/v1/images/edits' })).some((r) => r.fields?.prompt === 'wrong token')).toBe(false);
});
