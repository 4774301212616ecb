import { afterEach, describe, expect, it, vi } from 'vitest';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectionSettings } from '../../src/app/connection.ts';
import { DEFAULT_SERVICE_CONFIG, serviceConfig } from '../../src/app/edit/serviceConfig.ts';
import { MemoryEmbedConnection } from '../../src/app/embedConnection.ts';
import { openaiProxyMiddleware } from '../../src/server/openaiProxy.ts';

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() { return this.m.size; }
  clear() { this.m.clear(); }
  getItem(k: string) { return this.m.get(k) ?? null; }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
  removeItem(k: string) { this.m.delete(k); }
  setItem(k: string, v: string) { this.m.set(k, v); }
  dump() { return [...this.m.values()].join('\n'); }
}

describe('service config', () => {
  it('takes what is well-formed from config.json and defaults the rest', () => {
    expect(serviceConfig(null)).toEqual(DEFAULT_SERVICE_CONFIG);
    expect(serviceConfig({ service: { base_url: 'http://gw/v1', api_key_env: 7 as never }, default: { model: 'dall-e-2' } })).toEqual({
      service: { base_url: 'http://gw/v1', api_key_env: 'OPENAI_API_KEY' },
      default: { model: 'dall-e-2', quality: 'auto', size: 'auto' },
    });
  });
});

