/**
 * Builds the production server once before the server tests (they run the bundle, as `npm start`
 * does), into the tests' own folder: dist-server/ may be serving a developer's `npm start`.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ROOT, TEST_SERVER } from './harness.ts';

/** The build's arguments to vite (test/unit/testBuilds.test.ts reads them). */
export const SERVER_BUILD_ARGS = ['build', '-c', 'vite.server.config.ts', '--outDir', TEST_SERVER];

export default function setup(): void {
  execFileSync(process.execPath, [resolve(ROOT, 'node_modules/vite/bin/vite.js'), ...SERVER_BUILD_ARGS], { cwd: ROOT, stdio: 'inherit' });
}
