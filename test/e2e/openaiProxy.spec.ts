import { expect, test, type Request } from '@playwright/test';
import { preview, type PreviewServer } from 'vite';
import { openaiProxy } from '../../src/server/openaiProxy.ts';
import { dropFile, mouseStroke } from './helpers.ts';
import { fake, freePort, leaks, pageTraces, sha256 } from './openaiHelpers.ts';

// Proxy mode: the built app served by `vite preview` with the proxy plugin, forwarding to the fake
// server with a key from the server's environment. The browser holds no key and never sees it.
const SERVER_KEY = `sk-proxy-${Date.now().toString(36)}-server-only`;
let server: PreviewServer;
let origin: string;

test.beforeAll(async () => {
  const port = await freePort();
  server = await preview({
    configFile: false, root: process.cwd(), logLevel: 'silent',
    build: { outDir: 'dist' },
    preview: { host: '127.0.0.1', port, strictPort: true },
    plugins: [openaiProxy({ service: { base_url: fake().baseURL, api_key_env: 'INPAINT_E2E_PROXY_KEY' }, env: { INPAINT_E2E_PROXY_KEY: SERVER_KEY } })],
  });
  origin = `http://127.0.0.1:${port}`;
});

test.afterAll(async () => { await server?.close(); });

test('proxy mode: no key in the browser, the server adds its own, the edit goes through', async ({ page }) => {
  const control = fake();
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  const bodies: string[] = [];
  page.on('response', async (r) => { if (r.url().includes('/openai-proxy/status')) bodies.push(await r.text()); });

  await page.goto(`${origin}/`);
  await dropFile(page, 'rocket.jpg', 'image/jpeg');
  await mouseStroke(page, [[100, 300], [400, 300]]);
  // The proxy is found: no "set an API key" warning, and no key was entered.
  await expect(page.getByText('Set an API key')).not.toBeVisible();
  await page.getByTestId('model').selectOption('gpt-image-1.5');
  await page.getByTestId('prompt').fill('through the proxy');
  await page.getByTestId('submit').click();
  await expect(page.getByTestId('results')).toBeVisible({ timeout: 15_000 });

  const viaProxy = requests.filter((r) => r.url().startsWith(`${origin}/openai-proxy/v1/`));
  expect(viaProxy.some((r) => r.url().endsWith('/images/edits'))).toBe(true);
  for (const r of requests) expect(leaks(r, SERVER_KEY), r.url()).toEqual([]);
  for (const b of bodies) expect(b).not.toContain(SERVER_KEY);
  expect(await pageTraces(page)).not.toContain(SERVER_KEY);

  const atFake = (await control.requests({ path: '/v1/images/edits', apiKey: SERVER_KEY })).at(-1)!;
  expect(atFake.auth.keySha256).toBe(sha256(SERVER_KEY));
  expect(atFake.fields).toMatchObject({ prompt: 'through the proxy', model: 'gpt-image-1.5' });
  expect(atFake.files.find((f) => f.field === 'mask')).toMatchObject({ width: 640, height: 427, mimeType: 'image/png' });
});
