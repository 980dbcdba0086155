// A worker thread of `bench/live-tally.ts`: holds its share of the open pages (Server-Sent Events clients on
// connections of their own), notes when each page first shows a total the main thread waits for, and measures its own
// event-loop delay, so that the bench can tell the server's delay from the client's.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { openEventStream } from './sse-client';

export type ListenersSetup = { url: string; count: number };
/** main → worker */
export type ListenersCommand = { type: 'until'; total: number } | { type: 'report' } | { type: 'close' };
/** One page's view of one awaited total: when it arrived here and when the server began writing that event. */
export type Seen = { arrived: number; sent: number | null };
/** worker → main */
export type ListenersMessage =
  | { type: 'open'; count: number }
  | { type: 'reached'; total: number }
  | { type: 'report'; seen: Record<number, Seen[]>; events: number; loopDelay: { p50: number; p95: number; p99: number; max: number } }
  | { type: 'error'; message: string };

const { url, count } = workerData as ListenersSetup;
const port = parentPort!;
const now = () => performance.timeOrigin + performance.now();
// Sampled every 10 ms: how late this thread's event loop ran its callbacks while the pages were open.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

type Page = { total: number; arrived: number; sent: number | null; events: number; close: () => void };
const pages: Page[] = [];
/** The totals the main thread waits for, each with what every page saw of it. */
const awaited = new Map<number, { seen: (Seen | undefined)[]; missing: number }>();

function note(page: Page, index: number) {
  for (const [total, entry] of awaited) {
    if (page.total < total || entry.seen[index]) continue;
    entry.seen[index] = { arrived: page.arrived, sent: page.sent };
    if (--entry.missing === 0) port.postMessage({ type: 'reached', total } satisfies ListenersMessage);
  }
}

/** Opens one page; resolves with its first event (the tally as it stands). */
function open(index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const page: Page = { total: -1, arrived: 0, sent: null, events: 0, close: () => {} };
    const stream = openEventStream(url, (data) => {
      const tally = JSON.parse(data) as { votes: Record<string, number>; sent?: number };
      page.arrived = now();
      page.sent = tally.sent ?? null;
      page.events++;
      page.total = Object.values(tally.votes).reduce((a, b) => a + b, 0);
      note(page, index);
      if (page.events === 1) resolve();
    });
    stream.opened.catch(reject);
    page.close = stream.close;
    pages[index] = page;
  });
}

port.on('message', (command: ListenersCommand) => {
  if (command.type === 'until') {
    awaited.set(command.total, { seen: new Array<Seen | undefined>(pages.length), missing: pages.length });
    pages.forEach(note);
  } else if (command.type === 'report') {
    const seen: Record<number, Seen[]> = {};
    for (const [total, entry] of awaited) seen[total] = entry.seen.filter((s): s is Seen => !!s);
    const ms = (ns: number) => ns / 1e6;
    port.postMessage({
      type: 'report',
      seen,
      events: pages.reduce((sum, p) => sum + p.events, 0),
      loopDelay: { p50: ms(loopDelay.percentile(50)), p95: ms(loopDelay.percentile(95)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
    } satisfies ListenersMessage);
  } else {
    for (const page of pages) page.close();
    loopDelay.disable();
    port.close();
  }
});

// A hundred connections at a time, as a crowd arrives; the delay is measured from then on.
try {
  for (let i = 0; i < count; i += 100) await Promise.all(Array.from({ length: Math.min(100, count - i) }, (_, j) => open(i + j)));
  loopDelay.enable();
  port.postMessage({ type: 'open', count } satisfies ListenersMessage);
} catch (error) {
  port.postMessage({ type: 'error', message: (error as Error).message } satisfies ListenersMessage);
}
