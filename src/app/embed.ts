import { Store } from '../core/store.ts';
import { HOST_COMMANDS, type Body, type CommandMsg, type ConfigureMsg, type EditorMessage, type ErrorCode, type HostMessage, type OpenMsg } from '../core/embed/protocol.ts';
import type { Editor } from '../editor/Editor.ts';
import type { ImageInfo } from '../editor/types.ts';
import type { BridgeEnv, EditorBridge, EmbedLink } from '../services/embed/EditorBridge.ts';
import { loadConfig, type RuntimeConfig } from './config.ts';
import type { Display } from './display.ts';
import type { MemoryEmbedConnection } from './embedConnection.ts';
import { buildEmbedResult, type HostRequest } from './embedResult.ts';
import type { EditForm } from './edit/EditForm.ts';
import type { Intake } from './intake.ts';
import type { Notifier } from './notifier.ts';
import type { ResultsController } from './results/ResultsController.ts';

export interface EmbedState {
  /** The editor runs inside another page's frame. */
  embedded: boolean;
  /** The allowlist is read and the bridge listens for a host. */
  listening: boolean;
  /** A host is connected over the private channel: Save and Cancel are shown. */
  connected: boolean;
  /** Work not yet sent back since the host's image opened (or the last save). */
  dirty: boolean;
  saving: boolean;
  /** The host's prompt and options for the open image; the edit panel starts from these. */
  request: HostRequest | null;
}

export interface EmbedDeps {
  editor: Editor;
  intake: Intake;
  notifier: Notifier;
  display: Display;
  connection: MemoryEmbedConnection;
  /** The edit results over the picture: Save to host sends the picked one. */
  results?: ResultsController;
  /** The edit form: the host's prompt goes in its prompt box. */
  form?: Pick<EditForm, 'setPrompt'>;
}

/** Actions the host may run by id (the app's registry, bound to its context). */
export interface CommandRunner {
  ids: string[];
  run(id: string): boolean;
}

/**
 * The editor's side of embedding: answers the host's open, configure, close and command
 * requests, reports unsaved work, and sends the result (Save to host) or a cancel. Nothing runs
 * unless the page is framed and a host from `embed.allowed_origins` connects; nothing here
 * needs storage.
 */
export class EmbedController {
  readonly store = new Store<EmbedState>({ embedded: false, listening: false, connected: false, dirty: false, saving: false, request: null });
  private bridge: EditorBridge | null = null;
  private baseline: { image: ImageInfo | null; version: number; round: unknown } = { image: null, version: 0, round: null };
  private commands: CommandRunner | null = null;
  /** Host opens under way: the image and mask they load are not the author's changes. */
  private opening = 0;

  constructor(private readonly deps: EmbedDeps) {
    deps.editor.store.subscribe(() => this.syncDirty());
    deps.results?.store.subscribe(() => this.syncDirty());
  }

  get state(): EmbedState { return this.store.get(); }
  /** Messages the bridge dropped (wrong window, origin or shape); for tests and debugging. */
  get stats(): { ignored: number; lastIgnored: string } { return this.bridge?.stats ?? { ignored: 0, lastIgnored: '' }; }
  private get link(): EmbedLink | null { return this.bridge; }

  /**
   * Starts listening for a host when the page is framed. `env` and `config` are for tests; the
   * app passes nothing and gets `window.parent` and `config.json`.
   */
  async start(opts: { env?: BridgeEnv; config?: RuntimeConfig } = {}): Promise<void> {
    const env = opts.env ?? (window.parent !== window
      ? { self: window, parent: window.parent, parentOrigin: window.location.ancestorOrigins?.[0] }
      : null);
    if (!env || this.bridge) return;
    this.store.set({ embedded: true });
    // The bridge loads only in a frame: the standalone app does not carry it.
    const [config, { EditorBridge }, { parseAllowedOrigins }] = await Promise.all([
      opts.config ?? loadConfig(), import('../services/embed/EditorBridge.ts'), import('../core/embed/origins.ts'),
    ]);
    const policy = parseAllowedOrigins(config.embed?.allowed_origins);
    if (policy.rejected.length) console.warn(`inpaint-editor: embed.allowed_origins entries that are not origins were skipped: ${policy.rejected.join(', ')}`);
    this.bridge = new EditorBridge(env, policy, {
      onConnect: (id) => this.onConnect(id),
      onMessage: (msg) => void this.onMessage(msg),
    });
    this.bridge.start();
    this.store.set({ listening: true });
  }

  /** Stops listening and drops the channel (tests; a page that unmounts the editor). */
  dispose(): void {
    this.bridge?.dispose();
    this.bridge = null;
    this.deps.connection.clear();
    this.store.set({ embedded: false, listening: false, connected: false, dirty: false, request: null });
  }

  /** The app hands in its actions so the host can run them; returns the undo. */
  setCommands(runner: CommandRunner): () => void {
    this.commands = runner;
    return () => { if (this.commands === runner) this.commands = null; };
  }

  /** Save to host: sends the result and marks the work as saved. */
  async save(): Promise<void> {
    const link = this.link;
    if (!link?.connected || this.state.saving) return;
    if (!this.deps.editor.hasImage) { this.deps.notifier.push({ kind: 'error', text: 'load.error.no-image' }); return; }
    this.store.set({ saving: true });
    try {
      const { body, transfer } = await buildEmbedResult({ editor: this.deps.editor, request: this.state.request, results: this.deps.results });
      link.send(body, transfer);
      this.resetBaseline();
      this.deps.notifier.push({ kind: 'info', text: 'embed.saved' });
    } catch (e) {
      const reason = String((e as Error).message ?? e);
      this.deps.notifier.push({ kind: 'error', text: 'message.exportFailed', params: { reason } });
      link.send({ type: 'error', code: 'export-failed', message: `the result could not be made: ${reason}` });
    } finally {
      this.store.set({ saving: false });
    }
  }

