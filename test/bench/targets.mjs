// Where npm run bench loads its pages from. Each target starts a loopback server on a free port
// and says what it serves; run.mjs runs every page suite on each target it is asked for
// (BENCH_TARGETS=dev,prod, default both) and labels the figures with the target's name.
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { build, createServer } from 'vite';

const root = new URL('../../', import.meta.url).pathname;
const benchDir = new URL('./', import.meta.url).pathname;

/** The bench pages, test/bench/*.html, by suite name (bench.html is 'mask'). */
export function benchPages() {
  return Object.fromEntries(readdirSync(benchDir).filter((f) => f.endsWith('.html'))
    .map((f) => [f === 'bench.html' ? 'mask' : f.slice(0, -5), `test/bench/${f}`]));
}

/** The Vite dev server: unbundled modules, React's development build (what `npm run dev` runs). */
async function dev() {
  const server = await createServer({ root, logLevel: 'error', server: { host: '127.0.0.1', port: 0, strictPort: true } });
  await server.listen();
  return {
    url: server.resolvedUrls.local[0],
    about: { served: 'Vite dev server (unbundled modules, no minification)', react: 'development' },
    // Node-driven suites load their TypeScript through it.
    loadModule: (path) => server.ssrLoadModule(path),
    close: () => server.close(),
  };
}

const inside = (file, dir) => file.startsWith(`${dir}${sep}`);

// A sentence that only React's development build carries.
const REACT_DEV_ONLY = 'Each child in a list should have a unique';

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.webp': 'image/webp', '.gif': 'image/gif', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' };

/**
 * The project's 'app' chunk group (vite.config.ts) takes every module the entries load at once,
 * the bench pages' own modules too: all pages then shared one chunk holding every suite's
 * top-level code, so each page ran them all and kept the last `runBench` assigned (the fill page
 * measured the selection suite). The bench's own modules (test/bench/*) stay out of the group,
 * so each page runs its own suite; the app's modules are grouped as users get them.
 */
const benchModulesApart = {
  name: 'bench-modules-apart',
  config(config) {
    const groups = config.build?.rolldownOptions?.output?.codeSplitting?.groups ?? [];
    for (const g of groups) {
      const test = g.test;
      if (typeof test === 'function') g.test = (id) => !id.startsWith(benchDir) && test(id);
    }
  },
};

/**
 * The production build users get: the bench pages built by `vite build` in production mode with
 * the project's own vite.config.ts (minified, React's production build, workers bundled), served
 * as static files. The fixtures the pages fetch (/test/fixtures/) come from the repository.
 */
async function prod() {
  const outDir = mkdtempSync(join(tmpdir(), 'inpaint-bench-prod-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // a dev server started earlier in this process set it to development
  try {
    await build({
      root, mode: 'production', logLevel: 'error', plugins: [benchModulesApart],
      // BENCH_PROFILE keeps names readable in a CPU profile.
      build: { outDir, emptyOutDir: true, sourcemap: false, minify: !process.env.BENCH_PROFILE, rolldownOptions: { input: benchPages() } },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const assets = join(outDir, 'assets');
  const react = readdirSync(assets).some((f) => f.endsWith('.js') && readFileSync(join(assets, f), 'utf8').includes(REACT_DEV_ONLY)) ? 'development' : 'production';
  const fixtures = join(root, 'test/fixtures');
  const server = createHttpServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = [join(outDir, path), join(root, path)]
      .find((f) => (inside(f, outDir) || inside(f, fixtures)) && statSync(f, { throwIfNoEntry: false })?.isFile());
    if (!file) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    about: { served: `vite build --mode production (${process.env.BENCH_PROFILE ? 'not minified, for CPU profiles' : 'minified bundles'}) served as static files`, react },
    close: () => new Promise((ok) => server.close(() => { rmSync(outDir, { recursive: true, force: true }); ok(); })),
  };
}

/** The targets by name, in the order they run. A new one is one more entry here. */
export const TARGETS = { dev, prod };
