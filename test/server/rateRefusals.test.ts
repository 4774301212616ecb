// Refused requests use none of the rate: after refusals (too fast, or too many at once) the
// identity gets exactly the configured number again as soon as the window allows. The limits are
// driven directly, with a 2 s window instead of a minute, in memory and in Redis.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Redis } from 'ioredis';
import { Limits, type Admission } from '../../src/server/limits/limits.ts';
import { connectRedis } from '../../src/server/limits/redis.ts';
import { startRedis, type RunningRedis } from './harness.ts';

const WINDOW_S = 2;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };
const cfg = { ratePerMinute: 3, concurrent: 1, dailyUsd: 0, deploymentDailyUsd: 0 };
const codeOf = (a: Admission) => (a.ok ? 'ok' : a.code);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Admits one request and frees its slot at once (a request that finished). */
async function send(limits: Limits, who: string): Promise<Admission> {
  const a = await limits.admit(who);
  if (a.ok) await a.release();
  return a;
}

let redisServer: RunningRedis;
let redis: Redis;
beforeAll(async () => {
  redisServer = await startRedis();
  redis = connectRedis(redisServer.url, quiet);
  await new Promise((r) => redis.once('ready', r));
});
afterAll(async () => {
  await redis?.quit();
  await redisServer?.stop();
});

describe.each(['memory', 'redis'])('rate limit refusals, counters in %s', (store) => {
  const make = () => new Limits(cfg, store === 'redis' ? redis : null, WINDOW_S);

  test('requests refused as too many at once leave the rate alone', async () => {
    const limits = make();
    const who = `busy-${store}-${Date.now()}`;
    const held = await limits.admit(who);
    expect(held.ok).toBe(true);
    // Two refused while the slot is held: before, each used one of the three.
    expect([codeOf(await limits.admit(who)), codeOf(await limits.admit(who))]).toEqual(['proxy_busy', 'proxy_busy']);
    if (held.ok) await held.release();
    const next = [await send(limits, who), await send(limits, who), await send(limits, who)];
    expect(next.map(codeOf)).toEqual(['ok', 'ok', 'proxy_rate_limited']);
  });

  test('after refusals the identity sends again as soon as the window allows, the configured number', async () => {
    const limits = make();
    const who = `rate-${store}-${Date.now()}`;
    const first = [];
    for (let i = 0; i < 8; i++) first.push(await send(limits, who));
    expect(first.map(codeOf)).toEqual(['ok', 'ok', 'ok', ...Array(5).fill('proxy_rate_limited')]);
    // The last refusal says when the window ends; the five refusals did not push it back.
    const last = first.at(-1)!;
    const retryS = last.ok ? NaN : last.retryAfterS!;
    expect(retryS).toBeGreaterThan(0);
    expect(retryS).toBeLessThanOrEqual(WINDOW_S);
    await sleep(retryS * 1000 + 100);
    const second = [];
    for (let i = 0; i < 4; i++) second.push(await send(limits, who));
    expect(second.map(codeOf)).toEqual(['ok', 'ok', 'ok', 'proxy_rate_limited']);
  });
});
