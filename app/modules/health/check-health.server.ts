import { sql } from '#app/utils/db.server';
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

export async function checkHealth() {
  const [postgres, redis] = await Promise.all([probe(() => sql`select 1`), probe(pingRedis)]);
  const down = [postgres === 'down' ? 'postgres' : null, redis === 'down' ? 'redis' : null].filter((x): x is string => x !== null);
  return { status: down.length ? ('down' as const) : ('ok' as const), postgres, redis, down };
}
