/**
 * Reads a multipart/form-data body as it streams past, without holding it: the names of its
 * parts, and the values of a few short text fields (model, size, quality, n…). It keeps at most
 * one part's header block and a boundary's length of bytes between chunks.
 *
 * It exists for two reasons: the proxy must find the request's model and options (to price it)
 * without buffering images, and it must see a part the browser may not send (the server's own
 * `safety_identifier`) before the chunk holding it goes upstream.
 */

/** Longest header block of one part (a real one is under 200 bytes). */
const HEAD_CAP = 8 * 1024;
/** Longest field value kept (longer ones, a prompt, are not needed). */
const VALUE_CAP = 128;
const EMPTY = Buffer.alloc(0);
const CRLFCRLF = Buffer.from('\r\n\r\n');

/** The boundary of a multipart/form-data Content-Type, or null when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!/^multipart\/form-data/i.test(contentType ?? '')) return null;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  return m?.[1] ?? m?.[2] ?? null;
}

/** Every `name` a Content-Disposition gives (quoted, bare or RFC 5987 `name*=`), lower-cased. */
function partNames(head: string): { names: string[]; file: boolean } {
  const names: string[] = [];
  let file = false;
  for (const line of head.split('\r\n')) {
    if (!/^\s*content-disposition\s*:/i.test(line)) continue;
    for (const m of line.matchAll(/(?:^|[;\s:])name\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/gi)) {
      names.push((m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!).trim().toLowerCase());
    }
    for (const m of line.matchAll(/(?:^|[;\s])name\*\s*=\s*[^']*'[^']*'([^;\s]*)/gi)) {
      try { names.push(decodeURIComponent(m[1]!).trim().toLowerCase()); } catch { names.push(m[1]!.toLowerCase()); }
    }
    if (/(?:^|[;\s])filename\*?\s*=/i.test(line)) file = true;
  }
  return { names, file };
}

export class MultipartScan {
  /** The first value of each wanted text field (lower-cased name), when 128 bytes or shorter. */
  readonly values = new Map<string, string>();
  /** How many file parts each name had (`image[]` counts under `image[]`). */
  readonly files = new Map<string, number>();
  /** Why the body must not go upstream (a forbidden part, a broken header block); null while fine. */
  refused: string | null = null;
  private readonly delim: Buffer;
  private state: 'body' | 'head' | 'end' = 'body';
  /** In `body`: bytes that may begin a delimiter; in `head`: the header block so far. */
  private carry: Buffer;
  private capture: { name: string; parts: Buffer[]; size: number } | null = null;

  /**
   * @param wanted names of the text fields whose values to keep
   * @param forbidden a part name that refuses the body (compared lower-cased)
   */
  constructor(boundary: string, private readonly wanted: readonly string[], private readonly forbidden: string) {
    this.delim = Buffer.from(`\r\n--${boundary}`);
    // The first delimiter has no CRLF before it: pretend it had.
    this.carry = Buffer.from('\r\n');
  }

  /** Reads the next chunk of the body. Check `refused` before sending the chunk on. */
  feed(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length && this.state !== 'end' && this.refused === null) {
      pos = this.state === 'head' ? this.head(chunk, pos) : this.body(chunk, pos);
    }
  }

  /** Part data until the next delimiter; returns where reading stopped. */
  private body(chunk: Buffer, pos: number): number {
    const d = this.delim.length;
    if (this.carry.length) {
      // A delimiter that begins in the carried bytes ends within d - 1 bytes of this chunk.
      const windowEnd = Math.min(chunk.length, pos + d - 1);
      const joined = Buffer.concat([this.carry, chunk.subarray(pos, windowEnd)]);
      const j = joined.indexOf(this.delim);
      if (j >= 0) {
        this.take(joined.subarray(0, j));
        const next = pos + j + d - this.carry.length;
        this.carry = EMPTY;
        this.enterHead();
        return next;
      }
      if (windowEnd === chunk.length) {
        // The chunk ended inside the window: carry its last d - 1 bytes on.
        const keep = Math.max(0, joined.length - (d - 1));
        this.take(joined.subarray(0, keep));
        this.carry = Buffer.from(joined.subarray(keep));
        return chunk.length;
      }
      this.take(this.carry);
      this.carry = EMPTY;
    }
    const j = chunk.indexOf(this.delim, pos);
    if (j >= 0) {
      this.take(chunk.subarray(pos, j));
      this.enterHead();
      return j + d;
    }
    const keep = Math.max(pos, chunk.length - (d - 1));
    this.take(chunk.subarray(pos, keep));
    this.carry = Buffer.from(chunk.subarray(keep));
    return chunk.length;
  }

  /** A part's header block (or the closing `--`); returns where reading stopped. */
  private head(chunk: Buffer, pos: number): number {
    const had = this.carry.length;
    const piece = chunk.subarray(pos, pos + HEAD_CAP - had);
    const h = had ? Buffer.concat([this.carry, piece]) : piece;
    if (h.length >= 2 && h[0] === 0x2d && h[1] === 0x2d) {
      this.state = 'end';
      return chunk.length;
    }
    const i = h.indexOf(CRLFCRLF);
    if (i < 0) {
      if (h.length >= HEAD_CAP) this.refused = 'a multipart part has an overlong header block';
      else this.carry = Buffer.from(h);
      return chunk.length;
    }
    this.carry = EMPTY;
    this.state = 'body';
    const { names, file } = partNames(h.toString('latin1', 0, i));
    if (names.includes(this.forbidden)) this.refused = `the body has its own ${this.forbidden} part`;
    const name = names[0] ?? '';
    if (file) this.files.set(name, (this.files.get(name) ?? 0) + 1);
    else if (this.wanted.includes(name) && !this.values.has(name)) this.capture = { name, parts: [], size: 0 };
    return pos + i + 4 - had;
  }

  /** Bytes of the current part's value; copied (never a view that would keep a chunk alive). */
  private take(bytes: Buffer): void {
    const c = this.capture;
    if (!c || c.size > VALUE_CAP || !bytes.length) return;
    const part = Buffer.from(bytes.subarray(0, VALUE_CAP + 1 - c.size));
    c.parts.push(part);
    c.size += part.length;
  }

  private enterHead(): void {
    const c = this.capture;
    if (c && c.size <= VALUE_CAP) this.values.set(c.name, Buffer.concat(c.parts).toString('utf8'));
    this.capture = null;
    this.state = 'head';
  }
}
