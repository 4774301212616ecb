/**
 * The host SDK: what a CMS page imports to show the inpaint editor in an iframe, hand it an
 * image, and get the author's work back.
 *
 * ```ts
 * import { openEditor } from './inpaint-embed.js';
 * const session = openEditor({ container, editorUrl: 'https://editor.example/', image: blob });
 * session.on('changed', ({ dirty }) => markUnsaved(dirty));
 * try { const { image, mask } = await session.result; upload(image); }
 * catch (e) { if (e.code !== 'cancelled') throw e; }
 * ```
 *
 * Only messages from the iframe's own window and the editor's origin are read; after a
 * secret-free hello everything goes over a private MessageChannel.
 */
import {
  envelope, parseEditorMessage, type Body, type HostMessage,
  type ImageInput, type ResultMetadata, type Theme,
} from '../core/embed/protocol.ts';

export type { ResultMetadata, Theme } from '../core/embed/protocol.ts';
export { PROTOCOL_VERSION } from '../core/embed/protocol.ts';

/** An image: bytes (transferred: the buffer is detached afterwards), a Blob, or a URL the editor fetches (CORS). */
export type ImageSource = Blob | ArrayBuffer | ArrayBufferView | string | URL;

export interface EditorSettings {
  locale?: string;
  theme?: Theme;
  /**
   * A proxy the editor sends OpenAI requests to instead of the configured endpoint: https, plain
   * http on loopback only, or a path (`/…`) on the editor's own origin. It gets your `apiKey`
   * or none, never the author's own key.
   */
  baseURL?: string;
  /** A short-lived key; kept in the editor's memory only. */
  apiKey?: string;
  /**
   * Your credentials for your own proxy, e.g. `{ 'X-WP-Nonce': nonce }`: sent only with requests
   * to your `baseURL`, kept in the editor's memory only, never stored, logged or sent back.
   * Replaces the previous set; `{}` clears it. Cookies, `Host`, hop-by-hop headers,
   * `Authorization` (use `apiKey`), content and `Origin`/`Referer` headers are refused.
   */
  headers?: Record<string, string>;
}

export interface OpenEditorOptions extends EditorSettings {
  /** Where the editor is served, e.g. `https://editor.example/`. */
  editorUrl: string;
  /** An element to put a new iframe in (filled 100 %), or… */
  container?: HTMLElement;
  /** …an iframe of your own (its `src` is set when empty). */
  iframe?: HTMLIFrameElement;
  image: ImageSource;
  mask?: ImageSource;
  /** The image's name, shown to the author and returned in the metadata. */
  name?: string;
  prompt?: string;
  options?: Record<string, unknown>;
  /** How long to wait for the editor to answer (ms). Default 20 s. */
  timeoutMs?: number;
  /** Keep the editor open after a result or a cancel (default: close it). */
  keepOpen?: boolean;
  /** The iframe's accessible title. */
  title?: string;
}

export interface EditorResult {
  /** The image at full resolution (PNG). */
  image: Blob;
  /** The mask (PNG, alpha 0 where the author painted), or null. */
  mask: Blob | null;
  /**
   * The picture's size as edited: not always the size the host sent, since *Extend canvas*
   * (outpainting) makes it larger. Image and mask are both this size.
   */
  width: number;
  height: number;
  prompt: string;
  metadata: ResultMetadata;
}

/** Why a session ended without a result: `cancelled`, `closed`, `timeout`, or an editor error code. */
export class EditorError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'EditorError';
  }
}

export interface EditorEvents {
  ready: undefined;
  changed: { dirty: boolean };
  result: EditorResult;
  cancelled: undefined;
  error: EditorError;
  closed: undefined;
}

