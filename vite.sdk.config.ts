import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/** Where `npm run build` puts the SDK; test builds pass `--outDir` (build:test: build-test/app/sdk). */
const OUT = 'dist/sdk';

/**
 * Declarations for the SDK: `tsc -p tsconfig.sdk.json` emits them into `types/` beside the module
 * (the build's outDir, `dist/sdk/` unless `--outDir` says otherwise), their relative imports are
 * rewritten from `.ts` to `.js` (what every TypeScript version resolves), and
 * `inpaint-embed.d.ts` sits next to the module.
 */
function sdkTypes(): Plugin {
  let out = OUT;
  return {
    name: 'inpaint-sdk-types',
    apply: 'build',
    configResolved(c) { out = resolve(c.root, c.build.outDir); },
    closeBundle() {
      const types = join(out, 'types');
      execFileSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.sdk.json', '--outDir', types], { stdio: 'inherit' });
      for (const entry of readdirSync(types, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.d.ts')) continue;
        const file = join(entry.parentPath, entry.name);
        writeFileSync(file, readFileSync(file, 'utf8').replace(/(from '\.{1,2}\/[^']+)\.ts'/g, "$1.js'"));
      }
      writeFileSync(join(out, 'inpaint-embed.d.ts'), "export * from './types/embed/index.js';\n");
    },
  };
}

/**
 * The host SDK as its own library build: one small ESM file a CMS page imports
 * (`dist/sdk/inpaint-embed.js`) plus its types. No React, no editor code.
 */
export default defineConfig({
  publicDir: false,
  plugins: [sdkTypes()],
  build: {
    target: 'es2022',
    outDir: OUT,
    emptyOutDir: false,
    sourcemap: true,
    lib: { entry: 'src/embed/index.ts', formats: ['es'], fileName: () => 'inpaint-embed.js' },
  },
});