describe('connection settings', () => {
  it('keeps the key in memory only, unless asked to remember it', () => {
    const storage = new MemoryStorage();
    const c = new ConnectionSettings('https://api.openai.com/v1', storage);
    expect(c.current()).toBeNull();
    c.save({ baseURL: 'http://127.0.0.1:9/v1/', apiKey: ' sk-secret ', remember: false });
    expect(c.current()).toEqual({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-secret', proxy: false });
    expect(storage.dump()).not.toContain('sk-secret');
    expect(new ConnectionSettings('x', storage).state).toMatchObject({ baseURL: 'http://127.0.0.1:9/v1', apiKey: '' });

    c.save({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'sk-secret', remember: true });
    expect(storage.dump()).toContain('sk-secret');
    expect(new ConnectionSettings('x', storage).state).toMatchObject({ apiKey: 'sk-secret', remember: true });
    c.forget();
    expect(storage.dump()).not.toContain('sk-secret');
    expect(c.current()).toBeNull();
  });

  it('lets an embedding host’s key or proxy URL win, in memory only', () => {
    const host = new MemoryEmbedConnection();
    const storage = new MemoryStorage();
    const c = new ConnectionSettings('https://api.openai.com/v1', storage, host);
    c.save({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-user', remember: false });
    host.update({ apiKey: 'sk-host-short-lived' });
    expect(c.current()).toEqual({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-host-short-lived', proxy: false });
    host.update({ apiKey: '', baseURL: 'https://cms.example/openai/v1' });
    // The host's proxy never gets the author's key: it is used with the host's key, or none.
    expect(c.current()).toEqual({ baseURL: 'https://cms.example/openai/v1', apiKey: '', proxy: true });
    host.update({ apiKey: 'sk-host-2' });
    expect(c.current()).toEqual({ baseURL: 'https://cms.example/openai/v1', apiKey: 'sk-host-2', proxy: false });
    host.update({ apiKey: '', baseURL: '' });
    expect(c.current()).toEqual({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-user', proxy: false });
    expect(storage.dump()).not.toContain('sk-host');
  });

  it('sends the host’s headers only with the host’s base URL, and never stores them', () => {
    const host = new MemoryEmbedConnection();
    const storage = new MemoryStorage();
    const c = new ConnectionSettings('https://api.openai.com/v1', storage, host);
    c.save({ baseURL: 'https://gw.author.example/v1', apiKey: 'sk-user', remember: true });
    host.update({ headers: { 'X-WP-Nonce': 'nonce-SECRET' } });
    // No base URL from the host: the author's endpoint gets the author's key and no host header.
    expect(c.current()).toEqual({ baseURL: 'https://gw.author.example/v1', apiKey: 'sk-user', proxy: false });
    host.update({ baseURL: 'https://cms.example/wp-json/inpaint-editor/v1/openai' });
    expect(c.current()).toEqual({ baseURL: 'https://cms.example/wp-json/inpaint-editor/v1/openai', apiKey: '', proxy: true, headers: { 'X-WP-Nonce': 'nonce-SECRET' } });
    host.update({ headers: {} });
    expect(c.current()).toEqual({ baseURL: 'https://cms.example/wp-json/inpaint-editor/v1/openai', apiKey: '', proxy: true });
    host.update({ headers: { 'X-WP-Nonce': 'nonce-SECRET' } });
    host.clear();
    expect(c.current()).toEqual({ baseURL: 'https://gw.author.example/v1', apiKey: 'sk-user', proxy: false });
    expect(storage.dump()).not.toContain('SECRET');
  });

  it('resolves a host base URL given as a path against the editor\'s own origin (a plain-http CMS site)', () => {
    vi.stubGlobal('location', { origin: 'http://intranet.example' });
    try {
      const host = new MemoryEmbedConnection();
      const c = new ConnectionSettings('https://api.openai.com/v1', new MemoryStorage(), host);
      c.save({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-author', remember: false });
      host.update({ baseURL: '/wp-json/inpaint-editor/v1/openai', headers: { 'X-WP-Nonce': 'n1' } });
      expect(c.current()).toEqual({ baseURL: 'http://intranet.example/wp-json/inpaint-editor/v1/openai', apiKey: '', proxy: true, headers: { 'X-WP-Nonce': 'n1' } });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('uses the proxy when there is no key and the server has one', async () => {
    const c = new ConnectionSettings('https://api.openai.com/v1', new MemoryStorage());
    expect(await c.detectProxy(async () => Response.json({ proxy: true, keyConfigured: false }))).toBe(false);
    expect(await c.detectProxy(async () => new Response('', { status: 404 }))).toBe(false);
    expect(await c.detectProxy(async () => Response.json({ proxy: true, keyConfigured: true }))).toBe(true);
    expect(c.current()).toMatchObject({ apiKey: '', proxy: true });
    expect(c.current()!.baseURL.endsWith('/openai-proxy/v1')).toBe(true);
    c.save({ baseURL: 'https://api.openai.com/v1', apiKey: 'sk-own', remember: false });
    expect(c.current()).toMatchObject({ apiKey: 'sk-own', proxy: false });
  });

  it('asks once for the access token a team proxy wants, and keeps it like the key', async () => {
    const storage = new MemoryStorage();
    const c = new ConnectionSettings('https://api.openai.com/v1', storage);
    await c.detectProxy(async () => Response.json({ proxy: true, keyConfigured: true, tokenRequired: true }));
    // No token yet: not connected, and the editor asks.
    expect(c.current()).toBeNull();
    expect(c.needsToken()).toBe(true);
    c.save({ baseURL: 'https://api.openai.com/v1', apiKey: '', remember: false, proxyToken: ' team-token-0123456789 ' });
    expect(c.needsToken()).toBe(false);
    expect(c.current()).toMatchObject({ apiKey: 'team-token-0123456789', proxy: true });
    expect(storage.dump()).not.toContain('team-token');
    c.save({ baseURL: 'https://api.openai.com/v1', apiKey: '', remember: true, proxyToken: 'team-token-0123456789' });
    expect(storage.dump()).toContain('team-token');
    expect(new ConnectionSettings('x', storage).state).toMatchObject({ proxyToken: 'team-token-0123456789', remember: true });
    c.forget();
    expect(storage.dump()).not.toContain('team-token');
    expect(c.needsToken()).toBe(true);
  });
});

describe('the proxy', () => {
  const servers: Server[] = [];
  afterEach(async () => { await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r)))); });
  const listen = (s: Server) => new Promise<string>((r) => { servers.push(s); s.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)); });

  async function rig(env: Record<string, string>) {
    const seen: { url?: string; method?: string; auth?: string; body?: string; headers?: IncomingMessage['headers'] }[] = [];
    const upstream = await listen(createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ url: req.url, method: req.method, auth: req.headers.authorization, body: Buffer.concat(chunks).toString(), headers: req.headers });
        res.writeHead(200, { 'content-type': 'text/event-stream', 'x-request-id': 'req_9' });
        res.write('event: image_edit.partial_image\ndata: {"a":1}\n\n');
        res.end('event: image_edit.completed\ndata: {"b":2}\n\n');
      });
    }));
    const dir = mkdtempSync(join(tmpdir(), 'inpaint-devproxy-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ service: { base_url: `${upstream}/v1`, api_key_env: 'TEST_PROXY_API_KEY' } }));
    const mw = openaiProxyMiddleware({ configPaths: [join(dir, 'config.json')], env });
    const app = await listen(createServer((req, res) => mw(req, res, () => { res.writeHead(404); res.end('next'); })));
    return { app, seen };
  }

  it('forwards to the upstream with the server key, replacing the browser’s', async () => {
    const { app, seen } = await rig({ TEST_PROXY_API_KEY: 'sk-server-only' });
    const form = new FormData();
    form.append('prompt', 'hello');
    const res = await fetch(`${app}/openai-proxy/v1/images/edits`, {
      method: 'POST', headers: { authorization: 'Bearer proxy-mode', cookie: 'session=1' }, body: form,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req_9');
    const text = await res.text();
    expect(text).toContain('image_edit.completed');
    expect(text).not.toContain('sk-server-only');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ url: '/v1/images/edits', method: 'POST', auth: 'Bearer sk-server-only' });
    expect(seen[0]!.body).toContain('name="prompt"\r\n\r\nhello');
    expect(seen[0]!.body).toMatch(/name="safety_identifier"\r\n\r\ninpaint-[0-9a-f]{40}/);
    expect(seen[0]!.headers).not.toHaveProperty('cookie');
    // Only what the editor sends is forwarded.
    expect((await fetch(`${app}/openai-proxy/v1/files`)).status).toBe(404);
    expect(seen).toHaveLength(1);
  });

  it('says whether it has a key without giving it, and refuses to forward without one', async () => {
    const withKey = await rig({ TEST_PROXY_API_KEY: 'sk-server-only' });
    const status = await (await fetch(`${withKey.app}/openai-proxy/status`)).text();
    expect(JSON.parse(status)).toEqual({ proxy: true, keyConfigured: true, access: 'open', tokenRequired: false });
    expect(status).not.toContain('sk-server-only');
    const none = await rig({});
    expect(await (await fetch(`${none.app}/openai-proxy/status`)).json()).toEqual({ proxy: true, keyConfigured: false, access: 'open', tokenRequired: false });
    const res = await fetch(`${none.app}/openai-proxy/v1/images/edits`, { method: 'POST', body: new FormData() });
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('proxy_no_key');
    expect(none.seen).toHaveLength(0);
    expect(await (await fetch(`${none.app}/other`)).text()).toBe('next');
  });
});
