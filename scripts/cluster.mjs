// The topology of issue 16 on one machine (ADR 051): a Postgres primary and a streaming hot standby made with
// `pg_basebackup -R`, PgBouncer in transaction mode in front of each, a Redis Cluster, an S3-compatible store
// (s3rver), N web processes and M workers, and HAProxy in front with deploy/haproxy.cfg. Used by
// `npm run demo:cluster` (scripts/demo-cluster.mjs), the topology tests and `npm run bench:scale`.
// Every process runs detached with a pid file and a log in the run directory, so whoever started the topology
// (or a test that killed and restarted one part) can stop all of it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asPostgres, findPgBin, ownForPostgres, pgPaths, portOffset, profiles, root, startRedisCluster, stopRedisCluster } from './services.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const log = (msg) => console.log(`[cluster] ${msg}`);

// Ports of each profile's topology, clear of services.mjs's (Postgres 543xx, Redis 638xx, clusters 160xx–166xx).
// Sixteen ports per checkout (the replica, two bouncers, s3rver, HAProxy, web processes from +11): VMESTE_PORT_OFFSET
// steps by sixteen, so checkouts side by side never share one.
const topologyBase = { demo: 17000, test: 18000, bench: 19000 };
export function topologyPorts(profile, { port } = {}) {
  const base = topologyBase[profile] + portOffset * 16;
  return {
    replica: base,
    bouncerPrimary: base + 1,
    bouncerReplica: base + 2,
    s3: base + 3,
    balancer: Number(port ?? base + 4),
    web: (i) => base + 10 + i,
  };
}

/** Installs HAProxy and PgBouncer from Debian when missing (Postgres and Redis: services.mjs). */
export function ensureClusterPackages() {
  const missing = ['haproxy', 'pgbouncer'].filter((cmd) => spawnSync('sh', ['-c', `command -v ${cmd} || test -x /usr/sbin/${cmd}`]).status !== 0);
  if (missing.length === 0) return;
  const line = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!isRoot) {
    console.error(`Missing system packages. Run as root: sudo sh -c '${line}'`);
    process.exit(1);
  }
  log(`installing ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  // Debian starts its own instances on the default ports; ours run from our own configs.
  for (const service of missing) spawnSync('sh', ['-c', `command -v systemctl >/dev/null && systemctl disable --now ${service}`], { stdio: 'ignore' });
}

/** Fills a deploy/ template: @NAME@ from values; a line naming @WEB_…@ is repeated once per web process. */
export function renderTemplate(file, values, webs = []) {
  const fill = (line, vars) => line.replace(/@([A-Z_]+)@/g, (_, name) => {
    if (!(name in vars)) throw new Error(`${file}: no value for @${name}@`);
    return String(vars[name]);
  });
  return readFileSync(join(root, 'deploy', file), 'utf8')
    .split('\n')
    .flatMap((line) => (/@WEB_[A-Z]+@/.test(line) ? webs.map((web) => fill(line, { ...values, ...web })) : [fill(line, values)]))
    .join('\n');
}

export const runDir = (profile) => join(profiles[profile].dir, 'cluster');

function pidOf(file) {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function waitUntil(check, what, ms = 30_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not come up in ${ms / 1000} s`);
}

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status < 500;
  } catch {
    return false;
  }
}

