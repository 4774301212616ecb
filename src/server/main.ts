/**
 * `npm start`: the production server. Reads flags and environment (src/server/settings.ts),
 * checks the configuration, listens, and on SIGTERM/SIGINT shuts down gracefully: it stops
 * taking requests, lets streams in flight finish for INPAINT_SHUTDOWN_MS, then cuts the rest with
 * an error the editor shows, and exits.
 */
import { once } from 'node:events';
import { buildServer, type ServerParts } from './app.ts';
import { trackConnections } from './connections.ts';
import { collectWhenIdle } from './idleCollect.ts';
import { Limits } from './limits/limits.ts';
import { connectRedis } from './limits/redis.ts';
import { jsonLogger, type Logger } from './log.ts';
import { readSettings, type ServerSettings } from './settings.ts';

const log = jsonLogger();

function fatal(message: string): never {
  log.error('not started', { reason: message });
  process.exit(1);
}

/** Start-time checks: a refused key variable stops the server; a proxy without access stays off. */
function checkStart(parts: ServerParts, settings: ServerSettings, logger: Logger): void {
  const cfg = parts.config.get();
  if (cfg.serviceError?.includes('api_key_env')) fatal(cfg.serviceError);
  if (parts.access.mode === null) {
    logger.error('proxy off', { reason: `bound to ${settings.host}, which is not loopback, with no INPAINT_TOKENS_FILE and no INPAINT_TRUSTED_HEADER: the key proxy refuses every request until one is configured` });
  } else if (!cfg.service) {
    logger.warn('proxy off', { reason: cfg.serviceError ?? 'no service' });
  } else if (!process.env[cfg.service.keyEnv]) {
    logger.warn('proxy has no key', { reason: `${cfg.service.keyEnv} is not set` });
  }
}

async function main(): Promise<void> {
  let settings: ServerSettings;
  try { settings = readSettings(); } catch (e) { fatal(e instanceof Error ? e.message : String(e)); }
  const redis = settings.redisUrl ? connectRedis(settings.redisUrl, log) : null;
  // Listen once the shared limits answer (or after 5 s, refusing proxy requests until they do).
  if (redis) await Promise.race([once(redis, 'ready'), new Promise((r) => setTimeout(r, 5000).unref())]);
  const limits = new Limits(settings.limits, redis);
  const parts = buildServer({ settings, limits, log, limitsStore: () => (redis ? (redis.status === 'ready' ? 'redis' : 'redis-unavailable') : 'memory') });
  const connections = trackConnections(parts.app.server);
  const idle = collectWhenIdle(parts.app.server, settings.idleGcMs, (c) => log.info('idle gc', { ...c }));
  checkStart(parts, settings, log);
  try {
    await parts.app.listen({ host: settings.host, port: settings.port });
  } catch (e) {
    fatal(`cannot listen on ${settings.host}:${settings.port}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const address = parts.app.server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  log.info('listening', { url: `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${port}`, proxy: parts.access.mode ?? 'off', limits: redis ? 'redis' : 'memory', dist: settings.distDir });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    parts.draining.value = true;
    idle.stop();
    log.info('shutting down', { signal, inflight: parts.inflight.size, timeoutMs: settings.shutdownMs });
    const closed = parts.app.close();
    connections.closeIdle();
    const timer = setTimeout(() => {
      if (parts.inflight.size) log.warn('cutting streams', { inflight: parts.inflight.size });
      for (const s of parts.inflight) s.cut();
      // Whatever is left (a slow static download) closes now.
      setTimeout(() => parts.app.server.closeAllConnections(), 1000).unref();
    }, settings.shutdownMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
    // Lets the last requests write their log lines.
    await new Promise((r) => setTimeout(r, 50));
    await redis?.quit().catch(() => {});
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

void main();
