// `npm run bench:scale [-- --seconds 10] [--clients 32] [--voters 800] [--reports 20000] [--jobs 2000] [--keep]`
// The cluster topology of ADR 051 (scripts/cluster.mjs: HAProxy, PgBouncer, a hot standby, the Redis Cluster,
// s3rver) on the bench database, measured through HAProxy with 1, 2 and 4 web processes: accepted votes/s (the real
// cast form post) and public reads/s (map viewport, report list, API, Open311), with the replica taking the public
// reads and, once, with it stopped; for each, the web processes' CPU per request (/proc), the database time per
// request (pg_stat_database.active_time on the primary and the standby) and requests per core-second. Then jobs/s
// with 1 and 2 worker processes: escalations of deadlines falling due among --reports open reports. Prints a table
// and the load (uptime) it ran under: on a shared machine only the ratios within one run mean anything.
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { pidOfPart, startReplica, startTopology, startWorkerProcess, stopReplica, stopTopology, topologyPorts } from '../scripts/cluster.mjs';
import { profiles } from '../scripts/services.mjs';
import { buildIfStale, migrate } from '../scripts/setup.mjs';
import { flag, intOption, log, openBenchBallot, openBenchSession, printTable, signedInPeople, type Person } from './harness';

const seconds = intOption('seconds', 10);
const clients = intOption('clients', 32);
const voterCount = intOption('voters', 800);
const openReports = intOption('reports', 20_000);
const jobsPerRound = intOption('jobs', 2000);
const keep = flag('keep');

const bench = openBenchSession({ keep });
const { benchEnv, owner } = bench;
const ports = topologyPorts('bench') as { replica: number; balancer: number };
const balancer = `http://127.0.0.1:${ports.balancer}`;
const database = profiles.bench.database as string;
const standby = postgres(`postgres://vmeste:vmeste@127.0.0.1:${ports.replica}/${database}`, { max: 1, prepare: false, onnotice: () => {} });

type Measure = { requests: number; failed: number; seconds: number; cpuMs: number; dbMs: number; why?: Map<string, number> };
/** A request's outcome: true when it did what it should, else what came back instead (a status, or the error's code). */
type Outcome = true | string;
type Row = { what: string; webs: number; replica: string; m: Measure };

