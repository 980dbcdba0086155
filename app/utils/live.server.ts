// Live pages (a ballot's tally, a centre's queue screen) hear of changes through Redis pub/sub: a write publishes the
// id of what changed on its tool's channel after commit. Each web process keeps ONE subscriber connection for every
// tool's channel (classic pub/sub: on a Redis Cluster a message reaches the subscribers on every node), and answers
// each open page as Server-Sent Events (`eventStream`).
import { createRedis, type RedisClient } from './redis.server';

type Handler = (id: number) => void;
/** An open event stream: how to write to it, and when it was last written to. */
type OpenStream = { write: (bytes: Uint8Array) => void; lastWrite: number };
type State = { subscriber: RedisClient | null; handlers: Map<string, Handler>; streams: Set<OpenStream>; heartbeat: NodeJS.Timeout | null };
declare global {
  var __vmesteLiveChannels: State | undefined;
}
const state: State = (globalThis.__vmesteLiveChannels ??= { subscriber: null, handlers: new Map(), streams: new Set(), heartbeat: null });

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
  state.streams.clear();
  if (state.heartbeat) clearInterval(state.heartbeat);
  state.heartbeat = null;
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
  let byEvent = frames.get(value);
  if (!byEvent) frames.set(value, (byEvent = new Map()));
  let bytes = byEvent.get(event);
  if (!bytes) byEvent.set(event, (bytes = encode()));
  return bytes;
}

/** A stream that nothing was written to for this long gets a comment, so that proxies keep its connection. */
const idleMs = 10_000;
/**
 * One timer per process for every open stream (not one per page): every 5 s it writes the comment to the streams
 * idle for 10 s or more, so none stays silent past 15 s, and a stream that events keep busy gets no comment at all.
 */
function keepStreamsAlive() {
  if (state.heartbeat) return;
  state.heartbeat = setInterval(() => {
    const idleSince = Date.now() - idleMs;
    for (const stream of state.streams) if (stream.lastWrite <= idleSince) stream.write(keepAlive);
  }, idleMs / 2);
  state.heartbeat.unref();
}

/**
 * A Server-Sent Events answer: `first` at once, then each value `listen` hands over as `event`, a comment when the
 * stream was silent for 10–15 s so proxies keep the connection, and a reconnect delay of 2 s; everything stops when
 * the browser goes away.
 */
export function eventStream<T>(request: Request, event: string, first: () => Promise<T>, listen: (send: (value: T) => void) => () => void): Response {
  let stop = () => {};
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const open: OpenStream = {
        write: (bytes: Uint8Array) => {
          open.lastWrite = Date.now();
          try {
            controller.enqueue(bytes);
          } catch {
            stop();
          }
        },
        lastWrite: 0,
      };
      const { write } = open;
      // The same value object reaches every listener of this process (LiveListeners.send): its bytes are shared.
      const send = (value: T) => write(frame(event, value));
      const unlisten = listen(send);
      state.streams.add(open);
      keepStreamsAlive();
      stop = () => {
        unlisten();
        state.streams.delete(open);
        if (!state.streams.size && state.heartbeat) {
          clearInterval(state.heartbeat);
          state.heartbeat = null;
        }
      };
      const close = () => {
        stop();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      if (request.signal.aborted) return close();
      request.signal.addEventListener('abort', close);
      write(retry);
      send(await first());
    },
    cancel() {
      stop();
    },
  });
  return new Response(stream, { headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' } });
}
