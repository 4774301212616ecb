/**
 * Per-identity request rate and concurrency, per-identity and deployment-wide daily spend, with
 * counters in memory or, with REDIS_URL, in Redis (shared by every instance).
 *
 * When Redis cannot be reached, the proxy **fails closed**: limited requests get 503 and nothing
 * is sent upstream, until Redis answers again (ioredis reconnects by itself). Falling back to
 * per-instance memory would multiply every limit by the number of instances and forget the
 * day's spend: the budget is money, so no limit is better guessed than enforced.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';
import type { LimitSettings } from '../settings.ts';

export type Refusal = { status: 429 | 503; code: string; message: string; retryAfterS?: number };
/** `release` frees the concurrency slot; it never rejects (an unreachable store lets the slot expire). */
export type Admission = { ok: true; release: () => Promise<void> } | ({ ok: false } & Refusal);

/** Spend is counted in micro-dollars: the counters hold integers. */
const MICRO = 1e6;
/** A held concurrency slot expires after this long (a crashed instance cannot hold one forever). */
const SLOT_TTL_S = 15 * 60;

const day = (now: Date) => now.toISOString().slice(0, 10);

/** Seconds to the next UTC midnight. */
const toMidnight = (now: Date) => Math.ceil((Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime()) / 1000);

export class Limits {
  private readonly rate: RateLimiterAbstract;
  private readonly slots: RateLimiterAbstract;
  private readonly spend: RateLimiterAbstract;

  /**
   * @param rateWindowS the rate's window: a minute; tests shorten it to see a window pass.
   */
  constructor(private readonly cfg: LimitSettings, redis: Redis | null = null, rateWindowS = 60) {
    const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract =>
      redis ? new RateLimiterRedis({ storeClient: redis, keyPrefix, points, duration }) : new RateLimiterMemory({ keyPrefix, points, duration });
    this.rate = make('inpaint:rate', Math.max(1, cfg.ratePerMinute), rateWindowS);
    this.slots = make('inpaint:slots', Math.max(1, cfg.concurrent), SLOT_TTL_S);
    // Spend keys carry the UTC date; they live two days so a day's total survives its end.
    this.spend = make('inpaint:spend', Number.MAX_SAFE_INTEGER, 2 * 86_400);
  }

  /** Checks every limit for one request and takes a concurrency slot; 0 in a setting means no limit. */
  async admit(identity: string, now = new Date()): Promise<Admission> {
    try {
      const today = day(now);
      const [mine, all] = await Promise.all([this.spend.get(`${today}:id:${identity}`), this.spend.get(`${today}:all`)]);
      if (this.cfg.deploymentDailyUsd > 0 && (all?.consumedPoints ?? 0) >= this.cfg.deploymentDailyUsd * MICRO) {
        return { ok: false, status: 429, code: 'proxy_budget_deployment', message: `This editor's daily budget of $${this.cfg.deploymentDailyUsd} is spent. It renews at midnight UTC.`, retryAfterS: toMidnight(now) };
      }
      if (this.cfg.dailyUsd > 0 && (mine?.consumedPoints ?? 0) >= this.cfg.dailyUsd * MICRO) {
        return { ok: false, status: 429, code: 'proxy_budget', message: `Your daily budget of $${this.cfg.dailyUsd} is spent. It renews at midnight UTC.`, retryAfterS: toMidnight(now) };
      }
      // A refused request uses none of the rate: the counter holds exactly the requests let through.
      const rated = this.cfg.ratePerMinute > 0;
      if (rated) {
        const refused = await refusedBy(this.rate.consume(identity));
        if (refused) {
          // A refused consume still counted itself: give it back (the window's end stays put).
          await this.rate.reward(identity, 1);
          return { ok: false, status: 429, code: 'proxy_rate_limited', message: `More than ${this.cfg.ratePerMinute} requests a minute.`, retryAfterS: Math.ceil(refused.msBeforeNext / 1000) };
        }
      }
      if (this.cfg.concurrent > 0) {
        if (await refusedBy(this.slots.consume(identity))) {
          // Give back the slot the refused consume counted, or it would stay taken, and the rate
          // point this request took: it never went out.
          await Promise.all([this.slots.reward(identity, 1), rated ? this.rate.reward(identity, 1) : null]);
          return { ok: false, status: 429, code: 'proxy_busy', message: `${this.cfg.concurrent} requests are already running for you.` };
        }
        let released: Promise<void> | null = null;
        return { ok: true, release: () => {
          // Once; best effort: an unreachable Redis leaves the slot to expire.
          released ??= this.slots.reward(identity, 1).then(() => {}, () => {});
          return released;
        } };
      }
      return { ok: true, release: () => Promise.resolve() };
    } catch {
      return { ok: false, status: 503, code: 'proxy_limits_unavailable', message: 'The usage limits cannot be checked right now, so nothing was sent. Try again in a minute.', retryAfterS: 30 };
    }
  }

  /** Adds a request's cost to the identity's and the deployment's day. */
  async addSpend(identity: string, usd: number, now = new Date()): Promise<void> {
    const micro = Math.ceil(usd * MICRO);
    if (micro <= 0) return;
    const today = day(now);
    await Promise.all([this.spend.consume(`${today}:id:${identity}`, micro), this.spend.consume(`${today}:all`, micro)]);
  }
}

/** The refusal of a consume, or null when it passed; store errors propagate. */
async function refusedBy(p: Promise<RateLimiterRes>): Promise<RateLimiterRes | null> {
  try {
    await p;
    return null;
  } catch (e) {
    if (e instanceof RateLimiterRes) return e;
    throw e;
  }
}
