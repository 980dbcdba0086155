// Runs only in the "cluster" project (scripts/test.mjs starts three masters with a replica each and sets
// REDIS_CLUSTER_NODES): the queues' keys per slot, and a master failing over under a working queue.
import { Queue, Worker } from 'bullmq';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedis, producerRedis, queuePrefix } from '#app/utils/redis.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { queues } from '#app/modules/registry.server';
import { Browser } from '../support/app';
import { waitFor } from '../support/reports';

const run = promisify(execFile);
const base = `{cluster-${process.pid}}`;
const cluster = producerRedis() as Cluster;

beforeAll(async () => {
  if (cluster.status !== 'ready') await new Promise((resolve) => cluster.once('ready', resolve));
});
afterAll(async () => {
  await closeConnections();
});

/** The master that serves a slot now, and its replicas' ports (CLUSTER SLOTS: [start, end, master, ...replicas]). */
async function ownerOf(slot: number): Promise<{ master: number; replicas: number[] }> {
  const ranges = await cluster.cluster('SLOTS');
  const [, , ...nodes] = ranges.find(([start, end]) => start <= slot && slot <= end)!;
  const [master, ...replicas] = nodes.map((node) => node[1]);
  return { master: master!, replicas };
}

describe('BullMQ on a Redis Cluster', () => {
  it('runs on a cluster of three masters', async () => {
    expect(cluster.isCluster).toBe(true);
    expect(cluster.nodes('master')).toHaveLength(3);
  });

  it('answers /healthz with the masters it reaches', async () => {
    const response = await new Browser().get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', redis: 'up', redisMasters: { up: 3, total: 3 } });
  });

  it("keeps each queue's keys on one master, and spreads the queues over the masters", async () => {
    const names = [...queues.map((queue) => queue.name), 'maintenance'];
    const opened = names.map((name) => new Queue(name, { connection: cluster, prefix: queuePrefix(name, base) }));
    await Promise.all(opened.map((queue, i) => queue.add('probe', { n: i }, { jobId: `probe-${i}`, delay: 60_000 })));
    const where = new Map<string, Set<string>>();
    for (const node of cluster.nodes('master')) {
      const id = `${node.options.host}:${node.options.port}`;
      for (const key of await node.keys(`{cluster-${process.pid}-*`)) {
        const queue = /^\{cluster-\d+-([a-z-]+)\}/.exec(key)![1]!;
        where.set(queue, (where.get(queue) ?? new Set()).add(id));
      }
    }
    expect([...where.keys()].sort()).toEqual([...names].sort());
    for (const [, masters] of where) expect(masters.size).toBe(1);
    expect(new Set([...where.values()].map((masters) => [...masters][0])).size).toBeGreaterThanOrEqual(2);
    await Promise.all(opened.map((queue) => queue.obliterate({ force: true }).then(() => queue.close())));
  });

  it('loses no job and runs none twice when the master holding the queue fails over to its replica', async () => {
    const name = 'failover-probe';
    const prefix = queuePrefix(name, base);
    const queue = new Queue(name, { connection: cluster, prefix });
    const done = new Map<string, number>();
    const connection = createRedis('worker');
    const worker = new Worker(
      name,
      async (job) => {
        done.set(job.id!, (done.get(job.id!) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, 5));
      },
      { connection, prefix, concurrency: 4 },
    );
    const ids = Array.from({ length: 300 }, (_, i) => `probe-${i}`);
    await queue.addBulk(ids.slice(0, 150).map((jobId) => ({ name: 'probe', data: {}, opts: { jobId, removeOnComplete: false } })));
    const slot = Number(await cluster.cluster('KEYSLOT', `${prefix}:${name}:id`));
    const before = await ownerOf(slot);
    expect(before.replicas.length).toBeGreaterThan(0);
    // A coordinated failover, as an operator does before maintenance: the replica takes over the master's slots.
    await run('redis-cli', ['-p', String(before.replicas[0]), 'cluster', 'failover']);
    // Producers keep adding during and after the switch (the client follows MOVED and retries on CLUSTERDOWN).
    await queue.addBulk(ids.slice(150).map((jobId) => ({ name: 'probe', data: {}, opts: { jobId, removeOnComplete: false } })));
    await waitFor(async () => (await ownerOf(slot)).master === before.replicas[0] || undefined, 'the replica to take over the slot');
    await waitFor(async () => (done.size === ids.length ? true : undefined), 'every job to run', 60_000);
    // Adding the same ids again (a sweeper re-enqueueing) does not run them again.
    await queue.addBulk(ids.map((jobId) => ({ name: 'probe', data: {}, opts: { jobId } })));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect([...done.values()].filter((runs) => runs !== 1)).toEqual([]);
    expect(await queue.getJobCounts('completed', 'failed', 'waiting', 'active')).toEqual({ completed: 300, failed: 0, waiting: 0, active: 0 });
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  });
});
