import type { Editor } from '../../editor/Editor.ts';
import { Store } from '../../core/store.ts';
import type { EditProvider } from '../../core/provider/types.ts';
import type { OpenAIProviderDeps } from '../../services/openai/common.ts';
import type { AppProviderDescriptor, ProviderDeps } from '../../providers/deps.ts';
import { PROVIDERS } from '../../providers/registry.ts';
import { ConnectionSettings } from '../connection.ts';
import { loadConfig } from '../config.ts';
import type { EmbedConnection } from '../embedConnection.ts';
import { DEFAULT_SERVICE_CONFIG, serviceConfig, type ServiceConfig } from './serviceConfig.ts';
import type { Notifier } from '../notifier.ts';
import { EditForm } from './EditForm.ts';
import { EditSession, type ProviderSet, type ResultHooks } from './EditSession.ts';
import { EditInputs } from './EditInputs.ts';
import { picturesOf } from '../pipeline/pictures.ts';

export interface EditServices {
  connection: ConnectionSettings;
  form: EditForm;
  session: EditSession;
  /** The built providers by descriptor id (null: not available here). */
  providers: ProviderSet;
  /** The registry the form chooses from, in the order the provider choice lists it. */
  descriptors: readonly AppProviderDescriptor[];
  /** Whether the edit panel and the settings dialog are open; `askKey`: opened because Send needs a key. */
  ui: Store<{ panelOpen: boolean; settingsOpen: boolean; askKey: boolean }>;
  /** Loads config.json, applies its defaults, looks for the proxy, picks the default provider. */
  init(): Promise<ServiceConfig>;
}

export interface EditServiceOptions {
  /**
   * The offline local fill (`createLocalFillProvider()` from src/services/localFill, which
   * `createServices` passes); null leaves "Local fill" unavailable.
   */
  localFill?: EditProvider | null;
  /** The provider registry (default: src/providers/registry.ts; tests add their own). */
  providers?: readonly AppProviderDescriptor[];
  /** Overrides for the OpenAI providers (tests: short timeouts, quick retries). */
  openai?: Partial<Omit<OpenAIProviderDeps, 'connection'>> & { uploadThresholdBytes?: number };
  config?: ServiceConfig;
  storage?: Storage | null;
  /** Base URL and key an embedding host handed over (they win over the user's). */
  embedConnection?: EmbedConnection;
  /** The edit panel starts open or closed (default: open on screens wider than 820 px). */
  panelOpen?: boolean;
  /** Where answers go: results view, cache, history (src/app/results); default: nowhere. */
  results?: ResultHooks;
  /** The mask snapshots and picture id the draft and history share (default: the session's own). */
  inputs?: EditInputs;
}

/** On narrow screens (phones, small frames) the panel starts closed, so the canvas has the room. */
const wideScreen = () => typeof matchMedia === 'undefined' || matchMedia('(min-width: 821px)').matches;

/** Builds the edit side of the app: connection, form, providers and the session that runs them. */
export function createEditServices(editor: Editor, notifier: Notifier, opts: EditServiceOptions = {}): EditServices {
  const connection = new ConnectionSettings(opts.config?.service.base_url ?? DEFAULT_SERVICE_CONFIG.service.base_url, opts.storage, opts.embedConnection);
  const deps: OpenAIProviderDeps = { ...opts.openai, connection: () => connection.current() };
  const providerDeps: ProviderDeps = { openai: deps, localFill: opts.localFill ?? null };
  const descriptors = opts.providers ?? PROVIDERS;
  const providers: ProviderSet = Object.fromEntries(descriptors.map((d) => [d.id, d.create(providerDeps)]));
  const form = new EditForm(() => editor.state.image, descriptors);
  const session = new EditSession(editor, notifier, form, providers, () => connection.current() !== null, opts.results, opts.inputs ?? new EditInputs(editor));

  // A new picture resets what depends on it (default output size, references, follow-ups).
  picturesOf(editor).onOpened(() => form.imageChanged());

  const ui = new Store({ panelOpen: opts.panelOpen ?? wideScreen(), settingsOpen: false, askKey: false });
  session.onNeedsConnection = () => ui.set({ settingsOpen: true, askKey: true });

  let initialized: Promise<ServiceConfig> | null = null;
  return {
    connection, form, session, providers, descriptors, ui,
    // Once: the results services wait for it before putting a draft back over the defaults.
    init() {
      initialized ??= initialize();
      return initialized;
    },
  };

  async function initialize(): Promise<ServiceConfig> {
    const cfg = opts.config ?? serviceConfig(await loadConfig());
    if (!opts.config && !connection.state.apiKey && connection.state.baseURL === DEFAULT_SERVICE_CONFIG.service.base_url) {
      connection.store.set({ baseURL: cfg.service.base_url });
    }
    // The providers read the timeouts per request: config.json's applies from here on (unless the caller set its own).
    if (cfg.service.timeout_ms && opts.openai?.timeoutMs === undefined) {
      deps.timeoutMs = cfg.service.timeout_ms;
      deps.idleTimeoutMs = cfg.service.timeout_ms;
    }
    form.applyDefaults(cfg.default);
    await connection.detectProxy();
    // A team deployment's proxy wants an access token: ask for it once, in Connection settings.
    if (connection.needsToken()) ui.set({ settingsOpen: true });
    // With no key and no proxy, the local fill is the default: it works with nothing set up.
    const follow = () => form.followConnection(connection.current() !== null, (id) => providers[id] != null);
    connection.store.subscribe(follow);
    opts.embedConnection?.subscribe(follow);
    follow();
    return cfg;
  }
}
