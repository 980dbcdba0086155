import { Redis } from 'ioredis';
import { env } from './env.server';

/**
 * A Redis connection. Producers (web) fail fast so a request never hangs on a lost Redis;
 * workers block on BullMQ commands and need maxRetriesPerRequest: null.
 */
export function createRedis(kind: 'producer' | 'worker'): Redis {
  return new Redis(env.REDIS_URL, {
    lazyConnect: false,
    maxRetriesPerRequest: kind === 'worker' ? null : 1,
    enableOfflineQueue: kind === 'worker',
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

declare global {
  var __vmesteRedis: Redis | undefined;
}

/** The web process's one shared connection (queues' producers and health checks). */
export function producerRedis(): Redis {
  globalThis.__vmesteRedis ??= createRedis('producer');
  // An unhandled 'error' event would crash the process; health checks report the state instead.
  if (globalThis.__vmesteRedis.listenerCount('error') === 0) globalThis.__vmesteRedis.on('error', () => {});
  return globalThis.__vmesteRedis;
}

/**
 * Bounds a producer's call to Redis: BullMQ waits for a connection that may never come, and a request or a
 * seed must not hang on it (Postgres holds the truth; sweepers re-enqueue what was not queued).
 */
export function withinRedisTimeout<T>(work: Promise<T>, ms = 2000): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms).unref())]);
}
