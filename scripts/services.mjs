// Private Postgres+PostGIS and Redis for the demo and the tests, in a project-local data dir.
// Plain Node with no dependencies: it runs before `npm ci` on a fresh machine.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// VMESTE_PORT_OFFSET moves every port, so two checkouts on one machine can run their tests side by side.
export const portOffset = Number(process.env.VMESTE_PORT_OFFSET ?? 0);
export const profiles = {
  demo: { dir: join(root, '.data'), pgPort: 54329 + portOffset, redisPort: 63799 + portOffset, database: 'vmeste' },
  test: { dir: join(root, '.data-test'), pgPort: 54339 + portOffset, redisPort: 63809 + portOffset, database: 'vmeste_test' },
  bench: { dir: join(root, '.data-bench'), pgPort: 54349 + portOffset, redisPort: 63819 + portOffset, database: 'vmeste_bench' },
  // The test set-up again under a faked clock (scripts/test-dates.mjs), beside a normal test run.
  dates: { dir: join(root, '.data-dates'), pgPort: 54359 + portOffset, redisPort: 63829 + portOffset, database: 'vmeste_dates' },
};

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const log = (msg) => console.log(`[services] ${msg}`);

function run(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts });
}

export function asPostgres(cmd, args, opts = {}) {
  return isRoot ? run('runuser', ['-u', 'postgres', '--', cmd, ...args], opts) : run(cmd, args, opts);
}

export function findPgBin() {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(base, v, 'bin');
    if (existsSync(join(bin, 'initdb'))) return { version: v, bin };
  }
  return null;
}

const hasPostgis = (version) => existsSync(`/usr/share/postgresql/${version}/extension/postgis.control`);
const hasRedis = () => spawnSync('sh', ['-c', 'command -v redis-server && command -v redis-cli']).status === 0;
const hasChromium = () => existsSync('/usr/bin/chromium');

/** Installs the Debian packages that are missing, or stops with the one apt-get line to run. */
export function ensureSystemPackages({ chromium = false } = {}) {
  const pg = findPgBin();
  const missing = [];
  if (!pg) missing.push('postgresql');
  if (!pg || !hasPostgis(pg.version)) missing.push(`postgresql-${pg ? pg.version : '15'}-postgis-3`);
  if (!hasRedis()) missing.push('redis-server');
  if (chromium && !hasChromium()) missing.push('chromium');
  if (missing.length === 0) return;
  const line = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  if (!isRoot) {
    console.error(`Missing system packages. Run as root: sudo sh -c '${line}'`);
    process.exit(1);
  }
  log(`installing ${missing.join(' ')} (about a minute)`);
  // Debian's package would otherwise create and start a cluster on 5432 that we never use.
  mkdirSync('/etc/postgresql-common', { recursive: true });
  if (!existsSync('/etc/postgresql-common/createcluster.conf')) {
    writeFileSync('/etc/postgresql-common/createcluster.conf', 'create_main_cluster = false\n');
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  const after = findPgBin();
  if (!after || !hasPostgis(after.version)) {
    execFileSync('apt-get', ['install', '-y', '-qq', `postgresql-${after?.version ?? '15'}-postgis-3`], { stdio: 'inherit', env });
  }
}

/**
 * Where the profile's Postgres lives: in the project's data dir, unless (as root) the postgres user cannot
 * reach the project (a checkout under /root, say); then under /var/tmp, named after the project's path.
 */
function pgBase(profile) {
  const p = profiles[profile];
  if (!isRoot) return p.dir;
  mkdirSync(p.dir, { recursive: true });
  spawnSync('chmod', ['755', p.dir]);
  if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-x', p.dir]).status === 0) return p.dir;
  const hash = createHash('sha256').update(p.dir).digest('hex').slice(0, 12);
  const fallback = `/var/tmp/vmeste-${profile}-${hash}`;
  mkdirSync(fallback, { recursive: true });
  return fallback;
}

export function pgPaths(profile) {
  const base = pgBase(profile);
  return { data: join(base, 'pg'), sock: join(base, 'pg-run'), logFile: join(base, 'pg.log') };
}

function pgRunning(bin, data) {
  if (!existsSync(join(data, 'PG_VERSION'))) return false;
  try {
    asPostgres(join(bin, 'pg_ctl'), ['-D', data, 'status']);
    return true;
  } catch {
    return false;
  }
}

export function psqlAdmin(profile, sql, database = 'postgres') {
  const { sock } = pgPaths(profile);
  const { pgPort } = profiles[profile];
  return asPostgres('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', sock, '-p', String(pgPort), '-U', 'postgres', '-d', database, '-tA', '-c', sql]);
}

