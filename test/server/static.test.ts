// The production server's own pages: caching, precompressed files, CSP from config.json,
// /healthz, JSON log lines, and a refused api_key_env at start.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureDist, runToExit, startServer, type RunningServer } from './harness.ts';

const dist = fixtureDist({ service: { base_url: 'https://api.example.test/v1', api_key_env: 'OPENAI_API_KEY' }, embed: { allowed_origins: ['https://cms.example.test'] } });
let server: RunningServer;

beforeAll(async () => { server = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: 'sk-static-test-key' }); });
afterAll(async () => { await server?.stop(); dist.remove(); });

describe('static files', () => {
  test('hashed assets are immutable for a year; index.html and config.json revalidate', async () => {
    const asset = await fetch(`${server.url}${dist.asset}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const config = await fetch(`${server.url}/config.json`);
    expect(config.headers.get('cache-control')).toBe('no-cache');
    expect(await config.json()).toMatchObject({ embed: { allowed_origins: ['https://cms.example.test'] } });
    // Revalidation: the ETag answers 304.
    const again = await fetch(`${server.url}/config.json`, { headers: { 'if-none-match': config.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${server.url}/nope.js`)).status).toBe(404);
    expect((await fetch(`${server.url}/`, { method: 'POST' })).status).toBe(405);
  });

  test('brotli and gzip are sent precompressed to browsers that take them', async () => {
    // fetch decompresses, so ask for one encoding at a time and read the headers.
    const br = await fetch(`${server.url}${dist.asset}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const gz = await fetch(`${server.url}${dist.asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const plain = await fetch(`${server.url}${dist.asset}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect((await br.text())).toBe(await plain.text());
  });

  test('the CSP is built from config.json, and follows an edit without a restart', async () => {
    const csp = (await fetch(`${server.url}/`)).headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("connect-src 'self' https://api.example.test https://cms.example.test;");
    expect(csp).toContain("frame-ancestors 'self' https://cms.example.test");
    dist.writeConfig({ service: { base_url: 'https://gw.example.test/v1', api_key_env: 'OPENAI_API_KEY' }, embed: { allowed_origins: [] } });
    await expect.poll(async () => (await fetch(`${server.url}/`)).headers.get('content-security-policy')).toContain("connect-src 'self' https://gw.example.test;");
  });

  test('/healthz answers, and every request is one JSON log line with no query string', async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', proxy: 'open', limits: 'memory' });
    await fetch(`${server.url}/index.html?secret=sk-in-a-query`);
    await expect.poll(() => server.lines.some((l) => l.msg === 'request' && l.path === '/index.html')).toBe(true);
    const line = server.lines.find((l) => l.msg === 'request' && l.path === '/index.html')!;
    expect(line).toMatchObject({ level: 'info', method: 'GET', status: 200 });
    expect(typeof line.ms).toBe('number');
    expect(server.raw.join('\n')).not.toContain('sk-in-a-query');
    expect(server.raw.join('\n')).not.toContain('sk-static-test-key');
    expect(server.lines.filter((l) => l.level === 'bad')).toEqual([]);
  });
});

describe('start-time checks', () => {
  test('an api_key_env that is not *_API_KEY or OPENAI_* stops the server with a clear message', async () => {
    const bad = fixtureDist({ service: { base_url: 'https://api.example.test/v1', api_key_env: 'DATABASE_PASSWORD' } });
    const { code, lines } = await runToExit({ INPAINT_DIST: bad.dir, DATABASE_PASSWORD: 'hunter2' });
    bad.remove();
    expect(code).toBe(1);
    expect(lines.find((l) => l.msg === 'not started')?.reason).toMatch(/api_key_env “DATABASE_PASSWORD” is refused: name a variable matching \*_API_KEY or OPENAI_\*/);
  });

  test('flags win over HOST and PORT; a bad port is refused at start', async () => {
    const s = await startServer({ INPAINT_DIST: dist.dir, HOST: '0.0.0.0', PORT: 'not-a-port' });
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await s.stop();
    const { code, lines } = await runToExit({ INPAINT_DIST: dist.dir }, ['--port', '70000']);
    expect(code).toBe(1);
    expect(lines.find((l) => l.msg === 'not started')?.reason).toMatch(/PORT must be a port number/);
  });
});
