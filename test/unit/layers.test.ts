import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The layer check `npm run lint` runs (test/layers.mjs), run as lint runs it, on planted trees.
const script = new URL('../layers.mjs', import.meta.url).pathname;
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A scratch tree of `files` (path → source), removed after the tests; its root. */
function plant(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'inpaint-layers-'));
  dirs.push(root);
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), code);
  }
  return root;
}

/** The check's exit status on a scratch tree of `files`, and the lines it printed. */
function check(files: Record<string, string>): { status: number | null; lines: string[] } {
  const root = plant(files);
  const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
  return { status: run.status, lines: run.stderr.split('\n').filter((l) => l.startsWith('src/')).map((l) => l.replace(/\): .*$/, ')')) };
}

describe('the layer check (npm run lint)', () => {
  it('reports each import that breaks a layer, however it is written, and exits 1', () => {
    const { status, lines } = check({
      'src/ui/results/Strip.tsx': "import type { DownloadFormat } from '../../services/composite/encode.ts';\nexport const x = 1;\n",
      'src/canvas/tile.ts': "const w = new Worker(new URL('../services/fill.worker.ts?worker', import.meta.url));\nexport { w };\n",
      'src/core/request/build.ts': "export * from '../../app/connection.ts';\nimport { origins } from '../embed/origins.ts';\nexport { origins };\n",
      'src/core/mask/draw.ts': "export const load = () => import('konva');\n",
      'src/embed/index.ts': "import { Toolbar } from '../ui/Toolbar.tsx';\nimport '../app/App.tsx';\nimport { createElement } from 'react';\nexport { Toolbar, createElement };\n",
      // Allowed: core's own embed folder, app using services, ui using app and core.
      'src/core/embed/origins.ts': 'export const origins = 1;\n',
      'src/app/results.ts': "import { encode } from '../services/composite/encode.ts';\nexport { encode };\n",
      'src/ui/Panel.tsx': "import { run } from '../app/actions.ts';\nimport { m } from '../core/models/catalog.ts';\nexport { run, m };\n",
    });
    expect(status).toBe(1);
    expect(lines.toSorted()).toEqual([
      "src/canvas/tile.ts: import '../services/fill.worker.ts' (src/services/fill.worker.ts is in src/services)",
      "src/core/mask/draw.ts: import 'konva' (package konva)",
      "src/core/request/build.ts: import '../../app/connection.ts' (src/app/connection.ts is outside src/core)",
      "src/embed/index.ts: import '../app/App.tsx' (src/app/App.tsx is outside src/embed, src/core)",
      "src/embed/index.ts: import '../ui/Toolbar.tsx' (src/ui/Toolbar.tsx is outside src/embed, src/core)",
      "src/embed/index.ts: import 'react' (package react)",
      "src/ui/results/Strip.tsx: import '../../services/composite/encode.ts' (src/services/composite/encode.ts is in src/services)",
    ]);
  });

  it('keeps the engine headless: only src/engine and src/core, no React, Konva, openai or idb-keyval', () => {
    const { status, lines } = check({
      'src/engine/Engine.ts': [
        "import { KonvaStage } from '../canvas/KonvaStage.ts';",
        "import type { Editor } from '../editor/Editor.ts';",
        "import Konva from 'konva';",
        "import { useState } from 'react';",
        "const sdk = () => import('openai');",
        "import { get } from 'idb-keyval';",
        // Allowed: core and the engine's own files.
        "import { Store } from '../core/store.ts';",
        "import { TOOLS } from './tools/registry.ts';",
        'export { KonvaStage, Konva, useState, sdk, get, Store, TOOLS };',
        'export type { Editor };',
      ].join('\n'),
    });
    expect(status).toBe(1);
    const outside = ['canvas/KonvaStage.ts', 'editor/Editor.ts'].map((f) => `'../${f}' (src/${f} is outside src/engine, src/core)`);
    const packages = ['idb-keyval', 'konva', 'openai', 'react'].map((p) => `'${p}' (package ${p})`);
    expect(lines.toSorted()).toEqual([...outside, ...packages].map((l) => `src/engine/Engine.ts: import ${l}`));
  });

  it('forbids DOM globals in the engine (oxlint, with this repository\'s config), not elsewhere', () => {
    const root = plant({
      '.oxlintrc.json': readFileSync(new URL('../../.oxlintrc.json', import.meta.url), 'utf8'),
      'src/engine/view.ts': [
        'export const ratio = () => window.devicePixelRatio;',
        'export const tile = () => new OffscreenCanvas(256, 256);',
        'export const later = (f: () => void) => requestAnimationFrame(f);',
        'export const decode = (b: Blob) => createImageBitmap(b);',
        'export const size = (w: number) => w * 2;',
      ].join('\n'),
      'src/canvas/view.ts': 'export const ratio = () => window.devicePixelRatio;\n',
    });
    const oxlint = new URL('../../node_modules/.bin/oxlint', import.meta.url).pathname;
    const run = spawnSync(oxlint, ['--deny-warnings', '-f', 'json', 'src'], { cwd: root, encoding: 'utf8' });
    const found = (JSON.parse(run.stdout) as { diagnostics: { code: string; filename: string; message: string }[] }).diagnostics
      .map((d) => `${d.filename} ${d.code} ${/'(\w+)'/.exec(d.message)?.[1]}`);
    expect(found.toSorted()).toEqual([
      'src/engine/view.ts eslint(no-restricted-globals) OffscreenCanvas',
      'src/engine/view.ts eslint(no-restricted-globals) createImageBitmap',
      'src/engine/view.ts eslint(no-restricted-globals) requestAnimationFrame',
      'src/engine/view.ts eslint(no-restricted-globals) window',
    ]);
    expect(run.status).toBe(1);
  });

  it('passes a tree that keeps the layers, and this repository', () => {
    expect(check({ 'src/core/a.ts': "import { b } from './b.ts';\nexport { b };\n", 'src/core/b.ts': 'export const b = 1;\n' })).toEqual({ status: 0, lines: [] });
    const repo = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(repo.stderr).toBe('');
    expect(repo.status).toBe(0);
  });
});
