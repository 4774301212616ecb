// The app's first load, chunk by chunk, from a production build (`npm run bench`'s `bundle`
// figures; `node test/bench/bundleSize.mjs` prints them alone, `-- DIR` reads a build already
// made with `build.manifest: true`). Reads Vite's manifest: the initial chunks are the entry
// (index.html) and everything it imports statically, which the page's modulepreload links fetch
// before the first paint; every other chunk loads on first use or when the browser is idle.
// Sizes are as the production server sends them: gzip level 9, like src/server/precompress.ts.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL('../../', import.meta.url).pathname;

/**
 * Every JS and CSS file of the build at `outDir` with its raw and gzip bytes and whether the
 * first screen loads it, plus the initial totals.
 */
export function bundleReport(outDir) {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
  const entries = Object.keys(manifest).filter((k) => manifest[k].isEntry);
  // The entry and its static imports, transitively: what the browser needs before the app runs.
  const initial = new Set();
  const visit = (key) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const dep of manifest[key].imports ?? []) visit(dep);
  };
  entries.forEach(visit);
  const rows = new Map();
  const add = (file, kind, isInitial, source) => {
    const prev = rows.get(file);
    if (prev) { prev.initial ||= isInitial; return; }
    const bytes = readFileSync(join(outDir, file));
    rows.set(file, { file, kind, initial: isInitial, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, source });
  };
  for (const [key, chunk] of Object.entries(manifest)) {
    const isInitial = initial.has(key);
    if (chunk.file.endsWith('.js')) add(chunk.file, 'js', isInitial, chunk.src ?? chunk.name ?? key);
    for (const css of chunk.css ?? []) add(css, 'css', isInitial, chunk.src ?? key);
  }
  const chunks = [...rows.values()].toSorted((a, b) => Number(b.initial) - Number(a.initial) || b.gzip - a.gzip);
  const sum = (kind, field) => chunks.filter((c) => c.initial && c.kind === kind).reduce((n, c) => n + c[field], 0);
  return {
    gzipLevel: 9,
    initialJs: { raw: sum('js', 'raw'), gzip: sum('js', 'gzip'), kB: +(sum('js', 'gzip') / 1000).toFixed(1) },
    initialCss: { raw: sum('css', 'raw'), gzip: sum('css', 'gzip') },
    lazyJs: { gzip: chunks.filter((c) => !c.initial && c.kind === 'js').reduce((n, c) => n + c.gzip, 0) },
    chunks,
  };
}

/** Builds the app for production (the project's vite.config.ts, with a manifest) and reports it. */
export async function buildAndReport() {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'inpaint-bundle-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production'; // a dev server started earlier in this process set it to development
  try {
    await build({ root, mode: 'production', logLevel: 'error', build: { outDir, emptyOutDir: true, sourcemap: false, manifest: true } });
    return bundleReport(outDir);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
    rmSync(outDir, { recursive: true, force: true });
  }
}

const kb = (n) => (n / 1000).toFixed(1).padStart(7);

/** The report as a table: one line per chunk, initial ones first. */
export function bundleTable(report) {
  const lines = report.chunks.map((c) => `${c.initial ? 'initial' : 'lazy   '} ${kb(c.raw)} ${kb(c.gzip)}  ${c.file}  (${c.source})`);
  return [`load    raw kB gzip kB  file  (source)`, ...lines,
    `initial JS: ${kb(report.initialJs.raw)} ${kb(report.initialJs.gzip)}   initial CSS: ${kb(report.initialCss.raw)} ${kb(report.initialCss.gzip)}`].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] === '--' ? process.argv[3] : process.argv[2];
  const report = dir ? bundleReport(dir) : await buildAndReport();
  process.stdout.write(`${bundleTable(report)}\n`);
}
