import { Queue } from 'bullmq';
import { z } from 'zod';
import { env } from '#app/utils/env.server';
import { ensureJobs, retryOptions } from '#app/utils/jobs.server';
import { producerRedis, queuePrefix, withinRedisTimeout } from '#app/utils/redis.server';

export const emailQueueName = 'email';
export const emailJobSchema = z.object({ outboxId: z.number().int().positive() });
export type EmailJob = z.infer<typeof emailJobSchema>;

/** Either channel of the outbox (e-mail, push: ADR 049) has somewhere to go. */
const canSend = () => !!env.SMTP_URL || !!(env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY);

/** One job per outbox row; the id makes a second enqueue of the same row a no-op. */
export const emailJobId = (outboxId: number) => `email-${outboxId}`;

export const emailJobOptions = {
  ...retryOptions(),
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

let queue: Queue<EmailJob> | undefined;
function emailQueue(): Queue<EmailJob> {
  queue ??= new Queue<EmailJob>(emailQueueName, { connection: producerRedis(), prefix: queuePrefix(emailQueueName) });
  return queue;
}

/**
 * A broadcast's messages (a ballot opened to a whole district, its results to every voter) wait behind every message
 * to one person: BullMQ takes jobs without a priority first, so a sign-in code or a password reset is never stuck
 * behind a million ballot notices (ADR 061).
 */
const broadcastPriority = 100;

const deliveryJob = (outboxId: number, broadcast: boolean) => ({
  name: 'deliver' as const,
  data: { outboxId },
  opts: { ...emailJobOptions, jobId: emailJobId(outboxId), ...(broadcast ? { priority: broadcastPriority } : {}) },
});

/**
 * Asks the worker to send these outbox rows. Postgres already holds them, so if Redis is down
 * nothing is lost: the outbox sweeper enqueues them later. `broadcast`: rows written with `broadcast = true`.
 */
export async function enqueueEmailDelivery(outboxIds: number[], { broadcast = false } = {}): Promise<void> {
  // Without SMTP nor VAPID the outbox is the destination (shown on /admin/outbox); nothing to send.
  if (outboxIds.length === 0 || !canSend()) return;
  try {
    // In batches: a ballot's results may e-mail every voter at once.
    for (let i = 0; i < outboxIds.length; i += 1000) {
      const batch = outboxIds.slice(i, i + 1000);
      await withinRedisTimeout(emailQueue().addBulk(batch.map((outboxId) => deliveryJob(outboxId, broadcast))));
    }
  } catch (error) {
    console.warn(`[notifications] e-mail jobs not enqueued now (${(error as Error).message}); the sweeper will`);
  }
}

/**
 * The outbox sweeper's repair: every row Postgres says is pending gets a job, and a job that exhausted its retries
 * (SMTP or Postgres away longer than the retry budget) is retried with a fresh budget instead of blocking the re-add.
 */
export async function ensureEmailDelivery(rows: { id: number; broadcast: boolean }[]): Promise<void> {
  if (rows.length === 0 || !canSend()) return;
  try {
    await withinRedisTimeout(ensureJobs(emailQueue(), rows.map((row) => deliveryJob(row.id, row.broadcast))), 30_000);
  } catch (error) {
    console.warn(`[notifications] e-mail jobs not repaired now (${(error as Error).message}); the next sweep will`);
  }
}
