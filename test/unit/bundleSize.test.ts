import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script of the bench, without types
import { bundleReport } from '../bench/bundleSize.mjs';

interface Row { file: string; kind: string; initial: boolean; raw: number; gzip: number }
interface Report { initialJs: { raw: number; gzip: number }; initialCss: { gzip: number }; lazyJs: { gzip: number }; chunks: Row[] }

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A build directory holding `files` and a Vite manifest. */
function fakeBuild(manifest: object, files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'bundle-report-'));
  mkdirSync(join(dir, '.vite'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, '.vite/manifest.json'), JSON.stringify(manifest));
  for (const [f, text] of Object.entries(files)) writeFileSync(join(dir, f), text);
  return dir;
}

describe('the bundle report', () => {
  it('counts the entry and its static imports, transitively, as initial; dynamic imports and what only they import as lazy', () => {
    const files = {
      'assets/index.js': 'import "./app.js";'.repeat(3),
      'assets/app.js': 'export const app = 1;'.repeat(50),
      'assets/runtime.js': 'export const r = 1;',
      'assets/app.css': '.a{color:red}'.repeat(20),
      'assets/Stage.js': 'export const stage = 2;'.repeat(80),
      'assets/konva.js': 'export const k = 3;'.repeat(90),
    };
    const report = bundleReport(fakeBuild({
      'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_app.js'] },
      '_app.js': { file: 'assets/app.js', imports: ['_runtime.js'], dynamicImports: ['src/Stage.tsx'], css: ['assets/app.css'] },
      '_runtime.js': { file: 'assets/runtime.js' },
      'src/Stage.tsx': { file: 'assets/Stage.js', isDynamicEntry: true, imports: ['_konva.js', '_runtime.js'] },
      '_konva.js': { file: 'assets/konva.js' },
    }, files)) as Report;
    const by = Object.fromEntries(report.chunks.map((c) => [c.file, c]));
    expect(Object.keys(by).toSorted()).toEqual(Object.keys(files).toSorted());
    for (const f of ['assets/index.js', 'assets/app.js', 'assets/runtime.js', 'assets/app.css']) expect(by[f]!.initial, f).toBe(true);
    for (const f of ['assets/Stage.js', 'assets/konva.js']) expect(by[f]!.initial, f).toBe(false);
    const gz = (f: keyof typeof files) => gzipSync(files[f], { level: 9 }).length;
    expect(by['assets/app.js']).toMatchObject({ kind: 'js', raw: files['assets/app.js'].length, gzip: gz('assets/app.js') });
    expect(report.initialJs.gzip).toBe(gz('assets/index.js') + gz('assets/app.js') + gz('assets/runtime.js'));
    expect(report.initialCss.gzip).toBe(gz('assets/app.css'));
    expect(report.lazyJs.gzip).toBe(gz('assets/Stage.js') + gz('assets/konva.js'));
    // Initial chunks first, each group largest first.
    expect(report.chunks.map((c) => c.initial)).toEqual([true, true, true, true, false, false]);
    for (const group of [report.chunks.slice(0, 4), report.chunks.slice(4)]) {
      expect(group.map((c) => c.gzip)).toEqual(group.map((c) => c.gzip).toSorted((a, b) => b - a));
    }
  });
});