  /** Cancel: tells the host the author is done without saving; asks first if there is unsaved work. */
  cancel(): void {
    if (!this.link?.connected) return;
    if (!this.state.dirty) { this.link.send({ type: 'cancelled' }); return; }
    const id = this.deps.notifier.push({
      kind: 'warning', text: 'embed.confirmCancel',
      actions: [
        { label: 'embed.discard', run: () => { this.deps.notifier.dismiss(id); this.link?.send({ type: 'cancelled' }); } },
        { label: 'embed.keepEditing', run: () => this.deps.notifier.dismiss(id) },
      ],
    });
  }

  private onConnect(connectId: string): void {
    this.store.set({ connected: true });
    this.link!.send({ type: 'ready', re: connectId, actions: (this.commands?.ids ?? []).filter((id) => HOST_COMMANDS.includes(id)) });
    this.resetBaseline();
  }

  private async onMessage(msg: HostMessage): Promise<void> {
    switch (msg.type) {
      case 'open': return this.open(msg);
      case 'configure': return this.configure(msg);
      case 'close':
        this.reply({ type: 'ack', re: msg.id });
        this.link!.disconnect();
        this.deps.connection.clear();
        this.store.set({ connected: false, dirty: false, request: null });
        return;
      case 'command': return this.command(msg);
      default:
    }
  }

  /** Runs a host command: only {@link HOST_COMMANDS}; anything else is refused and changes nothing. */
  private command(msg: CommandMsg): void {
    const known = this.commands?.ids.includes(msg.action) ?? false;
    if (!HOST_COMMANDS.includes(msg.action)) {
      if (known) return this.error(msg.id, 'not-allowed', `the host may run only ${HOST_COMMANDS.join(', ')}; other actions need the author`);
      return this.error(msg.id, 'unknown-action', 'no such action');
    }
    if (known && this.commands!.run(msg.action)) this.reply({ type: 'ack', re: msg.id });
    else this.error(msg.id, 'unknown-action', 'that action cannot run now');
  }

  private configure(msg: ConfigureMsg): void {
    this.deps.display.set(msg); // its locale and theme, where sent
    this.deps.connection.update({ baseURL: msg.baseURL, apiKey: msg.apiKey, headers: msg.headers });
    this.reply({ type: 'ack', re: msg.id });
  }

  private async open(msg: OpenMsg): Promise<void> {
    this.opening++;
    try {
      await this.openFromHost(msg);
    } finally {
      this.opening--;
      this.syncDirty(); // a failed open leaves the author's work, and its state, as it was
    }
  }

  private async openFromHost(msg: OpenMsg): Promise<void> {
    const { intake } = this.deps;
    this.deps.display.set(msg); // its locale and theme, where sent
    const { imageInputToFile } = await import('../services/embed/imageInput.ts');
    let file: File;
    try {
      file = await imageInputToFile(msg.image);
    } catch (e) {
      const reason = String((e as Error).message ?? e);
      this.deps.notifier.push({ kind: 'error', text: 'embed.error.fetch', params: { reason } });
      return this.error(msg.id, 'fetch-failed', `the image could not be fetched: ${reason}`);
    }
    const report = await intake.open(file, 'embed');
    if (report.kind === 'failed') return this.error(msg.id, 'load-failed', `the image could not be opened: ${report.code}`);
    if (report.kind === 'superseded') return this.error(msg.id, 'superseded', 'a later open replaced this one');
    this.store.set({ request: { name: file.name, prompt: msg.prompt ?? '', options: msg.options ?? {} } });
    // The host's prompt is where the author edits it (and what an edit sends).
    if (msg.prompt !== undefined) this.deps.form?.setPrompt(msg.prompt);
    if (report.kind === 'opened' && msg.mask) {
      const ok = await imageInputToFile(msg.mask).then((f) => intake.loadMask(f), () => false);
      if (!ok) return this.error(msg.id, 'mask-invalid', 'the mask was not loaded; it must be a PNG of the image\'s size');
    }
    this.resetBaseline();
    this.reply({ type: 'ack', re: msg.id, pending: report.kind === 'needs-scale' ? 'user' : undefined });
  }

  private reply(body: Body<EditorMessage>): void {
    this.link?.send(body);
  }

  private error(re: string, code: ErrorCode, message: string): void {
    this.reply({ type: 'error', re, code, message });
  }

  private resetBaseline(): void {
    const s = this.deps.editor.state;
    this.baseline = { image: s.image, version: s.maskVersion, round: this.deps.results?.state.round ?? null };
    this.syncDirty();
  }

  /** Unsaved work: another image, any mask change, or new results since the baseline. Reported on change only. */
  private syncDirty(): void {
    if (this.opening > 0) return;
    const s = this.deps.editor.state;
    const round = this.deps.results?.state.round ?? null;
    const changed = s.image !== this.baseline.image || s.maskVersion !== this.baseline.version || (round !== null && round !== this.baseline.round);
    const dirty = this.state.connected && s.image !== null && changed;
    if (dirty === this.state.dirty) return;
    this.store.set({ dirty });
    this.reply({ type: 'changed', dirty });
  }
}
