/** Builds the production server once before the server tests (they run the bundle, as `npm start` does). */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '-c', 'vite.server.config.ts'], { cwd: root, stdio: 'inherit' });
}
