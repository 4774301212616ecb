/**
 * The request log: what each request carried, so tests can prove what a client sent. The API
 * key is never kept: only whether it was there, its SHA-256, and whether it matched the expected
 * key. Images (multipart files and data URLs in JSON) are described and can be decoded on demand.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { decodeRgba, imageInfo, type ImageFormat, type PngHeader } from './imageCodec.ts';
import type { RefResolver } from './inputs.ts';
import type { Part } from './multipart.ts';
import { alphaOf } from './render.ts';

export interface RecordedAuth {
  present: boolean;
  scheme: string | null;
  /** SHA-256 (hex) of the bearer token, so a test can prove which key was sent. */
  keySha256: string | null;
  /** Compared with the `expectedKey` option/mode; null when none is set. */
  matchesExpected: boolean | null;
}

export interface RecordedFile {
  /** Multipart field name, or the JSON path of a data URL / `file_id`. */
  field: string;
  filename?: string;
  fileId?: string;
  mimeType: string;
  size: number;
  format: ImageFormat | null;
  width?: number;
  height?: number;
  png?: PngHeader;
  /** The bytes, kept for the newest `keepFiles` requests (then dropped to save memory). */
  bytes?: Buffer;
  /** Decoded upright RGBA (PNG, JPEG), or null. */
  rgba(): Uint8Array | null;
  /** The alpha channel (W×H bytes), or null. */
  alpha(): Uint8Array | null;
}

export interface RecordedRequest {
  seq: number;
  requestId: string;
  time: number;
  method: string;
  path: string;
  /** Path as `/v1/...`, whichever base it came through. */
  apiPath: string;
  query: Record<string, string>;
  gateway: boolean;
  /** Lower-cased headers, without `authorization` and `cookie`. */
  headers: Record<string, string>;
  auth: RecordedAuth;
  contentType: string;
  bodyBytes: number;
  /** Multipart scalar fields (a repeated field gives an array). */
  fields?: Record<string, string | string[]>;
  /** JSON body, data URLs shortened to `data:<mime>;base64,…(N bytes)`. */
  json?: unknown;
  files: RecordedFile[];
  /** The scripted fault this request got, if any. */
  fault?: string;
  status?: number;
  /** answered | error | streamed | dropped | hung | aborted */
  outcome?: string;
  error?: { code: string | null; message: string };
}

export function authOf(headers: IncomingHttpHeaders, expectedKey: string | null): RecordedAuth & { key: string | null } {
  const raw = headers.authorization;
  if (!raw) return { present: false, scheme: null, keySha256: null, matchesExpected: expectedKey ? false : null, key: null };
  const [scheme = '', ...rest] = raw.split(' ');
  const key = rest.join(' ').trim();
  return {
    present: true, scheme, key,
    keySha256: sha256(key),
    matchesExpected: expectedKey ? key === expectedKey : null,
  };
}

/** SHA-256 (hex) of a string or bytes. */
export const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

export function publicHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (k === 'authorization' || k === 'cookie' || v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export function describeFile(field: string, mimeType: string, data: Buffer, extra: { filename?: string; fileId?: string } = {}): RecordedFile {
  const info = data.length ? imageInfo(data) : null;
  let cache: Uint8Array | null | undefined;
  const file: RecordedFile = {
    field, ...extra, mimeType, size: data.length, format: info?.format ?? null,
    ...(info ? { width: info.width, height: info.height } : {}),
    ...(info?.png ? { png: info.png } : {}),
    bytes: data,
    rgba() {
      if (cache === undefined) cache = file.bytes ? decodeRgba(file.bytes)?.data ?? null : null;
      return cache;
    },
    alpha() {
      const px = file.rgba();
      return px && file.width && file.height ? alphaOf({ width: file.width, height: file.height, data: px }) : null;
    },
  };
  return file;
}

/** Scalar fields and file descriptions of a multipart body. */
export function recordParts(parts: Part[]): { fields: Record<string, string | string[]>; files: RecordedFile[] } {
  const fields: Record<string, string | string[]> = {};
  const files: RecordedFile[] = [];
  for (const p of parts) {
    if (p.filename !== undefined) {
      files.push(describeFile(p.name, p.contentType || 'application/octet-stream', p.data, { filename: p.filename }));
      continue;
    }
    const v = p.data.toString('utf8');
    const prev = fields[p.name];
    fields[p.name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return { fields, files };
}

/** Copies a JSON body with data URLs shortened, collecting the images it carries. */
export function recordJson(body: unknown, resolver: RefResolver): { json: unknown; files: RecordedFile[] } {
  const files: RecordedFile[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      const m = /^data:([^;,]*);base64,/.exec(v);
      if (!m) return v;
      const data = Buffer.from(v.slice(m[0].length), 'base64');
      files.push(describeFile(path, m[1]!, data));
      return `${m[0]}…(${data.length} bytes)`;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, `${path}[${i}]`));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k === 'file_id' && typeof x === 'string') {
          const f = resolver.file(x);
          if (f) files.push(describeFile(at, f.mime, f.data, { filename: f.filename, fileId: x }));
        }
        out[k] = walk(x, at);
      }
      return out;
    }
    return v;
  };
  return { json: walk(body, ''), files };
}

/** The log entry as plain JSON (for `GET /__control/requests`): files without bytes, with URLs to fetch them. */
export function serialise(r: RecordedRequest, controlUrl: string): unknown {
  return {
    ...r,
    files: r.files.map((f, i) => {
      const { bytes, rgba: _r, alpha: _a, ...meta } = f;
      const at = `${controlUrl}/requests/${r.seq}/files/${i}`;
      return { ...meta, ...(bytes ? { url: at, rgbaUrl: `${at}/rgba`, alphaUrl: `${at}/alpha` } : {}) };
    }),
  };
}
