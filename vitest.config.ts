import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { chromiumArgs, chromiumPath } from './test/chromium.ts';

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
            viewport: { width: 1200, height: 800 },
            instances: [{ browser: 'chromium' }],
            provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
          },
        },
      },
    ],
  },
});
