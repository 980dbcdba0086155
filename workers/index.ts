// The one workers entry: boots a BullMQ Worker per queue the tools declare in the registry, runs their sweepers on the
// shared maintenance queue with a scheduler each, and closes cleanly on SIGTERM/SIGINT (ADR 037).
import { Queue, Worker } from 'bullmq';
import { env } from '#app/utils/env.server';
import { sql } from '#app/utils/db.server';
import { clusterNodes, createRedis, queuePrefix } from '#app/utils/redis.server';
import { maintenanceQueueName, manifests, queues, sweepers } from '#app/modules/registry.server';

const connection = createRedis('worker');
connection.on('error', (error) => console.warn(`[workers] redis: ${error.message}`));

// A job whose worker died (kill -9, lost machine) is taken up again once its lock expires.
const lock = { lockDuration: env.WORKER_LOCK_MS, stalledInterval: env.WORKER_LOCK_MS };
const sweeperByName = new Map(sweepers.map((sweeper) => [sweeper.name, sweeper]));
const workers = [
  ...queues.map((queue) => new Worker(queue.name, queue.process, { connection, prefix: queuePrefix(queue.name), concurrency: queue.concurrency, ...lock })),
  new Worker(
    maintenanceQueueName,
    async (job) => {
      const sweeper = sweeperByName.get(job.name);
      if (!sweeper) throw new Error(`unknown maintenance job ${job.name}`);
      return sweeper.run(manifests);
    },
    { connection, prefix: queuePrefix(maintenanceQueueName), concurrency: 1, ...lock },
  ),
];

for (const worker of workers) {
  worker.on('failed', (job, error) => console.warn(`[workers] ${worker.name} job ${job?.id} failed: ${error.message}`));
  worker.on('error', (error) => console.warn(`[workers] ${worker.name}: ${error.message}`));
}

const maintenance = new Queue(maintenanceQueueName, { connection, prefix: queuePrefix(maintenanceQueueName) });
/** The schedulers live in Redis: upsert them at boot and again whenever Redis comes back (it may come back empty). */
async function upsertSchedulers() {
  for (const sweeper of sweepers) {
    await maintenance.upsertJobScheduler(sweeper.name, { every: sweeper.every }, { name: sweeper.name, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  }
}
await upsertSchedulers();
connection.on('ready', () => void upsertSchedulers().catch((error: Error) => console.warn(`[workers] schedulers: ${error.message}`)));
console.log(`[workers] running (${workers.map((w) => w.name).join(', ')}) on ${clusterNodes() ? `the Redis Cluster at ${env.REDIS_CLUSTER_NODES!.join(', ')}` : env.REDIS_URL}${env.SMTP_URL ? '' : '; no SMTP_URL: e-mails stay in the outbox'}`);

let closing = false;
async function shutdown(signal: string) {
  if (closing) return;
  closing = true;
  console.log(`[workers] ${signal}: finishing current jobs`);
  await Promise.all(workers.map((w) => w.close()));
  await maintenance.close();
  connection.disconnect();
  await sql.end({ timeout: 5 });
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
