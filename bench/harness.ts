// What every benchmark here shares: command-line options, its own Postgres/Redis (the `bench` profile), the
// database owner's connection, the freshly built web server, and cleaning up after itself (also on Ctrl-C).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import postgres from 'postgres';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { ensureSystemPackages, psqlAdmin, root, startServices, stopServices } from '../scripts/services.mjs';
import { buildApp } from '../scripts/setup.mjs';

export function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(`--${name}`);
  if (i >= 0) return args[i + 1];
  return args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

export const flag = (name: string) => process.argv.slice(2).includes(`--${name}`);

export function intOption(name: string, fallback: number): number {
  const raw = option(name);
  if (raw === undefined) return fallback;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number (got "${raw}")`);
    process.exit(2);
  }
  return n;
}

export const log = (msg: string) => console.log(`[bench] ${msg}`);

/**
 * Starts (or, with DATABASE_URL set, uses) the bench services and puts their URLs in process.env: call it before
 * any #app module is imported, since env.server reads the environment once.
 */
export function openBenchSession({ keep }: { keep: boolean }) {
  const ownServices = !process.env.DATABASE_URL;
  if (ownServices) ensureSystemPackages();
  const { databaseUrl, ownerUrl, redisUrl } = startServices('bench', { fresh: ownServices });
  // One machine plays thousands of people from one address: the burst limits would measure themselves, so they are lifted.
  const benchEnv = { DATABASE_URL: databaseUrl, DATABASE_OWNER_URL: ownerUrl, REDIS_URL: redisUrl, NODE_ENV: 'production' as const, APP_URL: 'http://127.0.0.1', SESSION_SECRET: randomBytes(32).toString('base64url'), RATE_LIMIT_SCALE: process.env.RATE_LIMIT_SCALE ?? '100000' };
  Object.assign(process.env, benchEnv);
  // The database owner, without the app role. Unnamed statements (prepare: false) are planned for each run, as the
  // app's drizzle calls are: a named prepared statement switches to a generic plan after five executions.
  const owner = postgres(ownerUrl, { max: 1, prepare: false, onnotice: () => {} });
  const state = { web: undefined as ChildProcess | undefined, closeApp: undefined as (() => Promise<void>) | undefined, stopping: false };

  /** Rebuilds the app (build/ may be older than app/) and starts it; resolves once `warmPath` answers. */
  async function startWeb(port: number, warmPath: string): Promise<ChildProcess> {
    log('building the web app (as npm run build does)');
    const buildStart = performance.now();
    buildApp(benchEnv);
    log(`built in ${((performance.now() - buildStart) / 1000).toFixed(1)} s`);
    const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs')], { cwd: root, env: { ...process.env, ...benchEnv, PORT: String(port) }, stdio: ['ignore', 'pipe', 'inherit'] });
    state.web = child;
    child.stdout!.on('data', () => {});
    child.once('exit', (code, signal) => {
      if (!state.stopping) console.error(`[bench] the web server exited unexpectedly (${code ?? signal})`);
    });
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the web server exited with ${child.exitCode}`);
      try {
        // Loads the route module and warms the server before anything is timed.
        const res = await fetch(`http://127.0.0.1:${port}${warmPath}`);
        if (res.ok) {
          await res.arrayBuffer();
          break;
        }
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the web server did not answer on port ${port} within 120 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    log(`web server (build/ via scripts/serve.mjs, NODE_ENV=production, pid ${child.pid}) on http://127.0.0.1:${port}`);
    return child;
  }

  async function cleanup() {
    state.stopping = true;
    const web = state.web;
    if (web && web.exitCode === null && web.signalCode === null) {
      const exited = new Promise((resolve) => web.once('exit', resolve));
      web.kill('SIGTERM');
      const timer = setTimeout(() => web.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    await state.closeApp?.().catch(() => {});
    await owner.end({ timeout: 5 }).catch(() => {});
    if (ownServices && !keep) stopServices('bench');
    else if (ownServices) log(`services left running (--keep): DATABASE_URL=${databaseUrl} REDIS_URL=${redisUrl}`);
  }

  /**
   * Runs the bench's main(): says why it failed (with the cause, and whether the web server had died), always cleans
   * up — on Ctrl-C too — and exits non-zero on a failure or a failed check (process.exitCode).
   */
  async function runMain(main: () => Promise<void>): Promise<never> {
    process.once('SIGINT', () => {
      console.error('[bench] interrupted');
      void cleanup().finally(() => process.exit(130));
    });
    try {
      await main();
    } catch (error) {
      const cause = (error as Error).cause;
      console.error(`[bench] failed: ${(error as Error).stack ?? error}${cause ? `\n  cause: ${(cause as Error).stack ?? cause}` : ''}`);
      if (state.web && state.web.exitCode !== null) console.error(`[bench] the web server had exited with ${state.web.exitCode}`);
      process.exitCode = 1;
    } finally {
      await cleanup();
    }
    process.exit(process.exitCode ?? 0);
  }

  /**
   * pg_stat_statements on the bench's own Postgres (its services load the library): the owner may read and reset it.
   * Null with DATABASE_URL set (someone else's database: nothing is installed there).
   */
  async function statementStats() {
    if (!ownServices) return null;
    psqlAdmin('bench', 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements; GRANT pg_read_all_stats TO vmeste; GRANT EXECUTE ON FUNCTION pg_stat_statements_reset TO vmeste;', 'vmeste_bench');
    return {
      reset: async () => void (await owner.unsafe('SELECT pg_stat_statements_reset()')),
      /** The app role's statements since the reset, most time first. */
      read: async () =>
        owner.unsafe<{ calls: number; ms: number; rows: number; query: string }[]>(
          `SELECT calls::int, total_exec_time::float8 AS ms, rows::int, regexp_replace(query, '\\s+', ' ', 'g') AS query
           FROM pg_stat_statements WHERE userid = 'vmeste_app'::regrole AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC`,
        ),
    };
  }

  /**
   * `--cpu-prof`: the web processes profile themselves between two SIGUSR2 (scripts/serve.mjs, CPU_PROFILE_DIR) and
   * write one `.cpuprofile` each to `.data-bench/profiles/<time>/`. Call before startWeb().
   */
  function cpuProfiler() {
    const dir = join(root, '.data-bench', 'profiles', new Date().toISOString().replace(/[:.]/g, '-'));
    mkdirSync(dir, { recursive: true });
    process.env.CPU_PROFILE_DIR = dir;
    return {
      dir,
      start: async () => {
        state.web!.kill('SIGUSR2');
        await new Promise((r) => setTimeout(r, 300));
      },
      /** Stops the profilers and resolves with the files they wrote now (one per web process). */
      stop: async (processes: number): Promise<string[]> => {
        const profiles = () => readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
        const earlier = new Set(profiles());
        state.web!.kill('SIGUSR2');
        const deadline = Date.now() + 60_000;
        let fresh: string[] = [];
        while ((fresh = profiles().filter((f) => !earlier.has(f))).length < processes && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
        return fresh.map((f) => join(dir, f));
      },
    };
  }

  /** The resident memory (VmRSS, MiB) of every server process: the web server's own and the ones node:cluster forked. */
  function webRss(): { pid: number; mib: number }[] {
    return processTree(state.web!.pid!).flatMap((pid) => {
      const kib = /VmRSS:\s+(\d+) kB/.exec(readFile(`/proc/${pid}/status`))?.[1];
      return kib ? [{ pid, mib: Number(kib) / 1024 }] : [];
    });
  }

  /**
   * CPU time (user + system, ms, from /proc) of each part of the bench on this machine: the web processes, the bench's
   * Postgres and Redis, this process (the clients), and the machine as a whole. Two readings taken around a phase say
   * what each part spent on it, whatever else shared the cores: a profile's "busy" time is wall time on a stack,
   * which counts a process waiting for a core, this is the time the kernel gave it.
   */
  function cpuReading(): CpuReading {
    const web = state.web?.pid ? treeCpuMs(state.web.pid) : 0;
    const pidOf = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);
    const inBench = (file: string) => (ownServices ? treeCpuMs(pidOf(join(root, '.data-bench', file))) : 0);
    const usage = process.cpuUsage();
    return { web, postgres: inBench('pg/postmaster.pid'), redis: inBench('redis/redis.pid'), bench: (usage.user + usage.system) / 1000, ...machineCpuMs() };
  }

  return { databaseUrl, ownerUrl, redisUrl, benchEnv, owner, state, startWeb, cleanup, runMain, statementStats, cpuProfiler, webRss, cpuReading };
}

export type Person = { cookie: string; csrf: string };

/** One question with `optionCount` options (О1/O1…), added to a ballot made in the database. */
export async function addBenchQuestion(owner: postgres.Sql, ballotId: number, optionCount: number): Promise<{ questionId: number; optionIds: number[] }> {
  const [question] = await owner.unsafe<{ id: number }[]>(`INSERT INTO ballot_questions (ballot_id, position, text_ru, text_en) VALUES ($1, 1, 'В', 'Q') RETURNING id`, [ballotId]);
  const options = await owner.unsafe<{ id: number }[]>(`INSERT INTO ballot_options (question_id, position, label_ru, label_en) SELECT $1, g, 'О' || g, 'O' || g FROM generate_series(1, $2) g RETURNING id`, [question!.id, optionCount]);
  return { questionId: question!.id, optionIds: options.map((o) => o.id) };
}

/** A ballot open for a day, of one question with `optionCount` options, made in the database (no editor's steps). */
export async function openBenchBallot(owner: postgres.Sql, title: { ru: string; en: string }, optionCount: number): Promise<{ ballotId: number; questionId: number; optionIds: number[] }> {
  const [ballot] = await owner.unsafe<{ id: number }[]>(
    `INSERT INTO ballots (title_ru, title_en, description_ru, description_en, status, opens_at, closes_at) VALUES ($1, $2, '-', '-', 'open', now() - interval '1 minute', now() + interval '1 day') RETURNING id`,
    [title.ru, title.en],
  );
  return { ballotId: ballot!.id, ...(await addBenchQuestion(owner, ballot!.id, optionCount)) };
}

/**
 * A signed-in browser's view of a page with a form: its CSRF cookie and token. A load balancer's own answer (502, 503,
 * 504: no web process answered in time, as on a loaded machine) is not the page and has neither; it is asked again,
 * as a resident would reload. Anything else without them stops the bench with what came back.
 */
async function formView(url: string, cookie: string): Promise<Person> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, { headers: { Cookie: cookie, 'Accept-Language': 'en' } });
    const html = await res.text();
    if ([502, 503, 504].includes(res.status) && attempt < 5) {
      await new Promise((r) => setTimeout(r, 1000 * attempt));
      continue;
    }
    const csrfCookie = res.headers.getSetCookie().find((c) => c.startsWith('vmeste_csrf='))?.split(';')[0];
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (!csrfCookie || !token) throw new Error(`${url} answered ${res.status} without a CSRF ${csrfCookie ? 'token' : 'cookie'}: ${html.slice(0, 200)}`);
    return { cookie: `${cookie}; ${csrfCookie}`, csrf: token };
  }
}

