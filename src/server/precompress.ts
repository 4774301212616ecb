/**
 * A build plugin: writes `.br` and `.gz` beside each compressible file of the app build, which
 * the production server sends to browsers that accept them (no compression work per request).
 * config.json is left alone: deployments edit it after the build.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|wasm|txt)$/;

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Compresses a build directory's files in place; returns how many got siblings. */
export function precompressDir(dir: string): number {
  let n = 0;
  for (const f of files(dir)) {
    if (!COMPRESSIBLE.test(f) || f.endsWith(`${'/'}config.json`) || statSync(f).size < 1024) continue;
    const raw = readFileSync(f);
    const br = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gz = gzipSync(raw, { level: 9 });
    // Worth it only when it saves a tenth.
    if (br.length < raw.length * 0.9) { writeFileSync(`${f}.br`, br); n++; }
    if (gz.length < raw.length * 0.9) writeFileSync(`${f}.gz`, gz);
  }
  return n;
}

export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'inpaint-precompress',
    apply: 'build',
    configResolved(c) { outDir = resolve(c.root, c.build.outDir); },
    closeBundle() { precompressDir(outDir); },
  };
}
