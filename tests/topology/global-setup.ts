// Starts the cluster topology once for the topology tests (ADR 051): the hot standby of the test primary, PgBouncer
// in front of each, the Redis Cluster, s3rver, two web processes and two workers behind HAProxy (deploy/haproxy.cfg).
// scripts/test.mjs has migrated and seeded the primary; the tests reach every part through topology.json.
import { startTopology, stopTopology } from '../../scripts/cluster.mjs';

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
    await stopTopology('test', { wipe: true });
    throw error;
  }
  return async () => {
    await stopTopology('test', { wipe: true });
  };
}
