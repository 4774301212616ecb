/**
 * The Files API (`POST /v1/files`, `GET/DELETE /v1/files/:id`, `GET /v1/files/:id/content`,
 * `GET /v1/files`) and the images the fake serves by URL (dall-e `response_format=url`).
 * Uploaded files can be referenced by `file_id` in edits and Responses input.
 */
import { randomBytes } from 'node:crypto';
import { invalid, invalidType, invalidValue, missingParameter, unknownParameter } from './errors.ts';
import type { RefResolver, StoredBlob } from './inputs.ts';
import type { Part } from './multipart.ts';
import { json, type Reply } from './reply.ts';
import { MAX_STORED, capMap } from './storeLimits.ts';

export const FILE_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;
const VISION_MIMES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

interface StoredFile extends StoredBlob {
  id: string;
  purpose: string;
  createdAt: number;
  expiresAt: number | null;
}

const fileObject = (f: StoredFile) => ({
  object: 'file', id: f.id, purpose: f.purpose, filename: f.filename, bytes: f.data.length,
  created_at: f.createdAt, expires_at: f.expiresAt, status: 'processed', status_details: null,
});

const noSuchFile = (id: string) =>
  invalid(`No such File object: ${id}`, 'id', null, 404);

export class FileStore implements RefResolver {
  private readonly files = new Map<string, StoredFile>();
  private readonly hosted = new Map<string, StoredBlob>();

  constructor(private readonly origin: () => string) {}

  file(id: string): StoredBlob | undefined {
    return this.files.get(id);
  }

  url(url: string): StoredBlob | undefined {
    const prefix = `${this.origin()}/__files/`;
    return url.startsWith(prefix) ? this.hosted.get(url.slice(prefix.length)) : undefined;
  }

  /** Keeps bytes to serve at `/__files/<id>` and returns that URL. */
  host(data: Buffer, mime: string): string {
    const id = `img-${randomBytes(12).toString('hex')}.${mime.split('/')[1]}`;
    this.hosted.set(id, { data, mime, filename: id });
    capMap(this.hosted, MAX_STORED);
    return `${this.origin()}/__files/${id}`;
  }

  hostedFile(id: string): StoredBlob | undefined {
    return this.hosted.get(id);
  }

  reset(): void {
    this.files.clear();
    this.hosted.clear();
  }

  /** Routes `/v1/files…` requests. */
  handle(method: string, rest: string, parts: Part[] | undefined, now: number): Reply | null {
    if (rest === '' && method === 'POST') return this.upload(parts, now);
    if (rest === '' && method === 'GET') {
      const data = [...this.files.values()].map(fileObject).toReversed();
      return json({ object: 'list', data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    }
    const m = /^\/([^/]+)(\/content)?$/.exec(rest);
    if (!m) return null;
    const f = this.files.get(m[1]!);
    if (m[2]) {
      if (method !== 'GET') return null;
      if (!f) throw noSuchFile(m[1]!);
      return { kind: 'raw', status: 200, body: f.data, contentType: 'application/octet-stream' };
    }
    if (method === 'GET') {
      if (!f) throw noSuchFile(m[1]!);
      return json(fileObject(f));
    }
    if (method === 'DELETE') {
      if (!f) throw noSuchFile(m[1]!);
      this.files.delete(f.id);
      return json({ object: 'file', id: f.id, deleted: true });
    }
    return null;
  }

  private upload(parts: Part[] | undefined, now: number): Reply {
    if (!parts) {
      throw invalid('Invalid Content-Type header, expected multipart/form-data. (fake)', null, null);
    }
    const allowed = ['file', 'purpose', 'expires_after[anchor]', 'expires_after[seconds]'];
    for (const p of parts) if (!allowed.includes(p.name)) throw unknownParameter(p.name);
    const file = parts.find((p) => p.name === 'file');
    const purposePart = parts.find((p) => p.name === 'purpose');
    if (!file) throw missingParameter('file');
    if (file.filename === undefined) throw invalidType('file', 'a file', 'a string');
    if (!purposePart) throw missingParameter('purpose');
    const purpose = purposePart.data.toString('utf8');
    if (!(FILE_PURPOSES as readonly string[]).includes(purpose)) throw invalidValue('purpose', purpose, FILE_PURPOSES);
    const mime = file.contentType || 'application/octet-stream';
    if (purpose === 'vision' && !VISION_MIMES.includes(mime)) {
      throw invalid(`Invalid file format for purpose 'vision': '${mime}'. Supported formats are 'image/png', 'image/jpeg', 'image/webp', and 'image/gif'. (fake)`, 'file', 'invalid_file_format');
    }
    const seconds = parts.find((p) => p.name === 'expires_after[seconds]');
    const id = `file-${randomBytes(11).toString('hex')}`;
    const stored: StoredFile = {
      id, purpose, filename: file.filename, data: file.data, mime, createdAt: now,
      expiresAt: seconds ? now + Number(seconds.data.toString('utf8')) : null,
    };
    this.files.set(id, stored);
    return json(fileObject(stored));
  }
}
