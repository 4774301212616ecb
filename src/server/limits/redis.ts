/**
 * The Redis client for shared limits. Commands fail at once while disconnected (no offline
 * queue), so a request is refused rather than left waiting; ioredis keeps reconnecting.
 */
import { Redis } from 'ioredis';
import type { Logger } from '../log.ts';

export function connectRedis(url: string, log: Logger): Redis {
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, retryStrategy: (n) => Math.min(n * 200, 2000) });
  let up: boolean | null = null;
  const say = (now: boolean, msg: string) => {
    if (up === now) return;
    up = now;
    (now ? log.info : log.warn)(msg, { redis: now ? 'up' : 'down' });
  };
  client.on('ready', () => say(true, 'redis connected'));
  // Never thrown: without this listener an unreachable Redis would crash the process.
  const down = () => say(false, 'redis unreachable: limited requests are refused until it is back');
  client.on('error', down);
  client.on('close', down);
  client.on('end', down);
  return client;
}
