import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './test/chromium.ts';
import { e2ePorts } from './test/ports.ts';

// The built editor and the demo CMS page (the embed tests' host, another origin) on free
// loopback ports chosen once for the whole run (PW_PORT / PW_HOST_PORT to pick them by hand).
// A server already listening there is never reused: the run fails instead (see test/ports.ts).
const { editor: PORT, host: HOST_PORT } = e2ePorts();

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
    // The test build (Vite mode `test`, with `window.__inpaint`, which these tests read), served by
    // the production server as `npm start` runs it (src/server/main.ts). All of it goes to
    // build-test/, never dist/ or dist-server/: an `npm start` left running serves those.
    command: `npm run build:test && node build-test/server/server.js --dist build-test/app --host 127.0.0.1 --port ${PORT}`,
    // Without the strict CSP: these tests reach the fake API on an ephemeral port and frame the
    // editor from pages whose config.json is rewritten per test; csp.spec.ts serves it with the CSP.
    env: { INPAINT_CSP: 'off' },
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 120_000,
  }, {
    command: `node test/demo/server.mjs --host 127.0.0.1 --port ${HOST_PORT} --editor http://127.0.0.1:${PORT}/ --sdk build-test/app/sdk`,
    url: `http://127.0.0.1:${HOST_PORT}/demo.json`,
    reuseExistingServer: false,
    timeout: 30_000,
  }],
});
