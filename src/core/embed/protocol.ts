/**
 * The embed protocol between a host page (a CMS) and the editor in its iframe: message types
 * both ways, and their validation. Pure: no DOM beyond the structured-clone types (ArrayBuffer,
 * Blob) that Node has too.
 *
 * Every message is an envelope `{ ns, v, type, id }`: `ns` tells our messages from anyone
 * else's, `v` is the protocol version, `id` a request id unique per sender; a reply names the
 * request it answers in `re`. Only `hello` and `connect` travel through `window.postMessage`;
 * everything else goes over the private `MessageChannel` port that `connect` hands over.
 * Image bytes travel as `ArrayBuffer` transferables (or a `Blob`), never as base64.
 */
import type { Usage } from '../provider/types.ts';
import { IMAGE_LIMITS } from '../image/limits.ts';
import { isLocaleTag } from '../locale.ts';

export const NS = 'inpaint-editor';
export const PROTOCOL_VERSION = 1;

export type Theme = 'light' | 'dark' | 'auto';

/** An image as the host hands it over: bytes (transferred), a Blob, or an http(s) URL to fetch. */
export type ImageInput =
  | { kind: 'bytes'; bytes: ArrayBuffer; type?: string; name?: string }
  | { kind: 'blob'; blob: Blob; name?: string }
  | { kind: 'url'; url: string; name?: string };

/** An encoded image the editor hands back; `bytes` is transferred. */
export interface EncodedImage {
  bytes: ArrayBuffer;
  type: string;
  width: number;
  height: number;
}

/** What the result was made from, for the host's records. */
export interface ResultMetadata {
  /** The image's name as the host gave it (or the file's). */
  name: string;
  /** The picture's size as edited: larger than the one opened after *Extend canvas*. */
  width: number;
  height: number;
  /** `original`: the image as opened, with the author's mask; `edit`: a generated result. */
  source: 'original' | 'edit';
  provider?: string;
  model?: string;
  options?: Record<string, unknown>;
  usage?: Usage;
}

interface Envelope<T extends string> {
  ns: typeof NS;
  v: number;
  type: T;
  id: string;
  /** The request this message answers. */
  re?: string;
}

// ---- host to editor ----
/** Window message: "I am here". Secret-free by design, so it may be posted widely. */
export interface HostHello extends Envelope<'hello'> { role: 'host' }
/** Window message carrying the private MessagePort in `event.ports[0]`. */
export type ConnectMsg = Envelope<'connect'>;
export interface OpenMsg extends Envelope<'open'> {
  image: ImageInput;
  mask?: ImageInput;
  prompt?: string;
  options?: Record<string, unknown>;
  locale?: string;
  theme?: Theme;
}
/**
 * Settings the host may change at any time. `baseURL` (a proxy: https, http on loopback, or a
 * path such as `/wp-json/inpaint-editor/v1/openai` on the editor's own origin) and
 * `apiKey` (short-lived) are kept in memory only; an empty string clears them. `headers` are the
 * host's credentials for its own proxy (e.g. `X-WP-Nonce`): sent only with the host's `baseURL`,
 * in memory only; they replace the previous set, `{}` clears it.
 */
export interface ConfigureMsg extends Envelope<'configure'> {
  locale?: string;
  theme?: Theme;
  baseURL?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}
export type CloseMsg = Envelope<'close'>;
/**
 * Runs one of {@link HOST_COMMANDS} by id (e.g. `embedSave` from the host's own button). Every
 * other action is refused (`not-allowed`): what spends money, touches files or changes the
 * author's work needs the author's own gesture in the frame.
 */
export interface CommandMsg extends Envelope<'command'> { action: string }

/** The only actions a host may run: save, cancel, and the view. */
export const HOST_COMMANDS: readonly string[] = Object.freeze(['embedSave', 'embedCancel', 'zoomIn', 'zoomOut', 'fit', 'zoomActual']);

export type HostMessage = HostHello | ConnectMsg | OpenMsg | ConfigureMsg | CloseMsg | CommandMsg;

// ---- editor to host ----
export interface EditorHello extends Envelope<'hello'> { role: 'editor' }
/** Answer to `connect`, sent over the port: the channel works. */
export interface ReadyMsg extends Envelope<'ready'> { actions: string[] }
/** A request was carried out. */
export interface AckMsg extends Envelope<'ack'> { re: string; pending?: 'user' }
export type ErrorCode =
  | 'invalid-message' | 'unsupported-version' | 'wrong-channel'
  | 'fetch-failed' | 'load-failed' | 'mask-invalid' | 'superseded'
  | 'no-image' | 'export-failed' | 'unknown-action' | 'not-allowed';
/** `message` is for developers (English) and never repeats a value the host sent. */
export interface ErrorMsg extends Envelope<'error'> { code: ErrorCode; message: string }
/** Whether the author has work not yet sent back. */
export interface ChangedMsg extends Envelope<'changed'> { dirty: boolean }
export interface ResultMsg extends Envelope<'result'> {
  image: EncodedImage;
  mask: EncodedImage | null;
  prompt: string;
  metadata: ResultMetadata;
}
export type CancelledMsg = Envelope<'cancelled'>;

