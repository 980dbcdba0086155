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
 * Asks the worker to send these outbox rows. Postgres already holds them, so if Redis is down
 * nothing is lost: the outbox sweeper enqueues them later.
 */
export async function enqueueEmailDelivery(outboxIds: number[]): Promise<void> {
  // Without SMTP nor VAPID the outbox is the destination (shown on /admin/outbox); nothing to send.
  if (outboxIds.length === 0 || !canSend()) return;
  try {
    // In batches: a ballot's results may e-mail every voter at once.
    for (let i = 0; i < outboxIds.length; i += 1000) {
      const batch = outboxIds.slice(i, i + 1000);
      await withinRedisTimeout(emailQueue().addBulk(batch.map((outboxId) => ({ name: 'deliver', data: { outboxId }, opts: { ...emailJobOptions, jobId: emailJobId(outboxId) } }))));
    }
  } catch (error) {
    console.warn(`[notifications] e-mail jobs not enqueued now (${(error as Error).message}); the sweeper will`);
  }
}

/**
 * The outbox sweeper's repair: every row Postgres says is pending gets a job, and a job that exhausted its retries
 * (SMTP or Postgres away longer than the retry budget) is retried with a fresh budget instead of blocking the re-add.
 */
export async function ensureEmailDelivery(outboxIds: number[]): Promise<void> {
  if (outboxIds.length === 0 || !canSend()) return;
  try {
    await withinRedisTimeout(ensureJobs(emailQueue(), outboxIds.map((outboxId) => ({ name: 'deliver', data: { outboxId }, opts: { ...emailJobOptions, jobId: emailJobId(outboxId) } }))), 30_000);
  } catch (error) {
    console.warn(`[notifications] e-mail jobs not repaired now (${(error as Error).message}); the next sweep will`);
  }
}