/** Spawns a Node process detached, its output in <name>.log and its pid in <name>.pid. */
function spawnDetached(profile, name, args, env) {
  const dir = runDir(profile);
  mkdirSync(dir, { recursive: true });
  const out = openSync(join(dir, `${name}.log`), 'a');
  const child = spawn(process.execPath, args, { cwd: root, env, detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  child.unref();
  writeFileSync(join(dir, `${name}.pid`), String(child.pid));
  return child.pid;
}

function replicaPaths(profile) {
  const { data, sock } = pgPaths(profile);
  return { data: `${data}-replica`, sock: `${sock}-replica`, logFile: `${data}-replica.log` };
}

/** Makes the hot standby from the primary with pg_basebackup -R (afresh when asked) and starts it. */
export function startReplica(profile, { fresh = false } = {}) {
  const pg = findPgBin();
  const { sock: primarySock } = pgPaths(profile);
  const { data, sock, logFile } = replicaPaths(profile);
  const port = topologyPorts(profile).replica;
  if (spawnSync('sh', ['-c', `test -f ${data}/postmaster.pid`]).status === 0 && replicaRunning(profile)) return;
  if (fresh) rmSync(data, { recursive: true, force: true });
  if (!existsSync(join(data, 'PG_VERSION'))) {
    rmSync(data, { recursive: true, force: true });
    ownForPostgres(data);
    log(`making the hot standby with pg_basebackup -R in ${data}`);
    asPostgres(join(pg.bin, 'pg_basebackup'), ['-h', primarySock, '-p', String(profiles[profile].pgPort), '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '-c', 'fast']);
  }
  ownForPostgres(sock);
  if (!existsSync(logFile)) writeFileSync(logFile, '');
  if (isRoot) spawnSync('chown', ['postgres', logFile]);
  asPostgres(join(pg.bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', `-k ${sock} -p ${port} -c listen_addresses=127.0.0.1 -c hot_standby=on`, 'start']);
}

function replicaRunning(profile) {
  const pg = findPgBin();
  try {
    asPostgres(join(pg.bin, 'pg_ctl'), ['-D', replicaPaths(profile).data, 'status']);
    return true;
  } catch {
    return false;
  }
}

/** Stops the standby: "immediate" is a crash as clients see it. */
export function stopReplica(profile, mode = 'fast') {
  if (!replicaRunning(profile)) return;
  asPostgres(join(findPgBin().bin, 'pg_ctl'), ['-D', replicaPaths(profile).data, '-m', mode, '-w', 'stop']);
}

/**
 * Freezes the standby (SIGSTOP to its postmaster and every process it started) or thaws it (SIGCONT): frozen, it is a
 * host gone without closing its sockets — connections open, nothing answered — which no refused connection reveals.
 */
export function signalReplica(profile, signal) {
  const postmaster = Number(readFileSync(join(replicaPaths(profile).data, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
  for (const pid of signal === 'SIGSTOP' ? [postmaster, ...children] : [...children, postmaster]) process.kill(pid, signal);
}

/** One PgBouncer (transaction mode) in front of a Postgres, from deploy/pgbouncer.ini. */
function startBouncer(profile, name, { pgPort, port }) {
  const dir = join(runDir(profile), name);
  // The run directory stays open to the postgres user (ownForPostgres would make missing parents 0700 root's).
  mkdirSync(runDir(profile), { recursive: true, mode: 0o755 });
  ownForPostgres(dir);
  const pid = pidOf(join(dir, 'pgbouncer.pid'));
  if (pid) return;
  writeFileSync(join(dir, 'pgbouncer.ini'), renderTemplate('pgbouncer.ini', { DATABASE: profiles[profile].database, PG_HOST: '127.0.0.1', PG_PORT: pgPort, BIND: '127.0.0.1', PORT: port, RUN_DIR: dir }));
  writeFileSync(join(dir, 'userlist.txt'), '"vmeste_app" "vmeste_app"\n"vmeste" "vmeste"\n', { mode: 0o600 });
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const file of ['pgbouncer.ini', 'userlist.txt']) chownSync(join(dir, file), uid, gid);
  }
  // PgBouncer refuses to run as root: it runs as postgres, like the servers it fronts.
  asPostgres('/usr/sbin/pgbouncer', ['-d', join(dir, 'pgbouncer.ini')]);
}

function stopBouncer(profile, name) {
  const pid = pidOf(join(runDir(profile), name, 'pgbouncer.pid'));
  if (pid) process.kill(pid, 'SIGTERM');
}

/** The environment every web and worker process of the topology gets (on top of the caller's `base`). */
export function topologyEnv(profile, base, { port } = {}) {
  const ports = topologyPorts(profile, { port });
  const database = profiles[profile].database;
  return {
    ...base,
    NODE_ENV: 'production',
    DATABASE_URL: `postgres://vmeste_app:vmeste_app@127.0.0.1:${ports.bouncerPrimary}/${database}`,
    DATABASE_REPLICA_URL: `postgres://vmeste_app:vmeste_app@127.0.0.1:${ports.bouncerReplica}/${database}`,
    DATABASE_PREPARE: 'false',
    REDIS_URL: '',
    MEDIA_STORE: 's3',
    S3_ENDPOINT: `http://127.0.0.1:${ports.s3}`,
    S3_BUCKET: 'vmeste-media',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    TRUST_PROXY: 'loopback',
    APP_URL: base.APP_URL || `http://localhost:${ports.balancer}`,
  };
}

/** Starts web process i (1-based) of the topology; resolves when it answers /healthz. */
export async function startWebProcess(profile, i, env) {
  const port = topologyPorts(profile).web(i);
  spawnDetached(profile, `web-${i}`, [join(root, 'scripts/serve.mjs')], { ...process.env, ...env, PORT: String(port), WEB_CONCURRENCY: '1', WEB_PROCESS_NAME: `web-${i}` });
  await waitUntil(() => answers(`http://127.0.0.1:${port}/healthz`), `web-${i} on ${port}`, 60_000);
}

/** Stops web process i (1-based) with SIGTERM, as a rolling deploy does (SIGKILL if it has not ended in 10 s). */
export async function stopWebProcess(profile, i) {
  await stopPid(pidOfPart(profile, `web-${i}`));
}

/**
 * Starts worker process i (1-based); resolves when it says it is running (its queues consumed). Under load a worker
 * takes tens of seconds to start (tsx compiles the app as it loads it): a test that kills the other one meanwhile
 * would have no worker at all, not one of two.
 */
export async function startWorkerProcess(profile, i, env) {
  const logFile = join(runDir(profile), `worker-${i}.log`);
  const running = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter((line) => line.startsWith('[workers] running')).length : 0);
  const before = running();
  spawnDetached(profile, `worker-${i}`, ['--import', 'tsx', join(root, 'workers/index.ts')], { ...process.env, ...env });
  await waitUntil(() => running() > before, `worker-${i}`, 120_000);
}

/** The web and worker environment of the running topology (a test restarting a killed part gives it the same). */
export const runningTopologyEnv = (profile) => JSON.parse(readFileSync(join(runDir(profile), 'topology.json'), 'utf8')).env;

/** The pid of a part started by this module (web-1, worker-2, s3, …), or null when it is not running. */
export const pidOfPart = (profile, name) => pidOf(join(runDir(profile), `${name}.pid`));

function startBalancer(profile, webs, port) {
  const dir = runDir(profile);
  const config = join(dir, 'haproxy.cfg');
  const pidFile = join(dir, 'haproxy.pid');
  writeFileSync(config, renderTemplate('haproxy.cfg', { BIND: '127.0.0.1', PORT: port }, Array.from({ length: webs }, (_, k) => ({ WEB_NAME: `web-${k + 1}`, WEB_ADDRESS: `127.0.0.1:${topologyPorts(profile).web(k + 1)}` }))));
  const old = pidOf(pidFile);
  // A running HAProxy takes the new configuration over without dropping connections (-sf: the old one finishes).
  // Checked first, so a bad configuration stops here with HAProxy's own words.
  execFileSync('/usr/sbin/haproxy', ['-c', '-q', '-f', config], { stdio: ['ignore', 'inherit', 'inherit'] });
  execFileSync('/usr/sbin/haproxy', ['-D', '-f', config, '-p', pidFile, ...(old ? ['-sf', String(old)] : [])], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Starts the whole topology over the profile's running primary (services.mjs startServices) and returns where each
 * part listens and the web/worker environment. `base` is the app's environment (SESSION_SECRET, SMTP_URL, …).
 */
export async function startTopology(profile, { webs = 2, workers = 2, port, base = {}, freshReplica = false } = {}) {
  ensureClusterPackages();
  const ports = topologyPorts(profile, { port });
  const database = profiles[profile].database;
  startReplica(profile, { fresh: freshReplica });
  startBouncer(profile, 'pgbouncer-primary', { pgPort: profiles[profile].pgPort, port: ports.bouncerPrimary });
  startBouncer(profile, 'pgbouncer-replica', { pgPort: ports.replica, port: ports.bouncerReplica });
  const redisNodes = startRedisCluster(profile, { replicas: 1, fresh: freshReplica });
  if (!pidOfPart(profile, 's3')) spawnDetached(profile, 's3', [join(root, 'scripts/s3-server.mjs')], { ...process.env, S3_PORT: String(ports.s3), S3_DIR: join(runDir(profile), 's3-data'), S3_BUCKET: 'vmeste-media' });
  await waitUntil(() => answers(`http://127.0.0.1:${ports.s3}/`), `s3rver on ${ports.s3}`);
  const env = { ...topologyEnv(profile, base, { port }), REDIS_CLUSTER_NODES: redisNodes };
  for (let i = 1; i <= webs; i++) if (!pidOfPart(profile, `web-${i}`)) await startWebProcess(profile, i, env);
  const workersRunning = Promise.all(Array.from({ length: workers }, (_, k) => (pidOfPart(profile, `worker-${k + 1}`) ? null : startWorkerProcess(profile, k + 1, env))));
  startBalancer(profile, webs, ports.balancer);
  await workersRunning;
  await waitUntil(async () => {
    const res = await fetch(`http://127.0.0.1:${ports.balancer}/healthz`).catch(() => null);
    return res?.status === 200;
  }, `HAProxy on ${ports.balancer}`);
  writeFileSync(join(runDir(profile), 'topology.json'), JSON.stringify({ webs, workers, env }, null, 2));
  return {
    env,
    ports,
    parts: [
      ['HAProxy (round-robin, /healthz checks)', `http://localhost:${ports.balancer}`],
      ...Array.from({ length: webs }, (_, k) => [`web-${k + 1}`, `http://127.0.0.1:${ports.web(k + 1)}`]),
      ...Array.from({ length: workers }, (_, k) => [`worker-${k + 1}`, `pid ${pidOfPart(profile, `worker-${k + 1}`)}`]),
      ['Postgres primary', `127.0.0.1:${profiles[profile].pgPort}/${database}`],
      ['Postgres hot standby', `127.0.0.1:${ports.replica}/${database}`],
      ['PgBouncer → primary (transaction mode)', `127.0.0.1:${ports.bouncerPrimary}/${database}`],
      ['PgBouncer → standby (transaction mode)', `127.0.0.1:${ports.bouncerReplica}/${database}`],
      ['Redis Cluster (3 masters, 3 replicas)', redisNodes],
      ['Object store (s3rver, bucket vmeste-media)', `http://127.0.0.1:${ports.s3}`],
      ['Logs and pid files', runDir(profile)],
    ],
  };
}

async function stopPid(pid, signal = 'SIGTERM') {
  if (!pid) return;
  try {
    process.kill(pid, signal);
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone meanwhile
  }
}

/** Stops every part this module started for the profile (the primary stays: services.mjs stops it). */
export async function stopTopology(profile, { wipe = false } = {}) {
  const dir = runDir(profile);
  await stopPid(pidOf(join(dir, 'haproxy.pid')));
  const names = existsSync(dir) ? readdirSync(dir).filter((f) => /^(web|worker)-\d+\.pid$|^s3\.pid$/.test(f)) : [];
  await Promise.all(names.map((file) => stopPid(pidOf(join(dir, file)))));
  stopBouncer(profile, 'pgbouncer-primary');
  stopBouncer(profile, 'pgbouncer-replica');
  stopReplica(profile);
  stopRedisCluster(profile, { wipe });
  if (wipe) rmSync(dir, { recursive: true, force: true });
}

