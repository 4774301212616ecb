// Limits: request rate, concurrency, per-identity and deployment-wide daily spend, on one
// instance (memory) and across two instances sharing Redis; then Redis killed mid-run.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server.ts';
import { fixtureDist, startRedis, startServer, type RunningRedis, type RunningServer } from './harness.ts';
import { ALICE, codeOf, DESIGN, GEN, GENERATION, postJson, type RawAnswer } from './proxyKit.ts';

const KEY = 'sk-limits-test-key-0001';
let fake: FakeOpenAI;
let dist: ReturnType<typeof fixtureDist>;
let dir: string;
let running: RunningServer[] = [];
const start = async (env: Record<string, string>) => {
  const s = await startServer({ INPAINT_DIST: dist.dir, OPENAI_API_KEY: KEY, INPAINT_TOKENS_FILE: join(dir, 'tokens'), ...env });
  running.push(s);
  return s;
};
const as = (token: string) => ({ authorization: `Bearer ${token}` });
const gen = (s: RunningServer, token = ALICE): Promise<RawAnswer> => postJson(s.url, GEN, GENERATION, as(token));
/** Dollars the log says each answered request cost, in order. */
const spent = (servers: RunningServer[]) => servers.flatMap((s) => s.lines).filter((l) => l.route === '/images/generations' && l.status === 200).map((l) => Number(l.usd));

beforeAll(async () => {
  fake = await startFakeOpenAI({ expectedKey: KEY });
  dist = fixtureDist({ service: { base_url: fake.baseURL, api_key_env: 'OPENAI_API_KEY' } });
  dir = mkdtempSync(join(tmpdir(), 'inpaint-limits-'));
  writeFileSync(join(dir, 'tokens'), `alice ${ALICE}\ndesign ${DESIGN}\n`);
});
beforeEach(() => fake.reset());
afterEach(async () => {
  await Promise.all(running.map((s) => s.stop()));
  running = [];
});
afterAll(async () => {
  await fake?.close();
  dist?.remove();
  rmSync(dir, { recursive: true, force: true });
});

/** Asserts a 429 with the code, no retry, and the fake's count unchanged. */
function expectRefused(a: RawAnswer, code: string): void {
  expect([a.status, codeOf(a)]).toEqual([429, code]);
  expect(a.headers['x-should-retry']).toBe('false');
}

