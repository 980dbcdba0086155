import { readFileSync } from 'node:fs';
import tsconfigPaths from 'vite-tsconfig-paths';
import { defineConfig } from 'vitest/config';

// What must also hold on a Redis Cluster: queues and jobs, rate limits, live tallies (pub/sub), the cluster's own checks.
const clusterTests: string[] = JSON.parse(readFileSync(new URL('./tests/cluster-tests.json', import.meta.url), 'utf8'));

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['app/**/*.test.ts', 'workers/**/*.test.ts', 'db/**/*.test.ts'], setupFiles: ['tests/support/fail-on-console-error.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/redis-cluster.test.ts'],
          setupFiles: ['tests/support/fail-on-console-error.ts'],
          // Generous: a timeout is there to end a hang, and the CI machine may be loaded by other work.
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
      {
        // The queue, rate-limit and live-tally tests again, on a Redis Cluster (scripts/test.mjs sets REDIS_CLUSTER_NODES).
        extends: true,
        test: {
          name: 'cluster',
          include: clusterTests,
          setupFiles: ['tests/support/fail-on-console-error.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One file at a time: the failover test moves a master under the others' feet otherwise.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          setupFiles: ['tests/support/fail-on-console-error.ts'],
          // A journey is minutes of clicks and axe runs on a loaded 2-core machine; a hang still fails, later.
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The cluster topology of ADR 051 (HAProxy, web and worker processes, PgBouncer, a hot standby), started once.
        extends: true,
        test: {
          name: 'topology',
          include: ['tests/topology/**/*.test.ts'],
          globalSetup: ['tests/topology/global-setup.ts'],
          setupFiles: ['tests/support/fail-on-console-error.ts'],
          testTimeout: 180_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'faults',
          include: ['tests/faults/**/*.test.ts'],
          setupFiles: ['tests/support/fail-on-console-error.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
