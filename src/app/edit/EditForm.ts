import { Store } from '../../core/store.ts';
import { capsFor } from '../../core/models/lookup.ts';
import { constrainOptions, DEFAULT_OPTIONS, endpointFor, maxReferences, type EditOptions, type OptionContext } from '../../core/request/options.ts';
import { defaultSize } from '../../core/request/sizes.ts';
import type { Quality } from '../../core/models/types.ts';
import type { ServiceConfig } from './serviceConfig.ts';

/** Which provider the form sends to. */
export type ProviderChoice = 'local' | 'images' | 'responses';

export interface ReferenceImage { id: number; name: string; blob: Blob }

/** References a change of model took out (the new one takes at most `max`), for the notice. */
export interface ReferencesDropped { names: string[]; model: string; max: number }

export interface EditFormState {
  provider: ProviderChoice;
  /** The provider was picked by the app (not the user), so it follows the connection. */
  providerAuto: boolean;
  prompt: string;
  options: EditOptions;
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

  /** `image` says the size of the open picture, if any (for the default output size). */
  constructor(private readonly image: () => { width: number; height: number } | null) {
    this.store = new Store<EditFormState>({
      provider: 'images', providerAuto: true, prompt: '', options: DEFAULT_OPTIONS, customModel: false, followUp: false, references: [], referencesDropped: null,
    });
  }

  get state(): EditFormState { return this.store.get(); }

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
  setProvider(provider: ProviderChoice, auto = false): void {
    const o = this.state.options;
    this.store.set({ provider, providerAuto: auto });
    if (provider !== 'local') this.setOptions({ ...o, api: provider });
  }

  /**
   * Until the user picks one, the provider follows the connection: OpenAI when a key or a proxy
   * is there, the local fill (if any) when not — so a fresh machine edits with nothing set up.
   */
  followConnection(connected: boolean, localAvailable: boolean): void {
    if (!this.state.providerAuto) return;
    const want: ProviderChoice = connected || !localAvailable ? (this.state.provider === 'local' ? 'images' : this.state.provider) : 'local';
    if (want !== this.state.provider) this.setProvider(want, true);
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
   * (constrained to the model as always) and the references. An OpenAI provider stays chosen even
   * if the key is gone (it was not remembered): sending then asks for the key instead of quietly
   * running another provider. A local fill the app had picked keeps following the connection.
   */
  restore(saved: Partial<Pick<EditFormState, 'provider' | 'providerAuto' | 'prompt' | 'customModel'>> & {
    options?: Partial<EditOptions>; references?: { name: string; blob: Blob }[];
  }): void {
    if (saved.provider === 'images' || saved.provider === 'responses' || (saved.provider === 'local' && saved.providerAuto === false)) this.setProvider(saved.provider);
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
