/**
 * The runtime configuration, `public/config.json`, read when the app starts (so one build serves
 * any deployment). It never holds a key: `service.api_key_env` only names the server's
 * environment variable the proxy reads.
 */
export interface RuntimeConfig {
  service: { base_url: string; api_key_env: string };
  default: { model: string; quality: string; size: string };
  embed: { allowed_origins: string[] };
}

export const DEFAULT_CONFIG: RuntimeConfig = {
  service: { base_url: 'https://api.openai.com/v1', api_key_env: 'OPENAI_API_KEY' },
  default: { model: 'gpt-image-2', quality: 'auto', size: 'auto' },
  embed: { allowed_origins: [] },
};

const str = (v: unknown, fallback: string) => (typeof v === 'string' && v.trim() ? v.trim() : fallback);

/** Takes what is well-formed from `json` and the defaults for the rest. */
export function parseConfig(json: unknown): RuntimeConfig {
  const o = (json && typeof json === 'object' ? json : {}) as Record<string, Record<string, unknown> | undefined>;
  const d = DEFAULT_CONFIG;
  const origins = o.embed?.allowed_origins;
  return {
    service: { base_url: str(o.service?.base_url, d.service.base_url), api_key_env: str(o.service?.api_key_env, d.service.api_key_env) },
    default: { model: str(o.default?.model, d.default.model), quality: str(o.default?.quality, d.default.quality), size: str(o.default?.size, d.default.size) },
    embed: { allowed_origins: Array.isArray(origins) ? origins.filter((x): x is string => typeof x === 'string') : [] },
  };
}

/** Fetches `config.json` beside the app; a missing or broken file gives the defaults. */
export async function loadConfig(url = 'config.json', fetchImpl: typeof fetch = fetch): Promise<RuntimeConfig> {
  try {
    const res = await fetchImpl(url, { cache: 'no-store' });
    return parseConfig(res.ok ? await res.json() : null);
  } catch {
    return DEFAULT_CONFIG;
  }
}
