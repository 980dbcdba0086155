// `npm run bench:load [-- --seconds 60] [--rss-minutes M] [--web N] [--port N] [--cpu-prof] [--keep]`: a mixed load — browsing, voting, reporting — against
// the real web server (build/, scripts/serve.mjs) on the bench Postgres and Redis, then the checks that nothing was
// lost. After a warm-up, a short ramp finds the concurrencies whose p99 stays within 500 ms on this machine; the
// highest runs for --seconds (default 60), one step lower if the minute goes over budget, and it prints the
// sustained rate and the latency percentiles. Afterwards the
// ballot is closed and sealed by the real use-case, and the bench checks that every receipt it was given is in the
// ledger and every report the server accepted exists with its moderation deadline. See bench/README.md.
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { migrate } from '../scripts/setup.mjs';
import { printCpuProfile } from './cpu-profile';
import { cpuPerUnit, flag, intOption, log, openBenchBallot, openBenchSession, printStatements, signedInPeople, type Person, percentile } from './harness';

const seconds = intOption('seconds', 60);
const webPort = intOption('port', 3949);
const keep = flag('keep');
// After the hold, this many more minutes at the held concurrency, the web server's memory sampled all along.
const rssMinutes = intOption('rss-minutes', 0);
// The web processes' CPU profile of the hold, then of 10 s of each kind of request alone at the held load.
const cpuProf = flag('cpu-prof');
// Server processes (WEB_CONCURRENCY of scripts/serve.mjs); default one per CPU.
const webProcesses = intOption('web', cpus().length);
process.env.WEB_CONCURRENCY = String(webProcesses);
const p99Budget = 500;

process.env.REPORTS_DAILY_LIMIT = '1000000'; // one machine plays many residents filing many reports
const bench = openBenchSession({ keep });
const { benchEnv, owner } = bench;
const base = `http://127.0.0.1:${webPort}`;


type Kind = 'browse' | 'vote' | 'report';
type Sample = { kind: Kind; ms: number; ok: boolean };
type World = { ballotId: number; questionId: number; optionIds: number[]; categoryIds: number[]; points: { lat: number; lng: number }[]; voters: Person[]; reporters: Person[] };

const receipts: string[] = [];
const acceptedReports: number[] = [];
let nextVoter = 0;
/** Why requests failed, by kind and status (printed with the results). */
const failures = new Map<string, number>();
const failed = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1);
let reportNo = 0;

async function browse(world: World, i: number): Promise<boolean> {
  const paths = ['/', '/reports', `/votes/${world.ballotId}`, '/ideas', '/departments', '/stats', '/data/catalog.json', '/api/v1/reports?limit=20'];
  const path = paths[i % paths.length]!;
  const res = await fetch(`${base}${path}`, { headers: { 'Accept-Language': 'en' } });
  await res.arrayBuffer();
  if (res.status !== 200) failed(`GET ${path.split('?')[0]} ${res.status}`);
  return res.status === 200;
}

let alreadyVoted = 0;

