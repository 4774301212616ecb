/**
 * Ports for the servers a test run starts itself. A run never uses a fixed port and never reuses
 * a server it did not start: a server left listening (`npm start` on 4173, another checkout's
 * run) would otherwise answer the tests with its own build and its own security policy.
 *
 * Each port is a free loopback port, chosen once by the process that reads the config first
 * and handed down through the environment: Playwright evaluates its config again in every
 * worker process, and workers and web servers inherit the runner's environment, so they all
 * see the same ports. `PW_PORT` / `PW_HOST_PORT` set by hand still win (a run that finds
 * something on them fails rather than using it).
 */
import { execFileSync } from 'node:child_process';

// Listens on n ephemeral loopback ports at once (so they differ), prints them, lets them go.
const PROBE = `
const net = require('node:net');
const n = Number(process.argv[1]);
const servers = Array.from({ length: n }, () => net.createServer());
let open = 0;
for (const s of servers) s.listen(0, '127.0.0.1', () => {
  if (++open < n) return;
  process.stdout.write(servers.map((t) => t.address().port).join(' '));
  for (const t of servers) t.close();
});`;

/**
 * `n` distinct loopback ports that were free a moment ago, found synchronously (a config file
 * cannot await). A child Node process binds port 0 and reports what the system gave it.
 */
export function freePortsSync(n: number): number[] {
  const out = execFileSync(process.execPath, ['-e', PROBE, String(n)], { encoding: 'utf8' });
  const ports = out.trim().split(' ').map(Number);
  if (ports.length !== n || ports.some((p) => !Number.isInteger(p) || p <= 0)) throw new Error(`free port probe said "${out}"`);
  return ports;
}

/**
 * The port in environment variable `name`; when unset, a free one, written to the environment
 * so that every process started from this one from now on gets the same.
 */
export function envPorts<K extends string>(names: readonly K[]): Record<K, number> {
  const missing = names.filter((k) => !process.env[k]);
  const fresh = missing.length ? freePortsSync(missing.length) : [];
  missing.forEach((k, i) => { process.env[k] = String(fresh[i]); });
  return Object.fromEntries(names.map((k) => {
    const port = Number(process.env[k]);
    if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${k}=${process.env[k]} is not a port`);
    return [k, port];
  })) as Record<K, number>;
}

/** The end-to-end run's ports: the built editor (`PW_PORT`) and the demo CMS host page (`PW_HOST_PORT`). */
export function e2ePorts(): { editor: number; host: number } {
  const p = envPorts(['PW_PORT', 'PW_HOST_PORT']);
  return { editor: p.PW_PORT, host: p.PW_HOST_PORT };
}
