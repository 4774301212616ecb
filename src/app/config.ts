/**
 * The runtime configuration: `config.json` next to `index.html`, fetched when the app starts so
 * a deployment can change it without a rebuild. Secrets never go in it (it is public).
 */

/** The parts of `public/config.json` the app reads; everything is optional and checked where used. */
export interface RuntimeConfig {
  service?: { base_url?: string; api_key_env?: string; timeout_ms?: unknown };
  default?: Record<string, unknown>;
  embed?: { allowed_origins?: unknown };
  [section: string]: unknown;
}

/**
 * Fetches and parses `config.json`. A missing or broken file gives an empty config (and a
 * console warning): the editor then works standalone, and embedding stays closed.
 */
export async function readConfig(fetchFn: typeof fetch = fetch, url = `${import.meta.env.BASE_URL}config.json`): Promise<RuntimeConfig> {
  try {
    const res = await fetchFn(url, { cache: 'no-cache', credentials: 'same-origin' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const json: unknown = await res.json();
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('not a JSON object');
    return json as RuntimeConfig;
  } catch (e) {
    console.warn(`inpaint-editor: could not read ${url} (${(e as Error).message}); using defaults`);
    return {};
  }
}

let cached: Promise<RuntimeConfig> | null = null;

/** The app's config, fetched once per page. */
export function loadConfig(): Promise<RuntimeConfig> {
  cached ??= readConfig();
  return cached;
}
