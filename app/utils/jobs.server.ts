import type { JobsOptions, Queue } from 'bullmq';
import { env } from './env.server';

/**
 * How every queue retries a job: exponential backoff from JOB_RETRY_DELAY_MS, JOB_RETRY_ATTEMPTS attempts in all
 * (by default 8 from 2 s: about 4 minutes). A job that exhausts them stays in the failed set for a week, for the
 * sweepers below to repair.
 */
export function retryOptions() {
  return { attempts: env.JOB_RETRY_ATTEMPTS, backoff: { type: 'exponential', delay: env.JOB_RETRY_DELAY_MS } } as const;
}

type EnsureOutcome = 'added' | 'retried' | 'present';
type Wanted<T> = { name: string; data: T; opts: JobsOptions & { jobId: string } };

/**
 * Makes sure each job is queued or running, from a sweeper that read the truth in Postgres. A plain re-add with the
 * same deterministic id does nothing while BullMQ keeps a failed job under that id, so a job that exhausted its
 * retries (an outage longer than the retry budget) would block its own repair: it is retried here with a fresh
 * budget instead. A job that is waiting, delayed or active is left alone.
 */
export async function ensureJobs<T>(queue: Queue<T>, wanted: Wanted<T>[]): Promise<Record<EnsureOutcome, number>> {
  const counts = { added: 0, retried: 0, present: 0 };
  const toAdd: Wanted<T>[] = [];
  // One round trip for all the states (the commands share the connection), not one per job.
  const states = await Promise.all(wanted.map((job) => queue.getJobState(job.opts.jobId)));
  for (const [i, job] of wanted.entries()) {
    const state = states[i];
    if (state === 'unknown' || state === 'completed') {
      // A completed job kept for a while does not prove the work is still done: Postgres says it is wanted again.
      if (state === 'completed') await queue.remove(job.opts.jobId);
      toAdd.push(job);
    } else if (state === 'failed') {
      const failed = await queue.getJob(job.opts.jobId);
      await failed?.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
      counts.retried++;
    } else counts.present++;
  }
  if (toAdd.length) await queue.addBulk(toAdd as Parameters<Queue<T>['addBulk']>[0]);
  counts.added = toAdd.length;
  return counts;
}

/**
 * Retries the jobs of a queue that exhausted their attempts, with a fresh budget: for queues whose processors re-read
 * Postgres and do nothing when the work is moot (deadline reminders), so a retry is always safe. A job that failed
 * before its last attempt (an UnrecoverableError: a payload that can never succeed) is left failed.
 */
export async function retryExhaustedJobs(queue: Queue, limit = 1000): Promise<number> {
  let retried = 0;
  for (const job of await queue.getFailed(0, limit - 1)) {
    if (job.attemptsMade < (job.opts.attempts ?? 1)) continue;
    await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    retried++;
  }
  return retried;
}