async function vote(world: World): Promise<boolean> {
  const voter = world.voters[nextVoter++ % world.voters.length]!;
  const body = new URLSearchParams({ _csrf: voter.csrf, [`q${world.questionId}`]: String(world.optionIds[nextVoter % world.optionIds.length]) });
  const res = await fetch(`${base}/votes/${world.ballotId}`, { method: 'POST', body, headers: { Cookie: voter.cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' } });
  const html = await res.text();
  const receipt = /data-testid="receipt">([^<]+)</.exec(html)?.[1];
  if (res.status === 200 && receipt) receipts.push(receipt);
  // A voter already used (the list wraps around) is told so, with 409 and the page that says they have voted: an answer, not an error.
  if (res.status === 409) alreadyVoted++;
  const ok = (res.status === 200 && !!receipt) || res.status === 409;
  if (!ok) failed(`vote ${res.status}`);
  return ok;
}

async function report(world: World): Promise<boolean> {
  const n = reportNo++;
  const who = world.reporters[n % world.reporters.length]!;
  const place = world.points[n % world.points.length]!;
  const form = new FormData();
  const fields = { _csrf: who.csrf, categoryId: String(world.categoryIds[n % world.categoryIds.length]), lat: (place.lat + (n % 97) * 1e-5).toFixed(6), lng: place.lng.toFixed(6), address: `Load street ${n}`, description: `Load test report number ${n}`, confirmNew: 'yes' };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const res = await fetch(`${base}/reports/new`, { method: 'POST', body: form, headers: { Cookie: who.cookie, 'Accept-Language': 'en' }, redirect: 'manual' });
  const html = await res.text();
  const id = Number(/\/reports\/(\d+)/.exec(res.headers.get('Location') ?? '')?.[1]);
  if (res.status !== 302) failed(`report ${res.status}: ${/<li><a href="#field-(\w+)">([^<]*)/.exec(html)?.slice(1).join(' ') ?? ''}`);
  if (res.status === 302 && id) acceptedReports.push(id);
  return res.status === 302 && !!id;
}

/** `clients` loops, each: 7 page views, 2 reports, 1 vote in every 10 requests (or only `only`), for `ms`. */
async function run(world: World, clients: number, ms: number, only?: Kind): Promise<Sample[]> {
  const samples: Sample[] = [];
  const until = performance.now() + ms;
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = c; performance.now() < until; i += 1) {
        const slot = i % 10;
        const kind: Kind = only ?? (slot < 7 ? 'browse' : slot < 9 ? 'report' : 'vote');
        const t0 = performance.now();
        const ok = await (kind === 'browse' ? browse(world, i) : kind === 'report' ? report(world) : vote(world)).catch(() => false);
        samples.push({ kind, ms: performance.now() - t0, ok });
      }
    }),
  );
  return samples;
}

/** Samples the web server's resident memory (all its processes, summed) every `everyMs` until stopped. */
function sampleRss(everyMs: number) {
  const t0 = performance.now();
  const samples: { s: number; mib: number; each: { pid: number; mib: number }[] }[] = [];
  const take = () => {
    const each = bench.webRss();
    samples.push({ s: (performance.now() - t0) / 1000, mib: each.reduce((sum, p) => sum + p.mib, 0), each });
  };
  take();
  const timer = setInterval(take, everyMs);
  return () => {
    clearInterval(timer);
    take();
    return samples;
  };
}

function summary(samples: Sample[], ms: number) {
  const all = samples.map((s) => s.ms);
  return { rate: samples.length / (ms / 1000), p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99), failed: samples.filter((s) => !s.ok).length };
}

