// The layers of src/ (STYLE.md, README "How it is built"), held by rule: `npm run lint` runs this
// and fails on any import that breaks one. Every import counts: static, type-only, re-export,
// dynamic import() and new URL('…', import.meta.url) (how workers are loaded). Relative imports
// are resolved to the file's folder, so `../embed/x` from inside src/core/ is core's own.
//
//   node test/layers.mjs [root]     checks root (default: this repository); exit 1 on a violation
//
// oxlint's no-restricted-imports matches the import's text, not where it leads, so it cannot tell
// src/core/embed/ (core's own) from src/embed/ (the host SDK) behind a "../": hence this script.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseSync } from 'vite';

// Packages that bring a renderer, React, the network client or storage.
const UI_PACKAGES = ['react', 'react-dom', 'konva', 'react-konva'];
const SIDE_EFFECT_PACKAGES = ['openai', 'idb-keyval'];

/**
 * One rule per folder. `files`: the folder (from the root) whose files the rule binds.
 * `only`: the only folders of src/ they may import (prefixes); `forbid`: folders they may not;
 * `packages`: npm packages they may not import (a name covers its subpaths). `why` is printed.
 * To add a layer (a headless engine, say): one more entry, e.g.
 *   { files: 'src/engine', only: ['src/engine', 'src/core'], packages: UI_PACKAGES, why: '…' }
 */
export const RULES = [
  { files: 'src/core', only: ['src/core'], packages: [...UI_PACKAGES, ...SIDE_EFFECT_PACKAGES],
    why: 'src/core is pure: it imports no other part of src, nor React, Konva, openai or idb-keyval' },
  { files: 'src/engine', only: ['src/engine', 'src/core'], packages: [...UI_PACKAGES, ...SIDE_EFFECT_PACKAGES],
    why: 'the engine runs headless (Node tests): only src/core, no canvas, ui, app, services or React/Konva/openai/idb-keyval; browser APIs come in through EnginePlatform' },
  { files: 'src/ui', forbid: ['src/services'], why: 'the UI reaches side effects through src/app, never src/services' },
  { files: 'src/canvas', forbid: ['src/services'], why: 'the canvas reaches side effects through src/app, never src/services' },
  { files: 'src/app/pipeline', only: ['src/app/pipeline', 'src/core'], packages: [...UI_PACKAGES, ...SIDE_EFFECT_PACKAGES],
    why: 'the edit pipeline is headless (Node tests drive it): only src/core and its own ports, no React, Konva, DOM parts or services' },
  { files: 'src/providers', only: ['src/providers', 'src/core', 'src/services'], packages: UI_PACKAGES,
    why: 'a provider folder holds its descriptor: pure parts from src/core, create(deps) over src/services; no app, ui, canvas or React/Konva' },
  { files: 'src/embed', only: ['src/embed', 'src/core'], packages: [...UI_PACKAGES, ...SIDE_EFFECT_PACKAGES],
    why: 'the host SDK runs on the CMS page: only src/core (the protocol), no ui, canvas, app, services, editor or React/Konva' },
];

const SOURCE = /\.(ts|tsx|mts|js|mjs|jsx)$/;
const WORKER_URL = /new\s+URL\(\s*(['"`])([^'"`]+)\1\s*,\s*import\.meta\.url\s*\)/g;
const posix = (p) => p.split(sep).join('/');
const within = (path, folder) => path === folder || path.startsWith(`${folder}/`);

function* sourceFiles(dir) {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (SOURCE.test(e.name) && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** Every module a source file imports, as written (quotes and `?query` removed). */
export function importsOf(file, code) {
  const { module, errors } = parseSync(file, code);
  if (errors.length) throw new Error(`${file}: cannot parse: ${errors[0].message}`);
  const text = (r) => code.slice(r.start, r.end).replace(/^['"`]|['"`]$/g, '');
  const specs = [
    ...module.staticImports.map((i) => i.moduleRequest.value),
    ...module.staticExports.flatMap((e) => e.entries.filter((x) => x.moduleRequest).map((x) => x.moduleRequest.value)),
    // A dynamic import of a computed name cannot be checked: only string literals count.
    ...module.dynamicImports.map((d) => text(d.moduleRequest)).filter((s) => !/[\s+(]/.test(s)),
    ...[...code.matchAll(WORKER_URL)].map((m) => m[2]),
  ];
  // A set: re-exporting an imported name lists its module again (an "indirect export").
  return [...new Set(specs.map((s) => s.replace(/\?.*$/, '')))];
}

/** What rule `rule` says of the import `spec` in `file` (root-relative, posix): a reason, or null. */
function verdict(rule, file, spec) {
  if (spec.startsWith('.') || spec.startsWith('/')) {
    const target = posix(spec.startsWith('/') ? spec.slice(1) : join(dirname(file), spec));
    if (!within(target, 'src')) return null;
    if (rule.only && !rule.only.some((f) => within(target, f))) return `${target} is outside ${rule.only.join(', ')}`;
    const bad = rule.forbid?.find((f) => within(target, f));
    return bad ? `${target} is in ${bad}` : null;
  }
  const pkg = rule.packages?.find((p) => spec === p || spec.startsWith(`${p}/`));
  return pkg ? `package ${pkg}` : null;
}

/** Every import under `root` that breaks a rule, as `file: import 'spec' (reason): why` lines. */
export function checkLayers(root, rules = RULES) {
  const found = [];
  for (const rule of rules) {
    for (const abs of sourceFiles(join(root, rule.files))) {
      const file = posix(relative(root, abs));
      for (const spec of importsOf(abs, readFileSync(abs, 'utf8'))) {
        const reason = verdict(rule, file, spec);
        if (reason) found.push(`${file}: import '${spec}' (${reason}): ${rule.why}`);
      }
    }
  }
  return found;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? fileURLToPath(new URL('..', import.meta.url)));
  const found = checkLayers(root);
  for (const f of found) console.error(f);
  if (found.length) {
    console.error(`\n${found.length} import(s) break the layers (rules in test/layers.mjs).`);
    process.exit(1);
  }
  console.info(`layers: ${RULES.length} rules hold in ${root}`);
}
