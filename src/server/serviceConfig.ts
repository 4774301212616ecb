/**
 * What the server reads from config.json: the upstream service and the origins allowed to
 * embed the editor. Re-read at most once a second, so an edited config.json applies without a
 * restart (as the CSP always did).
 */
import { parseAllowedOrigins } from '../core/embed/origins.ts';
import { readConfigFile } from './configFile.ts';
import type { CspConfig } from './csp.ts';

export interface UpstreamService {
  /** The upstream API's base URL, without a trailing slash (…/v1). */
  baseUrl: string;
  /** The environment variable holding the key. */
  keyEnv: string;
}

export interface ServedConfig {
  raw: CspConfig;
  service: UpstreamService | null;
  /** Why `service` is null, for the operator. */
  serviceError: string | null;
  /** Exact origins from `embed.allowed_origins` (`*` is not an origin the proxy serves). */
  embedOrigins: ReadonlySet<string>;
}

/**
 * Only a variable named for an API key may hold the key the proxy spends: `*_API_KEY` or
 * `OPENAI_*`. Anything else (`DATABASE_PASSWORD`, `PATH`) would let whoever edits config.json
 * send the server's secrets upstream.
 */
export const KEY_ENV_PATTERN = /^(?:[A-Z][A-Z0-9_]*_API_KEY|OPENAI_[A-Z0-9_]+)$/;

export function parseService(raw: CspConfig & { service?: { api_key_env?: unknown } }): { service: UpstreamService | null; error: string | null } {
  const s = raw.service ?? {};
  const baseUrl = typeof s.base_url === 'string' ? s.base_url.trim().replace(/\/+$/, '') : '';
  const keyEnv = typeof s.api_key_env === 'string' ? s.api_key_env.trim() : '';
  if (!baseUrl || !keyEnv) return { service: null, error: 'config.json has no service.base_url and service.api_key_env.' };
  try {
    const u = new URL(baseUrl);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error();
  } catch {
    return { service: null, error: `service.base_url “${baseUrl}” is not an http(s) URL.` };
  }
  if (!KEY_ENV_PATTERN.test(keyEnv)) {
    return { service: null, error: `service.api_key_env “${keyEnv}” is refused: name a variable matching *_API_KEY or OPENAI_* (for example OPENAI_API_KEY).` };
  }
  return { service: { baseUrl, keyEnv }, error: null };
}

export class ConfigSource {
  private cached: { at: number; value: ServedConfig } | null = null;

  constructor(private readonly paths: readonly string[], private readonly ttlMs = 1000) {}

  get(now = Date.now()): ServedConfig {
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.value;
    // An unreadable config.json gives the strictest policy and no proxy.
    const raw = readConfigFile(this.paths, (json) => (json && typeof json === 'object' ? (json as CspConfig) : null)) ?? {};
    const { service, error } = parseService(raw);
    const value: ServedConfig = { raw, service, serviceError: error, embedOrigins: parseAllowedOrigins(raw.embed?.allowed_origins).origins };
    this.cached = { at: now, value };
    return value;
  }
}