async function main() {
  log(`${cpus().length} CPUs, ${webProcesses} web process(es); mixed load for ${seconds} s with p99 ≤ ${p99Budget} ms`);
  migrate(benchEnv);
  const { seedDemoCity } = await import('#db/seed/index');
  const { pointInDistrict, demoDistricts } = await import('#db/seed/demo-city');
  const { closeConnections } = await import('#app/utils/shutdown.server');
  bench.state.closeApp = closeConnections;
  log(`demo city: ${await seedDemoCity()}`);
  const { ballotId, questionId, optionIds } = await openBenchBallot(owner, { ru: 'Нагрузка', en: 'Load' }, 3);
  const categories = await owner.unsafe<{ id: number }[]>(`SELECT id FROM categories ORDER BY id`);
  const profiler = cpuProf ? bench.cpuProfiler() : null;
  await bench.startWeb(webPort, '/reports');
  // Enough that a run on an idle machine casts for each at most once (about 6,000 casts in all there); the rest are told they have voted.
  const voters = await signedInPeople(owner, base, 10_000, 'load-voter', `/votes/${ballotId}`);
  const reporters = await signedInPeople(owner, base, 200, 'load-reporter', '/reports/new');
  const points = demoDistricts.map((d) => {
    const [lng, lat] = pointInDistrict(d.code);
    return { lat, lng };
  });
  const world: World = { ballotId, questionId, optionIds, categoryIds: categories.map((c) => c.id), points, voters, reporters };
  log(`${voters.length} voters and ${reporters.length} reporters signed in`);

  // 0. Warm-up (not counted): every server process compiles its hot code before anything is timed.
  log('warming up for 15 s');
  await run(world, 8, 15_000);

  // 1. The ramp: 10 s at each concurrency; those with p99 within budget are the candidates to hold.
  const passed: number[] = [];
  for (const clients of [2, 4, 8, 12, 16, 24, 32, 48]) {
    const s = summary(await run(world, clients, 10_000), 10_000);
    log(`ramp: ${clients} clients → ${s.rate.toFixed(0)} req/s, p50 ${s.p50.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms, failed ${s.failed}`);
    if (s.p99 <= p99Budget && s.failed === 0) passed.push(clients);
    else break;
  }

  // 2. Held for `seconds`, from the highest candidate down: ten seconds can pass where a minute does not (the
  //    tables grow, the collector runs), so a hold over budget is repeated one step lower, at most twice.
  let chosen = passed.at(-1) ?? 2;
  log(`holding ${chosen} clients for ${seconds} s`);
  let stopRss = sampleRss(1000);
  await profiler?.start();
  let cpuBefore = bench.cpuReading();
  let samples = await run(world, chosen, seconds * 1000);
  let cpuAfter = bench.cpuReading();
  let s = summary(samples, seconds * 1000);
  for (let attempt = 1; attempt <= 2 && (s.p99 > p99Budget || s.failed > 0) && passed.length > attempt; attempt++) {
    log(`held ${chosen} clients: ${s.rate.toFixed(1)} req/s, p99 ${s.p99.toFixed(0)} ms — over budget; holding ${passed.at(-1 - attempt)} clients`);
    chosen = passed.at(-1 - attempt)!;
    stopRss();
    stopRss = sampleRss(1000);
    if (profiler) await profiler.stop(webProcesses).then(() => profiler.start());
    cpuBefore = bench.cpuReading();
    samples = await run(world, chosen, seconds * 1000);
    cpuAfter = bench.cpuReading();
    s = summary(samples, seconds * 1000);
  }
  const holdRss = stopRss();
  const profiles: { label: string; files: string[] }[] = [];
  if (profiler) profiles.push({ label: `the hold (${chosen} clients, ${seconds} s, mixed)`, files: await profiler.stop(webProcesses) });
  // Each kind alone, at the same concurrency, so its profile (with --cpu-prof) and its CPU per request are its own.
  const alone: string[] = [];
  // The statements each kind sends (pg_stat_statements, the app role), per request, the costliest first.
  const stats = await bench.statementStats();
  const statementTables: { label: string; statements: { calls: number; ms: number; query: string }[]; answered: number }[] = [];
  for (const kind of ['browse', 'report', 'vote'] as const) {
    await profiler?.start();
    await stats?.reset();
    const before = bench.cpuReading();
    const kindSamples = await run(world, chosen, 10_000, kind);
    const answered = kindSamples.filter((x) => x.ok).length;
    const cpu = cpuPerUnit(before, bench.cpuReading(), answered, 'request');
    const k = summary(kindSamples, 10_000);
    const label = `${kind} alone (${chosen} clients, 10 s: ${k.rate.toFixed(1)} req/s, p99 ${k.p99.toFixed(0)} ms, failed ${k.failed})`;
    alone.push(`${label}: ${cpu}`);
    const statements = (await stats?.read()) ?? [];
    if (statements.length) statementTables.push({ label, statements, answered });
    if (profiler) profiles.push({ label, files: await profiler.stop(webProcesses) });
  }
  const byKind = (kind: Kind) => summary(samples.filter((x) => x.kind === kind), seconds * 1000);

  // 2b. Memory over a longer run: the same load for --rss-minutes more, the web server's RSS every 10 s.
  let longRss: ReturnType<ReturnType<typeof sampleRss>> = [];
  let longRun: ReturnType<typeof summary> | null = null;
  if (rssMinutes) {
    log(`holding ${chosen} clients for ${rssMinutes} more minute(s), sampling the web server's RSS`);
    const stop = sampleRss(10_000);
    longRun = summary(await run(world, chosen, rssMinutes * 60_000), rssMinutes * 60_000);
    longRss = stop();
  }

  // 3. Nothing lost: close and seal the ballot with the real use-case, then look for every receipt and report.
  await owner.unsafe(`UPDATE ballots SET closes_at = now() WHERE id = $1`, [ballotId]);
  const { closeBallot } = await import('#app/modules/votes/ballot-lifecycle.server');
  log(await closeBallot(ballotId));
  const hashes = await owner.unsafe<{ receipt_hash: string }[]>(`SELECT receipt_hash FROM ballot_ledger WHERE ballot_id = $1`, [ballotId]);
  const inLedger = new Set(hashes.map((h) => h.receipt_hash));
  const { receiptHash } = await import('#app/modules/votes/ledger');
  const missingVotes = receipts.filter((r) => !inLedger.has(receiptHash(r))).length;
  const stored = await owner.unsafe<{ id: number }[]>(`SELECT id::int AS id FROM reports WHERE id = ANY($1::bigint[]) AND moderation_due_at IS NOT NULL`, [acceptedReports]);
  const missingReports = acceptedReports.length - stored.length;

  console.log('');
  console.log(`Mixed load (70 % page views, 20 % reports, 10 % votes) on ${cpus().length} CPUs, ${webProcesses} web process(es), ${chosen} concurrent clients for ${seconds} s:`);
  console.log('  before issue 15 (bench/README.md): 174.4 requests/s held at 16 clients, p99 328 ms; the goal: ≥ 1,000 requests/s with p99 ≤ 500 ms');
  console.log(`  sustained ${s.rate.toFixed(1)} requests/s${s.p99 <= p99Budget && s.failed === 0 ? '' : ' (OVER BUDGET)'} — p50 ${s.p50.toFixed(0)} ms, p95 ${s.p95.toFixed(0)} ms, p99 ${s.p99.toFixed(0)} ms (budget ${p99Budget} ms), failed ${s.failed}`);
  for (const kind of ['browse', 'report', 'vote'] as const) {
    const k = byKind(kind);
    console.log(`  ${kind.padEnd(6)} ${k.rate.toFixed(1)}/s, p99 ${k.p99.toFixed(0)} ms`);
  }
  console.log(`  the hold: ${cpuPerUnit(cpuBefore, cpuAfter, samples.filter((x) => x.ok).length, 'request')}`);
  for (const line of alone) console.log(`  ${line}`);
  for (const { label, statements, answered } of statementTables) printStatements(label, statements, answered, 'request', 8);
  console.log('');
  const mib = (x: number) => `${x.toFixed(0)} MiB`;
  const peak = (xs: { mib: number }[]) => Math.max(...xs.map((x) => x.mib));
  console.log(`  web server RSS (all ${webProcesses + (webProcesses > 1 ? 1 : 0)} processes) during the hold: ${mib(holdRss[0]!.mib)} at its start, peak ${mib(peak(holdRss))}, ${mib(holdRss.at(-1)!.mib)} at its end`);
  if (longRun) {
    // Growth "beyond warm-up": from the end of the first minute of the longer run to its end.
    const afterWarmUp = longRss.find((x) => x.s >= 60) ?? longRss[0]!;
    console.log(`  then ${rssMinutes} min more: ${longRun.rate.toFixed(1)} requests/s, p99 ${longRun.p99.toFixed(0)} ms, failed ${longRun.failed}; RSS ${mib(longRss[0]!.mib)} → ${mib(afterWarmUp.mib)} after its first minute → ${mib(longRss.at(-1)!.mib)} at its end (peak ${mib(peak(longRss))}; growth after the first minute ${(longRss.at(-1)!.mib - afterWarmUp.mib).toFixed(0)} MiB)`);
    console.log(`  RSS every 10 s, MiB: ${longRss.map((x) => x.mib.toFixed(0)).join(' ')}`);
    // Each process at the start and at the end of every minute (the primary only forks; the others serve).
    const minutes = longRss.filter((x, i) => i === 0 || Math.floor(x.s / 60) > Math.floor(longRss[i - 1]!.s / 60) || i === longRss.length - 1);
    for (const m of minutes) console.log(`  minute ${(m.s / 60).toFixed(1).padStart(4)}: ${mib(m.mib)} = ${m.each.map((p) => `${p.pid} ${p.mib.toFixed(0)}`).join(' + ')}`);
  }
  if (failures.size) console.log(`  failures: ${[...failures].map(([k, n]) => `${k} × ${n}`).join(', ')}`);
  for (const { label, files } of profiles) printCpuProfile(`${label} (files in ${profiler!.dir})`, files);
  console.log(`  votes accepted ${receipts.length} (and ${alreadyVoted} answered "you have voted": a voter used again), in the sealed ledger ${receipts.length - missingVotes} (missing ${missingVotes}); ledger entries ${hashes.length}`);
  console.log(`  reports accepted ${acceptedReports.length}, stored with a deadline ${stored.length} (missing ${missingReports})`);
  console.log(`  check: ${missingVotes === 0 && missingReports === 0 && hashes.length === receipts.length ? 'nothing lost' : 'SOMETHING LOST'}`);
  if (missingVotes || missingReports || hashes.length !== receipts.length) process.exitCode = 1;
}

await bench.runMain(main);
