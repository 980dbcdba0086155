// `npm test`: the demo's set-up for separate test servers (.data-test/, other ports), then typecheck,
// lint, build, and every test (unit, integration, end-to-end). Exits non-zero on any failure.
// `npm test -- <files or vitest filters>` runs only those tests after the same set-up (no typecheck, lint or
// fault tests unless a filter names tests/faults): the quick loop while working on one part.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { vapidKeys } from './setup.mjs';
import { ensureSystemPackages, keepSeededDatabase, portOffset, restoreSeededDatabase, root, startRedisCluster, startServices, stopRedisCluster, stopServices } from './services.mjs';
import { buildIfStale, checkLockFile, ensureNodeModules, migrate, run } from './setup.mjs';
import { ensureNodeLts } from './node-lts.mjs';

await ensureNodeLts();

const startedAt = Date.now();
// scripts/test-dates.mjs runs this under a faked clock on servers of its own.
const profile = process.env.VMESTE_TEST_PROFILE === 'dates' ? 'dates' : 'test';
ensureSystemPackages({ chromium: true });
ensureNodeModules();
// A fresh database and Redis each run, unless pointed at real servers (then the tests use unique data).
const { databaseUrl, ownerUrl, redisUrl, started } = startServices(profile, { fresh: true });
const env = {
  DATABASE_URL: databaseUrl,
  // The owner only migrates; tests that check the app cannot do an owner's work connect with DATABASE_URL.
  DATABASE_OWNER_URL: ownerUrl,
  REDIS_URL: redisUrl,
  SESSION_SECRET: 'vmeste-test-secret-that-is-long-enough-0123456789',
  SMTP_URL: `smtp://127.0.0.1:${2526 + portOffset}`,
  E2E_PORT: process.env.E2E_PORT ?? String(3999 + portOffset),
  CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  // A VAPID pair of this run's own (ADR 049): the tests' push endpoint checks the messages are signed with it.
  ...vapidKeys(),
};

const steps = [];
function step(name, fn) {
  const t0 = Date.now();
  try {
    fn();
    steps.push({ name, ok: true, seconds: (Date.now() - t0) / 1000 });
    return true;
  } catch (error) {
    steps.push({ name, ok: false, seconds: (Date.now() - t0) / 1000, error: error.message });
    return false;
  }
}

const filters = process.argv.slice(2);
const only = filters.length > 0;
const wantsFaults = !only || filters.some((f) => f.includes('faults'));
const wantsOthers = !only || filters.some((f) => !f.includes('faults') && !f.includes('cluster') && !f.includes('topology'));
// The cluster topology (ADR 051): its own vitest project, started once by its global set-up.
const wantsTopology = !only || filters.some((f) => f.includes('topology'));
// Files that run a second time on a Redis Cluster (the vitest project "cluster").
const clusterTests = JSON.parse(readFileSync(join(root, 'tests/cluster-tests.json'), 'utf8'));

// The projects whose worker processes work through the database (topology, faults) start from the seeded city, on a
// database of our own (services.mjs, keepSeededDatabase); on a server DATABASE_URL points at, they share the suite's.
const reseeds = !process.env.DATABASE_URL && (wantsTopology || wantsFaults);
/** Before a project of whole worker processes: a fresh copy of the seeded database (about a second). */
const seededDatabase = () => reseeds && step('reseed', () => restoreSeededDatabase(profile));

