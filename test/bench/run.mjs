// npm run bench: runs the benchmarks in Debian's Chromium and prints JSON (never asserted in tests).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createServer } from 'vite';
import { chromium } from 'playwright';

const root = new URL('../../', import.meta.url).pathname;
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-precise-memory-info', '--js-flags=--expose-gc'];

const server = await createServer({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 0 } });
await server.listen();
const url = server.resolvedUrls.local[0];
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args });
const results = {};
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Suites save pictures by POSTing them to /__bench-output/<path> (bench-output/ is git-ignored).
  await page.route('**/__bench-output/**', async (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/__bench-output\//, ''));
    if (rel.includes('..')) return route.fulfill({ status: 400 });
    const file = new URL(`../../bench-output/${rel}`, import.meta.url);
    mkdirSync(dirname(file.pathname), { recursive: true });
    writeFileSync(file, route.request().postDataBuffer() ?? Buffer.alloc(0));
    return route.fulfill({ status: 204 });
  });
  // Every page in test/bench is a suite (bench.html is 'mask'); BENCH=a,b picks some.
  const files = readdirSync(new URL('./', import.meta.url));
  const all = files.filter((f) => f.endsWith('.html')).map((f) => (f === 'bench.html' ? 'mask' : f.slice(0, -5)));
  // A NAME.node.ts suite drives the browser from Node (a whole app session): its run({ browser }).
  const nodeSuites = files.filter((f) => f.endsWith('.node.ts')).map((f) => f.slice(0, -'.node.ts'.length));
  const suites = process.env.BENCH ? process.env.BENCH.split(',') : [...all, ...nodeSuites];
  for (const suite of suites) {
    if (nodeSuites.includes(suite)) {
      const mod = await server.ssrLoadModule(`/test/bench/${suite}.node.ts`);
      results[suite] = await mod.run({ browser });
      continue;
    }
    await page.goto(`${url}test/bench/${suite === 'mask' ? 'bench' : suite}.html`);
    await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
    results[suite] = await page.evaluate(() => window.runBench());
  }
} finally {
  await browser.close();
  await server.close();
}
const out = { date: new Date().toISOString(), chromium: browser.version?.() ?? 'debian', results };
mkdirSync(new URL('../../bench-output/', import.meta.url), { recursive: true });
writeFileSync(new URL('../../bench-output/bench.json', import.meta.url), JSON.stringify(out, null, 2));
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
