import { describe, expect, it } from 'vitest';
import {
  NS, PROTOCOL_VERSION, envelope, isOurs, parseEditorMessage, parseHostMessage,
  type OpenMsg, type ResultMsg,
} from '../../src/core/embed/protocol.ts';
import { helloTargets, isExactOrigin, isOriginAllowed, parseAllowedOrigins } from '../../src/core/embed/origins.ts';

const msg = (type: string, extra: Record<string, unknown> = {}) => ({ ns: NS, v: PROTOCOL_VERSION, type, id: 'h1', ...extra });
const bytes = (n = 8) => new ArrayBuffer(n);

describe('host messages', () => {
  it('accepts an open with bytes, a Blob mask and every option, and keeps only known fields', () => {
    const data = msg('open', {
      image: { kind: 'bytes', bytes: bytes(), type: 'image/png', name: 'a.png' },
      mask: { kind: 'blob', blob: new Blob(['x']) },
      prompt: 'a red door', options: { quality: 'high' }, locale: 'zh-CN', theme: 'dark',
      sneaky: 'dropped',
    });
    const p = parseHostMessage(data);
    expect(p?.ok).toBe(true);
    if (!p?.ok) return;
    const open = p.msg as OpenMsg;
    expect(open.type).toBe('open');
    expect(open.image.kind).toBe('bytes');
    expect(open.prompt).toBe('a red door');
    expect(open.locale).toBe('zh-CN');
    expect('sneaky' in open).toBe(false);
  });

  it('accepts an image by http(s) URL only', () => {
    expect(parseHostMessage(msg('open', { image: { kind: 'url', url: 'https://cms.example/m/1.jpg' } }))?.ok).toBe(true);
    for (const url of ['javascript:alert(1)', 'data:image/png;base64,AAAA', '/relative.png', 'https://user:pw@x.example/a.png', 'file:///etc/passwd']) {
      const p = parseHostMessage(msg('open', { image: { kind: 'url', url } }));
      expect(p?.ok, url).toBe(false);
    }
  });

  it('refuses empty or oversized bytes, base64 strings, unknown kinds and bad types', () => {
    const cases: Record<string, unknown>[] = [
      { image: { kind: 'bytes', bytes: bytes(0) } },
      { image: { kind: 'bytes', bytes: 'iVBORw0KGgo=' } },
      { image: { kind: 'bytes', bytes: new Uint8Array(4) } },
      { image: { kind: 'file', bytes: bytes() } },
      { image: { kind: 'bytes', bytes: bytes() }, prompt: 42 },
      { image: { kind: 'bytes', bytes: bytes() }, prompt: 'x'.repeat(32_001) },
      { image: { kind: 'bytes', bytes: bytes() }, theme: 'sepia' },
      { image: { kind: 'bytes', bytes: bytes() }, locale: 'en_US; drop' },
      { image: { kind: 'bytes', bytes: bytes() }, options: [1, 2] },
      {},
    ];
    for (const extra of cases) {
      const p = parseHostMessage(msg('open', extra));
      expect(p, JSON.stringify(extra)).toMatchObject({ ok: false, code: 'invalid-message', id: 'h1' });
    }
  });

  it('ignores what is not ours, and says why ours is wrong', () => {
    expect(parseHostMessage('hello')).toBeNull();
    expect(parseHostMessage({ type: 'open', id: '1' })).toBeNull();
    expect(parseHostMessage({ ns: 'penpal', type: 'SYN' })).toBeNull();
    expect(isOurs(msg('close'))).toBe(true);
    expect(parseHostMessage({ ...msg('close'), v: 2 })).toMatchObject({ ok: false, code: 'unsupported-version' });
    expect(parseHostMessage({ ...msg('close'), id: '' })).toMatchObject({ ok: false, code: 'invalid-message', id: undefined });
    expect(parseHostMessage(msg('explode'))).toMatchObject({ ok: false, reason: 'unknown message type' });
    expect(parseHostMessage(msg('toString'))).toMatchObject({ ok: false, reason: 'unknown message type' });
    expect(parseHostMessage(msg('result'))).toMatchObject({ ok: false }); // an editor message sent the wrong way
    expect(parseHostMessage(msg('hello', { role: 'editor' }))).toMatchObject({ ok: false });
    expect(parseHostMessage(msg('command', { action: '' }))).toMatchObject({ ok: false });
  });

  it('validates configure and never quotes a value it refuses', () => {
    const key = 'sk-proj-SECRET with spaces';
    const p = parseHostMessage(msg('configure', { apiKey: key }));
    expect(p?.ok).toBe(false);
    expect(JSON.stringify(p)).not.toContain('SECRET');
    const badUrl = parseHostMessage(msg('configure', { baseURL: 'ftp://sk-SECRET@proxy' }));
    expect(badUrl?.ok).toBe(false);
    expect(JSON.stringify(badUrl)).not.toContain('SECRET');
    expect(parseHostMessage(msg('configure', { baseURL: 'https://proxy.example/v1', apiKey: 'sk-short-lived', theme: 'auto' }))?.ok).toBe(true);
    expect(parseHostMessage(msg('configure', { baseURL: '', apiKey: '' }))?.ok).toBe(true); // clears
  });

  it('takes https base URLs only, plain http only on loopback', () => {
    for (const url of ['http://proxy.example/v1', 'http://192.168.1.5/v1', 'http://10.0.0.1:8080/v1', 'http://127.0.0.1.evil.example/v1'])
      expect(parseHostMessage(msg('configure', { baseURL: url }))?.ok, url).toBe(false);
    for (const url of ['https://proxy.example/v1', 'http://127.0.0.1:9/v1', 'http://localhost:8080/v1', 'http://[::1]:5/v1', 'http://127.5.0.1/v1'])
      expect(parseHostMessage(msg('configure', { baseURL: url }))?.ok, url).toBe(true);
  });

  it('takes a path on the editor\'s own origin as a base URL, on any scheme, but no protocol-relative or odd path', () => {
    for (const url of ['/wp-json/inpaint-editor/v1/openai', '/index.php?rest_route=/inpaint-editor/v1/openai'])
      expect(parseHostMessage(msg('configure', { baseURL: url }))?.ok, url).toBe(true);
    for (const url of ['//evil.example/v1', '/\\evil.example/v1', 'relative/v1', '/a b', '/\\/x'])
      expect(parseHostMessage(msg('configure', { baseURL: url }))?.ok, url).toBe(false);
  });

  it('takes the host\'s own headers for its proxy, refusing the ones a page must not set, and quotes none', () => {
    const ok = parseHostMessage(msg('configure', { baseURL: 'https://cms.example/wp-json/inpaint-editor/v1/openai', headers: { 'X-WP-Nonce': 'abc123SECRET' } }));
    expect(ok).toMatchObject({ ok: true, msg: { headers: { 'X-WP-Nonce': 'abc123SECRET' } } });
    expect(parseHostMessage(msg('configure', { headers: {} }))?.ok).toBe(true); // clears
    const refused = ['Cookie', 'host', 'Connection', 'keep-alive', 'Transfer-Encoding', 'Upgrade', 'TE', 'Trailer', 'Proxy-Authorization',
      'authorization', 'content-length', 'content-type', 'origin', 'referer', 'sec-fetch-site', 'x-stainless-lang', 'openai-organization', 'bad name', ''];
    for (const name of refused) {
      const p = parseHostMessage(msg('configure', { headers: { [name]: 'v-SECRET' } }));
      expect(p?.ok, name).toBe(false);
      expect(JSON.stringify(p)).not.toContain('SECRET');
    }
    for (const value of ['a\r\nx-evil: 1', 'a\nb', 'x'.repeat(4097), 7, null])
      expect(parseHostMessage(msg('configure', { headers: { 'x-wp-nonce': value } }))?.ok).toBe(false);
    expect(parseHostMessage(msg('configure', { headers: ['x-wp-nonce'] }))?.ok).toBe(false);
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-h${i}`, 'v']));
    expect(parseHostMessage(msg('configure', { headers: many }))?.ok).toBe(false);
  });
});

describe('editor messages', () => {
  it('accepts a result with transferable bytes and refuses one without', () => {
    const result = envelope<ResultMsg>({
      type: 'result', image: { bytes: bytes(), type: 'image/png', width: 4, height: 2 },
      mask: { bytes: bytes(), type: 'image/png', width: 4, height: 2 }, prompt: '',
      metadata: { name: 'a.png', width: 4, height: 2, source: 'original' },
    }, 'e3');
    expect(result).toMatchObject({ ns: NS, v: PROTOCOL_VERSION, id: 'e3', type: 'result' });
    expect(parseEditorMessage(result)?.ok).toBe(true);
    expect(parseEditorMessage({ ...result, mask: null })?.ok).toBe(true);
    expect(parseEditorMessage({ ...result, image: { ...result.image, bytes: 'AAAA' } })?.ok).toBe(false);
    expect(parseEditorMessage({ ...result, metadata: { ...result.metadata, source: 'magic' } })?.ok).toBe(false);
  });

  it('checks replies and events', () => {
    expect(parseEditorMessage(msg('ack', { re: 'h1' }))?.ok).toBe(true);
    expect(parseEditorMessage(msg('ack'))?.ok).toBe(false);
    expect(parseEditorMessage(msg('changed', { dirty: 'yes' }))?.ok).toBe(false);
    expect(parseEditorMessage(msg('changed', { dirty: true }))?.ok).toBe(true);
    expect(parseEditorMessage(msg('error', { code: 'load-failed', message: 'x', re: 'h1' }))).toMatchObject({ ok: true, msg: { re: 'h1' } });
    expect(parseEditorMessage(msg('ready', { actions: ['embedSave'] }))?.ok).toBe(true);
    expect(parseEditorMessage(msg('open', { image: { kind: 'url', url: 'https://x.example/a.png' } }))?.ok).toBe(false);
  });
});

describe('origin allowlist', () => {
  it('takes exact origins and sets aside everything else', () => {
    const p = parseAllowedOrigins(['https://cms.example.com', 'http://localhost:4174', 'https://cms.example.com/', 'https://*.example.com', 'cms.example.com', 'null', 42]);
    expect([...p.origins]).toEqual(['https://cms.example.com', 'http://localhost:4174']);
    expect(p.any).toBe(false);
    expect(p.rejected).toEqual(['https://cms.example.com/', 'https://*.example.com', 'cms.example.com', 'null', '42']);
    expect(isOriginAllowed(p, 'https://cms.example.com')).toBe(true);
    expect(isOriginAllowed(p, 'https://cms.example.com:443')).toBe(false);
    expect(isOriginAllowed(p, 'http://cms.example.com')).toBe(false);
    expect(isOriginAllowed(p, 'https://evil.example.com')).toBe(false);
    expect(isOriginAllowed(p, 'null')).toBe(false);
  });

  it('allows any origin only when "*" is written, and never the opaque origin', () => {
    expect(isOriginAllowed(parseAllowedOrigins([]), 'https://a.example')).toBe(false);
    expect(isOriginAllowed(parseAllowedOrigins(undefined), 'https://a.example')).toBe(false);
    const any = parseAllowedOrigins(['*']);
    expect(isOriginAllowed(any, 'https://a.example')).toBe(true);
    expect(isOriginAllowed(any, 'null')).toBe(false);
    expect(isExactOrigin('https://a.example:8443')).toBe(true);
    expect(isExactOrigin('https://a.example:443')).toBe(false); // browsers write it without :443
  });

  it('sends the hello only where it can be accepted', () => {
    const p = parseAllowedOrigins(['https://a.example', 'https://b.example']);
    expect(helloTargets(p, 'https://b.example')).toEqual(['https://b.example']);
    expect(helloTargets(p, 'https://evil.example')).toEqual([]);
    expect(helloTargets(p)).toEqual(['https://a.example', 'https://b.example']);
    expect(helloTargets(parseAllowedOrigins(['*']))).toEqual(['*']);
    expect(helloTargets(parseAllowedOrigins(['*']), 'null')).toEqual([]);
  });
});
