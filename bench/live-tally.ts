// `npm run bench:live [-- --listeners N] [--threads N] [--probes N] [--clients N] [--flood-seconds S] [--port N] [--cpu-prof] [--keep]`
// Commit → live tally at every open page: N pages listen to one ballot's Server-Sent Events (spread over the web
// processes by the kernel, and over --threads client threads of this bench so that no one client event loop parses
// all the events), while castVote() casts at full rate on another ballot; --probes votes are cast through HTTP one at
// a time on the listened ballot, each timed from the request to its event at every page. Each event carries the time
// the serving process began writing it (`sent`), and each client thread measures its own event-loop delay, so the
// figure is split into the server's part and the client's. The raw baseline, in the same run: as many bare node:http
// processes writing one buffer to the same number of pages (bench/raw-sse-server.ts), timed the same way.
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { portOffset } from '../scripts/services.mjs';
import { migrate } from '../scripts/setup.mjs';
import { printCpuProfile } from './cpu-profile';
import { flag, intOption, log, openBenchBallot, openBenchSession, percentile, printTable, signedInPeople } from './harness';
import type { ListenersCommand, ListenersMessage, ListenersSetup, Seen } from './sse-listeners';

const listenerCount = intOption('listeners', 10_000);
const threads = Math.max(1, intOption('threads', 4));
const probes = intOption('probes', 20);
const clients = intOption('clients', 32);
// Eight ports per checkout (the web server, then the raw servers), moved with VMESTE_PORT_OFFSET as the services are,
// above the topologies' (scripts/cluster.mjs) and below the kernel's ephemeral ports.
const webPort = intOption('port', 21_000 + portOffset * 8);
const keep = flag('keep');
const cpuProf = flag('cpu-prof');
// Full-rate casting on the listened ballot itself after the probes, to count the events its pages get per second.
const floodSeconds = intOption('flood-seconds', 5);

const bench = openBenchSession({ keep });
const { benchEnv, owner } = bench;
const base = `http://127.0.0.1:${webPort}`;
const now = () => performance.timeOrigin + performance.now();

/** One client thread holding `count` pages; `until(total)` resolves once every one of them shows at least `total`. */
function listenerThread(url: string, count: number) {
  const worker = new Worker(new URL('./sse-listeners.ts', import.meta.url), { workerData: { url, count } satisfies ListenersSetup });
  const waiting = new Map<number, () => void>();
  let onReport: (report: Extract<ListenersMessage, { type: 'report' }>) => void = () => {};
  const opened = new Promise<void>((resolve, reject) => {
    worker.on('error', reject);
    worker.on('message', (message: ListenersMessage) => {
      if (message.type === 'open') resolve();
      else if (message.type === 'error') reject(new Error(message.message));
      else if (message.type === 'reached') waiting.get(message.total)?.();
      else onReport(message);
    });
  });
  const send = (command: ListenersCommand) => worker.postMessage(command);
  return {
    opened,
    until: (total: number) =>
      new Promise<void>((resolve) => {
        waiting.set(total, resolve);
        send({ type: 'until', total });
      }),
    report: () =>
      new Promise<Extract<ListenersMessage, { type: 'report' }>>((resolve) => {
        onReport = resolve;
        send({ type: 'report' });
      }),
    close: async () => {
      send({ type: 'close' });
      await worker.terminate();
    },
  };
}

/** `listenerCount` pages over the client threads, thread i on `urlOf(i)`; resolves once every page has its first event. */
async function openPages(urlOf: (thread: number) => string) {
  const opening = performance.now();
  const pool = Array.from({ length: threads }, (_, i) => listenerThread(urlOf(i), Math.floor(listenerCount / threads) + (i < listenerCount % threads ? 1 : 0)));
  await Promise.all(pool.map((t) => t.opened));
  log(`${listenerCount} listening after ${((performance.now() - opening) / 1000).toFixed(1)} s`);
  return pool;
}

/** `probes` fan-outs, one at a time: `trigger(total)` makes every page's total reach `total`; when each page saw it. */
async function probe(pool: ReturnType<typeof listenerThread>[], firstTotal: number, trigger: (total: number) => Promise<void>) {
  const requested: number[] = [];
  const answered: number[] = [];
  const started = performance.now();
  for (let i = 0; i < probes; i++) {
    const seen = Promise.all(pool.map((t) => t.until(firstTotal + i)));
    requested.push(now());
    await trigger(firstTotal + i);
    answered.push(now());
    await seen;
  }
  const seconds = (performance.now() - started) / 1000;
  const reports = await Promise.all(pool.map((t) => t.report()));
  const fromRequest: number[] = [];
  const fromResponse: number[] = [];
  const untilWriting: number[] = [];
  const writingToPage: number[] = [];
  for (const report of reports) {
    for (const [total, seen] of Object.entries(report.seen) as [string, Seen[]][]) {
      const i = Number(total) - firstTotal;
      if (i < 0) continue;
      for (const s of seen) {
        fromRequest.push(s.arrived - requested[i]!);
        fromResponse.push(Math.max(0, s.arrived - answered[i]!));
        if (s.sent !== null) {
          untilWriting.push(s.sent - requested[i]!);
          writingToPage.push(s.arrived - s.sent);
        }
      }
    }
  }
  const requests = requested.map((t, i) => answered[i]! - t);
  // Pages got their first tally (and the app's the warm-up cast's) before: the rest is one event per probe, or more.
  const eventsPerPage = reports.reduce((sum, r) => sum + r.events, 0) / listenerCount - (firstTotal - 1) - 1;
  return { seconds, reports, fromRequest, fromResponse, untilWriting, writingToPage, requests, eventsPerPage };
}

