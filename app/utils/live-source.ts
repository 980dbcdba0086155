// A live page's Server-Sent Events stream (a ballot's tally, a centre's queue screen) that keeps coming back.
// The browser's EventSource reconnects by itself after a dropped connection, but gives up for good when a reconnect
// is answered with anything but a 200 event stream: a 502/503 from the load balancer or from a web process while
// one is killed or replaced, or under overload (ADR 068). The page would then stay on an old tally until reloaded.
// Here a stream that gave up is opened again after a few seconds (spread, so many pages do not come back at once);
// the stream's first event is the current value, so the page catches up.

/** How long after a refused reconnect a stream is opened again: `retryMs` spread over ±50 %. */
export const reopenAfterMs = (retryMs: number, random: () => number = Math.random) => Math.round(retryMs * (0.5 + random()));

type EventSourceClass = new (url: string) => EventSource;

export type LiveSourceOptions = {
  /** Before the spread: 5 s, twice the stream's own reconnect delay (retry: 2000). */
  retryMs?: number;
  /** The browser's by default; the topology tests pass undici's (the one Node's own is built on). */
  EventSource?: EventSourceClass;
  onOpen?: () => void;
  onError?: () => void;
};

/** Opens `url` and hands each named event's data to its handler until `close()`, reopening a stream that gave up. */
export function openLiveSource(url: string, handlers: Record<string, (data: string) => void>, options: LiveSourceOptions = {}): { close: () => void } {
  const Source: EventSourceClass = options.EventSource ?? EventSource;
  const retryMs = options.retryMs ?? 5000;
  let closed = false;
  let source: EventSource | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    if (closed) return;
    const current = new Source(url);
    source = current;
    current.onopen = () => options.onOpen?.();
    current.onerror = () => {
      options.onError?.();
      // CONNECTING: the EventSource tries again by itself. CLOSED: it was refused and will not; open a new one.
      if (current.readyState !== 2 || closed) return;
      timer = setTimeout(open, reopenAfterMs(retryMs));
    };
    for (const [event, handle] of Object.entries(handlers)) current.addEventListener(event, (message) => handle((message as MessageEvent<string>).data));
  };
  open();
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      source?.close();
    },
  };
}
