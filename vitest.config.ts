import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './test/chromium.ts';
import { envPorts } from './test/ports.ts';

// Browser mode's own Vite server: a free loopback port, strict, so Chromium never loads tests
// from a server this run did not start (Vitest's default is 63315 and up on "localhost", for every checkout).
const { VITEST_BROWSER_PORT } = envPorts(['VITEST_BROWSER_PORT']);

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        // The fill's quality tests run whole fills: on a loaded 2-core machine one took over 5 s.
        test: { name: 'unit', environment: 'node', include: ['test/unit/**/*.test.{ts,tsx}'], testTimeout: 30_000 },
      },
      {
        // The production server, built once (globalSetup) and run as a child process per file,
        // against the fake OpenAI server and, for shared limits, Debian's redis-server.
        test: {
          name: 'server', environment: 'node', include: ['test/server/**/*.test.ts'],
          globalSetup: ['test/server/buildSetup.ts'], testTimeout: 30_000, hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          // Starts the fake OpenAI server; tests read its URL with inject('fakeOpenAI').
          globalSetup: ['test/fake-openai/vitestSetup.ts'],
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            api: { host: '127.0.0.1', port: VITEST_BROWSER_PORT, strictPort: true },
            viewport: { width: 1200, height: 800 },
            instances: [{ browser: 'chromium' }],
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
          },
        },
      },
    ],
  },
});
