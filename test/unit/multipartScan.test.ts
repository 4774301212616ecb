import { describe, expect, test } from 'vitest';
import { multipartBoundary, MultipartScan } from '../../src/server/proxy/multipart.ts';

const CRLF = '\r\n';
const B = '----b';
function multipart(parts: [string, string, string?][], disposition = (name: string) => `form-data; name="${name}"`): Buffer {
  const out: Buffer[] = [];
  for (const [name, value, type] of parts) {
    const head = `--${B}${CRLF}Content-Disposition: ${disposition(name)}${type ? `; filename="${name}.png"${CRLF}Content-Type: ${type}` : ''}${CRLF}${CRLF}`;
    out.push(Buffer.from(head, 'latin1'), Buffer.from(value, 'latin1'), Buffer.from(CRLF, 'latin1'));
  }
  out.push(Buffer.from(`--${B}--${CRLF}`, 'latin1'));
  return Buffer.concat(out);
}

/** Feeds the body in chunks of `size`; stops, like the proxy, at the first refused chunk. */
function scan(body: Buffer, size: number): { s: MultipartScan; sent: number } {
  const s = new MultipartScan(B, ['model', 'size', 'quality', 'n'], 'safety_identifier');
  let sent = 0;
  for (let i = 0; i < body.length; i += size) {
    s.feed(body.subarray(i, i + size));
    if (s.refused) break;
    sent = Math.min(body.length, i + size);
  }
  return { s, sent };
}

const SIZES = [1, 7, 64, 300, 4096, Infinity];

describe('MultipartScan', () => {
  const png = `\x89PNG${CRLF}\x1a\n\0\0\0\rIHDR` + 'x'.repeat(2000);
  const body = multipart([
    ['prompt', 'a secret prompt'],
    ['model', 'gpt-image-1.5'],
    ['image[]', png, 'image/png'],
    ['image[]', png, 'image/png'],
    ['mask', png, 'image/png'],
    ['size', '1024x1536'],
    ['quality', 'low'],
  ]);

  test.each(SIZES)('finds the fields, not a later part, in chunks of %i bytes', (size) => {
    const { s } = scan(body, size);
    expect(Object.fromEntries(s.values)).toEqual({ model: 'gpt-image-1.5', size: '1024x1536', quality: 'low' });
    expect(Object.fromEntries(s.files)).toEqual({ 'image[]': 2, mask: 1 });
    expect(s.refused).toBeNull();
  });

  test('finds nothing when the field is absent', () => {
    const { s } = scan(multipart([['image', png, 'image/png'], ['prompt', 'p']]), 64);
    expect(s.values.get('model')).toBeUndefined();
  });

  test.each(SIZES)('refuses a safety_identifier part before the body ends, in chunks of %i bytes', (size) => {
    const spoofed = multipart([['model', 'gpt-image-1.5'], ['image', png, 'image/png'], ['safety_identifier', 'someone-else'], ['prompt', 'p']]);
    const { s, sent } = scan(spoofed, size);
    expect(s.refused).toContain('safety_identifier');
    // What went on before the refusal stops short of the spoofed value: upstream never gets it.
    expect(spoofed.subarray(0, sent).includes('someone-else')).toBe(false);
  });

  test.each([
    (n: string) => `form-data; name=${n}`,
    (n: string) => `form-data; name="${n.toUpperCase()}"`,
    (n: string) => `form-data; name*=utf-8''${encodeURIComponent(n).replace('_', '%5F')}`,
  ])('refuses the part however its name is written (%#)', (disposition) => {
    const { s } = scan(multipart([['safety_identifier', 'x']], disposition), 5);
    expect(s.refused).not.toBeNull();
  });

  test('reads the boundary of a multipart Content-Type only', () => {
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/form-data; boundary=----x1')).toBe('----x1');
    expect(multipartBoundary('application/json; boundary=x')).toBeNull();
  });
});
