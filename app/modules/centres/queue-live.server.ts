// The centre screens' live feed: a queue change publishes the centre's id on Redis after commit; each web process
// keeps one subscriber and re-reads a centre's screen once per change for all its listeners (as votes/live.server.ts).
import { Redis } from 'ioredis';
import { env } from '#app/utils/env.server';
import { queueChannel, queueScreen, type QueueScreen } from './queue.server';

type Listener = (screen: QueueScreen) => void;
type LiveState = { subscriber: Redis | null; listeners: Map<number, Set<Listener>> };
declare global {
  var __vmesteQueueLive: LiveState | undefined;
}
const state: LiveState = (globalThis.__vmesteQueueLive ??= { subscriber: null, listeners: new Map() });

function onMessage(centreId: number) {
  const listeners = state.listeners.get(centreId);
  if (!listeners?.size) return;
  queueScreen(centreId)
    .then((screen) => {
      if (screen) for (const listener of listeners) listener(screen);
    })
    .catch((error: Error) => console.warn(`[centres] queue screen of centre ${centreId}: ${error.message}`));
}

function subscriber(): Redis {
  if (state.subscriber) return state.subscriber;
  const redis = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null, connectTimeout: 2000, retryStrategy: (times) => Math.min(times * 200, 2000) });
  redis.on('error', () => {});
  redis.on('message', (_channel: string, message: string) => onMessage(Number(message)));
  void redis.subscribe(queueChannel).catch(() => {});
  state.subscriber = redis;
  return redis;
}

/** Listens to a centre's queue; returns the function that stops listening. */
export function listenToQueue(centreId: number, listener: Listener): () => void {
  subscriber();
  const set = state.listeners.get(centreId) ?? new Set();
  set.add(listener);
  state.listeners.set(centreId, set);
  return () => {
    set.delete(listener);
    if (!set.size) state.listeners.delete(centreId);
  };
}
