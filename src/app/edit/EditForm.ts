import { Store } from '../../core/store.ts';
import { capsFor } from '../../core/openai/models/lookup.ts';
import { constrainOptions, DEFAULT_OPTIONS, endpointFor, maxReferences, type EditOptions, type OptionContext } from '../../core/openai/request/options.ts';
import { defaultSize } from '../../core/openai/request/sizes.ts';
import type { Quality } from '../../core/openai/models/types.ts';
import { openaiApiOf, optionValues, type ProviderDescriptor } from '../../core/provider/descriptor.ts';
import { LEGACY_PROVIDER_IDS, PROVIDERS } from '../../providers/registry.ts';
import type { ServiceConfig } from './serviceConfig.ts';

export interface ReferenceImage { id: number; name: string; blob: Blob }

/** References a change of model took out (the new one takes at most `max`), for the notice. */
export interface ReferencesDropped { names: string[]; model: string; max: number }

export interface EditFormState {
  /** The chosen provider's descriptor id (src/providers/registry.ts). */
  providerId: string;
  /** The provider was picked by the app (not the user), so it follows the connection. */
  providerAuto: boolean;
  prompt: string;
  /** OpenAI's model-driven options (a descriptor with an `openai` field). */
  options: EditOptions;
  /** Each other provider's schema fields, by provider id (defaults until set). */
  providerOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** The model field is free text (a model this editor does not list). */
  customModel: boolean;
  /** Responses API: continue from the last answer instead of sending the image again. */
  followUp: boolean;
  references: ReferenceImage[];
  /** The last change of model removed these references; null once another change is made. */
  referencesDropped: ReferencesDropped | null;
}

const REF_TYPES = ['image/png', 'image/jpeg', 'image/webp'];

/**
 * The edit form's state, outside React: every change goes through {@link constrainOptions},
 * so the form never holds an option the chosen model does not take.
 */
export class EditForm {
  readonly store: Store<EditFormState>;
  private nextRef = 1;

  /**
   * `image` says the size of the open picture, if any (for the default output size); `providers`
   * is the registry the form chooses from.
   */
  constructor(
    private readonly image: () => { width: number; height: number } | null,
    readonly providers: readonly ProviderDescriptor[] = PROVIDERS,
  ) {
    const first = providers.find((d) => d.needsConnection) ?? providers[0];
    this.store = new Store<EditFormState>({
      providerId: first?.id ?? '', providerAuto: true, prompt: '', options: DEFAULT_OPTIONS, providerOptions: {},
      customModel: false, followUp: false, references: [], referencesDropped: null,
    });
  }

  get state(): EditFormState { return this.store.get(); }

  /** The descriptor of `id` (default: the chosen provider's); undefined when none has that id. */
  descriptor(id = this.state.providerId): ProviderDescriptor | undefined {
    return this.providers.find((d) => d.id === id);
  }

  /** The options the chosen provider's job gets: OpenAI's, or its schema fields' values. */
  jobOptions(): Readonly<Record<string, unknown>> {
    const d = this.descriptor();
    if (!d || openaiApiOf(d)) return this.state.options as unknown as Record<string, unknown>;
    return optionValues(d.options, this.state.providerOptions[d.id]);
  }

  /** Sets one schema field of the chosen provider (not OpenAI's: those go through {@link set}). */
  setProviderOption(key: string, value: unknown): void {
    const id = this.state.providerId;
    const all = this.state.providerOptions;
    this.store.set({ providerOptions: { ...all, [id]: { ...all[id], [key]: value } } });
  }

  private ctx(): OptionContext {
    const img = this.image();
    return img ? { imageWidth: img.width, imageHeight: img.height } : {};
  }

  private setOptions(o: EditOptions): void {
    const options = constrainOptions(capsFor(o.model), o, this.ctx());
    this.store.set({ options, ...this.fitReferences(options) });
  }

  /**
   * Trims the references to what `options`' model takes, noting the ones removed: dall-e-2 takes
   * the painted image alone. (References exist only beside a picture, so it is judged as an edit.)
   */
  private fitReferences(options: EditOptions): Partial<EditFormState> {
    const refs = this.state.references;
    const max = maxReferences(capsFor(options.model), endpointFor(options, true));
    if (refs.length <= max) return {};
    return { references: refs.slice(0, max), referencesDropped: { names: refs.slice(max).map((r) => r.name), model: options.model, max } };
  }

