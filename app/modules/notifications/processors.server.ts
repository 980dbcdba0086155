// The email queue's processor and the outbox sweeper; workers/index.ts runs them through the registry.
import { UnrecoverableError, type Job } from 'bullmq';
import { deliverEmail, pendingOutboxRows } from '#app/modules/notifications/deliver-email.server';
import { emailJobSchema, ensureEmailDelivery, type EmailJob } from '#app/modules/notifications/jobs';

/** Sends one outbox row; thin over deliverEmail, which is idempotent per row. */
export async function processEmailJob(job: Job<EmailJob>): Promise<string> {
  const payload = emailJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  return deliverEmail(payload.data.outboxId, { final });
}

/** Every minute: re-enqueue outbox rows still pending (Redis was lost, the web could not enqueue, a job gave up). */
export async function sweepOutbox(): Promise<number> {
  const rows = await pendingOutboxRows();
  await ensureEmailDelivery(rows);
  return rows.length;
}