/** CPU time (ms) the web processes have used so far, from /proc/<pid>/stat (utime + stime, 100 ticks a second). */
function webCpuMs(webs: number): number {
  let ticks = 0;
  for (let i = 1; i <= webs; i++) {
    const pid = pidOfPart('bench', `web-${i}`);
    if (!pid) continue;
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks * 10;
}

/** Milliseconds spent running statements in the bench database, on the primary and (when up) the standby. */
async function databaseMs(): Promise<number> {
  const query = `SELECT coalesce(active_time, 0)::float8 AS ms FROM pg_stat_database WHERE datname = current_database()`;
  const [primary] = await owner.unsafe<{ ms: number }[]>(query);
  const replica = await standby.unsafe<{ ms: number }[]>(query).catch(() => [{ ms: 0 }]);
  return primary!.ms + replica[0]!.ms;
}

/** Runs `clients` loops of `request` for `seconds` (or until it returns null: nothing left to do), with the costs. */
async function measure(webs: number, request: () => Promise<Outcome> | null): Promise<Measure> {
  const cpu0 = webCpuMs(webs);
  const db0 = await databaseMs();
  const until = performance.now() + seconds * 1000;
  const start = performance.now();
  let requests = 0;
  let failed = 0;
  const why = new Map<string, number>();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const next = request();
        if (!next) return;
        const outcome = await next.catch((error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.name);
        if (outcome === true) requests++;
        else {
          failed++;
          why.set(outcome, (why.get(outcome) ?? 0) + 1);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  // The statistics reach pg_stat_database when a backend reports them (at most once a second).
  await new Promise((r) => setTimeout(r, 1500));
  return { requests, failed, seconds: elapsed, cpuMs: webCpuMs(webs) - cpu0, dbMs: (await databaseMs()) - db0, why };
}

async function openBallot(): Promise<{ ballotId: number; questionId: number; optionId: number }> {
  const { ballotId, questionId, optionIds } = await openBenchBallot(owner, { ru: 'Масштаб', en: 'Scale' }, 3);
  return { ballotId, questionId, optionId: optionIds[0]! };
}

/** A failed answer's status, and whether HAProxy gave it (no web process fit to take it) or the app. */
const failure = (status: number, body: string) => `HTTP ${status} from ${/<h1>\d{3} [^<]*<\/h1>/.test(body) && !body.includes('data-testid') ? 'HAProxy' : 'the app'}`;

const receiptPattern = /([0-9A-Z]{4}-){7}[0-9A-Z]{4}/;

async function castRound(webs: number, voters: Person[]): Promise<Measure> {
  const { ballotId, questionId, optionId } = await openBallot();
  let next = 0;
  return measure(webs, () => {
    const voter = voters[next++];
    if (!voter) return null;
    const body = new URLSearchParams({ _csrf: voter.csrf, [`q${questionId}`]: String(optionId) });
    return fetch(`${balancer}/votes/${ballotId}`, { method: 'POST', body, headers: { Cookie: voter.cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' } }).then(async (res) => {
      const text = await res.text();
      return (res.status === 200 && receiptPattern.test(text)) || failure(res.status, text);
    });
  });
}

const publicReads = ['/reports/map.json?west=37.3&south=55.5&east=37.9&north=55.9&zoom=11', '/reports', '/api/v1/reports', '/open311/v2/requests.json'];

async function readRound(webs: number): Promise<Measure> {
  let next = 0;
  return measure(webs, () => fetch(`${balancer}${publicReads[next++ % publicReads.length]}`, { headers: { 'Accept-Language': 'en' } }).then(async (res) => {
      const text = await res.text();
      return res.ok || failure(res.status, text);
    }));
}

/** Escalations of `jobsPerRound` deadlines falling due now, among the open reports, with `workers` worker processes. */
async function jobsRound(workers: number, env: Record<string, string>, connection: Cluster): Promise<Measure> {
  const { deadlineJobId, deadlineQueueName } = await import('#app/modules/reports/jobs');
  const { queuePrefix } = await import('#app/utils/redis.server');
  for (let i = 1; i <= 2; i++) if (!pidOfPart('bench', `worker-${i}`) && i <= workers) startWorkerProcess('bench', i, env).catch(() => {}); // Not awaited, as when bench/README.md's figures were measured.
  const due = await owner.unsafe<{ id: number }[]>(
    `UPDATE reports SET moderation_due_at = now() WHERE id IN (SELECT id FROM reports WHERE description = 'scale bench' AND NOT overdue ORDER BY id LIMIT $1) RETURNING id::int AS id`,
    [jobsPerRound],
  );
  const queue = new Queue(deadlineQueueName, { connection, prefix: queuePrefix(deadlineQueueName, env.QUEUE_PREFIX) });
  const dueAt = new Date().toISOString();
  const start = performance.now();
  for (let i = 0; i < due.length; i += 500) {
    await queue.addBulk(due.slice(i, i + 500).map(({ id }) => ({ name: 'escalate', data: { reportId: id, deadline: 'moderation', dueAt }, opts: { jobId: deadlineJobId(id, 'moderation', 'escalate'), attempts: 5, backoff: { type: 'exponential', delay: 1000 } } })));
  }
  await queue.close();
  const ids = due.map((r) => r.id);
  for (;;) {
    const [row] = await owner.unsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM reports WHERE id = ANY($1::bigint[]) AND overdue`, [ids]);
    const n = row!.n;
    if (n >= ids.length || performance.now() - start > 300_000) return { requests: n, failed: ids.length - n, seconds: (performance.now() - start) / 1000, cpuMs: 0, dbMs: 0 };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main() {
  const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
  log(`${cpus().length} CPUs; load before: ${loadBefore}`);
  migrate(benchEnv);
  const { seedDemoCity } = await import('#db/seed/index');
  const { closeConnections } = await import('#app/utils/shutdown.server');
  bench.state.closeApp = async () => {
    await stopTopology('bench', { wipe: true });
    await standby.end({ timeout: 1 });
    await closeConnections();
  };
  log(`demo city: ${await seedDemoCity()}`);
  buildIfStale(benchEnv);
  // On a machine loaded by other work a page can take longer than the app's 10 s before it answers 503 itself. The
  // app's bound stays under HAProxy's `timeout server` (30 s, deploy/haproxy.cfg): above it, HAProxy gave up first
  // and answered 504 with its own page — no CSRF cookie, no form — which is what stopped the first runs.
  const base = { SESSION_SECRET: benchEnv.SESSION_SECRET, RATE_LIMIT_SCALE: benchEnv.RATE_LIMIT_SCALE, SMTP_URL: '', QUEUE_PREFIX: '{scale}', SWEEP_EVERY_MS: '3600000', APP_URL: balancer, REQUEST_TIMEOUT_MS: '25000' };
  const rows: Row[] = [];
  let env: Record<string, string> = {};
  let voters: Person[] = [];
  for (const webs of [1, 2, 4]) {
    const topology = await startTopology('bench', { webs, workers: 0, base, freshReplica: webs === 1 });
    env = topology.env;
    // Their CSRF cookie and token come from a ballot's page (the form that needs them), and serve every ballot.
    // Four at a time: the views are set-up, not measured, and a loaded machine renders them slowly.
    if (!voters.length) voters = await signedInPeople(owner, balancer, voterCount, 'scale', `/votes/${(await openBallot()).ballotId}`, 4);
    log(`${webs} web process(es) behind HAProxy`);
    rows.push({ what: 'votes cast', webs, replica: 'up', m: await castRound(webs, voters) });
    rows.push({ what: 'public reads', webs, replica: 'up', m: await readRound(webs) });
    // The same reads with the standby stopped: every web process reads from the primary (ADR 051).
    stopReplica('bench');
    rows.push({ what: 'public reads', webs, replica: 'stopped', m: await readRound(webs) });
    startReplica('bench');
  }
  log(`${openReports} open reports for the deadline jobs`);
  await owner.unsafe(
    `INSERT INTO reports (author_id, category_id, location, address, description, moderation_due_at)
     SELECT (SELECT id FROM users ORDER BY created_at LIMIT 1), (SELECT id FROM categories ORDER BY id LIMIT 1),
       ST_SetSRID(ST_MakePoint(37.6 + random() * 0.1, 55.7 + random() * 0.1), 4326), 'Scale street', 'scale bench', now() + interval '30 days'
     FROM generate_series(1, $1)`,
    [openReports],
  );
  const connection = new Cluster(env.REDIS_CLUSTER_NODES!.split(',').map((node) => ({ host: node.split(':')[0]!, port: Number(node.split(':')[1]) })), { redisOptions: { maxRetriesPerRequest: null } });
  const jobRows = [];
  for (const workers of [1, 2]) jobRows.push({ workers, m: await jobsRound(workers, env, connection) });
  connection.disconnect();

  console.log(`\nbench:scale — ${openReports} open reports (--reports 100000 for the issue's figure), ${cpus().length} CPUs, load average (1, 5, 15 min) ${loadBefore} at the start, ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the end\n`);
  const fixed = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  printTable(
    ['path', 'web processes', 'replica', 'requests', 'failed', 'req/s', 'web CPU ms/req', 'DB ms/req', 'req per core-second'],
    rows.map(({ what, webs, replica, m }) => [what, String(webs), replica, String(m.requests), String(m.failed), fixed(m.requests / m.seconds), fixed(m.cpuMs / m.requests, 2), fixed(m.dbMs / m.requests, 2), fixed((m.requests * 1000) / m.cpuMs)]),
    3,
  );
  for (const { what, webs, replica, m } of rows) {
    if (m.why?.size) console.log(`failed ${what}, ${webs} web, replica ${replica}: ${[...m.why].map(([reason, n]) => `${reason} ×${n}`).join(', ')}`);
  }
  console.log('');
  printTable(['worker processes', 'deadline escalations', 'not done', 'seconds', 'jobs/s'], jobRows.map(({ workers, m }) => [String(workers), String(m.requests), String(m.failed), fixed(m.seconds), fixed(m.requests / m.seconds)]));
  const first = (what: string, webs: number) => rows.find((r) => r.what === what && r.webs === webs && r.replica === 'up')!.m;
  for (const what of ['votes cast', 'public reads']) {
    const one = first(what, 1);
    console.log(`${what}: 2 webs ÷ 1 = ${fixed(first(what, 2).requests / first(what, 2).seconds / (one.requests / one.seconds), 2)}, 4 webs ÷ 1 = ${fixed(first(what, 4).requests / first(what, 4).seconds / (one.requests / one.seconds), 2)}`);
  }
  console.log(`jobs: 2 workers ÷ 1 = ${fixed(jobRows[1]!.m.requests / jobRows[1]!.m.seconds / (jobRows[0]!.m.requests / jobRows[0]!.m.seconds), 2)}`);
}

await bench.runMain(main);
