import { describe, expect, test } from 'vitest';
import { FieldSniffer } from '../../src/server/proxy/usage.ts';

const CRLF = '\r\n';
function multipart(parts: [string, string, string?][]): Buffer {
  const b = '----b';
  const out: Buffer[] = [];
  for (const [name, value, type] of parts) {
    const head = `--${b}${CRLF}Content-Disposition: form-data; name="${name}"${type ? `; filename="${name}.png"${CRLF}Content-Type: ${type}` : ''}${CRLF}${CRLF}`;
    out.push(Buffer.from(head, 'latin1'), Buffer.from(value, 'latin1'), Buffer.from(CRLF, 'latin1'));
  }
  out.push(Buffer.from(`--${b}--${CRLF}`, 'latin1'));
  return Buffer.concat(out);
}

describe('FieldSniffer', () => {
  const png = `\x89PNG${CRLF}\x1a\n\0\0\0\rIHDR` + 'x'.repeat(2000);
  const body = multipart([
    ['prompt', 'a secret prompt'],
    ['model', 'gpt-image-1.5'],
    ['image', png, 'image/png'],
    ['mask', png, 'image/png'],
  ]);

  test.each([1, 7, 64, 300, 4096, body.length])('finds the model, not a later part, in chunks of %i bytes', (size) => {
    const s = new FieldSniffer('model');
    for (let i = 0; i < body.length; i += size) s.feed(body.subarray(i, i + size));
    expect(s.value).toBe('gpt-image-1.5');
  });

  test('finds nothing when the field is absent', () => {
    const s = new FieldSniffer('model');
    s.feed(multipart([['image', png, 'image/png'], ['prompt', 'p']]));
    expect(s.value).toBeNull();
  });
});
