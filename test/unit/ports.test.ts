import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { envPorts, freePortsSync } from '../ports.ts';

const listen = (port: number) => new Promise<() => Promise<void>>((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(port, '127.0.0.1', () => resolve(() => new Promise((r) => s.close(() => r()))));
});

describe('test run ports (test/ports.ts)', () => {
  const saved = { A: process.env.INPAINT_TEST_A, B: process.env.INPAINT_TEST_B };
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[`INPAINT_TEST_${k}`];
      else process.env[`INPAINT_TEST_${k}`] = v;
    }
  });

  it('finds distinct loopback ports that a server can then listen on', async () => {
    const ports = freePortsSync(3);
    expect(new Set(ports).size).toBe(3);
    const closers = await Promise.all(ports.map(listen));
    await Promise.all(closers.map((c) => c()));
  });

  it('chooses a port once and hands it down in the environment; a port set by hand wins', () => {
    delete process.env.INPAINT_TEST_A;
    process.env.INPAINT_TEST_B = '4173';
    const first = envPorts(['INPAINT_TEST_A', 'INPAINT_TEST_B']);
    expect(first.INPAINT_TEST_B).toBe(4173);
    expect(first.INPAINT_TEST_A).not.toBe(4173);
    expect(process.env.INPAINT_TEST_A).toBe(String(first.INPAINT_TEST_A));
    // What a Playwright worker sees when it evaluates the config again: the same ports.
    expect(envPorts(['INPAINT_TEST_A', 'INPAINT_TEST_B'])).toEqual(first);
    process.env.INPAINT_TEST_B = 'x';
    expect(() => envPorts(['INPAINT_TEST_B'])).toThrow('INPAINT_TEST_B=x is not a port');
  });
});
