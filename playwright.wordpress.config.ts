import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumPath } from './test/chromium.ts';

/**
 * The WordPress plugin against a real WordPress, MariaDB and PHP on loopback
 * (`npm run test:wordpress`): globalSetup stages the plugin and starts everything.
 */
export default defineConfig({
  testDir: 'test/wordpress',
  timeout: 90_000,
  retries: 0,
  workers: 1,
  reporter: 'list',
  outputDir: 'test-results/wordpress',
  globalSetup: './test/wordpress/globalSetup.ts',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath, args: chromiumArgs },
    viewport: { width: 1280, height: 800 },
  },
});