export interface EditorSession {
  readonly iframe: HTMLIFrameElement;
  /** Resolves with the first result; rejects with an {@link EditorError} (`cancelled` when the author cancels). */
  readonly result: Promise<EditorResult>;
  /** Resolves once the private channel works. */
  readonly ready: Promise<void>;
  on<K extends keyof EditorEvents>(event: K, fn: (data: EditorEvents[K]) => void): () => void;
  configure(settings: EditorSettings): Promise<void>;
  /**
   * Runs an editor command by id, e.g. `embedSave` from a button of your own. Only save, cancel
   * and the view (`embedSave`, `embedCancel`, `zoomIn`, `zoomOut`, `fit`, `zoomActual`: the
   * `ready` message lists them); anything else rejects with `not-allowed` and changes nothing.
   */
  command(action: string): Promise<void>;
  /** Tells the editor to close, stops listening, and removes the iframe if the SDK made it. */
  close(): void;
}

function toInput(src: ImageSource, name: string | undefined, transfer: Transferable[]): ImageInput {
  if (typeof src === 'string' || src instanceof URL) return { kind: 'url', url: new URL(String(src), location.href).href, name };
  if (src instanceof Blob) return { kind: 'blob', blob: src, name: name ?? (src instanceof File ? src.name : undefined) };
  const bytes = ArrayBuffer.isView(src)
    ? (src.buffer as ArrayBuffer).slice(src.byteOffset, src.byteOffset + src.byteLength)
    : src;
  transfer.push(bytes);
  return { kind: 'bytes', bytes, name };
}

const settingsOf = (o: EditorSettings): EditorSettings => {
  const out: EditorSettings = {};
  for (const k of ['locale', 'theme', 'baseURL', 'apiKey', 'headers'] as const) if (o[k] !== undefined) (out as Record<string, unknown>)[k] = o[k];
  return out;
};