export type EditorMessage = EditorHello | ReadyMsg | AckMsg | ErrorMsg | ChangedMsg | ResultMsg | CancelledMsg;

/** A message without its envelope, as a sender writes it. */
export type Body<M> = M extends unknown ? Omit<M, 'ns' | 'v' | 'id'> : never;

/** Wraps a body in the envelope. */
export function envelope<M extends HostMessage | EditorMessage>(body: Body<M>, id: string): M {
  return { ns: NS, v: PROTOCOL_VERSION, id, ...body } as M;
}

// ---- validation ----

export type Parsed<M> =
  | { ok: true; msg: M }
  /** Ours but malformed: `id` (when readable) lets the receiver answer with an error. */
  | { ok: false; code: 'invalid-message' | 'unsupported-version'; reason: string; id?: string };

/** A field check: null when fine, else why not (never quoting the value: it may be a key). */
type Check = (v: unknown) => string | null;

const MAX_PROMPT = 32_000;
const MAX_OPTIONS_JSON = 64 * 1024;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
// Realm-safe: a buffer that came through postMessage was made in this realm, but tests and
// other windows may hand in one from elsewhere.
const isArrayBuffer = (v: unknown): v is ArrayBuffer => Object.prototype.toString.call(v) === '[object ArrayBuffer]';
const isBlob = (v: unknown): v is Blob => typeof Blob !== 'undefined' && v instanceof Blob;

const str = (max: number, min = 0): Check => (v) =>
  typeof v === 'string' && v.length >= min && v.length <= max ? null : `must be a string of ${min}–${max} characters`;
const opt = (c: Check): Check => (v) => (v === undefined ? null : c(v));
const oneOf = (...vals: string[]): Check => (v) => (vals.includes(v as string) ? null : `must be one of ${vals.join(', ')}`);
const nonNegInt: Check = (v) => (Number.isInteger(v) && (v as number) >= 0 ? null : 'must be a whole number');

/** An absolute http(s) URL without user name or password. */
function isHttpUrl(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 4096) return false;
  try {
    const u = new URL(v);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password;
  } catch {
    return false;
  }
}
const httpUrl: Check = (v) => (isHttpUrl(v) ? null : 'must be an absolute http(s) URL without credentials');

/** A loopback host name as `URL.hostname` writes it: localhost, 127.0.0.0/8, [::1]. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]'
    || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * A path on the editor's own origin (`/…`, not `//host`): it crosses no origin, so it is safe on
 * any scheme. A CMS that serves the editor from its own site (the WordPress plugin) passes its
 * proxy this way, and so works on a plain-http site too.
 */
export function isOwnOriginPath(v: unknown): v is string {
  return typeof v === 'string' && v.length <= 4096 && /^\/(?![/\\])[^\\\s]*$/.test(v);
}

/**
 * An endpoint that will carry keys or credentials: https, plain http on loopback only, or a path
 * on the editor's own origin.
 */
const secureUrl: Check = (v) => {
  if (isOwnOriginPath(v)) return null;
  const why = httpUrl(v);
  if (why) return why;
  const u = new URL(v as string);
  return u.protocol === 'https:' || isLoopbackHost(u.hostname) ? null : 'must be https (plain http only on loopback)';
};

const MAX_HEADERS = 16;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
/** Visible ASCII, spaces and tabs: no CR, LF or NUL to split a request with. */
const HEADER_VALUE = /^[\t\x20-\x7e]{0,4096}$/;
/**
 * Names a host may not set: what the browser or the SDK owns (cookies, host, hop-by-hop headers,
 * the key, the body's framing, the SDK's own), and what would let a page pose as another.
 */
const FORBIDDEN_HEADER = /^(?:cookie2?|set-cookie|host|connection|keep-alive|transfer-encoding|upgrade|te|trailer|via|expect|proxy-.*|sec-.*|authorization|content-length|content-type|content-encoding|accept-encoding|accept-charset|origin|referer|date|dnt|forwarded|x-forwarded-.*|x-real-ip|x-http-method(?:-override)?|x-method-override|x-stainless-.*|openai-.*)$/i;

/** The host's extra headers for its own proxy: a few well-formed names, none the page must not set. */
const hostHeaders: Check = (v) => {
  if (!isObject(v)) return 'must be an object of header names to strings';
  const entries = Object.entries(v);
  if (entries.length > MAX_HEADERS) return `may hold at most ${MAX_HEADERS} headers`;
  for (const [name, value] of entries) {
    if (!HEADER_NAME.test(name)) return 'has a name that is not a header name';
    if (FORBIDDEN_HEADER.test(name)) return 'names a header a host may not set (cookies, host, hop-by-hop, authorization, content, origin, the SDK\'s own)';
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) return 'values must be strings of visible ASCII, at most 4096 characters';
  }
  return null;
};

const locale: Check = (v) => (isLocaleTag(v) ? null : 'must be a language tag like "en" or "zh-CN"');

