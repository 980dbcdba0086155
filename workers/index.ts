// Boots one BullMQ Worker per queue, upserts the schedulers, and closes cleanly on SIGTERM/SIGINT.
import { Queue, Worker } from 'bullmq';
import { env } from '#app/utils/env.server';
import { sql } from '#app/utils/db.server';
import { createRedis } from '#app/utils/redis.server';
import { emailQueueName } from '#app/modules/notifications/jobs';
import { deadlineQueueName, routingQueueName } from '#app/modules/reports/jobs';
import { processEmailJob, sweepOutbox } from './email';
import { processDeadlineJob, processRoutingJob, sweepReports } from './reports';
import { refreshStats } from '#app/modules/stats/refresh-stats.server';
import { applyRetention } from '#app/modules/accounts/retention.server';
import { ballotStatusQueueName } from '#app/modules/votes/jobs';
import { processBallotStatusJob, sweepBallotMoves } from './votes';

const maintenanceQueueName = 'maintenance';
const connection = createRedis('worker');
connection.on('error', (error) => console.warn(`[workers] redis: ${error.message}`));

// A job whose worker died (kill -9, lost machine) is taken up again once its lock expires.
const lock = { lockDuration: env.WORKER_LOCK_MS, stalledInterval: env.WORKER_LOCK_MS };
const workers = [
  new Worker(emailQueueName, processEmailJob, { connection, prefix: env.QUEUE_PREFIX, concurrency: 4, ...lock }),
  new Worker(deadlineQueueName, processDeadlineJob, { connection, prefix: env.QUEUE_PREFIX, concurrency: 4, ...lock }),
  new Worker(routingQueueName, processRoutingJob, { connection, prefix: env.QUEUE_PREFIX, concurrency: 2, ...lock }),
  new Worker(ballotStatusQueueName, processBallotStatusJob, { connection, prefix: env.QUEUE_PREFIX, concurrency: 2, ...lock }),
  new Worker(
    maintenanceQueueName,
    async (job) => {
      if (job.name === 'sweep-outbox') return sweepOutbox();
      if (job.name === 'sweep-reports') return sweepReports();
      if (job.name === 'refresh-stats') return refreshStats();
      if (job.name === 'sweep-ballots') return sweepBallotMoves();
      if (job.name === 'apply-retention') return applyRetention();
      throw new Error(`unknown maintenance job ${job.name}`);
    },
    { connection, prefix: env.QUEUE_PREFIX, concurrency: 1, ...lock },
  ),
];

for (const worker of workers) {
  worker.on('failed', (job, error) => console.warn(`[workers] ${worker.name} job ${job?.id} failed: ${error.message}`));
  worker.on('error', (error) => console.warn(`[workers] ${worker.name}: ${error.message}`));
}

const maintenance = new Queue(maintenanceQueueName, { connection, prefix: env.QUEUE_PREFIX });
/** The schedulers live in Redis: upsert them at boot and again whenever Redis comes back (it may come back empty). */
async function upsertSchedulers() {
  await maintenance.upsertJobScheduler('sweep-outbox', { every: env.SWEEP_EVERY_MS }, { name: 'sweep-outbox', opts: { removeOnComplete: 100, removeOnFail: 100 } });
  await maintenance.upsertJobScheduler('sweep-reports', { every: env.SWEEP_EVERY_MS }, { name: 'sweep-reports', opts: { removeOnComplete: 100, removeOnFail: 100 } });
  await maintenance.upsertJobScheduler('refresh-stats', { every: env.STATS_EVERY_MS }, { name: 'refresh-stats', opts: { removeOnComplete: 100, removeOnFail: 100 } });
  await maintenance.upsertJobScheduler('apply-retention', { every: 3_600_000 }, { name: 'apply-retention', opts: { removeOnComplete: 100, removeOnFail: 100 } });
  await maintenance.upsertJobScheduler('sweep-ballots', { every: env.SWEEP_EVERY_MS }, { name: 'sweep-ballots', opts: { removeOnComplete: 100, removeOnFail: 100 } });
}
await upsertSchedulers();
connection.on('ready', () => void upsertSchedulers().catch((error: Error) => console.warn(`[workers] schedulers: ${error.message}`)));
console.log(`[workers] running (${workers.map((w) => w.name).join(', ')}) on ${env.REDIS_URL}${env.SMTP_URL ? '' : '; no SMTP_URL: e-mails stay in the outbox'}`);

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