  /** Applies config.json's defaults (model, quality, size). */
  applyDefaults(cfg: ServiceConfig['default']): void {
    const o = this.state.options;
    this.setOptions({ ...o, model: cfg.model, quality: cfg.quality as Quality, size: cfg.size });
  }

  /** The user's choice of provider (it then stays, whatever the connection does). */
  setProvider(providerId: string, auto = false): void {
    const d = this.descriptor(providerId);
    if (!d) return;
    const o = this.state.options;
    this.store.set({ providerId, providerAuto: auto });
    const api = openaiApiOf(d);
    if (api) this.setOptions({ ...o, api });
  }

  /**
   * Until the user picks one, the provider follows the connection: one that needs it (OpenAI)
   * when a key or a proxy is there, the first available one that runs here (the local fill) when
   * not — so a fresh machine edits with nothing set up.
   */
  followConnection(connected: boolean, available: (id: string) => boolean): void {
    if (!this.state.providerAuto) return;
    const current = this.descriptor();
    const offline = this.providers.find((d) => !d.needsConnection && available(d.id));
    const online = current?.needsConnection ? current : this.providers.find((d) => d.needsConnection);
    const want = (connected || !offline ? online : offline) ?? current;
    if (want && want.id !== this.state.providerId) this.setProvider(want.id, true);
  }

  setPrompt(prompt: string): void { this.store.set({ prompt }); }

  setModel(model: string, custom = false): void {
    this.store.set({ customModel: custom, referencesDropped: null });
    this.setOptions({ ...this.state.options, model });
  }

  /** Sets one option; the result is constrained to the model. */
  set<K extends keyof EditOptions>(key: K, value: EditOptions[K]): void {
    this.setOptions({ ...this.state.options, [key]: value });
  }

  setFollowUp(on: boolean): void { this.store.set({ followUp: on }); }

  /** A new picture: the output size follows its shape again, references and follow-ups end. */
  imageChanged(): void {
    const img = this.image();
    const o = this.state.options;
    const size = img ? defaultSize(capsFor(o.model), img.width, img.height) : 'auto';
    this.store.set({ references: [], referencesDropped: null, followUp: false });
    this.setOptions({ ...o, size, variation: false });
  }

  /** Adds reference images up to the model's limit; returns the names refused as not images. */
  addReferences(files: readonly File[]): { refused: string[]; overLimit: boolean } {
    const max = capsFor(this.state.options.model).input.maxImages - 1;
    const refs = [...this.state.references];
    const refused: string[] = [];
    let overLimit = false;
    for (const f of files) {
      if (!REF_TYPES.includes(f.type)) { refused.push(f.name); continue; }
      if (refs.length >= max) { overLimit = true; break; }
      refs.push({ id: this.nextRef++, name: f.name, blob: f });
    }
    this.store.set({ references: refs, referencesDropped: null });
    return { refused, overLimit };
  }

  /**
   * Puts back a form saved with a draft (after a reload): its provider, the prompt, the options
   * (constrained to the model as always) and the references. A provider that needs a connection
   * stays chosen even if the key is gone (it was not remembered): sending then asks for the key
   * instead of quietly running another provider. A local one the app had picked keeps following
   * the connection. Old drafts' `provider` names map to the descriptor ids.
   */
  restore(saved: Partial<Pick<EditFormState, 'providerId' | 'providerAuto' | 'prompt' | 'customModel' | 'providerOptions'>> & {
    /** A draft saved before providers were descriptors: 'local', 'images' or 'responses'. */
    provider?: string;
    options?: Partial<EditOptions>; references?: { name: string; blob: Blob }[];
  }): void {
    const id = saved.providerId ?? (saved.provider ? LEGACY_PROVIDER_IDS[saved.provider] : undefined);
    const d = id ? this.descriptor(id) : undefined;
    if (d && (d.needsConnection || saved.providerAuto === false)) this.setProvider(d.id);
    if (saved.providerOptions && typeof saved.providerOptions === 'object') this.store.set({ providerOptions: saved.providerOptions });
    if (typeof saved.prompt === 'string') this.setPrompt(saved.prompt);
    if (saved.customModel !== undefined) this.store.set({ customModel: saved.customModel });
    if (saved.options) this.setOptions({ ...this.state.options, ...saved.options, previousResponseId: null });
    if (saved.references?.length) {
      this.store.set({ references: saved.references.map((r) => ({ id: this.nextRef++, name: r.name, blob: r.blob })) });
      this.store.set(this.fitReferences(this.state.options));
    }
  }

  removeReference(id: number): void {
    this.store.set({ references: this.state.references.filter((r) => r.id !== id) });
  }
}
