/**
 * The production server's settings: flags and environment, read once at start. Secrets (the
 * API key, access tokens) come from the environment or a file, never from config.json, which
 * the browser reads.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LimitSettings {
  /** Requests per identity per minute. */
  ratePerMinute: number;
  /** Proxy requests one identity may have in flight. */
  concurrent: number;
  /** Dollars one identity may spend per UTC day. */
  dailyUsd: number;
  /** Dollars the whole deployment may spend per UTC day. */
  deploymentDailyUsd: number;
}

export interface ServerSettings {
  host: string;
  port: number;
  /** The built app (index.html, assets/, config.json). */
  distDir: string;
  /** Where config.json is read, first that parses wins. */
  configPaths: string[];
  csp: boolean;
  /** Access tokens: token → the name of the person or group it identifies. */
  tokens: Map<string, string>;
  trustedHeader: string | null;
  /** Addresses (IPs or CIDRs) the trusted header is believed from. */
  trustedProxies: string[];
  /** Extra origins the editor is served under (behind a proxy that rewrites Host). */
  publicOrigins: string[];
  bodyLimitBytes: number;
  shutdownMs: number;
  /** Idle time (no request in flight) after which a full GC gives memory back; 0: never. */
  idleGcMs: number;
  limits: LimitSettings;
  redisUrl: string | null;
  /** Secret the safety identifier hashes with; the API key when unset. */
  safetySecret: string | null;
}

/** `--name value` / `--name=value` from argv. */
function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function number(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0 (got “${raw}”).`);
  return n;
}

const list = (raw: string | undefined): string[] => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * Access tokens from a file of `name token` lines (`#` starts a comment). A token shorter than
 * 16 characters is refused: it could be guessed.
 */
export function readTokens(path: string): Map<string, string> {
  const tokens = new Map<string, string>();
  readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
    const text = line.replace(/#.*/, '').trim();
    if (!text) return;
    const [name, token, extra] = text.split(/\s+/);
    if (!name || !token || extra !== undefined) throw new Error(`${path}:${i + 1}: expected “name token”.`);
    if (token.length < 16) throw new Error(`${path}:${i + 1}: the token for ${name} is shorter than 16 characters.`);
    if (tokens.has(token)) throw new Error(`${path}:${i + 1}: a token is listed twice.`);
    tokens.set(token, name);
  });
  return tokens;
}

/** The default build directory: `dist/` beside `dist-server/` (where this file is bundled). */
function defaultDist(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', 'dist');
}

/** Reads the settings; throws with a message meant for the operator on a bad value. */
export function readSettings(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const distDir = resolve(flag(argv, 'dist') ?? env.INPAINT_DIST ?? defaultDist());
  const port = number(flag(argv, 'port') ?? env.PORT, 4173, 'PORT');
  if (!Number.isInteger(port) || port > 65535) throw new Error(`PORT must be a port number (got ${port}).`);
  const trustedProxies = list(env.INPAINT_TRUSTED_PROXIES);
  for (const p of trustedProxies) {
    const [addr, bits] = p.split('/');
    if (!isIP(addr ?? '') || (bits !== undefined && !/^\d{1,3}$/.test(bits))) throw new Error(`INPAINT_TRUSTED_PROXIES: “${p}” is not an IP address or CIDR range.`);
  }
  const trustedHeader = env.INPAINT_TRUSTED_HEADER?.trim().toLowerCase() || null;
  if (trustedHeader && !trustedProxies.length) throw new Error('INPAINT_TRUSTED_HEADER needs INPAINT_TRUSTED_PROXIES: the addresses of the proxy that sets it.');
  return {
    host: flag(argv, 'host') ?? env.HOST ?? '127.0.0.1',
    port,
    distDir,
    configPaths: [resolve(distDir, 'config.json')],
    csp: env.INPAINT_CSP !== 'off',
    tokens: env.INPAINT_TOKENS_FILE ? readTokens(env.INPAINT_TOKENS_FILE) : new Map(),
    trustedHeader,
    trustedProxies,
    publicOrigins: list(env.INPAINT_PUBLIC_ORIGIN),
    bodyLimitBytes: Math.round(number(env.INPAINT_BODY_LIMIT_MB, 50, 'INPAINT_BODY_LIMIT_MB') * 1024 * 1024),
    shutdownMs: number(env.INPAINT_SHUTDOWN_MS, 30_000, 'INPAINT_SHUTDOWN_MS'),
    idleGcMs: number(env.INPAINT_IDLE_GC_MS, 5000, 'INPAINT_IDLE_GC_MS'),
    limits: {
      ratePerMinute: number(env.INPAINT_RATE_PER_MINUTE, 30, 'INPAINT_RATE_PER_MINUTE'),
      concurrent: number(env.INPAINT_CONCURRENT, 4, 'INPAINT_CONCURRENT'),
      dailyUsd: number(env.INPAINT_DAILY_USD, 10, 'INPAINT_DAILY_USD'),
      deploymentDailyUsd: number(env.INPAINT_DEPLOYMENT_DAILY_USD, 100, 'INPAINT_DEPLOYMENT_DAILY_USD'),
    },
    redisUrl: env.REDIS_URL?.trim() || null,
    safetySecret: env.INPAINT_SAFETY_SECRET || null,
  };
}

/** Loopback addresses: there the proxy may stay open, as `vite preview` was. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
