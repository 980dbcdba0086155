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

const encoder = new TextEncoder();
/** Each value's encoded event, per event name: one JSON.stringify and one encoding however many pages listen. */
const frames = new WeakMap<object, Map<string, Uint8Array>>();

const keepAlive = encoder.encode(': keep-alive\n\n');
const retry = encoder.encode('retry: 2000\n\n');

function frame(event: string, value: unknown): Uint8Array {
  const encode = () => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(value)}\n\n`);
  if (typeof value !== 'object' || value === null) return encode();
  const byEvent = frames.get(value) ?? new Map<string, Uint8Array>();
  frames.set(value, byEvent);
  const bytes = byEvent.get(event) ?? encode();
  byEvent.set(event, bytes);
  return bytes;
}

/**
 * A Server-Sent Events answer: `first` at once, then each value `listen` hands over as `event`, a comment every 15 s
 * so proxies keep the connection, and a reconnect delay of 2 s; everything stops when the browser goes away.
 */
export function eventStream<T>(request: Request, event: string, first: () => Promise<T>, listen: (send: (value: T) => void) => () => void): Response {
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (bytes: Uint8Array) => {
        try {
          controller.enqueue(bytes);
        } catch {
          stop();
        }
      };
      // The same value object reaches every listener of this process (LiveListeners.send): its bytes are shared.
      const send = (value: T) => write(frame(event, value));
      const unlisten = listen(send);
      const heartbeat = setInterval(() => write(keepAlive), 15_000);
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
      write(retry);
      send(await first());
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' } });
}
