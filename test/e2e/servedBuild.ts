/**
 * The built app served by the production server (its bundle in build-test/server/, run as
 * `npm start` runs it) from a copy of the tests' build (build-test/app/, from the webServer's
 * `npm run build:test`) whose config.json the test chooses. Stopped by its pid.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, TEST_APP, type RunningServer } from '../server/harness.ts';

export interface ServedBuild { url: string; server: RunningServer; close(): Promise<void> }

export async function serveBuild(config: (c: Record<string, unknown>) => Record<string, unknown>, env: Record<string, string> = {}): Promise<ServedBuild> {
  const dir = mkdtempSync(join(tmpdir(), 'inpaint-served-'));
  cpSync(TEST_APP, dir, { recursive: true });
  const base = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config(base)));
  const server = await startServer({ INPAINT_DIST: dir, ...env });
  return {
    url: `${server.url}/`,
    server,
    close: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
