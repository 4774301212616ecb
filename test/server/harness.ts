/**
 * Starts the built production server (the tests' bundle, build-test/server/server.js) and Redis as child processes for
 * the server tests, and stops each by its pid. The server listens on an ephemeral port, which
 * its first log line names.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { precompressDir } from '../../src/server/precompress.ts';
import { freePort } from '../helpers/freePort.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
/**
 * The tests' builds: never dist/ or dist-server/, which belong to `npm run build` and the
 * `npm start` a developer may have left running (test/unit/testBuilds.test.ts checks).
 * build-test/app is `npm run build:test`'s app (with its SDK in sdk/), build-test/server the
 * production server's bundle built from the same source.
 */
export const TEST_BUILD = join(ROOT, 'build-test');
export const TEST_APP = join(TEST_BUILD, 'app');
export const TEST_SERVER = join(TEST_BUILD, 'server');
export const SERVER_JS = join(TEST_SERVER, 'server.js');

export interface LogLine { msg: string; level: string; [k: string]: unknown }

export interface RunningServer {
  url: string;
  pid: number;
  /** Every stdout line as written (raw, to search for secrets) and parsed. */
  raw: string[];
  lines: LogLine[];
  stderr: string[];
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  exited: Promise<number | null>;
}

function collect(child: ChildProcess, raw: string[], lines: LogLine[], stderr: string[]): void {
  let buf = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    buf += d;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      raw.push(line);
      try { lines.push(JSON.parse(line) as LogLine); } catch { lines.push({ msg: 'not json', level: 'bad', line }); }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => stderr.push(d));
}

/**
 * The server on loopback and an ephemeral port; the caller's flags first (the first of a repeated
 * flag wins). `nodeArgs` go to node itself (the server bench's `--import` of its memory probe).
 */
function spawnServer(env: Record<string, string>, args: string[], nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, SERVER_JS, ...args, '--host', '127.0.0.1', '--port', '0'], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts the server; resolves once it listens (or rejects with its last words if it exits). */
export async function startServer(env: Record<string, string>, args: string[] = [], nodeArgs: string[] = []): Promise<RunningServer> {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  const child = spawnServer(env, args, nodeArgs);
  collect(child, raw, lines, stderr);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = await new Promise<string>((ok, fail) => {
    const t = setInterval(() => {
      const l = lines.find((x) => x.msg === 'listening');
      if (l) { clearInterval(t); ok(String(l.url)); }
    }, 20);
    void exited.then((code) => { clearInterval(t); fail(new Error(`server exited (${code}): ${raw.join('\n')} ${stderr.join('')}`)); });
  });
  return {
    url, pid: child.pid!, raw, lines, stderr, exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, signal);
      return exited;
    },
  };
}

/** Runs the server to its exit (for configurations it must refuse). */
export async function runToExit(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; lines: LogLine[] }> {
  const raw: string[] = [];
  const lines: LogLine[] = [];
  const child = spawnServer(env, args);
  collect(child, raw, lines, []);
  const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
  return { code, lines };
}

export interface RunningRedis { url: string; port: number; pid: number; stop(): Promise<void> }

/** Debian's redis-server on loopback, a private port (or `port`, to restart one) and directory, nothing saved. */
export async function startRedis(port?: number): Promise<RunningRedis> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'inpaint-redis-'));
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((ok, fail) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; if (out.includes('Ready to accept')) ok(); });
    void exited.then(() => fail(new Error(`redis-server exited: ${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A small build to serve: index.html, a hashed asset with .br/.gz siblings, config.json with
 * the given service and embed hosts.
 */
export function fixtureDist(config: Record<string, unknown>): { dir: string; asset: string; writeConfig(c: Record<string, unknown>): void; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'inpaint-dist-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>inpaint</title><script type="module" src="/assets/index-AbC123.js"></script>${'<!-- padding -->'.repeat(100)}`);
  writeFileSync(join(dir, 'assets/index-AbC123.js'), `export const app = ${JSON.stringify('x'.repeat(4000))};\n`.repeat(2));
  const writeConfig = (c: Record<string, unknown>) => writeFileSync(join(dir, 'config.json'), JSON.stringify(c));
  writeConfig(config);
  precompressDir(dir);
  return { dir, asset: '/assets/index-AbC123.js', writeConfig, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