/**
 * `count` verified residents with a signed-in session each, made in the database (no argon2 per person), then
 * each one's CSRF cookie and token from a real view of `page`: ready to post forms as a browser would.
 */
export async function signedInPeople(owner: postgres.Sql, base: string, count: number, prefix: string, page: string, concurrency = 16): Promise<Person[]> {
  const { sessionCookie } = await import('#app/utils/cookies.server');
  await owner.unsafe(
    `INSERT INTO users (email, name, verified, verified_by, birth_year) SELECT $2 || '-' || g || '@bench.vmeste.city', 'Bench ' || g, true, 'bench', 1980 FROM generate_series(1, $1) g`,
    [count, prefix],
  );
  const sessions = await owner.unsafe<{ id: string }[]>(
    `INSERT INTO sessions (user_id, expires_at) SELECT id, now() + interval '1 day' FROM users WHERE email LIKE $1 RETURNING id`,
    [`${prefix}-%@bench.vmeste.city`],
  );
  const people: Person[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < sessions.length) {
        const session = sessions[next++]!;
        const cookie = (await sessionCookie.serialize(session.id)).split(';')[0]!;
        people.push(await formView(`${base}${page}`, cookie));
      }
    }),
  );
  return people;
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;
}

/** Prints rows as a Markdown table: the first `leftColumns` columns left-aligned (names), the rest right-aligned. */
export function printTable(header: string[], body: string[][], leftColumns = 1): void {
  const lines = [header, header.map(() => '---'), ...body];
  const widths = header.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  for (const l of lines) {
    const cells = l.map((cell, i) => (cell === '---' ? '-'.repeat(widths[i]!) : i < leftColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)));
    console.log(`| ${cells.join(' | ')} |`);
  }
}

