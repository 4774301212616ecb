import { Store } from '../core/store.ts';

/** Endpoint settings a host page handed over (`configure`). */
export interface ConnectionOverride {
  /** A proxy to send OpenAI requests to instead of `service.base_url`. */
  baseURL?: string;
  /** A short-lived key from the host, used instead of the author's own. */
  apiKey?: string;
  /** The host's credentials for its own proxy (e.g. `X-WP-Nonce`): sent with the host's `baseURL` only. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * What the embedding host said about where requests go. Read it when building the OpenAI
 * client (see `ConnectionSettings.current`); subscribe to rebuild the client when the host
 * rotates a key. Memory only: never stored, logged or sent anywhere but the host's endpoint;
 * cleared when the host closes the editor.
 */
export interface EmbedConnection {
  get(): Readonly<ConnectionOverride>;
  subscribe(fn: () => void): () => void;
}

/** The in-memory {@link EmbedConnection} the embed controller fills. */
export class MemoryEmbedConnection implements EmbedConnection {
  private readonly store = new Store<ConnectionOverride>({});

  get = (): Readonly<ConnectionOverride> => this.store.get();
  subscribe = (fn: () => void): (() => void) => this.store.subscribe(fn);

  /** Applies the host's values; an empty string removes one, `headers` replace the set (`{}` clears it). */
  update(patch: { baseURL?: string; apiKey?: string; headers?: Readonly<Record<string, string>> }): void {
    const next: ConnectionOverride = { ...this.store.get() };
    for (const k of ['baseURL', 'apiKey'] as const) {
      const v = patch[k];
      if (v === undefined) continue;
      if (v === '') delete next[k];
      else next[k] = v;
    }
    if (patch.headers !== undefined) {
      // A copy of plain strings: nothing the host keeps a reference to can change it later.
      const copy = Object.fromEntries(Object.entries(patch.headers).map(([k, v]) => [k, String(v)]));
      next.headers = Object.keys(copy).length ? Object.freeze(copy) : undefined;
    }
    this.store.set({ baseURL: next.baseURL, apiKey: next.apiKey, headers: next.headers });
  }

  clear(): void {
    this.store.set({ baseURL: undefined, apiKey: undefined, headers: undefined });
  }
}
