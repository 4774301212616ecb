import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const repo = new URL('../../', import.meta.url).pathname;

// What `npm start` left running looks like to Playwright: something answering on the port.
it('the end-to-end run refuses a server it did not start on its port instead of testing against it', { timeout: 90_000 }, async () => {
  const stranger = createServer((_req, res) => res.end('npm start, stale build, strict CSP'));
  await new Promise<void>((r) => stranger.listen(0, '127.0.0.1', r));
  const port = (stranger.address() as AddressInfo).port;
  const output = mkdtempSync(join(tmpdir(), 'inpaint-pw-'));
  const env: NodeJS.ProcessEnv = { ...process.env, PW_PORT: String(port) };
  for (const k of ['PW_HOST_PORT', 'CI']) delete env[k]; // reuse was allowed outside CI
  try {
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = execFile(process.execPath, [join(repo, 'node_modules/@playwright/test/cli.js'), 'test', 'fake-openai.spec.ts', '--reporter=line', '--output', output],
        { cwd: repo, env, timeout: 80_000 }, (_e, stdout, stderr) => resolve({ code: child.exitCode, out: `${stdout}${stderr}` }));
    });
    expect(run.out).toContain(`http://127.0.0.1:${port} is already used`);
    expect(run.code).not.toBe(0);
  } finally {
    stranger.close();
    rmSync(output, { recursive: true, force: true });
  }
});
