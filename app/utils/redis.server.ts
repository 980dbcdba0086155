import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { env } from './env.server';

/** One Redis server or a Redis Cluster (REDIS_CLUSTER_NODES): every caller works with either. */
export type RedisClient = Redis | Cluster;

/**
 * A Redis connection. Producers (web) fail fast so a request never hangs on a lost Redis;
 * workers block on BullMQ commands and need maxRetriesPerRequest: null.
 */
export function createRedis(kind: 'producer' | 'worker' | 'subscriber'): RedisClient {
  const waits = kind !== 'producer';
  const options: RedisOptions = {
    lazyConnect: false,
    maxRetriesPerRequest: waits ? null : 1,
    enableOfflineQueue: waits,
    connectTimeout: 2000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
  const nodes = clusterNodes();
  if (!nodes) return new Redis(env.REDIS_URL, options);
  return new Cluster(nodes, {
    redisOptions: options,
    enableOfflineQueue: waits,
    // A master that fails over answers MOVED/CLUSTERDOWN for a few seconds; the client keeps asking meanwhile.
    clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
    retryDelayOnClusterDown: 300,
    retryDelayOnFailover: 200,
    slotsRefreshTimeout: 2000,
  });
}

/** REDIS_CLUSTER_NODES ("host:port,host:port"): the seed nodes of a Redis Cluster; unset means one Redis at REDIS_URL. */
export function clusterNodes(): { host: string; port: number }[] | null {
  if (!env.REDIS_CLUSTER_NODES) return null;
  return env.REDIS_CLUSTER_NODES.map((node) => {
    const [host, port] = node.split(':');
    return { host: host!, port: Number(port) };
  });
}

/**
 * The BullMQ prefix of one queue. The hash tag ({…}, per BullMQ's Redis Cluster guide) holds the deployment's prefix
 * and the queue's name: a queue's keys share one slot, as its Lua scripts need, and different queues land on
 * different slots, so on a cluster they spread over the masters. On one Redis it is just a name.
 */
export function queuePrefix(queueName: string, base: string = env.QUEUE_PREFIX): string {
  return `{${keyPrefix(base)}-${queueName}}`;
}

/** The deployment's prefix for plain keys and channels (rate limits, live tallies), without hash-tag braces. */
export function keyPrefix(base: string = env.QUEUE_PREFIX): string {
  return base.replace(/[{}]/g, '');
}

declare global {
  var __vmesteRedis: RedisClient | undefined;
}

/** The web process's one shared connection (queues' producers and health checks). */
export function producerRedis(): RedisClient {
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
