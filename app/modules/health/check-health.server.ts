import { Cluster } from 'ioredis';
import { hostname } from 'node:os';
import { healthSql, replicaSql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { mediaStore } from '#app/utils/media-store.server';
import { replicaState } from '#app/utils/read-replica.server';
import { producerRedis } from '#app/utils/redis.server';

type State = 'up' | 'down';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}

async function probe(check: () => Promise<unknown>): Promise<State> {
  try {
    await withTimeout(check(), 2000);
    return 'up';
  } catch {
    return 'down';
  }
}

/** A ping that first waits (briefly) for the connection: producers do not queue commands while offline. */
async function pingRedis() {
  const redis = producerRedis();
  if (redis.status !== 'ready') {
    await new Promise<void>((resolve) => {
      redis.once('ready', resolve);
      setTimeout(resolve, 1000).unref();
    });
  }
  return redis.ping();
}

/** On a Redis Cluster: how many of the masters it knows answer a ping. */
async function clusterMasters(): Promise<{ up: number; total: number } | null> {
  const redis = producerRedis();
  if (!(redis instanceof Cluster)) return null;
  const masters = redis.nodes('master');
  const states = await Promise.all(masters.map((node) => probe(() => node.ping())));
  return { up: states.filter((state) => state === 'up').length, total: masters.length };
}

/**
 * On a Redis Cluster: its replicas, and how many the cluster itself sees as connected and not failing (CLUSTER NODES).
 * The client keeps connections to masters only, so the cluster's own view is the one to ask.
 */
async function clusterReplicas(): Promise<{ up: number; total: number } | null> {
  const redis = producerRedis();
  if (!(redis instanceof Cluster)) return null;
  const nodes = await withTimeout(redis.cluster('NODES') as Promise<string>, 2000).catch(() => '');
  // <id> <ip:port@cport> <flags> <master> <ping-sent> <pong-recv> <config-epoch> <link-state> <slot>…
  const replicas = nodes.split('\n').map((line) => line.split(' ')).filter((fields) => fields[2]?.split(',').includes('slave'));
  const up = replicas.filter((fields) => !/fail/.test(fields[2]!) && fields[7] === 'connected');
  return { up: up.length, total: replicas.length };
}

/**
 * What this process reaches, for a load balancer (the status) and an operator (each part, and which process
 * answered). The media store is reported but never makes the process "down": without it only photos fail, and
 * taking every web process out of the balancer would fail everything else too.
 */
export async function checkHealth() {
  const store = mediaStore();
  const [postgres, replica, redis, redisMasters, redisReplicas, media] = await Promise.all([
    // Its own connection, not the request pool: a busy pool is not a database that is down (ADR 066).
    probe(() => healthSql()`select 1`),
    replicaSql ? replicaState() : null,
    probe(pingRedis),
    clusterMasters(),
    clusterReplicas(),
    store ? probe(() => store.ping()) : Promise.resolve('in postgres' as const),
  ]);
  const down = [postgres === 'down' ? 'postgres' : null, redis === 'down' ? 'redis' : null].filter((x): x is string => x !== null);
  return {
    status: down.length ? ('down' as const) : ('ok' as const),
    postgres,
    // A replica down or lagging never makes the process "down": its reads go to the primary (ADR 051).
    ...(replica ? { replica } : {}),
    redis,
    ...(redisMasters ? { redisMasters } : {}),
    ...(redisReplicas ? { redisReplicas } : {}),
    media: store ? { store: store.kind, state: media } : { store: 'postgres' as const, state: 'up' as const },
    web: env.WEB_PROCESS_NAME ?? `${hostname()}:${process.pid}`,
    down,
  };
}
