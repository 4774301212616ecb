#!/usr/bin/env node
/**
 * Builds the WordPress plugin into build/wordpress/inpaint-editor/: the plugin's PHP, assets
 * and languages (with the .mo files compiled by WordPress's own POMO classes), and the built
 * editor in editor/ (relative base, so it runs from the plugin's folder) with the host SDK.
 *
 *   node integrations/wordpress/build.mjs          # build the editor, stage the plugin
 *   node integrations/wordpress/build.mjs --zip    # … and write inpaint-editor-wordpress.zip
 *   --no-build                                     # reuse the staged editor (and its SDK)
 *   --mode test                                    # the tests' build (the editor exposes window.__inpaint)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'integrations/wordpress');
export const STAGE = join(ROOT, 'build/wordpress/inpaint-editor');
export const ZIP = join(ROOT, 'inpaint-editor-wordpress.zip');
/**
 * The host SDK's build, copied into the plugin from here. Never dist/: that is `npm run build`'s,
 * which an `npm start` may be serving while the WordPress tests build their editor.
 */
export const SDK_OUT = join(ROOT, 'build/wordpress/sdk');
const WORDPRESS = process.env.WORDPRESS_DIR ?? '/usr/share/wordpress';

/** What goes into the plugin from its source folder (tests and this script stay out). */
const SHIPPED = ['inpaint-editor.php', 'uninstall.php', 'readme.txt', 'includes', 'assets', 'languages'];

function sh(cmd, args) {
  execFileSync(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Compiles each languages/*.po to .mo with WordPress's PO and MO classes (no gettext needed). */
function compileMo(dir) {
  const php = `require '${WORDPRESS}/wp-includes/pomo/po.php'; require '${WORDPRESS}/wp-includes/pomo/mo.php';
foreach (glob('${dir}/*.po') as $f) { $po = new PO(); $po->import_from_file($f); $mo = new MO(); $mo->set_headers($po->headers);
foreach ($po->entries as $e) { $mo->add_entry($e); } $mo->export_to_file(substr($f, 0, -3) . '.mo'); }`;
  sh('php', ['-r', php]);
}

/** The build's extra files the plugin does not serve: source maps, precompressed copies. */
function prune(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.(map|br|gz)$/.test(entry.name)) rmSync(join(entry.parentPath, entry.name));
  }
}

/**
 * The two builds, as arguments to `vite`: the host SDK into SDK_OUT, the editor into `editorDir`
 * (test/unit/testBuilds.test.ts checks that neither writes dist/).
 */
export function viteBuilds(editorDir, mode) {
  return [
    ['build', '-c', 'vite.sdk.config.ts', '--outDir', SDK_OUT, '--emptyOutDir'],
    ['build', '--mode', mode, '--base', './', '--outDir', editorDir, '--emptyOutDir', '--sourcemap', 'false'],
  ];
}

/**
 * Stages the plugin; `build: false` keeps an editor already staged. `mode: 'test'` builds the
 * editor as the end-to-end tests need it (Vite's test mode), otherwise for production.
 */
export function stagePlugin({ build = true, mode = 'production' } = {}) {
  const editorDir = join(STAGE, 'editor');
  const keepEditor = !build && existsSync(join(editorDir, 'index.html'));
  if (!keepEditor) {
    for (const args of viteBuilds(editorDir, mode)) sh('npx', ['vite', ...args]);
    prune(editorDir);
    rmSync(join(editorDir, 'demo-host'), { recursive: true, force: true });
    rmSync(join(editorDir, 'config.json'), { force: true });
    mkdirSync(join(editorDir, 'sdk'), { recursive: true });
    cpSync(join(SDK_OUT, 'inpaint-embed.js'), join(editorDir, 'sdk/inpaint-embed.js'));
  }
  for (const entry of readdirSync(STAGE, { withFileTypes: true })) {
    if (entry.name !== 'editor') rmSync(join(STAGE, entry.name), { recursive: true, force: true });
  }
  for (const name of SHIPPED) cpSync(join(SRC, name), join(STAGE, name), { recursive: true });
  compileMo(join(STAGE, 'languages'));
  return STAGE;
}

/** Writes the zip that Plugins → Add New → Upload takes (one top folder, inpaint-editor/). */
export function zipPlugin() {
  rmSync(ZIP, { force: true });
  execFileSync('zip', ['-q', '-r', ZIP, 'inpaint-editor'], { cwd: dirname(STAGE), stdio: 'inherit' });
  return ZIP;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const t = Date.now();
  const mode = args.includes('--mode') ? args[args.indexOf('--mode') + 1] : 'production';
  stagePlugin({ build: !args.includes('--no-build'), mode });
  if (args.includes('--zip')) console.log(`wrote ${zipPlugin()}`);
  console.log(`staged ${STAGE} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
