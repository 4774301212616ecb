import { Store } from '../core/store.ts';
import type { Connection } from '../services/openai/sdk.ts';
import type { EmbedConnection } from './embedConnection.ts';

/** The path the start command's proxy serves (see src/server/openaiProxy.ts). */
export const PROXY_PATH = '/openai-proxy';
const STORAGE_KEY = 'inpaint.connection';

export interface ConnectionState {
  baseURL: string;
  /** In memory; in local storage only while `remember` is on. */
  apiKey: string;
  remember: boolean;
  /** The server proxies to OpenAI with its own key. */
  proxyAvailable: boolean;
}

/**
 * Where OpenAI requests go and with which key. The key lives in this object's memory; it is
 * written to local storage only when the user ticks "remember", and read by nothing but the
 * OpenAI client, which sends it only to `baseURL`.
 */
export class ConnectionSettings {
  readonly store: Store<ConnectionState>;

  constructor(
    defaultBaseURL: string,
    private readonly storage: Storage | null = safeLocalStorage(),
    private readonly host?: EmbedConnection,
  ) {
    const saved = this.read();
    this.store = new Store<ConnectionState>({
      baseURL: saved?.baseURL ?? defaultBaseURL, apiKey: saved?.apiKey ?? '', remember: !!saved?.apiKey, proxyAvailable: false,
    });
  }

  get state(): ConnectionState { return this.store.get(); }

  /**
   * The connection to use now. A host's base URL goes with the host's key or none (proxy mode),
   * and with the host's headers: never with the author's key. A host's key alone goes to the
   * author's base URL. Otherwise the author's key to the author's base URL, then this server's
   * proxy if there is one.
   */
  current(): Connection | null {
    const s = this.state;
    const host = this.host?.get() ?? {};
    if (host.baseURL) {
      const conn: Connection = { baseURL: host.baseURL, apiKey: host.apiKey ?? '', proxy: !host.apiKey };
      if (host.headers && Object.keys(host.headers).length) conn.headers = host.headers;
      return conn;
    }
    const apiKey = host.apiKey ?? s.apiKey;
    if (apiKey) return { baseURL: s.baseURL, apiKey, proxy: false };
    if (s.proxyAvailable) return { baseURL: `${globalThis.location?.origin ?? ''}${PROXY_PATH}/v1`, apiKey: '', proxy: true };
    return null;
  }

  save(next: { baseURL: string; apiKey: string; remember: boolean }): void {
    const baseURL = next.baseURL.trim().replace(/\/+$/, '');
    const apiKey = next.apiKey.trim();
    this.store.set({ baseURL, apiKey, remember: next.remember });
    try {
      // The base URL is not a secret and is kept; the key only when asked.
      this.storage?.setItem(STORAGE_KEY, JSON.stringify(next.remember && apiKey ? { baseURL, apiKey } : { baseURL }));
    } catch { /* storage full or blocked: the settings still hold for this tab */ }
  }

  /** Drops the key from memory and storage. */
  forget(): void {
    this.store.set({ apiKey: '', remember: false });
    try { this.storage?.setItem(STORAGE_KEY, JSON.stringify({ baseURL: this.state.baseURL })); } catch { /* ignore */ }
  }

  /** Asks the serving host whether it proxies OpenAI with a key of its own. */
  async detectProxy(fetchImpl: typeof fetch = fetch): Promise<boolean> {
    let ok = false;
    try {
      const res = await fetchImpl(`${PROXY_PATH}/status`, { cache: 'no-store' });
      ok = res.ok && ((await res.json()) as { keyConfigured?: boolean }).keyConfigured === true;
    } catch { /* no proxy */ }
    this.store.set({ proxyAvailable: ok });
    return ok;
  }

  private read(): { baseURL?: string; apiKey?: string } | null {
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      const v = raw ? (JSON.parse(raw) as { baseURL?: unknown; apiKey?: unknown }) : null;
      if (!v) return null;
      return { baseURL: typeof v.baseURL === 'string' ? v.baseURL : undefined, apiKey: typeof v.apiKey === 'string' ? v.apiKey : undefined };
    } catch {
      return null;
    }
  }
}

/** Local storage, or null where it is blocked (some embedded or private contexts). */
export function safeLocalStorage(): Storage | null {
  try { return typeof localStorage === 'undefined' ? null : localStorage; } catch { return null; }
}
