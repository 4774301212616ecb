/**
 * A small multipart/form-data parser (RFC 7578). Written here rather than borrowed so the fake
 * sees every part as sent: its name, whether it had a filename, its own Content-Type, in order.
 */

export interface Part {
  name: string;
  /** Present when the part was a file (it had a `filename` parameter). */
  filename?: string;
  /** The part's own Content-Type header, lower-cased, without parameters; '' when absent. */
  contentType: string;
  data: Buffer;
}

export function boundaryOf(contentType: string): string | null {
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

/** Decodes a header parameter value: quoted-string with backslash escapes, or RFC 5987 `*=`. */
function param(header: string, key: string): string | undefined {
  const ext = new RegExp(`;\\s*${key}\\*=([^']*)'[^']*'([^;]*)`, 'i').exec(header);
  if (ext) return decodeURIComponent(ext[2]!.trim());
  const m = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
  if (!m) return undefined;
  const raw = m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!.trim();
  // Fetch implementations percent-encode CR, LF and quotes in filenames.
  return raw.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%22/g, '"');
}

/** Parses the body; throws on a structurally broken body (the caller answers 400). */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delim = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let pos = body.indexOf(delim);
  if (pos < 0) throw new Error('multipart boundary not found');
  for (;;) {
    pos += delim.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) pos += 2;
    const headEnd = body.indexOf('\r\n\r\n', pos);
    if (headEnd < 0) throw new Error('multipart part headers not terminated');
    const headers = body.subarray(pos, headEnd).toString('utf8').split('\r\n');
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delim]), headEnd + 4);
    if (next < 0) throw new Error('multipart body truncated');
    let disposition = '';
    let contentType = '';
    for (const h of headers) {
      const i = h.indexOf(':');
      const key = h.slice(0, i).trim().toLowerCase();
      const value = h.slice(i + 1).trim();
      if (key === 'content-disposition') disposition = value;
      else if (key === 'content-type') contentType = value.split(';')[0]!.trim().toLowerCase();
    }
    const name = param(disposition, 'name');
    if (name === undefined) throw new Error('multipart part without a name');
    const filename = param(disposition, 'filename');
    parts.push({ name, ...(filename !== undefined ? { filename } : {}), contentType, data: body.subarray(headEnd + 4, next) });
    pos = next + 2;
  }
  return parts;
}