/**
 * The app role's statements over `units` units of work (pg_stat_statements' rows, most time first): how many and how
 * long per unit in all, then the first `limit` statements as a table.
 */
export function printStatements(title: string, statements: { calls: number; ms: number; query: string }[], units: number, unit: string, limit = 12): void {
  const per = (x: number) => x / Math.max(1, units);
  const calls = statements.reduce((sum, q) => sum + q.calls, 0);
  const ms = statements.reduce((sum, q) => sum + q.ms, 0);
  console.log(`\n${title}: ${per(calls).toFixed(1)} statements, ${per(ms).toFixed(2)} ms in Postgres per ${unit} (pg_stat_statements, the app role, ${units} ${unit}s)`);
  printTable(
    ['statement', `per ${unit}`, `ms per ${unit}`, 'ms per call'],
    statements.slice(0, limit).map((q) => [q.query.slice(0, 100), per(q.calls).toFixed(2), per(q.ms).toFixed(3), (q.ms / q.calls).toFixed(3)]),
  );
}

export type CpuReading = { web: number; postgres: number; redis: number; bench: number; machineBusy: number; machineIdle: number };

const clockTick = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim() || 100);

/** A /proc file's text, or '' if its process or thread ended meanwhile. */
function readFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** A process and every descendant alive (/proc/<pid>/task/<tid>/children), the process first. */
function processTree(rootPid: number): number[] {
  const pids: number[] = [];
  const visit = (pid: number) => {
    pids.push(pid);
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      // ended meanwhile
    }
    for (const task of tasks) {
      const children = readFile(`/proc/${pid}/task/${task}/children`).trim();
      for (const child of children ? children.split(' ') : []) visit(Number(child));
    }
  };
  visit(rootPid);
  return pids;
}

