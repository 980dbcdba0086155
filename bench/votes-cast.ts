// `npm run bench:votes [-- --voters N] [--clients N] [--seconds S] [--probes N] [--port N] [--pool N] [--listeners N] [--cpu-prof] [--keep]`
// Accepted votes per second through the real HTTP cast endpoint (POST /votes/:id with a signed-in session, its CSRF
// token, form parsing and validation, eligibility, the one-statement cast and the Redis publish), as a browser
// without JavaScript sends it (the page answer) and as one with JavaScript does (single fetch: POST /votes/:id.data);
// against pgbench's single-row `INSERT … ON CONFLICT DO NOTHING` and pgbench running the cast's own statement on the
// same database in the same run; then the delay from a cast's commit to a listening Server-Sent Events client
// (p50/p95). Prints the ratios beside the figures measured before (bench/README.md).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrate } from '../scripts/setup.mjs';
import { printCpuProfile } from './cpu-profile';
import { openEventStream } from './sse-client';
import { addBenchQuestion, cpuPerUnit, flag, intOption, log, openBenchBallot, openBenchSession, printStatements, signedInPeople, type Person, percentile } from './harness';

const voterCount = intOption('voters', 3000);
const clients = intOption('clients', 32);
const pgbenchSeconds = intOption('seconds', 15);
// The app's pool in this process (DATABASE_POOL_MAX) for castVote(): the app's default 10 unless told (README: 32 was slower).
const pool = intOption('pool', 10);
const probes = intOption('probes', 100);
// Open pages listening to the ballot's live tally during the probes (Server-Sent Events); more than one adds casting
// at full rate on another ballot meanwhile.
const listenerCount = Math.max(1, intOption('listeners', 1));
const webPort = intOption('port', 3947);
const keep = flag('keep');
// Each web process's CPU profile of each HTTP phase, summarised after the run (the files stay for DevTools).
const cpuProf = flag('cpu-prof');

const bench = openBenchSession({ keep });
const { benchEnv, owner } = bench;
process.env.DATABASE_POOL_MAX = String(pool);
const base = `http://127.0.0.1:${webPort}`;


function pgbenchPath(): string {
  for (const version of readdirSync('/usr/lib/postgresql').sort().reverse()) {
    const path = `/usr/lib/postgresql/${version}/bin/pgbench`;
    try {
      execFileSync(path, ['--version']);
      return path;
    } catch {
      // not in this version
    }
  }
  throw new Error('pgbench not found in /usr/lib/postgresql/*/bin');
}

type Voter = Person;

/** Signed-in verified residents, with their CSRF tokens from the ballot page. */
async function prepareVoters(ballotId: number): Promise<Voter[]> {
  const voters = await signedInPeople(owner, base, voterCount, 'bench', `/votes/${ballotId}`);
  log(`${voters.length} verified residents with a session each`);
  return voters;
}

const receiptPattern = /([0-9A-Z]{4}-){7}[0-9A-Z]{4}/;

/**
 * One cast as a browser sends it. Without JavaScript: the form post, answered by the page with the receipt. With
 * JavaScript: Remix's single fetch posts to `<page>.data` and takes the action's answer alone — the route and the root
 * say not to reload their data after a cast (shouldRevalidate), so the browser sends nothing else.
 */
