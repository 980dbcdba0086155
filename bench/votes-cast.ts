// `npm run bench:votes [-- --voters N] [--clients N] [--seconds S] [--probes N] [--port N] [--keep]`
// Accepted votes per second through the real HTTP cast endpoint (POST /votes/:id with a signed-in session, its CSRF
// token, form parsing and validation, eligibility, the one-transaction cast and the Redis publish), against
// pgbench's single-row `INSERT … ON CONFLICT DO NOTHING` on the same database in the same run; then the delay from a
// cast's commit to a listening Server-Sent Events client (p50/p95). Prints the ratio. See bench/README.md.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { migrate } from '../scripts/setup.mjs';
import { flag, intOption, log, openBenchSession, signedInPeople, type Person, percentile } from './harness';

const voterCount = intOption('voters', 3000);
const clients = intOption('clients', 32);
const pgbenchSeconds = intOption('seconds', 15);
const probes = intOption('probes', 100);
const webPort = intOption('port', 3947);
const keep = flag('keep');

const bench = openBenchSession({ keep });
const { benchEnv, owner } = bench;
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

async function cast(ballotId: number, voter: Voter, questionId: number, optionId: number): Promise<boolean> {
  const body = new URLSearchParams({ _csrf: voter.csrf, [`q${questionId}`]: String(optionId) });
  const res = await fetch(`${base}/votes/${ballotId}`, { method: 'POST', body, headers: { Cookie: voter.cookie, 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' } });
  const html = await res.text();
  return res.status === 200 && html.includes('data-testid="receipt"');
}

/** A Server-Sent Events client: resolves waiters when the total count reaches what they wait for. */
async function listen(ballotId: number) {
  // A pooled keep-alive connection may have been closed by the server while pgbench ran: retry once on a new one.
  const res = await fetch(`${base}/votes/${ballotId}/live`).catch((error: Error) => {
    log(`SSE connect: ${error.message} (${String((error.cause as Error | undefined)?.message)}); retrying`);
    return fetch(`${base}/votes/${ballotId}/live`);
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let total = 0;
  const waiters: { atLeast: number; resolve: (t: number) => void }[] = [];
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(event);
        if (!data) continue;
        const now = performance.now();
        total = Object.values((JSON.parse(data[1]!) as { votes: Record<string, number> }).votes).reduce((a, b) => a + b, 0);
        for (const w of waiters.splice(0)) {
          if (total >= w.atLeast) w.resolve(now);
          else waiters.push(w);
        }
      }
    }
  })();
  return {
    until: (atLeast: number) => (total >= atLeast ? Promise.resolve(performance.now()) : new Promise<number>((resolve) => waiters.push({ atLeast, resolve }))),
    close: () => reader.cancel(),
  };
}

async function main() {
  log(`${cpus().length} CPUs; ${voterCount} voters, ${clients} concurrent HTTP clients, pgbench ${pgbenchSeconds} s with the same ${clients} clients`);
  migrate(benchEnv);
  const [ballot] = await owner.unsafe<{ id: number }[]>(
    `INSERT INTO ballots (title_ru, title_en, description_ru, description_en, status, opens_at, closes_at) VALUES ('Бенчмарк', 'Benchmark', '-', '-', 'open', now() - interval '1 minute', now() + interval '1 day') RETURNING id`,
  );
  const [question] = await owner.unsafe<{ id: number }[]>(`INSERT INTO ballot_questions (ballot_id, position, text_ru, text_en) VALUES ($1, 1, 'В', 'Q') RETURNING id`, [ballot!.id]);
  const options = await owner.unsafe<{ id: number }[]>(
    `INSERT INTO ballot_options (question_id, position, label_ru, label_en) SELECT $1, g, 'О' || g, 'O' || g FROM generate_series(1, 4) g RETURNING id`,
    [question!.id],
  );
  await bench.startWeb(webPort, `/votes/${ballot!.id}`);
  const voters = await prepareVoters(ballot!.id);
  const probeVoters = voters.splice(0, probes);

  // 1. Throughput: every client casts for the next voter until all have voted.
  log(`casting ${voters.length} votes through POST /votes/${ballot!.id} with ${clients} clients`);
  let next = 0;
  let accepted = 0;
  let refused = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < voters.length) {
        const i = next++;
        if (await cast(ballot!.id, voters[i]!, question!.id, options[i % 4]!.id)) accepted++;
        else refused++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const votesPerSecond = accepted / seconds;
  const [{ participations, shards }] = (await owner.unsafe(
    `SELECT (SELECT count(*)::int FROM ballot_participations WHERE ballot_id = $1) AS participations,
            (SELECT coalesce(sum(votes), 0)::int FROM ballot_tally_shards s JOIN ballot_options o ON o.id = s.option_id WHERE o.question_id = $2) AS shards`,
    [ballot!.id, question!.id],
  )) as unknown as [{ participations: number; shards: number }];
  log(`accepted ${accepted}, refused ${refused} in ${seconds.toFixed(1)} s; participations ${participations}, tally ${shards} (${participations === accepted && shards === accepted ? 'consistent' : 'INCONSISTENT'})`);

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
  const t1 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (nextDirect < direct.length) {
        const i = nextDirect++;
        if ((await castVote(direct[i]!.id, ballot!.id, { [`q${question!.id}`]: [String(options[i % 4]!.id)] })).ok) acceptedDirect++;
      }
    }),
  );
  const directPerSecond = acceptedDirect / ((performance.now() - t1) / 1000);
  log(`castVote() in process: ${acceptedDirect} accepted, ${directPerSecond.toFixed(0)} votes/s`);
  const before = accepted + acceptedDirect;

  // 3. Commit → SSE: one vote at a time, timed from the request and from its response to the listener seeing it.
  const live = await listen(ballot!.id);
  await live.until(before);
  const fromRequest: number[] = [];
  const fromResponse: number[] = [];
  for (const [i, voter] of probeVoters.entries()) {
    const sent = performance.now();
    const seen = live.until(before + i + 1);
    if (!(await cast(ballot!.id, voter, question!.id, options[0]!.id))) throw new Error('a probe vote was refused');
    const answered = performance.now();
    const at = await seen;
    fromRequest.push(at - sent);
    fromResponse.push(Math.max(0, at - answered));
  }
  await live.close();

  const ratio = votesPerSecond / tps;
  console.log('\nResults');
  console.log(`  HTTP casts accepted:         ${votesPerSecond.toFixed(0)} votes/s (${accepted} in ${seconds.toFixed(1)} s, ${clients} clients)`);
  console.log(`  pgbench single-row upsert:   ${tps.toFixed(0)} tps (${clients} clients, ${pgbenchSeconds} s)`);
  console.log(`  ratio HTTP votes / pgbench:  ${ratio.toFixed(3)} (${(ratio * 100).toFixed(1)} %)`);
  console.log(`  castVote() in process:       ${directPerSecond.toFixed(0)} votes/s (the app's pool of 10 connections), ratio to pgbench ${(directPerSecond / tps).toFixed(3)}`);
  console.log(`  commit → SSE client, after the cast's response: p50 ${percentile(fromResponse, 50).toFixed(0)} ms, p95 ${percentile(fromResponse, 95).toFixed(0)} ms`);
  console.log(`  request sent → SSE client (upper bound):        p50 ${percentile(fromRequest, 50).toFixed(0)} ms, p95 ${percentile(fromRequest, 95).toFixed(0)} ms (${probes} probes)`);
}

await bench.runMain(main);