function startRawServer(port: number): Promise<ChildProcess> {
  const child = fork(fileURLToPath(new URL('./raw-sse-server.ts', import.meta.url)), [String(port)], { execArgv: process.execArgv, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`the raw SSE server exited (${code})`)));
  });
}

async function castThroughHttp(ballotId: number, person: { cookie: string; csrf: string }, questionId: number, optionId: number) {
  const body = new URLSearchParams({ _csrf: person.csrf, [`q${questionId}`]: String(optionId) });
  const res = await fetch(`${base}/votes/${ballotId}.data`, { method: 'POST', body, headers: { Cookie: person.cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' } });
  await res.text();
  if (res.status !== 200) throw new Error(`a probe vote answered ${res.status}`);
}

async function main() {
  const processes = Number(process.env.WEB_CONCURRENCY || availableParallelism());
  log(`${cpus().length} CPUs; ${listenerCount} listeners over ${threads} client threads, ${probes} probes, castVote() with ${clients} clients on another ballot`);
  migrate(benchEnv);
  const listened = await openBenchBallot(owner, { ru: 'Бенчмарк', en: 'Benchmark' }, 4);
  const other = await openBenchBallot(owner, { ru: 'Фон', en: 'Background' }, 4);
  const profiler = cpuProf ? bench.cpuProfiler() : null;
  await bench.startWeb(webPort, `/votes/${listened.ballotId}`);
  log(`web server: ${processes} processes (${process.env.WEB_CONCURRENCY ? 'WEB_CONCURRENCY' : 'unset WEB_CONCURRENCY: one per core, the production default'})`);
  const probeVoters = await signedInPeople(owner, base, probes + 1, 'probe', `/votes/${listened.ballotId}`);
  const made = await owner.unsafe<{ id: string }[]>(
    `INSERT INTO users (email, name, verified, verified_by, birth_year) SELECT 'background-' || g || '@bench.vmeste.city', 'Background ' || g, true, 'bench', 1980 FROM generate_series(1, 60000) g RETURNING id`,
  );
  const floodVoters = made.slice(0, 10_000);
  const background = made.slice(10_000);

  log(`opening ${listenerCount} SSE pages on /votes/${listened.ballotId}/live`);
  const pool = await openPages(() => `${base}/votes/${listened.ballotId}/live`);
  log(`web server RSS ${bench.webRss().map((p) => p.mib.toFixed(0)).join(' + ')} MiB`);

  // castVote() at full rate on the other ballot while the probes run: Postgres, Redis and the publishers busy.
  const { castVote } = await import('#app/modules/votes/cast-vote.server');
  const { closeConnections } = await import('#app/utils/shutdown.server');
  bench.state.closeApp = closeConnections;
  const load = { running: true, accepted: 0, seconds: 0 };
  const loadDone = (async () => {
    let n = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (load.running && n < background.length) {
          const i = n++;
          if ((await castVote({ id: background[i]!.id, verified: true, districtId: null, birthYear: 1980 }, other.ballotId, { [`q${other.questionId}`]: [String(other.optionIds[i % 4]!)] })).ok) load.accepted++;
        }
      }),
    );
    load.seconds = (performance.now() - t) / 1000;
  })();
  await new Promise((r) => setTimeout(r, 2000));

  // One cast first, not timed: the web processes' first cast (cold code paths) and the start of their profilers (a
  // few seconds with 5,000 connections each) are the cast path's and the bench's costs, not the fan-out's.
  await profiler?.start();
  const warm = Promise.all(pool.map((t) => t.until(1)));
  await castThroughHttp(listened.ballotId, probeVoters.shift()!, listened.questionId, listened.optionIds[0]!);
  await warm;
  const app = await probe(pool, 2, async (total) => castThroughHttp(listened.ballotId, probeVoters[total - 2]!, listened.questionId, listened.optionIds[0]!));
  const profiles = (await profiler?.stop(processes)) ?? [];

  // Coalescing under full-rate casting on the listened ballot itself: events per page per second, and the last total.
  let cast = 0;
  let flooded = 0;
  const flooding = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() - flooding < floodSeconds * 1000 && cast < floodVoters.length) {
        const voter = floodVoters[cast++]!;
        if ((await castVote({ id: voter.id, verified: true, districtId: null, birthYear: 1980 }, listened.ballotId, { [`q${listened.questionId}`]: [String(listened.optionIds[cast % 4]!)] })).ok) flooded++;
      }
    }),
  );
  const floodTook = (performance.now() - flooding) / 1000;
  await Promise.all(pool.map((t) => t.until(1 + probes + flooded)));
  const floodEvents = (await Promise.all(pool.map((t) => t.report()))).reduce((sum, r) => sum + r.events, 0) / listenerCount - (2 + app.eventsPerPage);
  await Promise.all(pool.map((t) => t.close()));

  // The raw baseline in the same run, the casting on the other ballot still going: as many bare node:http processes as
  // web processes, each writing one buffer to its half of the pages.
  log(`the raw baseline: ${processes} bare node:http SSE servers, ${listenerCount} pages`);
  const raw = await Promise.all(Array.from({ length: processes }, (_, i) => startRawServer(webPort + 1 + i)));
  const rawBase = (i: number) => `http://127.0.0.1:${webPort + 1 + (i % processes)}`;
  const rawPool = await openPages((i) => `${rawBase(i)}/live`);
  const bare = await probe(rawPool, 1, async (total) => {
    await Promise.all(raw.map(async (_, i) => void (await fetch(`${rawBase(i)}/fanout?total=${total}`, { method: 'POST' })).arrayBuffer()));
  });
  for (const child of raw) child.kill('SIGTERM');
  load.running = false;
  await loadDone;
  log(`meanwhile castVote() on the other ballot: ${load.accepted} accepted, ${(load.accepted / load.seconds).toFixed(0)} votes/s`);

  if (profiles.length) printCpuProfile(`the web processes during the ${probes} probes (files in ${profiler!.dir})`, profiles);
  console.log(`\nCommit → live tally: ${listenerCount} pages on ${processes} web processes, ${threads} client threads; ${probes} probes in ${app.seconds.toFixed(1)} s; castVote() at ${(load.accepted / load.seconds).toFixed(0)}/s on another ballot`);
  const row = (name: string, xs: number[]) => [name, percentile(xs, 50).toFixed(0), percentile(xs, 95).toFixed(0), percentile(xs, 99).toFixed(0), percentile(xs, 100).toFixed(0)];
  printTable(
    ['ms (samples: probes × pages)', 'p50', 'p95', 'p99', 'max'],
    [
      // Before issue 15 (the issue's own figure): p95 180 ms from the commit to the event, one page, nothing else casting.
      ['before issue 15: commit → event at 1 page, nothing else casting', '—', '180', '—', '—'],
      row('request sent → event at the page (the goal: p95 ≤ 1,000)', app.fromRequest),
      row('  request sent → the server begins writing it (cast, publish, coalescing, tally read)', app.untilWriting),
      row('  the server begins writing → event parsed at the page (fan-out, kernel, client)', app.writingToPage),
      row('cast response → event at the page (a lower bound of commit → event; 0: the event came first)', app.fromResponse),
      row('request sent → cast response (the HTTP cast itself, per probe)', app.requests),
      row(`raw baseline: bare node:http writes one buffer to each page (${processes} processes), begins writing → page`, bare.writingToPage),
      row('raw baseline: fan-out asked → event at the page', bare.fromRequest),
    ],
  );
  console.log(`the HTTP cast of each probe, ms: ${app.requests.map((ms) => ms.toFixed(0)).join(', ')}`);
  const ratio = (p: number) => (percentile(app.writingToPage, p) / Math.max(1, percentile(bare.writingToPage, p))).toFixed(2);
  console.log(`the app's fan-out (begins writing → page) ÷ the raw baseline's: p50 ${ratio(50)} ×, p95 ${ratio(95)} ×`);
  printTable(
    ['client thread (app, then raw)', 'pages', 'event-loop delay p50 ms', 'p95', 'p99', 'max'],
    [...app.reports, ...bare.reports].map((r, i) => [`${i < threads ? 'app' : 'raw'} ${(i % threads) + 1}`, String(Object.values(r.seen)[0]?.length ?? 0), r.loopDelay.p50.toFixed(1), r.loopDelay.p95.toFixed(1), r.loopDelay.p99.toFixed(1), r.loopDelay.max.toFixed(1)]),
  );
  console.log(`events per page during the probes: ${app.eventsPerPage.toFixed(2)} for ${probes} probe casts (coalesced: one per ballot per 250 ms at most, never one per cast of the other ballot)`);
  console.log(`castVote() at full rate on the listened ballot: ${flooded} casts in ${floodTook.toFixed(1)} s (${(flooded / floodTook).toFixed(0)}/s); each page got ${floodEvents.toFixed(2)} events (${(floodEvents / floodTook).toFixed(1)}/s; coalesced: at most about 4/s) and ended at the exact total`);
  if (app.fromRequest.length !== listenerCount * probes || bare.fromRequest.length !== listenerCount * probes) process.exitCode = 1;
}

await bench.runMain(main);
