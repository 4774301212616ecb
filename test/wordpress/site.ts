/**
 * A throwaway WordPress on loopback: Debian's WordPress copied with `cp -rL`, MariaDB with a
 * private datadir and socket, `php -S` under `setsid` (four workers, so streaming and uploads
 * overlap), installed by POSTing to install.php and seeded by seed.php. Everything lives in one
 * temp folder and stops by process group. Nothing is downloaded.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile, mkdir, readFile, rm } from 'node:fs/promises';
import { existsSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const HERE = resolve(import.meta.dirname);

export interface SiteOptions {
  /**
   * The plugin's zip (one top folder, inpaint-editor/), unpacked into wp-content/plugins as
   * WordPress's upload does. Without it: a site with its users only (no plugin, no images).
   */
  pluginZip?: string;
  /** Plugin settings to start with (upstream, limit…). */
  settings?: Record<string, unknown>;
  /** An API key stored in the plugin's option. */
  key?: string;
  password?: string;
}

export interface Site {
  url: string;
  dir: string;
  /** WordPress's debug.log and the PHP server's own log. */
  logs: string[];
  password: string;
  users: Record<string, number>;
  images: Record<string, number>;
  post: number;
  stop(): Promise<void>;
}

/** A free loopback port (probed, not fixed). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => res(port));
    });
  });
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function killGroup(p: ChildProcess | null): Promise<void> {
  if (!p?.pid || p.exitCode !== null) return Promise.resolve();
  return new Promise((res) => {
    p.once('exit', () => res());
    try { process.kill(-p.pid!, 'SIGTERM'); } catch { res(); }
    setTimeout(() => { try { process.kill(-p.pid!, 'SIGKILL'); } catch { /* gone */ } res(); }, 5000).unref();
  });
}

const PHP_INI = ['-d', 'upload_max_filesize=128M', '-d', 'post_max_size=128M', '-d', 'memory_limit=512M', '-d', 'output_buffering=0'];

/** Starts MariaDB and WordPress, installs and seeds it. */
export async function startSite(opts: SiteOptions): Promise<Site> {
  const root = await mkdtemp(join(tmpdir(), 'inpaint-wp-'));
  const dir = join(root, 'site');
  const data = join(root, 'db');
  const sock = join(data, 'mysql.sock');
  const password = opts.password ?? `pw-${randomBytes(6).toString('hex')}`;
  let db: ChildProcess | null = null;
  let php: ChildProcess | null = null;
  const stop = async () => {
    await killGroup(php);
    await killGroup(db);
    if (!process.env.WP_KEEP) await rm(root, { recursive: true, force: true });
  };
  try {
    await Promise.all([
      run('cp', ['-rL', '/usr/share/wordpress', dir]),
      run('mariadb-install-db', ['--no-defaults', '--user=root', `--datadir=${data}`, '--auth-root-authentication-method=normal', '--skip-test-db']),
    ]);
    db = spawn('mariadbd', ['--no-defaults', '--user=root', `--datadir=${data}`, `--socket=${sock}`, '--skip-networking', '--skip-log-bin'], { detached: true, stdio: ['ignore', openSync(join(root, 'mariadb.log'), 'a'), openSync(join(root, 'mariadb.log'), 'a')] });
    if (opts.pluginZip) await run('unzip', ['-q', opts.pluginZip, '-d', join(dir, 'wp-content/plugins')]);
    const salts = ['AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT']
      .map((k) => `define('${k}', '${randomBytes(24).toString('hex')}');`).join('\n');
    await writeFile(join(dir, 'wp-config.php'), `<?php
define('DB_NAME', 'wp'); define('DB_USER', 'root'); define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${sock}'); define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
${salts}
$table_prefix = 'wp_';
define('WP_ENVIRONMENT_TYPE', 'local');
define('WP_DEBUG', true); define('WP_DEBUG_DISPLAY', false); define('WP_DEBUG_LOG', '${join(root, 'debug.log')}');
define('AUTOMATIC_UPDATER_DISABLED', true); define('WP_HTTP_BLOCK_EXTERNAL', true); define('DISABLE_WP_CRON', true);
define('FS_METHOD', 'direct');
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`);
    await mkdir(join(dir, 'wp-content/uploads'), { recursive: true });
    await waitFor(() => existsSync(sock), 'MariaDB');
    await waitFor(async () => {
      try { await run('mariadb', ['--no-defaults', '-S', sock, '-uroot', '-e', 'CREATE DATABASE IF NOT EXISTS wp']); return true; } catch { return false; }
    }, 'MariaDB to answer');

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const phpLog = join(root, 'php.log');
    // OPcache (php8.2-cli depends on it) shared by the forked workers: pages load several times faster.
    // detached: the child calls setsid() itself, so php is its own group's leader and stop()
    // reaches its workers with kill(-pid). (`setsid php` under detached forks first: the pid we
    // held was setsid's, gone at once, and the server outlived the run.)
    php = spawn('php', [...PHP_INI, '-d', 'opcache.enable_cli=1', '-d', 'opcache.revalidate_freq=0', '-d', `error_log=${phpLog}`, '-S', `127.0.0.1:${port}`, '-t', dir, join(HERE, 'router.php')], {
      detached: true, env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' }, stdio: ['ignore', openSync(phpLog, 'a'), openSync(phpLog, 'a')],
    });
    await waitFor(async () => { try { await fetch(`${url}/readme.html`); return true; } catch { return false; } }, 'php -S');
    const install = await fetch(`${url}/wp-admin/install.php?step=2`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ weblog_title: 'Inpaint test', user_name: 'admin', admin_password: password, admin_password2: password, pw_weak: '1', admin_email: 'admin@example.test', blog_public: '0', language: '' }),
    });
    const installed = await install.text();
    if (!install.ok || !installed.includes('wp-login.php')) {
      throw new Error(`install.php: HTTP ${install.status}: ${installed.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').slice(-600)}`);
    }
    const { stdout } = await run('php', [...PHP_INI, join(HERE, 'seed.php'), dir, JSON.stringify({ url, password, plugin: Boolean(opts.pluginZip), settings: opts.settings ?? {}, key: opts.key ?? '' })], { maxBuffer: 1 << 20 });
    if (!stdout.includes('@@JSON@@')) throw new Error(`seed.php: ${stdout}`);
    const seeded = JSON.parse(stdout.slice(stdout.lastIndexOf('@@JSON@@') + 8)) as { users: Record<string, number>; images: Record<string, number>; post: number };
    return { url, dir, logs: [join(root, 'debug.log'), phpLog], password, ...seeded, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Runs PHP with WordPress loaded and returns what the code `return`s, as JSON. */
export async function wpPhp<T = unknown>(site: Pick<Site, 'dir' | 'url'>, code: string): Promise<T> {
  const u = new URL(site.url);
  const script = `$_SERVER['HTTP_HOST'] = ${JSON.stringify(u.host)}; $_SERVER['REQUEST_URI'] = '/';
require ${JSON.stringify(join(site.dir, 'wp-load.php'))};
$f = function () { ${code} };
echo "\\n@@JSON@@" . json_encode($f());`;
  const { stdout } = await run('php', [...PHP_INI, '-r', script], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout.slice(stdout.lastIndexOf('@@JSON@@') + 8)) as T;
}

/** All of the site's log files, concatenated (missing ones are empty). */
export async function readLogs(site: Pick<Site, 'logs'>): Promise<string> {
  const parts = await Promise.all(site.logs.map((f) => readFile(f, 'utf8').catch(() => '')));
  return parts.join('\n');
}