export function ownForPostgres(path) {
  mkdirSync(path, { recursive: true, mode: 0o700 });
  if (isRoot) {
    const uid = Number(run('id', ['-u', 'postgres']).trim());
    const gid = Number(run('id', ['-g', 'postgres']).trim());
    chownSync(path, uid, gid);
  }
}

/**
 * Starts the profile's Postgres (initialising it on first use); returns true if this call started it. The benchmarks'
 * loads pg_stat_statements, so a bench can count the statements and their time per request.
 */
export function startPostgres(profile) {
  const pg = findPgBin();
  const { data, sock, logFile } = pgPaths(profile);
  const { pgPort } = profiles[profile];
  if (pgRunning(pg.bin, data)) return false;
  if (!existsSync(join(data, 'PG_VERSION'))) {
    log(`initialising Postgres ${pg.version} in ${data}`);
    ownForPostgres(data);
    asPostgres(join(pg.bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', '-E', 'UTF8', '--locale=C.UTF-8']);
  }
  ownForPostgres(sock);
  if (!existsSync(logFile)) writeFileSync(logFile, '');
  if (isRoot) spawnSync('chown', ['postgres', logFile]);
  asPostgres(join(pg.bin, 'pg_ctl'), ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', `-k ${sock} -p ${pgPort} -c listen_addresses=127.0.0.1 -c fsync=${profile === 'test' ? 'off' : 'on'}${profile === 'bench' ? ' -c shared_preload_libraries=pg_stat_statements' : ''}`, 'start']);
  log(`Postgres listening on 127.0.0.1:${pgPort}`);
  return true;
}

/**
 * Creates the owner role (it migrates), the app's login role (the web and workers connect as it: data rights only,
 * never the owner's), the database and the extensions (extensions need a superuser).
 */
function preparePostgres(profile, { fresh }) {
  const { database } = profiles[profile];
  psqlAdmin(profile, `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vmeste') THEN CREATE ROLE vmeste LOGIN CREATEROLE PASSWORD 'vmeste'; END IF; END $$;`);
  // An older demo's vmeste_app was a NOLOGIN role the owner SET ROLE to: it becomes the app's login, never the owner's member.
  psqlAdmin(profile, `DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'vmeste_app') THEN CREATE ROLE vmeste_app LOGIN PASSWORD 'vmeste_app'; ELSE ALTER ROLE vmeste_app LOGIN PASSWORD 'vmeste_app'; END IF; END $$;`);
  if (fresh) psqlAdmin(profile, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  const exists = psqlAdmin(profile, `SELECT 1 FROM pg_database WHERE datname = '${database}'`).trim() === '1';
  if (!exists) psqlAdmin(profile, `CREATE DATABASE ${database} OWNER vmeste`);
  psqlAdmin(profile, 'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS citext;', database);
}

/**
 * Keeps the freshly seeded database aside as a template (`<database>_seeded`, copied file by file: a few seconds).
 * `restoreSeededDatabase` then puts a copy of it back in place of the database the tests have used, so the test
 * projects that run whole worker processes against it (topology, faults) start from the seeded city, not from all
 * the integration suite left pending: thousands of e-mails, deadlines and jobs their workers would work through first.
 */
export function keepSeededDatabase(profile) {
  const { database } = profiles[profile];
  psqlAdmin(profile, `DROP DATABASE IF EXISTS ${database}_seeded WITH (FORCE)`);
  psqlAdmin(profile, `CREATE DATABASE ${database}_seeded TEMPLATE ${database} STRATEGY FILE_COPY`);
}

export function restoreSeededDatabase(profile) {
  const { database } = profiles[profile];
  psqlAdmin(profile, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  psqlAdmin(profile, `CREATE DATABASE ${database} OWNER vmeste TEMPLATE ${database}_seeded STRATEGY FILE_COPY`);
}

// Redis keeps the real clock when the tests run under a faked one (scripts/test-dates.mjs): redis-cli hangs there.
const { LD_PRELOAD: _faked, ...redisEnv } = process.env;

function redisPing(port) {
  return spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8', env: redisEnv }).stdout?.trim() === 'PONG';
}

/** Starts the profile's Redis (AOF on, noeviction: a lost job is a lost deadline); true if this call started it. */
function startRedis(profile) {
  const { dir, redisPort } = profiles[profile];
  const redisDir = join(dir, 'redis');
  mkdirSync(redisDir, { recursive: true });
  if (redisPing(redisPort)) return false;
  run('redis-server', ['--daemonize', 'yes', '--port', String(redisPort), '--bind', '127.0.0.1', '--dir', redisDir,
    '--pidfile', join(redisDir, 'redis.pid'), '--logfile', join(redisDir, 'redis.log'), '--appendonly', 'yes',
    '--maxmemory-policy', 'noeviction', '--save', ''], { env: redisEnv });
  for (let i = 0; i < 100 && !redisPing(redisPort); i++) spawnSync('sleep', ['0.1']);
  if (!redisPing(redisPort)) throw new Error(`Redis did not start; see ${join(redisDir, 'redis.log')}`);
  log(`Redis listening on 127.0.0.1:${redisPort}`);
  return true;
}

// A Redis Cluster of the profile's own (ADR 042): three masters, each with a replica when asked, on ports clear of the
// single Redis's (a node's cluster bus listens 10000 above its port, so these stay low).
// Six nodes per checkout: VMESTE_PORT_OFFSET steps by six, so checkouts side by side never share a node.
const clusterBase = { demo: 16000, test: 16200, bench: 16400, dates: 16600 };
export const clusterPorts = (profile, nodes = 6) => Array.from({ length: nodes }, (_, i) => clusterBase[profile] + portOffset * 6 + i);

function clusterState(port) {
  return /cluster_state:(\w+)/.exec(spawnSync('redis-cli', ['-p', String(port), 'cluster', 'info'], { encoding: 'utf8', env: redisEnv }).stdout ?? '')?.[1];
}

/**
 * Starts a Redis Cluster of Debian's redis-server for the profile (`replicas`: one replica per master, or none) and
 * returns REDIS_CLUSTER_NODES. Fresh: the nodes' data and cluster configuration are wiped and the cluster re-created.
 */
export function startRedisCluster(profile, { replicas = 1, fresh = false } = {}) {
  const ports = clusterPorts(profile, replicas ? 6 : 3);
  const base = join(profiles[profile].dir, 'redis-cluster');
  if (fresh) stopRedisCluster(profile, { wipe: true });
  const running = ports.every((port) => redisPing(port));
  if (!running) {
    for (const port of ports) {
      if (redisPing(port)) continue;
      const dir = join(base, String(port));
      mkdirSync(dir, { recursive: true });
      run('redis-server', ['--daemonize', 'yes', '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
        '--pidfile', join(dir, 'redis.pid'), '--logfile', join(dir, 'redis.log'), '--appendonly', 'yes',
        '--maxmemory-policy', 'noeviction', '--save', '', '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf',
        '--cluster-node-timeout', '2000'], { env: redisEnv });
    }
    for (let i = 0; i < 100 && !ports.every((port) => redisPing(port)); i++) spawnSync('sleep', ['0.1']);
  }
  if (clusterState(ports[0]) !== 'ok') {
    const known = spawnSync('redis-cli', ['-p', String(ports[0]), 'cluster', 'info'], { encoding: 'utf8', env: redisEnv }).stdout ?? '';
    // Nodes that never formed a cluster are joined now; a formed one (restarted from nodes.conf) only needs a moment.
    if (/cluster_known_nodes:1\b/.test(known)) {
      run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', String(replicas ? 1 : 0), '--cluster-yes'], { env: redisEnv });
    }
    for (let i = 0; i < 200 && !ports.every((port) => clusterState(port) === 'ok'); i++) spawnSync('sleep', ['0.1']);
    if (!ports.every((port) => clusterState(port) === 'ok')) throw new Error(`The Redis Cluster on ${ports.join(', ')} did not come up; see ${base}/*/redis.log`);
  }
  log(`Redis Cluster on 127.0.0.1:${ports.join(',')} (${replicas ? '3 masters, 3 replicas' : '3 masters'})`);
  return ports.map((port) => `127.0.0.1:${port}`).join(',');
}

export function stopRedisCluster(profile, { wipe = false } = {}) {
  for (const port of clusterPorts(profile)) {
    if (redisPing(port)) spawnSync('redis-cli', ['-p', String(port), 'shutdown', 'nosave'], { env: redisEnv });
  }
  if (wipe) rmSync(join(profiles[profile].dir, 'redis-cluster'), { recursive: true, force: true });
}

/**
 * Makes Postgres and Redis available for a profile and returns their URLs: `databaseUrl` is the app's login role
 * (the web, the workers, the seed, the tests), `ownerUrl` the database owner (migrations only).
 * DATABASE_URL / DATABASE_OWNER_URL / REDIS_URL, when set, are used as they are and nothing local is started for them.
 */
export function startServices(profile, { fresh = false } = {}) {
  const p = profiles[profile];
  const started = { postgres: false, redis: false };
  let databaseUrl = process.env.DATABASE_URL;
  let ownerUrl = process.env.DATABASE_OWNER_URL || databaseUrl;
  let redisUrl = process.env.REDIS_URL;
  if (!databaseUrl) {
    started.postgres = startPostgres(profile);
    preparePostgres(profile, { fresh });
    databaseUrl = `postgres://vmeste_app:vmeste_app@127.0.0.1:${p.pgPort}/${p.database}`;
    ownerUrl = `postgres://vmeste:vmeste@127.0.0.1:${p.pgPort}/${p.database}`;
  }
  if (!redisUrl) {
    started.redis = startRedis(profile);
    if (fresh) run('redis-cli', ['-p', String(p.redisPort), 'flushall'], { env: redisEnv });
    redisUrl = `redis://127.0.0.1:${p.redisPort}`;
  }
  return { databaseUrl, ownerUrl: ownerUrl || databaseUrl, redisUrl, started };
}

export function stopServices(profile, which = { postgres: true, redis: true }) {
  const p = profiles[profile];
  if (which.redis && redisPing(p.redisPort)) {
    spawnSync('redis-cli', ['-p', String(p.redisPort), 'shutdown', 'nosave'], { env: redisEnv });
    log(`Redis on ${p.redisPort} stopped`);
  }
  const pg = findPgBin();
  const { data } = pgPaths(profile);
  if (which.postgres && pg && pgRunning(pg.bin, data)) {
    asPostgres(join(pg.bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    log(`Postgres on ${p.pgPort} stopped`);
  }
}

/** Stops the profile's Postgres at once, as a crash or a failover would look to clients (fault tests). */
export function stopPostgres(profile, mode = 'fast') {
  const pg = findPgBin();
  const { data } = pgPaths(profile);
  if (pg && pgRunning(pg.bin, data)) asPostgres(join(pg.bin, 'pg_ctl'), ['-D', data, '-m', mode, '-w', 'stop']);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [command, profile = 'demo'] = process.argv.slice(2);
  if (!profiles[profile]) {
    console.error(`Unknown profile "${profile}" (demo, test or bench)`);
    process.exit(2);
  }
  if (command === 'stop') stopServices(profile);
  else if (command === 'start') {
    ensureSystemPackages();
    const { databaseUrl, ownerUrl, redisUrl } = startServices(profile);
    console.log(`DATABASE_URL=${databaseUrl}\nDATABASE_OWNER_URL=${ownerUrl}\nREDIS_URL=${redisUrl}`);
  } else {
    console.error('usage: node scripts/services.mjs start|stop [demo|test|bench]');
    process.exit(2);
  }
}
