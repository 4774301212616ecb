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
  /** The proxy wants an access token (a team deployment): kept exactly like `apiKey`. */
  tokenRequired: boolean;
  proxyToken: string;
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
      baseURL: saved?.baseURL ?? defaultBaseURL, apiKey: saved?.apiKey ?? '', remember: !!(saved?.apiKey || saved?.proxyToken), proxyAvailable: false,
      tokenRequired: false, proxyToken: saved?.proxyToken ?? '',
    });
  }

  get state(): ConnectionState { return this.store.get(); }

  /**
   * The connection to use now. A host's base URL goes with the host's key or none (proxy mode),
   * and with the host's headers: never with the author's key. A host's key alone goes to the
   * author's base URL. Otherwise the author's key to the author's base URL, then this server's
   * proxy if there is one (with the access token, sent where a key would go, when the proxy asks
   * for one).
   */
  current(): Connection | null {
    const s = this.state;
    const host = this.host?.get() ?? {};
    if (host.baseURL) {
      // A path is on the editor's own origin (the protocol accepts nothing else without a scheme).
      const baseURL = host.baseURL.startsWith('/') ? `${globalThis.location?.origin ?? ''}${host.baseURL}` : host.baseURL;
      const conn: Connection = { baseURL, apiKey: host.apiKey ?? '', proxy: !host.apiKey };
      if (host.headers && Object.keys(host.headers).length) conn.headers = host.headers;
      return conn;
    }
    const apiKey = host.apiKey ?? s.apiKey;
    if (apiKey) return { baseURL: s.baseURL, apiKey, proxy: false };
    if (s.proxyAvailable && (!s.tokenRequired || s.proxyToken)) {
      return { baseURL: `${globalThis.location?.origin ?? ''}${PROXY_PATH}/v1`, apiKey: s.tokenRequired ? s.proxyToken : '', proxy: true };
    }
    return null;
  }

  /** The proxy asks for a token and none is set (the editor then asks, once). */
  needsToken(): boolean {
    const s = this.state;
    return s.proxyAvailable && s.tokenRequired && !s.proxyToken && !s.apiKey && !this.host?.get().baseURL;
  }

  save(next: { baseURL: string; apiKey: string; remember: boolean; proxyToken?: string }): void {
    const baseURL = next.baseURL.trim().replace(/\/+$/, '');
    const apiKey = next.apiKey.trim();
    const proxyToken = (next.proxyToken ?? this.state.proxyToken).trim();
    this.store.set({ baseURL, apiKey, remember: next.remember, proxyToken });
    try {
      // The base URL is not a secret and is kept; the key and the token only when asked.
      const kept = next.remember ? { ...(apiKey ? { apiKey } : {}), ...(proxyToken ? { proxyToken } : {}) } : {};
      this.storage?.setItem(STORAGE_KEY, JSON.stringify({ baseURL, ...kept }));
    } catch { /* storage full or blocked: the settings still hold for this tab */ }
  }

  /** Drops the key and the access token from memory and storage. */
  forget(): void {
    this.store.set({ apiKey: '', proxyToken: '', remember: false });
    try { this.storage?.setItem(STORAGE_KEY, JSON.stringify({ baseURL: this.state.baseURL })); } catch { /* ignore */ }
  }

  /** Asks the serving host whether it proxies OpenAI with a key of its own. */
  async detectProxy(fetchImpl: typeof fetch = fetch): Promise<boolean> {
    let ok = false;
    let tokenRequired = false;
    try {
      const res = await fetchImpl(`${PROXY_PATH}/status`, { cache: 'no-store' });
      const status = res.ok ? ((await res.json()) as { keyConfigured?: boolean; tokenRequired?: boolean }) : {};
      ok = status.keyConfigured === true;
      tokenRequired = ok && status.tokenRequired === true;
    } catch { /* no proxy */ }
    this.store.set({ proxyAvailable: ok, tokenRequired });
    return ok;
  }

  private read(): { baseURL?: string; apiKey?: string; proxyToken?: string } | null {
    try {
      const raw = this.storage?.getItem(STORAGE_KEY);
      const v = raw ? (JSON.parse(raw) as { baseURL?: unknown; apiKey?: unknown; proxyToken?: unknown }) : null;
      if (!v) return null;
      return { baseURL: str(v.baseURL), apiKey: str(v.apiKey), proxyToken: str(v.proxyToken) };
    } catch {
      return null;
    }
  }
}

/** A stored string field, or undefined. */
const str = (x: unknown) => (typeof x === 'string' ? x : undefined);

/** Local storage, or null where it is blocked (some embedded or private contexts). */
export function safeLocalStorage(): Storage | null {
  try { return typeof localStorage === 'undefined' ? null : localStorage; } catch { return null; }
}
