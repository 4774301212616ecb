import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './test/chromium.ts';

// Override with PW_PORT when several checkouts run end-to-end tests at once.
const PORT = Number(process.env.PW_PORT ?? 4173);
// The demo CMS page for the embed tests, on another origin (the next port).
const HOST_PORT = Number(process.env.PW_HOST_PORT ?? PORT + 1);

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  retries: 0,
  workers: 1,
  reporter: process.env.CI ? 'list' : 'line',
  outputDir: 'test-results',
  // Starts the fake OpenAI server; tests read its URL from process.env.FAKE_OPENAI_URL.
  globalSetup: './test/fake-openai/playwrightSetup.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  },
  webServer: [{
    // The production server, as `npm start` runs it (src/server/main.ts).
    command: `npm run build && node dist-server/server.js --host 127.0.0.1 --port ${PORT}`,
    // Without the strict CSP: these tests reach the fake API on an ephemeral port and frame the
    // editor from pages whose config.json is rewritten per test; csp.spec.ts serves it with the CSP.
    env: { INPAINT_CSP: 'off' },
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
  }, {
    command: `node test/demo/server.mjs --host 127.0.0.1 --port ${HOST_PORT} --editor http://127.0.0.1:${PORT}/`,
    url: `http://127.0.0.1:${HOST_PORT}/demo.json`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
  }],
});
