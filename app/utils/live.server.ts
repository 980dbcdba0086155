// Live pages (a ballot's tally, a centre's queue screen) hear of changes through Redis pub/sub: a write publishes the
// id of what changed on its tool's channel after commit. Each web process keeps ONE subscriber connection for every
// tool's channel (classic pub/sub: on a Redis Cluster a message reaches the subscribers on every node), and answers
// each open page as Server-Sent Events (`eventStream`).
import { createRedis, type RedisClient } from './redis.server';

type Handler = (id: number) => void;
type State = { subscriber: RedisClient | null; handlers: Map<string, Handler> };
declare global {
  var __vmesteLiveChannels: State | undefined;
}
const state: State = (globalThis.__vmesteLiveChannels ??= { subscriber: null, handlers: new Map() });

function subscriber(): RedisClient {
  if (state.subscriber) return state.subscriber;
  const redis = createRedis('subscriber');
  redis.on('error', () => {});
  redis.on('message', (channel: string, message: string) => state.handlers.get(channel)?.(Number(message)));
  state.subscriber = redis;
  return redis;
}

/** Runs `handle` with the id of each message on `channel`, subscribing this process's connection on first use. */
export function onLiveChannel(channel: string, handle: Handler): void {
  if (state.handlers.get(channel) === handle && state.subscriber) return;
  state.handlers.set(channel, handle);
  void subscriber().subscribe(channel).catch(() => {});
}

/** Closes the subscriber connection (tests and shutdown); the next listener opens it again. */
export function closeLiveChannels(): void {
  state.handlers.clear();
  state.subscriber?.disconnect();
  state.subscriber = null;
}

/** The open pages of this process, per id of what they show. */
export class LiveListeners<T> {
  private readonly byId = new Map<number, Set<(value: T) => void>>();

  /** Adds a listener; returns the function that removes it. */
  add(id: number, listener: (value: T) => void): () => void {
    const set = this.byId.get(id) ?? new Set();
    set.add(listener);
    this.byId.set(id, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.byId.delete(id);
    };
  }

  has(id: number): boolean {
    return !!this.byId.get(id)?.size;
  }

  send(id: number, value: T): void {
    for (const listener of this.byId.get(id) ?? []) listener(value);
  }

  clear(): void {
    this.byId.clear();
  }
}

/**
 * A Server-Sent Events answer: `first` at once, then each value `listen` hands over as `event`, a comment every 15 s
 * so proxies keep the connection, and a reconnect delay of 2 s; everything stops when the browser goes away.
 */
export function eventStream<T>(request: Request, event: string, first: () => Promise<T>, listen: (send: (value: T) => void) => () => void): Response {
  const encoder = new TextEncoder();
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          stop();
        }
      };
      const send = (value: T) => write(`event: ${event}\ndata: ${JSON.stringify(value)}\n\n`);
      const unlisten = listen(send);
      const heartbeat = setInterval(() => write(': keep-alive\n\n'), 15_000);
      stop = () => {
        unlisten();
        clearInterval(heartbeat);
      };
      request.signal.addEventListener('abort', () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
      write('retry: 2000\n\n');
      send(await first());
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' } });
}
