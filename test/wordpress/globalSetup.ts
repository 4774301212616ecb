/**
 * Playwright globalSetup for the WordPress suite: stages the plugin with the built editor,
 * starts the fake OpenAI server and a throwaway WordPress (MariaDB + php -S on loopback) whose
 * plugin forwards to the fake with a test key, and hands the tests what they need through
 * the environment (WP_SITE: JSON). The returned function stops everything by pid.
 */
import { startFakeOpenAI } from '../fake-openai/server.ts';
import { startSite } from './site.ts';
// @ts-expect-error -- a plain ESM script (also run by `npm run package:wordpress`), no types.
import { stagePlugin, zipPlugin } from '../../integrations/wordpress/build.mjs';

/** The key the plugin holds: the tests search every page, answer and log for it. */
export const TEST_KEY = 'sk-wp-test-SECRET-7f3a9c1e5b';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const t0 = Date.now();
  // Vite's test mode: the editor exposes window.__inpaint, which the specs read.
  (stagePlugin as (o: { build: boolean; mode: string }) => string)({ build: process.env.WP_NO_BUILD !== '1', mode: 'test' });
  // The site gets the plugin from the zip an administrator would upload.
  const zip = (zipPlugin as () => string)();
  const t1 = Date.now();
  const fake = await startFakeOpenAI({ port: 0, expectedKey: TEST_KEY });
  const site = await startSite({
    pluginZip: zip,
    key: TEST_KEY,
    settings: { upstream: fake.baseURL, model: 'gpt-image-1-mini', quality: 'low' },
  });
  const t2 = Date.now();
  console.info(`[wordpress] editor built and plugin staged in ${((t1 - t0) / 1000).toFixed(1)} s; WordPress started, installed and seeded in ${((t2 - t1) / 1000).toFixed(1)} s at ${site.url}`);
  process.env.WP_SITE = JSON.stringify({ url: site.url, dir: site.dir, logs: site.logs, password: site.password, users: site.users, images: site.images, post: site.post });
  process.env.FAKE_OPENAI_URL = fake.baseURL;
  return async () => {
    await site.stop();
    await fake.close();
  };
}
