import {
  envelope, isOurs, parseHostMessage, type Body, type EditorMessage, type HostMessage,
} from '../../core/embed/protocol.ts';
import { helloTargets, isOriginAllowed, type OriginPolicy } from '../../core/embed/origins.ts';

/** The windows the bridge talks through; tests hand in their own. */
export interface BridgeEnv {
  /** The editor's own window: where window messages arrive. */
  self: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** The one window that may drive the editor (`window.parent`); compared by identity. */
  parent: Pick<Window, 'postMessage'>;
  /** The parent's origin when the browser tells it (`location.ancestorOrigins[0]`). */
  parentOrigin?: string;
}

export interface BridgeHandlers {
  /** A host connected (or reconnected) over a fresh private channel. */
  onConnect(connectId: string, origin: string): void;
  /** A valid request over the channel (open, configure, close, command). */
  onMessage(msg: HostMessage): void;
}

/** The side of the bridge the app uses: send over the private channel once connected. */
export interface EmbedLink {
  readonly connected: boolean;
  /** Sends a message over the channel; returns its id, or null when there is no channel. */
  send(body: Body<EditorMessage>, transfer?: Transferable[]): string | null;
  disconnect(): void;
}

/**
 * The editor's end of the iframe bridge, Penpal-style. Window messages are taken only from
 * `window.parent` and only from an allowed origin; the hello (which carries nothing secret) is
 * the only thing ever posted beyond one exact origin. `connect` hands over a `MessagePort`;
 * every later message goes over that private channel, so no other window or frame can read or
 * inject one. Anything else is dropped without a reply and counted in {@link stats}.
 */
export class EditorBridge implements EmbedLink {
  readonly stats = { ignored: 0, lastIgnored: '' };
  private port: MessagePort | null = null;
  private seq = 0;
  private readonly prefix = Math.random().toString(36).slice(2, 8);
  private warned = new Set<string>();

  constructor(private readonly env: BridgeEnv, private readonly policy: OriginPolicy, private readonly handlers: BridgeHandlers) {}

  get connected(): boolean { return this.port !== null; }

  /** Starts listening and says hello to the parent. */
  start(): void {
    this.env.self.addEventListener('message', this.onWindowMessage);
    this.hello(helloTargets(this.policy, this.env.parentOrigin));
  }

  dispose(): void {
    this.env.self.removeEventListener('message', this.onWindowMessage);
    this.disconnect();
  }

  disconnect(): void {
    if (!this.port) return;
    this.port.removeEventListener('message', this.onPortMessage);
    this.port.close();
    this.port = null;
  }

  send(body: Body<EditorMessage>, transfer: Transferable[] = []): string | null {
    if (!this.port) return null;
    const id = this.nextId();
    this.port.postMessage(envelope<EditorMessage>(body, id), transfer);
    return id;
  }

  private nextId(): string { return `e${this.prefix}${++this.seq}`; }

  private hello(targets: string[]): void {
    for (const target of targets) this.env.parent.postMessage(envelope<EditorMessage>({ type: 'hello', role: 'editor' }, this.nextId()), target);
  }

  private ignore(reason: string): void {
    this.stats.ignored++;
    this.stats.lastIgnored = reason;
  }

  private readonly onWindowMessage = (e: MessageEvent): void => {
    if (!isOurs(e.data)) return; // someone else's traffic (extensions, other libraries)
    if (e.source !== this.env.parent) return this.ignore('source');
    if (!isOriginAllowed(this.policy, e.origin)) {
      if (!this.warned.has(e.origin)) {
        this.warned.add(e.origin);
        console.warn(`inpaint-editor: ignoring messages from ${e.origin}: not in embed.allowed_origins`);
      }
      return this.ignore('origin');
    }
    const reply = (body: Body<EditorMessage>) => this.env.parent.postMessage(envelope<EditorMessage>(body, this.nextId()), e.origin);
    const p = parseHostMessage(e.data)!;
    if (!p.ok) { reply({ type: 'error', code: p.code, message: p.reason, re: p.id }); return this.ignore('invalid'); }
    const msg = p.msg;
    if (msg.type === 'hello') return this.hello([e.origin]);
    if (msg.type !== 'connect') {
      reply({ type: 'error', code: 'wrong-channel', message: `${msg.type} must be sent over the channel that connect opens`, re: msg.id });
      return this.ignore('wrong-channel');
    }
    const port = e.ports[0];
    if (!port) { reply({ type: 'error', code: 'invalid-message', message: 'connect must carry a MessagePort', re: msg.id }); return this.ignore('no-port'); }
    // A reconnect from the same parent (the host reopened the editor) replaces the old channel.
    this.disconnect();
    this.port = port;
    port.addEventListener('message', this.onPortMessage);
    port.start();
    this.handlers.onConnect(msg.id, e.origin);
  };

  private readonly onPortMessage = (e: MessageEvent): void => {
    const p = parseHostMessage(e.data);
    if (!p) return this.ignore('foreign');
    if (!p.ok) { this.send({ type: 'error', code: p.code, message: p.reason, re: p.id }); return this.ignore('invalid'); }
    if (p.msg.type === 'hello' || p.msg.type === 'connect') {
      this.send({ type: 'error', code: 'wrong-channel', message: `${p.msg.type} belongs to the window handshake`, re: p.msg.id });
      return this.ignore('wrong-channel');
    }
    this.handlers.onMessage(p.msg);
  };
}
