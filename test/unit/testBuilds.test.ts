import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_BUILD_ARGS } from '../server/buildSetup.ts';
import { TEST_APP, TEST_SERVER } from '../server/harness.ts';
// @ts-expect-error -- a plain ESM script (also run by `npm run package:wordpress`), no types.
import { STAGE, viteBuilds } from '../../integrations/wordpress/build.mjs';

// dist/ and dist-server/ are `npm run build`'s, and `npm start` serves them: a developer who left
// it running and then runs `npm test` must keep serving what they built. So no test build may
// write there, and the servers the tests start must not serve from there either. Each build the
// test setups run is read here as it is run (the commands, scripts and argument lists they use)
// and its output folder resolved as Vite resolves it: `--outDir`, else the config's build.outDir,
// else dist/.

const ROOT = resolve(import.meta.dirname, '../..');
const OWNED = ['dist', 'dist-server'].map((d) => join(ROOT, d));
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** Whether `path` (absolute or relative to the repository) is dist/, dist-server/ or inside one. */
function owned(path: string): boolean {
  const abs = resolve(ROOT, path);
  return OWNED.some((d) => { const r = relative(d, abs); return r === '' || (!r.startsWith('..') && !isAbsolute(r)); });
}

const flag = (argv: readonly string[], name: string): string | undefined => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i]!.includes('=') ? argv[i]!.slice(name.length + 3) : argv[i + 1];
};

/** Where `vite <argv>` writes its build. */
async function viteOutDir(argv: readonly string[]): Promise<string> {
  const cli = flag(argv, 'outDir');
  if (cli) return resolve(ROOT, cli);
  const file = flag(argv, 'config') ?? (argv.includes('-c') ? argv[argv.indexOf('-c') + 1] : 'vite.config.ts');
  const config = (await import(/* @vite-ignore */ join(ROOT, file!))) as { default: { build?: { outDir?: string } } };
  return resolve(ROOT, config.default.build?.outDir ?? 'dist');
}

/** A shell command line (`a && b`, `npm run x` expanded from package.json), as argument lists. */
function commands(line: string): string[][] {
  return line.split('&&').map((c) => c.trim().split(/\s+/)).flatMap((argv) =>
    argv[0] === 'npm' && argv[1] === 'run' ? commands(scripts[argv[2]!]!) : [argv]);
}

/** What each command writes or serves from: build outDirs, the server's bundle and --dist, the demo's --sdk. */
async function touches(argv: readonly string[]): Promise<string[]> {
  const vite = argv.indexOf('vite');
  if (vite >= 0 && argv[vite + 1] === 'build') return [await viteOutDir(argv.slice(vite + 1))];
  if (argv[0] === 'node' && argv[1]!.endsWith('server.js')) {
    // The production server serves --dist (or INPAINT_DIST), else dist/ beside its bundle.
    const dist = flag(argv, 'dist');
    return [argv[1]!, dist ?? join(resolve(ROOT, argv[1]!), '../../dist')];
  }
  if (argv[0] === 'node' && argv[1] === 'test/demo/server.mjs') return [flag(argv, 'sdk') ?? 'dist/sdk'];
  return [];
}

describe('no test build writes dist/ or dist-server/ (an `npm start` left running serves them)', () => {
  it('the end-to-end web servers build into, and serve from, folders of their own', async () => {
    // The config picks the run's ports into the environment: put it back as it was.
    const env = { ...process.env };
    const playwrightConfig = (await import('../../playwright.config.ts')).default;
    for (const k of ['PW_PORT', 'PW_HOST_PORT']) if (env[k] === undefined) delete process.env[k];
    const servers = [playwrightConfig.webServer ?? []].flat();
    expect(servers.length).toBeGreaterThan(0);
    const paths = (await Promise.all(servers.flatMap((s) => commands(s.command ?? '')).map(touches))).flat();
    // The test build (app, SDK, server bundle), the server that runs it and what it serves, the demo's SDK.
    expect(paths.length).toBeGreaterThanOrEqual(6);
    expect(paths.filter(owned)).toEqual([]);
    expect(paths.map((p) => resolve(ROOT, p))).toEqual(expect.arrayContaining([TEST_APP, TEST_SERVER, join(TEST_SERVER, 'server.js')]));
  });

  it('the server tests build the production server into their own folder', async () => {
    expect(await viteOutDir(SERVER_BUILD_ARGS)).toBe(TEST_SERVER);
  });

  it('the WordPress suite builds its editor and the host SDK into the plugin’s staging folders', async () => {
    for (const mode of ['test', 'production']) {
      const outDirs = await Promise.all((viteBuilds as (dir: string, mode: string) => string[][])(join(STAGE as string, 'editor'), mode).map(viteOutDir));
      expect(outDirs).toHaveLength(2);
      expect(outDirs.filter(owned)).toEqual([]);
    }
  });

  it('`npm run build` still writes dist/ and dist-server/ (what `npm start` serves)', async () => {
    const outDirs = await Promise.all(commands(scripts.build!).filter((c) => c[0] === 'vite').map((c) => viteOutDir(c.slice(1))));
    expect(outDirs).toEqual([join(ROOT, 'dist'), join(ROOT, 'dist/sdk'), join(ROOT, 'dist-server')]);
  });
});