/** Opens the editor in an iframe with an image; see {@link EditorSession}. */
export function openEditor(opts: OpenEditorOptions): EditorSession {
  const editorUrl = new URL(opts.editorUrl, location.href);
  const editorOrigin = editorUrl.origin;
  const ownIframe = !opts.iframe;
  const iframe = opts.iframe ?? document.createElement('iframe');
  const listeners = new Map<keyof EditorEvents, Set<(d: never) => void>>();
  const pending = new Map<string, { resolve: () => void; reject: (e: EditorError) => void }>();
  const prefix = Math.random().toString(36).slice(2, 8);
  let seq = 0;
  const nextId = () => `h${prefix}${++seq}`;
  let port: MessagePort | null = null;
  let connectId: string | null = null;
  let closed = false;

  const emit = <K extends keyof EditorEvents>(event: K, data: EditorEvents[K]) => {
    for (const fn of listeners.get(event) ?? []) (fn as (d: EditorEvents[K]) => void)(data);
  };

  let settle!: { resolve: (r: EditorResult) => void; reject: (e: EditorError) => void };
  const result = new Promise<EditorResult>((resolve, reject) => { settle = { resolve, reject }; });
  result.catch(() => {}); // a host that only listens to events gets no unhandled rejection
  let readyDone!: { resolve: () => void; reject: (e: EditorError) => void };
  const ready = new Promise<void>((resolve, reject) => { readyDone = { resolve, reject }; });
  ready.catch(() => {});

  const fail = (e: EditorError) => {
    readyDone.reject(e);
    settle.reject(e);
  };

  /** Sends a request over the channel and resolves on its ack. */
  const request = (body: Body<HostMessage>, transfer: Transferable[] = []): Promise<void> => {
    if (closed) return Promise.reject(new EditorError('closed', 'the editor session is closed'));
    return ready.then(() => new Promise<void>((resolve, reject) => {
      const id = nextId();
      pending.set(id, { resolve, reject });
      port!.postMessage(envelope<HostMessage>(body, id), transfer);
    }));
  };

  const onPortMessage = (e: MessageEvent) => {
    const p = parseEditorMessage(e.data);
    if (!p?.ok) return;
    const msg = p.msg;
    const waiting = msg.re ? pending.get(msg.re) : undefined;
    if (waiting) pending.delete(msg.re!);
    switch (msg.type) {
      case 'ready':
        if (msg.re === connectId) { readyDone.resolve(); emit('ready', undefined); }
        return;
      case 'ack':
        waiting?.resolve();
        return;
      case 'error': {
        const err = new EditorError(msg.code, msg.message);
        if (waiting) waiting.reject(err);
        else emit('error', err);
        return;
      }
      case 'changed':
        emit('changed', { dirty: msg.dirty });
        return;
      case 'result': {
        const r: EditorResult = {
          image: new Blob([msg.image.bytes], { type: msg.image.type }),
          mask: msg.mask ? new Blob([msg.mask.bytes], { type: msg.mask.type }) : null,
          width: msg.image.width, height: msg.image.height, prompt: msg.prompt, metadata: msg.metadata,
        };
        emit('result', r);
        settle.resolve(r);
        if (!opts.keepOpen) session.close();
        return;
      }
      case 'cancelled':
        emit('cancelled', undefined);
        settle.reject(new EditorError('cancelled', 'the author cancelled'));
        if (!opts.keepOpen) session.close();
        return;
      default:
    }
  };

  const onWindowMessage = (e: MessageEvent) => {
    // Only the iframe we made, at the origin we loaded, is listened to.
    if (e.source !== iframe.contentWindow || e.origin !== editorOrigin) return;
    const p = parseEditorMessage(e.data);
    if (!p) return;
    if (!p.ok) { fail(new EditorError(p.code, p.reason)); return; }
    if (p.msg.type === 'error') { fail(new EditorError(p.msg.code, p.msg.message)); return; }
    if (p.msg.type !== 'hello' || connectId) return;
    const channel = new MessageChannel();
    port = channel.port1;
    port.addEventListener('message', onPortMessage);
    port.start();
    connectId = nextId();
    iframe.contentWindow!.postMessage(envelope<HostMessage>({ type: 'connect' }, connectId), editorOrigin, [channel.port2]);
  };

  const timer = setTimeout(() => fail(new EditorError('timeout', `the editor at ${editorOrigin} did not answer; is this page's origin in its embed.allowed_origins?`)), opts.timeoutMs ?? 20_000);
  ready.then(() => clearTimeout(timer), () => clearTimeout(timer));

  window.addEventListener('message', onWindowMessage);
  if (opts.locale) editorUrl.searchParams.set('locale', opts.locale);
  if (opts.theme) editorUrl.searchParams.set('theme', opts.theme);
  iframe.title ||= opts.title ?? 'Image editor';
  if (ownIframe) {
    iframe.style.cssText = 'width:100%;height:100%;border:0;display:block';
    iframe.src = editorUrl.href;
    opts.container?.appendChild(iframe);
  } else if (!iframe.getAttribute('src')) {
    iframe.src = editorUrl.href;
  } else {
    // Already loaded before we listened: ask the editor to say hello again (to our origin only).
    const hello = () => iframe.contentWindow?.postMessage(envelope<HostMessage>({ type: 'hello', role: 'host' }, nextId()), editorOrigin);
    iframe.addEventListener('load', hello, { once: true });
    hello();
  }

  const settings = settingsOf(opts);
  if (settings.baseURL !== undefined || settings.apiKey !== undefined || settings.headers !== undefined) void request({ type: 'configure', ...settings }).catch(fail);
  const transfer: Transferable[] = [];
  const open: Body<HostMessage> = {
    type: 'open', image: toInput(opts.image, opts.name, transfer),
    mask: opts.mask === undefined ? undefined : toInput(opts.mask, undefined, transfer),
    prompt: opts.prompt, options: opts.options, locale: opts.locale, theme: opts.theme,
  };
  request(open, transfer).catch((e: EditorError) => { emit('error', e); settle.reject(e); });

  const session: EditorSession = {
    iframe, result, ready,
    on(event, fn) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(fn as (d: never) => void);
      return () => set.delete(fn as (d: never) => void);
    },
    configure: (s) => request({ type: 'configure', ...settingsOf(s) }),
    command: (action) => request({ type: 'command', action }),
    close() {
      if (closed) return;
      if (port) port.postMessage(envelope<HostMessage>({ type: 'close' }, nextId()));
      closed = true;
      clearTimeout(timer);
      window.removeEventListener('message', onWindowMessage);
      port?.close();
      const err = new EditorError('closed', 'the editor session was closed');
      for (const w of pending.values()) w.reject(err);
      pending.clear();
      fail(err);
      if (ownIframe) iframe.remove();
      emit('closed', undefined);
    },
  };
  return session;
}