describe('one instance, counters in memory', () => {
  test('the request rate trips at the configured number, per identity', async () => {
    const s = await start({ INPAINT_RATE_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) expect((await gen(s)).status).toBe(200);
    const over = await gen(s);
    expectRefused(over, 'proxy_rate_limited');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(fake.requests().length).toBe(3);
    // Another identity has its own allowance.
    expect((await gen(s, DESIGN)).status).toBe(200);
    expect(fake.requests().length).toBe(4);
  });

  test('concurrent requests trip at the configured number; a finished one frees its slot', async () => {
    const s = await start({ INPAINT_CONCURRENT: '2' });
    fake.setMode({ delayMs: 1500 });
    const slow = [gen(s), gen(s)];
    // Both slow ones are in flight once the fake has seen them (it logs a request as it starts).
    await expect.poll(() => fake.requests().length).toBe(2);
    const third = await gen(s);
    expectRefused(third, 'proxy_busy');
    expect((await Promise.all(slow)).map((a) => a.status)).toEqual([200, 200]);
    fake.setMode({ delayMs: 0 });
    expect((await gen(s)).status).toBe(200);
    expect(fake.requests().length).toBe(3);
  });

  test('the daily spend per identity trips once the reported usage reaches it', async () => {
    const s = await start({ INPAINT_DAILY_USD: '0.02', INPAINT_RATE_PER_MINUTE: '100' });
    let last: RawAnswer;
    for (let i = 0; i < 10; i++) {
      last = await gen(s);
      if (last.status !== 200) break;
    }
    expectRefused(last!, 'proxy_budget');
    const costs = spent([s]);
    // Refused exactly when the day's reported cost reached the cap, not before.
    expect(costs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(0.02);
    expect(costs.slice(0, -1).reduce((a, b) => a + b, 0)).toBeLessThan(0.02);
    expect(fake.requests().length).toBe(costs.length);
    expect(JSON.parse(last!.body).error.message).toContain('$0.02');
  });

  test('the deployment-wide daily cap stops everyone', async () => {
    const s = await start({ INPAINT_DEPLOYMENT_DAILY_USD: '0.02', INPAINT_DAILY_USD: '10', INPAINT_RATE_PER_MINUTE: '100' });
    let who = ALICE;
    let last: RawAnswer;
    for (let i = 0; i < 10; i++) {
      last = await gen(s, who);
      if (last.status !== 200) break;
      who = who === ALICE ? DESIGN : ALICE;
    }
    expectRefused(last!, 'proxy_budget_deployment');
    expectRefused(await gen(s, who === ALICE ? DESIGN : ALICE), 'proxy_budget_deployment');
    expect(spent([s]).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(0.02);
  });
});

describe('two instances sharing Redis', () => {
  let redis: RunningRedis;
  beforeEach(async () => { redis = await startRedis(); });
  afterEach(async () => { await redis?.stop(); });

  test('the daily spend holds across both instances', async () => {
    const env = { REDIS_URL: redis.url, INPAINT_DAILY_USD: '0.02', INPAINT_RATE_PER_MINUTE: '100' };
    const [a, b] = [await start(env), await start(env)];
    expect(await (await fetch(`${a.url}/healthz`)).json()).toMatchObject({ limits: 'redis' });
    // Alice spends on A and on B in turn until the shared cap refuses her.
    const answers: RawAnswer[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push(await gen(i % 2 ? b : a));
      if (answers.at(-1)!.status !== 200) break;
    }
    expectRefused(answers.at(-1)!, 'proxy_budget');
    const costs = spent([a, b]);
    expect(costs.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(0.02);
    expect(costs.slice(0, -1).reduce((x, y) => x + y, 0)).toBeLessThan(0.02);
    // Both instances served some of it: the cap is shared, not per instance.
    expect(a.lines.some((l) => l.identity === 'token:alice' && l.status === 200)).toBe(true);
    expect(b.lines.some((l) => l.identity === 'token:alice' && l.status === 200)).toBe(true);
    expect(fake.requests().length).toBe(costs.length);
  });

  test('the request rate holds across both instances', async () => {
    const env = { REDIS_URL: redis.url, INPAINT_RATE_PER_MINUTE: '4', INPAINT_DAILY_USD: '0' };
    const [a, b] = [await start(env), await start(env)];
    const rate = [await gen(a, DESIGN), await gen(b, DESIGN), await gen(a, DESIGN), await gen(b, DESIGN), await gen(a, DESIGN), await gen(b, DESIGN)];
    expect(rate.map((r) => codeOf(r) ?? r.status)).toEqual([200, 200, 200, 200, 'proxy_rate_limited', 'proxy_rate_limited']);
    expect(fake.requests().length).toBe(4);
  });

  test('one request at a time per identity, across instances', async () => {
    const env = { REDIS_URL: redis.url, INPAINT_CONCURRENT: '1' };
    const [a, b] = [await start(env), await start(env)];
    fake.setMode({ delayMs: 1500 });
    const slow = gen(a);
    await expect.poll(() => fake.requests().length).toBe(1);
    expectRefused(await gen(b), 'proxy_busy');
    expect((await slow).status).toBe(200);
    fake.setMode({ delayMs: 0 });
    expect((await gen(b)).status).toBe(200);
  });

  test('Redis killed mid-run: fail closed (503, nothing upstream), no crash, back when Redis is', async () => {
    const s = await start({ REDIS_URL: redis.url });
    expect((await gen(s)).status).toBe(200);
    const port = redis.port;
    await redis.stop();
    const refused = await gen(s);
    expect([refused.status, codeOf(refused)]).toEqual([503, 'proxy_limits_unavailable']);
    expect(refused.headers['retry-after']).toBe('30');
    expect(fake.requests().length).toBe(1);
    // The server lives on: pages and health still answer, and say why.
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ limits: 'redis-unavailable' });
    expect((await fetch(`${s.url}/`)).status).toBe(200);
    await expect.poll(() => s.lines.some((l) => l.msg.startsWith('redis unreachable') && l.level === 'warn' && l.redis === 'down')).toBe(true);

    redis = await startRedis(port);
    await expect.poll(async () => (await gen(s)).status, { timeout: 15_000, interval: 500 }).toBe(200);
    expect(s.lines.filter((l) => l.msg === 'redis connected').length).toBeGreaterThanOrEqual(2);
  });
});
