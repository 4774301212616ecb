// Access control: open on loopback; tokens or a trusted header otherwise; and the proxy stays
// off on a non-loopback address with neither. Refusals never reach the upstream.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Access } from '../../src/server/proxy/access.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { fixtureDist, runToExit, startServer, type RunningServer } from './harness.ts';
import { ALICE, codeOf, DESIGN, GEN, GENERATION, postJson, raw } from './proxyKit.ts';

const KEY = 'sk-access-test-key-0001';
let fake: FakeOpenAI;
let dist: ReturnType<typeof fixtureDist>;
let dir: string;
const running: RunningServer[] = [];
const start = async (env: Record<string, string>, args: string[] = []) => {
  const s = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY, ...env }, args);
  running.push(s);
  return s;
};
const safetyIds = () => fake.requests().map((r) => (r.json as { safety_identifier?: string }).safety_identifier);

beforeAll(async () => {
  fake = await startFakeOpenAI({ expectedKey: KEY });
  dist = fixtureDist({ service: { base_url: fake.baseURL, api_key_env: 'OPENAI_API_KEY' } });
  dir = mkdtempSync(join(tmpdir(), 'inpaint-access-'));
  writeFileSync(join(dir, 'tokens'), `# who  token\nalice ${ALICE}\ndesign ${DESIGN}\n`);
});
beforeEach(() => fake.reset());
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  await fake?.close();
  dist?.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('access tokens', () => {
  let server: RunningServer;
  beforeAll(async () => { server = await start({ INPAINT_TOKENS_FILE: join(dir, 'tokens') }); });

  test('no token and a wrong token are refused (401) before the upstream; the status asks for a token', async () => {
    expect(JSON.parse((await raw(server.url, 'GET', '/openai-proxy/status')).body)).toEqual({ proxy: true, keyConfigured: true, access: 'token', tokenRequired: true });
    const none = await postJson(server.url, GEN, GENERATION);
    expect([none.status, codeOf(none)]).toEqual([401, 'proxy_token_missing']);
    const wrong = await postJson(server.url, GEN, GENERATION, { authorization: `Bearer ${ALICE.slice(0, -1)}x` });
    expect([wrong.status, codeOf(wrong)]).toEqual([401, 'proxy_token_invalid']);
    const placeholder = await postJson(server.url, GEN, GENERATION, { authorization: 'Bearer proxy-mode' });
    expect(placeholder.status).toBe(401);
    expect(fake.requests()).toEqual([]);
  });

  test('each token is its own identity: its name in the log, its own stable safety identifier', async () => {
    expect((await postJson(server.url, GEN, GENERATION, { authorization: `Bearer ${ALICE}` })).status).toBe(200);
    expect((await postJson(server.url, GEN, GENERATION, { authorization: `Bearer ${ALICE}` })).status).toBe(200);
    expect((await postJson(server.url, GEN, GENERATION, { authorization: `Bearer ${DESIGN}` })).status).toBe(200);
    const [a1, a2, d] = safetyIds();
    expect(a1).toBe(a2);
    expect(d).not.toBe(a1);
    // Not reversible to the name or the token: an HMAC, nothing of either in it.
    for (const id of [a1, d]) for (const s of ['alice', 'design', ALICE, DESIGN]) expect(id).not.toContain(s);
    await expect.poll(() => server.lines.filter((l) => l.route === '/images/generations' && l.status === 200).map((l) => l.identity)).toEqual(['token:alice', 'token:alice', 'token:design']);
    expect(server.raw.join('\n')).not.toContain(ALICE);
  });
});

describe('a trusted header from a reverse proxy', () => {
  test('believed only from the listed proxy addresses; forged from elsewhere it is refused', async () => {
    const untrusted = await start({ INPAINT_TRUSTED_HEADER: 'X-Forwarded-User', INPAINT_TRUSTED_PROXIES: '127.0.0.2,10.0.0.0/8' });
    const forged = await postJson(untrusted.url, GEN, GENERATION, { 'x-forwarded-user': 'ceo@example.com' });
    expect([forged.status, codeOf(forged)]).toEqual([403, 'proxy_untrusted_header']);
    const anonymous = await postJson(untrusted.url, GEN, GENERATION);
    expect([anonymous.status, codeOf(anonymous)]).toEqual([401, 'proxy_identity_missing']);
    expect(fake.requests()).toEqual([]);

    const trusted = await start({ INPAINT_TRUSTED_HEADER: 'X-Forwarded-User', INPAINT_TRUSTED_PROXIES: '127.0.0.1' });
    expect((await postJson(trusted.url, GEN, GENERATION, { 'x-forwarded-user': 'bob@example.com' })).status).toBe(200);
    await expect.poll(() => trusted.lines.find((l) => l.route === '/images/generations')?.identity).toBe('user:bob@example.com');
    expect(fake.requests().length).toBe(1);
  });

  test('a trusted header without proxy addresses stops the server at start', async () => {
    const { code, lines } = await runToExit({ INPAINT_DIST: dist.dir, INPAINT_TRUSTED_HEADER: 'X-Forwarded-User' });
    expect(code).toBe(1);
    expect(lines.find((l) => l.msg === 'not started')?.reason).toMatch(/INPAINT_TRUSTED_PROXIES/);
  });
});

describe('open on loopback', () => {
  test('open to the local user, but not to requests a reverse proxy forwarded', async () => {
    const server = await start({});
    expect((await postJson(server.url, GEN, GENERATION)).status).toBe(200);
    const forwarded: Record<string, string>[] = [{ 'x-forwarded-for': '203.0.113.9' }, { 'x-real-ip': '203.0.113.9' }, { forwarded: 'for=203.0.113.9' }];
    for (const h of forwarded) {
      const a = await postJson(server.url, GEN, GENERATION, h);
      expect([a.status, codeOf(a)]).toEqual([403, 'proxy_disabled']);
    }
    expect(fake.requests().length).toBe(1);
  });
});

describe('bound beyond loopback', () => {
  test('with no tokens and no trusted header the proxy stays off (and says so at start)', async () => {
    expect(new Access({ host: '0.0.0.0', tokens: new Map(), trustedHeader: null, trustedProxies: [] }).mode).toBeNull();
    expect(new Access({ host: '::', tokens: new Map(), trustedHeader: null, trustedProxies: [] }).mode).toBeNull();
    expect(new Access({ host: '127.0.0.1', tokens: new Map(), trustedHeader: null, trustedProxies: [] }).mode).toBe('open');
    expect(new Access({ host: '10.1.2.3', tokens: new Map([[ALICE, 'alice']]), trustedHeader: null, trustedProxies: [] }).mode).toBe('token');
    // A real start on every address (briefly), reached over loopback.
    const server = await start({}, ['--host', '0.0.0.0']);
    expect(server.lines.find((l) => l.msg === 'proxy off')?.reason).toMatch(/not loopback.*INPAINT_TOKENS_FILE.*INPAINT_TRUSTED_HEADER/);
    const port = new URL(server.url).port;
    const a = await postJson(`http://127.0.0.1:${port}`, GEN, GENERATION);
    expect([a.status, codeOf(a)]).toEqual([503, 'proxy_disabled']);
    expect(JSON.parse((await raw(`http://127.0.0.1:${port}`, 'GET', '/openai-proxy/status')).body)).toMatchObject({ proxy: false, keyConfigured: false });
    expect(fake.requests()).toEqual([]);
    await server.stop();
  });
});
