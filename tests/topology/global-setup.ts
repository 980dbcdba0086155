// Starts the cluster topology once for the topology tests (ADR 051): the hot standby of the test primary, PgBouncer
// in front of each, the Redis Cluster, s3rver, two web processes and two workers behind HAProxy (deploy/haproxy.cfg).
// scripts/test.mjs has migrated and seeded the primary; the tests reach every part through topology.json.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runDir, startTopology, stopTopology } from '../../scripts/cluster.mjs';
import { projectRoot } from '../support/processes';

/** The parts' logs, kept in test-results/topology-logs/ before the run directory is wiped. */
function keepLogs() {
  const into = join(projectRoot, 'test-results', 'topology-logs');
  try {
    rmSync(into, { recursive: true, force: true });
    mkdirSync(into, { recursive: true });
    for (const file of readdirSync(runDir('test')).filter((name) => name.endsWith('.log'))) copyFileSync(join(runDir('test'), file), join(into, file));
    for (const bouncer of ['pgbouncer-primary', 'pgbouncer-replica']) copyFileSync(join(runDir('test'), bouncer, 'pgbouncer.log'), join(into, `${bouncer}.log`));
  } catch (error) {
    console.warn(`[topology] logs not kept: ${(error as Error).message}`);
  }
}

export default async function setup() {
  const base = {
    SESSION_SECRET: process.env.SESSION_SECRET ?? '',
    SMTP_URL: process.env.SMTP_URL ?? '',
    QUEUE_PREFIX: '{topology}',
    // Every test request reaches the app from HAProxy's one address: the per-IP limits would count them all as one.
    RATE_LIMIT_SCALE: '1000',
    WORKER_LOCK_MS: '3000',
    SWEEP_EVERY_MS: '1000',
  };
  try {
    await startTopology('test', { webs: 2, workers: 2, base, freshReplica: true });
  } catch (error) {
    // Whatever did start is stopped: no teardown runs after a failed set-up.
    keepLogs();
    await stopTopology('test', { wipe: true });
    throw error;
  }
  return async () => {
    keepLogs();
    await stopTopology('test', { wipe: true });
  };
}
