// npm run bench: runs the benchmarks in Debian's Chromium and prints JSON (never asserted in tests).
//
// Page suites (test/bench/NAME.html; bench.html is 'mask') run on each target of targets.mjs:
// 'dev' (the Vite dev server, React's development build) and 'prod' (the production build, what
// users run). Their figures go under builds.dev / builds.prod. Node-driven suites (NAME.node.ts,
// a run({ browser }) that builds and serves what it measures itself) go under node. Build suites
// (BUILD_SUITES: 'bundle', the first load chunk by chunk) read a production build, no browser,
// and go under their own name.
// BENCH=a,b picks suites; BENCH_TARGETS=dev or prod picks targets (default: all of both).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright';
import { benchPages, TARGETS } from './targets.mjs';
import { buildAndReport, bundleTable } from './bundleSize.mjs';
import { exposeProfiler, exposeTracer } from './cpuProfile.mjs';

const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--enable-precise-memory-info', '--js-flags=--expose-gc'];

const list = (v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : null);
const pages = benchPages();
const nodeSuites = readdirSync(new URL('./', import.meta.url)).filter((f) => f.endsWith('.node.ts')).map((f) => f.slice(0, -'.node.ts'.length));
const BUILD_SUITES = { bundle: buildAndReport };
const all = [...Object.keys(pages), ...nodeSuites, ...Object.keys(BUILD_SUITES)];
const suites = list(process.env.BENCH) ?? all;
const targets = list(process.env.BENCH_TARGETS) ?? Object.keys(TARGETS);
for (const s of suites) if (!all.includes(s)) throw new Error(`BENCH: no suite "${s}" (${all.join(', ')})`);
for (const t of targets) if (!(t in TARGETS)) throw new Error(`BENCH_TARGETS: no target "${t}" (${Object.keys(TARGETS).join(', ')})`);

const out = { date: new Date().toISOString(), builds: {}, node: {} };
for (const s of suites.filter((n) => n in BUILD_SUITES)) {
  out[s] = await BUILD_SUITES[s]();
  process.stderr.write(`${s}:\n${bundleTable(out[s])}\n`);
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args });
out.chromium = browser.version();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Main-thread busy time so far (ms): Chromium's TaskDuration, all tasks the page's main thread
  // ran. Suites read it before and after what they time; it is less distorted by other jobs
  // on the machine than wall time.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.exposeFunction('benchTaskMs', async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  });
  // BENCH_PROFILE=1: suites may record CPU profiles of what they time (cpuProfile.mjs).
  // BENCH_PROFILE=trace: a Chromium trace instead, summed up by thread CPU time.
  if (process.env.BENCH_PROFILE === 'trace') await exposeTracer(page, cdp, out.profiles = {});
  else if (process.env.BENCH_PROFILE) await exposeProfiler(page, cdp, out.profiles = {});
  // Suites save pictures by POSTing them to /__bench-output/<path> (bench-output/ is git-ignored).
  await page.route('**/__bench-output/**', async (route) => {
    const rel = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/__bench-output\//, ''));
    if (rel.includes('..')) return route.fulfill({ status: 400 });
    const file = new URL(`../../bench-output/${rel}`, import.meta.url);
    mkdirSync(dirname(file.pathname), { recursive: true });
    writeFileSync(file, route.request().postDataBuffer() ?? Buffer.alloc(0));
    return route.fulfill({ status: 204 });
  });
  const pageSuites = suites.filter((s) => s in pages);
  for (const name of pageSuites.length ? targets : []) {
    const target = await TARGETS[name]();
    try {
      const results = {};
      for (const suite of pageSuites) {
        // BENCH_QUERY=sizes=640x427 (say) is handed to the page as its query string.
        await page.goto(`${target.url}${pages[suite]}${process.env.BENCH_QUERY ? `?${process.env.BENCH_QUERY}` : ''}`);
        await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60_000 });
        results[suite] = await page.evaluate(() => window.runBench());
      }
      out.builds[name] = { ...target.about, results };
    } finally {
      await target.close();
    }
  }
  const driven = suites.filter((s) => nodeSuites.includes(s));
  if (driven.length) {
    const loader = await TARGETS.dev(); // loads the suites' TypeScript
    try {
      for (const suite of driven) out.node[suite] = await (await loader.loadModule(`/test/bench/${suite}.node.ts`)).run({ browser });
    } finally {
      await loader.close();
    }
  }
} finally {
  await browser.close();
}
mkdirSync(new URL('../../bench-output/', import.meta.url), { recursive: true });
writeFileSync(new URL('../../bench-output/bench.json', import.meta.url), JSON.stringify(out, null, 2));
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
