import { describe, expect, it, vi } from 'vitest';
import { readConfig } from '../../src/app/config.ts';
import { initialDisplay } from '../../src/app/display.ts';
import { MemoryEmbedConnection } from '../../src/app/embedConnection.ts';

const fetchOf = (res: Response | Error) => vi.fn(async () => { if (res instanceof Error) throw res; return res; }) as unknown as typeof fetch;

describe('runtime config', () => {
  it('reads config.json as it is deployed', async () => {
    const f = fetchOf(new Response(JSON.stringify({ embed: { allowed_origins: ['https://cms.example.com'] } })));
    expect(await readConfig(f, '/config.json')).toEqual({ embed: { allowed_origins: ['https://cms.example.com'] } });
    expect(f).toHaveBeenCalledWith('/config.json', expect.objectContaining({ cache: 'no-cache' }));
  });

  it('falls back to an empty config (embedding closed) when the file is missing or broken', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const res of [new Response('nope', { status: 404 }), new Response('{"embed":'), new Response('[1]'), new TypeError('Failed to fetch')]) {
      expect(await readConfig(fetchOf(res), '/config.json')).toEqual({});
    }
    expect(warn).toHaveBeenCalledTimes(4);
    warn.mockRestore();
  });
});

describe('display', () => {
  it('starts from the URL the host SDK built, else the browser, in a language the UI has', () => {
    expect(initialDisplay('?locale=zh-CN&theme=dark', ['en-US'])).toEqual({ locale: 'zh-CN', theme: 'dark' });
    expect(initialDisplay('', ['de-DE'])).toEqual({ locale: 'en', theme: 'auto' });
    expect(initialDisplay('?locale=<script>&theme=neon', ['fr'])).toEqual({ locale: 'en', theme: 'auto' });
  });
});

describe('embed connection', () => {
  it('keeps what the host configured, clears on empty strings and on close, and tells subscribers', () => {
    const c = new MemoryEmbedConnection();
    const seen: unknown[] = [];
    c.subscribe(() => seen.push(c.get()));
    c.update({ baseURL: 'https://proxy.example/v1', apiKey: 'sk-a' });
    c.update({ apiKey: 'sk-b' });
    expect(c.get()).toEqual({ baseURL: 'https://proxy.example/v1', apiKey: 'sk-b' });
    c.update({ baseURL: '' });
    expect(c.get()).toEqual({ baseURL: undefined, apiKey: 'sk-b' });
    c.update({ headers: { 'X-WP-Nonce': 'n1' } });
    expect(c.get()).toEqual({ baseURL: undefined, apiKey: 'sk-b', headers: { 'X-WP-Nonce': 'n1' } });
    c.update({ apiKey: 'sk-c' }); // headers stay until the host replaces or clears them
    expect(c.get().headers).toEqual({ 'X-WP-Nonce': 'n1' });
    c.update({ headers: {} });
    expect(c.get().headers).toBeUndefined();
    c.update({ headers: { 'X-WP-Nonce': 'n2' } });
    c.clear();
    expect(c.get()).toEqual({ baseURL: undefined, apiKey: undefined, headers: undefined });
    expect(seen).toHaveLength(8);
  });
});