const apiKey: Check = (v) => (typeof v === 'string' && v.length <= 512 && !/\s/.test(v) ? null : 'must be a string without spaces, at most 512 characters');

const plainOptions: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  try {
    return JSON.stringify(v).length <= MAX_OPTIONS_JSON ? null : 'is too large';
  } catch {
    return 'must be plain JSON data';
  }
};

const imageInput: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  const name = opt(str(255))(v.name);
  if (name) return `name ${name}`;
  switch (v.kind) {
    case 'bytes':
      if (!isArrayBuffer(v.bytes)) return 'bytes must be an ArrayBuffer';
      if (v.bytes.byteLength === 0 || v.bytes.byteLength > IMAGE_LIMITS.maxFileBytes) return 'bytes must hold 1 byte to 50 MB';
      return opt(str(100))(v.type);
    case 'blob':
      if (!isBlob(v.blob)) return 'blob must be a Blob';
      return v.blob.size > 0 && v.blob.size <= IMAGE_LIMITS.maxFileBytes ? null : 'blob must hold 1 byte to 50 MB';
    case 'url':
      return httpUrl(v.url) ? `url ${httpUrl(v.url)}` : null;
    default:
      return 'kind must be bytes, blob or url';
  }
};

const encodedImage: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  if (!isArrayBuffer(v.bytes)) return 'bytes must be an ArrayBuffer';
  return str(100)(v.type) ?? nonNegInt(v.width) ?? nonNegInt(v.height);
};

const metadata: Check = (v) => {
  if (!isObject(v)) return 'must be an object';
  return str(255)(v.name) ?? nonNegInt(v.width) ?? nonNegInt(v.height) ?? oneOf('original', 'edit')(v.source);
};

const hostFields: Record<HostMessage['type'], Record<string, Check>> = {
  hello: { role: oneOf('host') },
  connect: {},
  open: {
    image: imageInput, mask: opt(imageInput), prompt: opt(str(MAX_PROMPT)), options: opt(plainOptions),
    locale: opt(locale), theme: opt(oneOf('light', 'dark', 'auto')),
  },
  configure: {
    locale: opt(locale), theme: opt(oneOf('light', 'dark', 'auto')), baseURL: opt((v) => (v === '' ? null : secureUrl(v))),
    apiKey: opt(apiKey), headers: opt(hostHeaders),
  },
  close: {},
  command: { action: str(64, 1) },
};

const editorFields: Record<EditorMessage['type'], Record<string, Check>> = {
  hello: { role: oneOf('editor') },
  ready: { actions: (v) => (Array.isArray(v) && v.every((a) => typeof a === 'string') ? null : 'must be a list of strings') },
  ack: { re: str(64, 1), pending: opt(oneOf('user')) },
  error: { code: str(64, 1), message: str(2000) },
  changed: { dirty: (v) => (typeof v === 'boolean' ? null : 'must be true or false') },
  result: { image: encodedImage, mask: (v) => (v === null ? null : encodedImage(v)), prompt: str(MAX_PROMPT), metadata },
  cancelled: {},
};

/** True when `data` claims to be one of our messages; anything else is someone else's and is ignored silently. */
export function isOurs(data: unknown): data is { ns: typeof NS } {
  return isObject(data) && data.ns === NS;
}

function parse<M extends { type: string }>(data: unknown, table: Record<string, Record<string, Check>>): Parsed<M> | null {
  if (!isObject(data) || data.ns !== NS) return null;
  const id = typeof data.id === 'string' && data.id.length >= 1 && data.id.length <= 64 ? data.id : undefined;
  const fail = (code: 'invalid-message' | 'unsupported-version', reason: string): Parsed<M> => ({ ok: false, code, reason, id });
  if (data.v !== PROTOCOL_VERSION) return fail('unsupported-version', `protocol version must be ${PROTOCOL_VERSION}`);
  if (!id) return fail('invalid-message', 'id must be a string of 1–64 characters');
  const fields = typeof data.type === 'string' && Object.hasOwn(table, data.type) ? table[data.type]! : null;
  if (!fields) return fail('invalid-message', 'unknown message type');
  const re = opt(str(64, 1))(data.re);
  if (re) return fail('invalid-message', `re ${re}`);
  // Copy only the known fields: nothing unexpected rides along into the app.
  const msg: Record<string, unknown> = { ns: NS, v: PROTOCOL_VERSION, type: data.type, id };
  if (data.re !== undefined) msg.re = data.re;
  for (const [key, check] of Object.entries(fields)) {
    const why = check(data[key]);
    if (why) return fail('invalid-message', `${data.type}.${key} ${why}`);
    if (data[key] !== undefined) msg[key] = data[key];
  }
  return { ok: true, msg: msg as unknown as M };
}

/** Validates a message the editor received. Null: not ours at all (ignore it silently). */
export function parseHostMessage(data: unknown): Parsed<HostMessage> | null {
  return parse<HostMessage>(data, hostFields);
}

/** Validates a message the host received. Null: not ours at all. */
export function parseEditorMessage(data: unknown): Parsed<EditorMessage> | null {
  return parse<EditorMessage>(data, editorFields);
}