let exitCode = 0;
try {
  const ready =
    step('migrate', () => migrate(env)) &&
    // Seeded without SMTP: the demo people's e-mails stay in the outbox instead of flooding the tests' SMTP server.
    step('seed', () => run('tsx', ['db/seed/index.ts'], { ...env, SMTP_URL: '' })) &&
    (!reseeds || step('template', () => keepSeededDatabase(profile))) &&
    step('build', () => buildIfStale(env));
  if (!only) {
    step('lockfile', () => checkLockFile());
    step('typecheck', () => run('tsc', ['--noEmit'], env));
    step('lint', () => run('eslint', ['--max-warnings', '0', '.'], env));
  }
  const report = join(root, 'test-results', 'vitest.json');
  const faultsReport = join(root, 'test-results', 'vitest-faults.json');
  rmSync(report, { force: true });
  const clusterReport = join(root, 'test-results', 'vitest-cluster.json');
  rmSync(faultsReport, { force: true });
  rmSync(clusterReport, { force: true });
  const topologyReport = join(root, 'test-results', 'vitest-topology.json');
  rmSync(topologyReport, { force: true });
  if (ready) {
    mkdirSync(join(root, 'test-results'), { recursive: true });
    const selected = only ? filters.filter((f) => !f.includes('faults') && !f.includes('cluster') && !f.includes('topology')) : [];
    if (wantsOthers) step('tests', () => run('vitest', ['run', '--project', 'unit', '--project', 'integration', '--project', 'e2e', ...selected, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], env));
    // The queue, rate-limit and live-tally tests again on a Redis Cluster of three masters with a replica each (ADR 042).
    const clusterFilters = only ? filters.filter((f) => f.includes('cluster') || clusterTests.some((file) => file.includes(f) || f.includes(file))) : [];
    if (!only || clusterFilters.length) {
      step('cluster', () => {
        const nodes = startRedisCluster(profile, { fresh: true });
        try {
          run('vitest', ['run', '--project', 'cluster', ...clusterFilters.filter((f) => !f.includes('cluster') || f.endsWith('.ts')), '--reporter=default', '--reporter=json', `--outputFile.json=${clusterReport}`], { ...env, REDIS_CLUSTER_NODES: nodes });
        } finally {
          stopRedisCluster(profile, { wipe: true });
        }
      });
    }
    // HAProxy, two web processes, two workers, PgBouncer, a hot standby, a Redis Cluster and s3rver (scripts/cluster.mjs).
    if (wantsTopology) {
      seededDatabase();
      step('topology', () => run('vitest', ['run', '--project', 'topology', ...(only ? filters.filter((f) => f.includes('topology')) : []), '--reporter=default', '--reporter=json', `--outputFile.json=${topologyReport}`], env));
    }
    // The fault tests stop and restart the servers, so they run alone, after everything else. They may restart
    // Postgres only when it is ours (not a server DATABASE_URL pointed us at).
    if (wantsFaults) {
      seededDatabase();
      step('faults', () => run('vitest', ['run', '--project', 'faults', ...(only ? filters.filter((f) => f.includes('faults')) : []), '--reporter=default', '--reporter=json', `--outputFile.json=${faultsReport}`], { ...env, FAULTS_OWN_POSTGRES: started.postgres || !process.env.DATABASE_URL ? 'test' : '' }));
    }
  }
  const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : { numPassedTests: 0, numFailedTests: 0 });
  const counts = [read(report), read(faultsReport), read(clusterReport), read(topologyReport)].reduce((a, b) => ({ numPassedTests: a.numPassedTests + b.numPassedTests, numFailedTests: a.numFailedTests + b.numFailedTests }));
  console.log('\nSummary');
  for (const s of steps) console.log(`  ${s.ok ? 'ok  ' : 'FAIL'} ${s.name.padEnd(10)} ${s.seconds.toFixed(1)} s${s.error ? `  (${s.error})` : ''}`);
  console.log(`  total ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  // A failed step other than the test run itself (whose failures are counted test by test) counts as one failure.
  const failedSteps = steps.filter((s) => !s.ok && s.name !== 'tests' && s.name !== 'faults' && s.name !== 'cluster' && s.name !== 'topology').length;
  if (steps.some((s) => !s.ok) || counts.numFailedTests > 0 || counts.numPassedTests === 0) exitCode = 1;
  console.log(`${counts.numPassedTests} passed, ${counts.numFailedTests + failedSteps} failed`);
} finally {
  stopServices(profile, started);
}
process.exit(exitCode);