/** utime + stime of a process tree, plus what children that ended already spent (each parent's cutime, cstime), in ms. */
function treeCpuMs(rootPid: number): number {
  let ms = 0;
  for (const pid of processTree(rootPid)) {
    const stat = readFile(`/proc/${pid}/stat`);
    if (!stat) continue; // ended meanwhile: its parent's cutime has it
    // The fields after the command's closing parenthesis: state is field 3, utime 14, stime 15, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    ms += (fields[11]! + fields[12]! + fields[13]! + fields[14]!) * clockTick;
  }
  return ms;
}

/** The whole machine's busy and idle time over every core (/proc/stat), in ms. */
function machineCpuMs(): { machineBusy: number; machineIdle: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).map(Number);
  const idle = ticks[3]! + ticks[4]!;
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { machineBusy: (total - idle) * clockTick, machineIdle: idle * clockTick };
}

/**
 * What each part spent per unit of work (a cast, a request) between two readings, and what the machine's cores
 * could do if that were all they did: `cores × 1000 / total` per second, and without the bench's own clients (which a
 * real deployment does not run beside the server).
 */
export function cpuPerUnit(before: CpuReading, after: CpuReading, units: number, unit: string, plural = `${unit}s`): string {
  const d = (k: keyof CpuReading) => (after[k] - before[k]) / Math.max(1, units);
  const parts = { web: d('web'), postgres: d('postgres'), redis: d('redis'), bench: d('bench') };
  const machine = d('machineBusy');
  const other = Math.max(0, machine - parts.web - parts.postgres - parts.redis - parts.bench);
  const cores = availableParallelism();
  const f = (ms: number) => ms.toFixed(2);
  const serverSide = parts.web + parts.postgres + parts.redis;
  return (
    `CPU per ${unit} (/proc, user + system): web ${f(parts.web)} ms, Postgres ${f(parts.postgres)} ms, Redis ${f(parts.redis)} ms, ` +
    `the bench's clients ${f(parts.bench)} ms, anything else ${f(other)} ms; the machine ${f(machine)} ms of ${cores} cores ` +
    `(idle ${(((after.machineIdle - before.machineIdle) / Math.max(1, after.machineIdle - before.machineIdle + after.machineBusy - before.machineBusy)) * 100).toFixed(0)} %) → ` +
    `at most ${((cores * 1000) / Math.max(0.001, machine)).toFixed(0)} ${plural}/s on these cores as they were shared, ${((cores * 1000) / Math.max(0.001, serverSide)).toFixed(0)}/s with web, Postgres and Redis alone on them`
  );
}
