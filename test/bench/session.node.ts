/**
 * `BENCH=session npm run bench`: a long session on the built app. 200 edits in a row (or
 * SESSION_EDITS) through the real UI and the fake OpenAI server, each after a stroke of its own,
 * at the app's own history limits (the newest 100 edits). Reports the JS heap after a forced GC
 * (after the first edit, every 50, after the last), object URLs made and revoked, and what
 * IndexedDB holds. Driven from Node (run.mjs loads it through Vite), not from a bench page. The
 * app is served as `npm start` serves it (strict Content-Security-Policy), its endpoint the fake.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import type { Browser } from 'playwright';
import { startFakeOpenAI } from '../fake-openai/server.ts';
import { startServer } from '../server/harness.ts';
import { fixturePath, mouseStroke } from '../e2e/helpers.ts';
import { countObjectUrls, runSession, type SessionReport } from '../e2e/longSession.ts';
import { snapshotEdits, writeHeapSnapshot } from './heapSnapshot.ts';

const root = new URL('../../', import.meta.url).pathname;

export async function run({ browser }: { browser: Browser }): Promise<SessionReport & { picture: string; model: string }> {
  const edits = Number(process.env.SESSION_EDITS ?? 200);
  const snapshots = snapshotEdits();
  const outDir = mkdtempSync(join(tmpdir(), 'inpaint-bench-'));
  await build({ root, logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false } });
  const fake = await startFakeOpenAI();
  // Deployed as `npm start` serves it, strict CSP included, with the fake server as its endpoint.
  const config = JSON.parse(readFileSync(join(outDir, 'config.json'), 'utf8'));
  writeFileSync(join(outDir, 'config.json'), JSON.stringify({ ...config, service: { ...config.service, base_url: fake.baseURL } }));
  await build({ root, configFile: `${root}vite.server.config.ts`, logLevel: 'error' });
  const server = await startServer({ INPAINT_DIST: outDir });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.addInitScript(countObjectUrls);
    await page.goto(`${server.url}/`);
    await page.setInputFiles('[data-testid=image-input]', fixturePath('chelsea.png'));
    await page.getByTestId('image-info').filter({ hasText: '451×300' }).waitFor();
    await page.getByTestId('brush-size').fill('500');
    await page.getByTestId('open-settings').click();
    await page.getByTestId('base-url').fill(fake.baseURL);
    await page.getByTestId('api-key').fill('sk-bench-session');
    await page.getByTestId('settings-save').click();
    await page.getByTestId('settings').waitFor({ state: 'hidden' });
    await page.getByTestId('model').selectOption('gpt-image-1-mini');
    await page.getByTestId('quality').selectOption('low');
    await page.getByTestId('partials').fill('0');
    const report = await runSession(page, edits, {
      every: 50,
      // A dash at a new place of a 20 × 10 grid each time (below the results strip, which lies over
      // the top of the canvas): every mask, and so every result, differs.
      before: (i) => mouseStroke(page, [[20 + (i % 20) * 21, 110 + Math.floor(i / 20) * 18], [30 + (i % 20) * 21, 110 + Math.floor(i / 20) * 18]]),
      // Opt-in: SESSION_HEAP_SNAPSHOTS=60,160 writes bench-output/session-heap-60.heapsnapshot, ...
      after: async (i) => {
        if (!snapshots.has(i)) return;
        await page.evaluate(() => (window as unknown as { __inpaint: { results: { settled(): Promise<void> } } }).__inpaint.results.settled());
        process.stderr.write(`heap snapshot: ${await writeHeapSnapshot(page, `session-heap-${i}`)}\n`);
      },
    });
    return { ...report, picture: 'chelsea.png 451×300', model: 'gpt-image-1-mini, low, 1536x1024, no partial images' };
  } finally {
    await page.close();
    await fake.close();
    await server.stop();
    rmSync(outDir, { recursive: true, force: true });
  }
}