async function cast(ballotId: number, voter: Voter, questionId: number, optionId: number, javascript = false): Promise<boolean> {
  const body = new URLSearchParams({ _csrf: voter.csrf, [`q${questionId}`]: String(optionId) });
  const res = await fetch(`${base}/votes/${ballotId}${javascript ? '.data' : ''}`, { method: 'POST', body, headers: { Cookie: voter.cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' } });
  const text = await res.text();
  return res.status === 200 && (javascript ? receiptPattern.test(text) : text.includes('data-testid="receipt"'));
}

/** Casts for every voter with `clients` concurrent clients; accepted casts per second and each request's time. */
async function castAll(ballotId: number, voters: Voter[], questionId: number, optionIds: number[], javascript: boolean) {
  let next = 0;
  let accepted = 0;
  let refused = 0;
  const times: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < voters.length) {
        const i = next++;
        const start = performance.now();
        if (await cast(ballotId, voters[i]!, questionId, optionIds[i % 4]!, javascript)) accepted++;
        else refused++;
        times.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { accepted, refused, seconds, perSecond: accepted / seconds, p50: percentile(times, 50), p99: percentile(times, 99) };
}

/**
 * The raw limit of the design: pgbench running the cast's own statement (castStatement, the very text the app sends),
 * one transaction per cast as the app, on `ballots` ballots of four options each and `users` voters made for it. The
 * app's parameters become pgbench variables: a random voter and ballot (a pair that already voted does nothing, as in
 * the app; only inserted participations are counted), a fresh receipt hash, a random option and shard.
 */
async function pgbenchCast(ballots: number, users: number): Promise<{ perSecond: number; tps: number; cpu: string }> {
  const { castStatement } = await import('#app/modules/votes/cast-vote.server');
  const made = await owner.unsafe<{ id: number }[]>(
    `INSERT INTO ballots (title_ru, title_en, description_ru, description_en, status, opens_at, closes_at)
     SELECT 'pgbench ' || g, 'pgbench ' || g, '-', '-', 'open', now() - interval '1 minute', now() + interval '1 day' FROM generate_series(1, $1) g RETURNING id`,
    [ballots],
  );
  const ids = made.map((b) => b.id).sort((a, b) => a - b);
  const firstOption: number[] = [];
  for (const id of ids) firstOption.push(Math.min(...(await addBenchQuestion(owner, id, 4)).optionIds));
  // Consecutive ids make the option of ballot b computable in pgbench: firstOption[0] + 4 × (b − first ballot) + 0..3.
  if (firstOption.some((o, i) => o !== firstOption[0]! + 4 * i) || ids.some((b, i) => b !== ids[0]! + i)) throw new Error('pgbench ballots or options are not consecutive');
  await owner.unsafe(
    `INSERT INTO users (id, email, name, verified, verified_by, birth_year)
     SELECT ('00000000-0000-4000-8000-' || lpad(g::text, 12, '0'))::uuid, 'pgbench-' || g || '@bench.vmeste.city', 'Pgbench ' || g, true, 'bench', 1980 FROM generate_series(1, $1) g`,
    [users],
  );
  const values: Record<string, string> = {
    $1: ':b',
    $2: `('00000000-0000-4000-8000-' || lpad(:u::text, 12, '0'))::uuid`,
    $3: 'NULL::int',
    $4: `'40-49'`,
    $5: `encode(sha256((random()::text || clock_timestamp()::text)::bytea), 'hex')`,
    $6: `'{"1":[1]}'`,
    $7: 'ARRAY[:o]',
    $8: 'ARRAY[:s]',
    $9: `'web'`,
  };
  const statement = castStatement.replace(/\$[1-9]\b/g, (p) => values[p]!).replace(/\s+/g, ' ').trim();
  const script = [`\\set b random(${ids[0]}, ${ids.at(-1)})`, `\\set u random(1, ${users})`, `\\set o ${firstOption[0]} + 4 * (:b - ${ids[0]}) + random(0, 3)`, '\\set s random(0, 15)', `${statement};`, ''].join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'vmeste-pgbench-'));
  writeFileSync(join(dir, 'cast.sql'), script);
  const cpuBefore = bench.cpuReading();
  const t0 = performance.now();
  const output = execFileSync(pgbenchPath(), ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(pgbenchSeconds), '-f', join(dir, 'cast.sql'), bench.databaseUrl], { encoding: 'utf8' });
  const seconds = (performance.now() - t0) / 1000;
  const tps = Number(/tps = ([\d.]+)/.exec(output)![1]);
  // pgbench itself is "anything else": what is left is the statement's Postgres side, against castVote()'s.
  const cpu = cpuPerUnit(cpuBefore, bench.cpuReading(), Number(/number of transactions actually processed: (\d+)/.exec(output)![1]), 'transaction');
  const [{ casts }] = (await owner.unsafe(`SELECT count(*)::int AS casts FROM ballot_participations WHERE ballot_id BETWEEN $1 AND $2`, [ids[0]!, ids.at(-1)!])) as unknown as [{ casts: number }];
  const [{ tally }] = (await owner.unsafe(`SELECT coalesce(sum(votes), 0)::int AS tally FROM ballot_tally_shards WHERE option_id BETWEEN $1 AND $2`, [firstOption[0]!, firstOption[0]! + 4 * ids.length - 1])) as unknown as [{ tally: number }];
  if (tally !== casts) throw new Error(`pgbench casts: ${casts} participations but ${tally} in the tally`);
  log(`pgbench cast statement: ${tps.toFixed(0)} tps, ${casts} new participations (the rest were repeats, refused as in the app) in ${seconds.toFixed(1)} s`);
  return { perSecond: casts / seconds, tps, cpu };
}

/**
 * A live tally page (an SSE client, bench/sse-client.ts): resolves waiters with the time the total count first reached
 * what they wait for, and counts the events it got.
 */
function listen(ballotId: number): Promise<{ until: (atLeast: number) => Promise<number>; events: () => number; close: () => void }> {
  let total = -1;
  let events = 0;
  let waiters: { atLeast: number; resolve: (t: number) => void }[] = [];
  return new Promise((resolve, reject) => {
    const stream = openEventStream(`${base}/votes/${ballotId}/live`, (data) => {
      const now = performance.now();
      events++;
      total = Object.values((JSON.parse(data) as { votes: Record<string, number> }).votes).reduce((a, b) => a + b, 0);
      for (const w of waiters) if (total >= w.atLeast) w.resolve(now);
      waiters = waiters.filter((w) => total < w.atLeast);
      if (events === 1) resolve(client);
    });
    stream.opened.catch(reject);
    const client = {
      until: (atLeast: number) => (total >= atLeast ? Promise.resolve(performance.now()) : new Promise<number>((r) => waiters.push({ atLeast, resolve: r }))),
      events: () => events,
      close: stream.close,
    };
  });
}

async function main() {
  log(`${cpus().length} CPUs; ${voterCount} voters, ${clients} concurrent HTTP clients, pgbench ${pgbenchSeconds} s with the same ${clients} clients`);
  migrate(benchEnv);
  const { ballotId, questionId, optionIds } = await openBenchBallot(owner, { ru: 'Бенчмарк', en: 'Benchmark' }, 4);
  // The web processes keep their default pool: two of 32 beside this one and pgbench's would pass max_connections.
  delete process.env.DATABASE_POOL_MAX;
  const profiler = cpuProf ? bench.cpuProfiler() : null;
  await bench.startWeb(webPort, `/votes/${ballotId}`);
  process.env.DATABASE_POOL_MAX = String(pool);
  const webProcessesNote = process.env.WEB_CONCURRENCY ? `${process.env.WEB_CONCURRENCY} processes (WEB_CONCURRENCY)` : `${availableParallelism()} processes (unset WEB_CONCURRENCY: one per core, the production default)`;
  log(`web server: ${webProcessesNote}`);
  const processes = Number(process.env.WEB_CONCURRENCY || availableParallelism());
  const stats = await bench.statementStats();
  const voters = await prepareVoters(ballotId);
  const probeVoters = voters.splice(0, probes);

  // 1. Throughput: every client casts for the next voter until all have voted; half without JavaScript, half with.
  const withJs = voters.splice(0, Math.floor(voters.length / 2));
  /** One timed phase, with its statements (pg_stat_statements) and, with --cpu-prof, the web processes' profiles. */
  async function phase(label: string, run: () => Promise<Awaited<ReturnType<typeof castAll>>>) {
    await stats?.reset();
    await profiler?.start();
    const cpuBefore = bench.cpuReading();
    const result = await run();
    const cpu = cpuPerUnit(cpuBefore, bench.cpuReading(), result.accepted, 'cast');
    const profiles = (await profiler?.stop(processes)) ?? [];
    const statements = (await stats?.read()) ?? [];
    return { result, profiles, statements, label, cpu };
  }
  log(`casting ${voters.length} votes through POST /votes/${ballotId} (the page answer, no JavaScript) with ${clients} clients`);
  const pagePhase = await phase('page answer (no JavaScript)', () => castAll(ballotId, voters, questionId, optionIds, false));
  log(`casting ${withJs.length} votes through POST /votes/${ballotId}.data (single fetch, JavaScript) with ${clients} clients`);
  const fetcherPhase = await phase('single fetch (JavaScript)', () => castAll(ballotId, withJs, questionId, optionIds, true));
  const page = pagePhase.result;
  const fetcher = fetcherPhase.result;
  const accepted = page.accepted + fetcher.accepted;
  const refused = page.refused + fetcher.refused;
  const [{ participations, shards }] = (await owner.unsafe(
    `SELECT (SELECT count(*)::int FROM ballot_participations WHERE ballot_id = $1) AS participations,
            (SELECT coalesce(sum(votes), 0)::int FROM ballot_tally_shards s JOIN ballot_options o ON o.id = s.option_id WHERE o.question_id = $2) AS shards`,
    [ballotId, questionId],
  )) as unknown as [{ participations: number; shards: number }];
  log(`accepted ${accepted}, refused ${refused}; participations ${participations}, tally ${shards} (${participations === accepted && shards === accepted ? 'consistent' : 'INCONSISTENT'})`);
  if (participations !== accepted || shards !== accepted || refused) process.exitCode = 1;

  // 2. The raw baseline: pgbench, single-row INSERT … ON CONFLICT DO NOTHING, same database, same client count.
  await owner.unsafe(`CREATE TABLE IF NOT EXISTS bench_single_insert (ballot_id int NOT NULL, voter uuid NOT NULL, PRIMARY KEY (ballot_id, voter))`);
  const dir = mkdtempSync(join(tmpdir(), 'vmeste-pgbench-'));
  writeFileSync(join(dir, 'insert.sql'), 'INSERT INTO bench_single_insert (ballot_id, voter) VALUES (1, gen_random_uuid()) ON CONFLICT DO NOTHING;\n');
  const output = execFileSync(pgbenchPath(), ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(pgbenchSeconds), '-f', join(dir, 'insert.sql'), bench.databaseUrl], { encoding: 'utf8' });
  const tps = Number(/tps = ([\d.]+)/.exec(output)![1]);
  log(`pgbench: ${tps.toFixed(0)} single-row inserts/s`);

  // 2b. The cast use-case alone (no HTTP, no rendering), in this process on the app's pool: what the database path takes.
  const { castVote } = await import('#app/modules/votes/cast-vote.server');
  const { closeConnections } = await import('#app/utils/shutdown.server');
  bench.state.closeApp = closeConnections;
  const direct = await owner.unsafe<{ id: string }[]>(
    `INSERT INTO users (email, name, verified, verified_by, birth_year) SELECT 'direct-' || g || '@bench.vmeste.city', 'Direct ' || g, true, 'bench', 1980 FROM generate_series(1, $1) g RETURNING id`,
    [voterCount],
  );
  let nextDirect = 0;
  let acceptedDirect = 0;
  const directCpuBefore = bench.cpuReading();
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (nextDirect < direct.length) {
        const i = nextDirect++;
        // The voter's facts as the route has them from the session (verified, no district, born 1980).
        if ((await castVote({ id: direct[i]!.id, verified: true, districtId: null, birthYear: 1980 }, ballotId, { [`q${questionId}`]: [String(optionIds[i % 4]!)] })).ok) acceptedDirect++;
      }
    }),
  );
  const directPerSecond = acceptedDirect / ((performance.now() - t1) / 1000);
  // Here "the bench's clients" are castVote() itself: the use-case's own Node side, beside Postgres's.
  const directCpu = cpuPerUnit(directCpuBefore, bench.cpuReading(), acceptedDirect, 'cast');
  log(`castVote() in process: ${acceptedDirect} accepted, ${directPerSecond.toFixed(0)} votes/s`);
  const raw = await pgbenchCast(16, 20_000);
  const before = accepted + acceptedDirect;

  // 3. Commit → SSE: one vote at a time, timed from the request and from its response to every listener seeing it.
  //    With --listeners N, N open pages (spread over the web processes by the kernel) listen, and the bench process
  //    casts at full rate on another ballot meanwhile (castVote(), --clients at once): Postgres, Redis and the
  //    publishers busy, the listened ballot's count exact.
  log(`opening ${listenerCount} SSE listener(s) on /votes/${ballotId}/live`);
  const listeners: Awaited<ReturnType<typeof listen>>[] = [];
  const opening = performance.now();
  for (let i = 0; i < listenerCount; i += 100) listeners.push(...(await Promise.all(Array.from({ length: Math.min(100, listenerCount - i) }, () => listen(ballotId)))));
  log(`${listeners.length} listening after ${((performance.now() - opening) / 1000).toFixed(1)} s; web server RSS ${bench.webRss().map((p) => `${p.mib.toFixed(0)}`).join(' + ')} MiB`);
  await Promise.all(listeners.map((l) => l.until(before)));
  const background = { running: listenerCount > 1, accepted: 0, seconds: 0 };
  const backgroundDone = (async () => {
    if (!background.running) return;
    const other = await openBenchBallot(owner, { ru: 'Фон', en: 'Background' }, 4);
    let n = 0;
    const t = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (background.running && n < direct.length) {
          const i = n++;
          if ((await castVote({ id: direct[i]!.id, verified: true, districtId: null, birthYear: 1980 }, other.ballotId, { [`q${other.questionId}`]: [String(other.optionIds[i % 4]!)] })).ok) background.accepted++;
        }
      }),
    );
    background.seconds = (performance.now() - t) / 1000;
  })();
  const eventsBefore = listeners.reduce((sum, l) => sum + l.events(), 0);
  const probing = performance.now();
  const fromRequest: number[] = [];
  const fromResponse: number[] = [];
  for (const [i, voter] of probeVoters.entries()) {
    const sent = performance.now();
    const seen = Promise.all(listeners.map((l) => l.until(before + i + 1)));
    if (!(await cast(ballotId, voter, questionId, optionIds[0]!))) throw new Error('a probe vote was refused');
    const answered = performance.now();
    for (const at of await seen) {
      fromRequest.push(at - sent);
      fromResponse.push(Math.max(0, at - answered));
    }
  }
  const probeSeconds = (performance.now() - probing) / 1000;
  background.running = false;
  await backgroundDone;
  const eventsPerListener = (listeners.reduce((sum, l) => sum + l.events(), 0) - eventsBefore) / listeners.length;
  for (const l of listeners) l.close();
  if (background.seconds) log(`meanwhile castVote() on another ballot: ${background.accepted} accepted, ${(background.accepted / background.seconds).toFixed(0)} votes/s`);
  log(`each listener got ${eventsPerListener.toFixed(1)} events for ${probes} probe casts in ${probeSeconds.toFixed(1)} s (coalesced: at most one per ballot per 250 ms)`);

  console.log(`\nWhere the CPU went (castVote() in process: "the bench's clients" is castVote()'s own Node side; pgbench counts as "anything else")`);
  for (const { label, result, cpu } of [pagePhase, fetcherPhase]) console.log(`  ${label}, ${result.accepted} casts: ${cpu}`);
  console.log(`  castVote() in process, ${acceptedDirect} casts: ${directCpu}`);
  console.log(`  pgbench, the cast statement: ${raw.cpu}`);
  for (const { label, result, profiles, statements } of [pagePhase, fetcherPhase]) {
    if (stats) printStatements(`Statements per accepted cast, ${label}`, statements, result.accepted, 'cast');
    if (profiles.length) printCpuProfile(`${label}, ${result.accepted} casts (files in ${profiler!.dir})`, profiles);
  }

  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const pad = (x: string) => x.padEnd(58);
  console.log('\nResults (before: bench/README.md, "Before", the same machine)');
  console.log(`  web server:                  ${webProcessesNote}`);
  console.log(`  pgbench single-row upsert:   ${tps.toFixed(0)} tps (${clients} clients, ${pgbenchSeconds} s)`);
  console.log(`  pgbench, the cast statement: ${raw.perSecond.toFixed(0)} casts/s (${raw.tps.toFixed(0)} tps, repeats included)`);
  console.log(`  ${pad('path')} before                         now`);
  console.log(`  ${pad('HTTP, page answer (no JavaScript), votes/s')} 69, 1.1 % of pgbench             ${page.perSecond.toFixed(0)}, ${pct(page.perSecond / tps)} of pgbench, ${pct(page.perSecond / raw.perSecond)} of the cast statement, p50 ${page.p50.toFixed(0)} ms, p99 ${page.p99.toFixed(0)} ms`);
  console.log(`  ${pad('HTTP, single fetch (JavaScript), votes/s')} not measured                   ${fetcher.perSecond.toFixed(0)}, ${pct(fetcher.perSecond / tps)} of pgbench, ${pct(fetcher.perSecond / raw.perSecond)} of the cast statement, p50 ${fetcher.p50.toFixed(0)} ms, p99 ${fetcher.p99.toFixed(0)} ms`);
  console.log(`  ${pad(`castVote() in process (pool of ${pool}), votes/s`)} 447 (pool of 10), 31.9 % of cast  ${directPerSecond.toFixed(0)}, ${pct(directPerSecond / tps)} of pgbench, ${pct(directPerSecond / raw.perSecond)} of the cast statement in pgbench`);
  console.log(`  ${pad('commit → SSE client after the response, p50 / p95')} 64 / 134 ms                    ${percentile(fromResponse, 50).toFixed(0)} / ${percentile(fromResponse, 95).toFixed(0)} ms`);
  console.log(`  ${pad('request sent → SSE client (upper bound), p50 / p95')} 202 / 323 ms                   ${percentile(fromRequest, 50).toFixed(0)} / ${percentile(fromRequest, 95).toFixed(0)} ms (${probes} probes × ${listenerCount} listener(s)${background.seconds ? `, castVote() at ${(background.accepted / background.seconds).toFixed(0)}/s on another ballot meanwhile` : ''})`);
}

await bench.runMain(main);
