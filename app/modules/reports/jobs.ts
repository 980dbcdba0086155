import { Queue } from 'bullmq';
import { z } from 'zod';
import { ensureJobs, retryExhaustedJobs, retryOptions } from '#app/utils/jobs.server';
import { producerRedis, queuePrefix, withinRedisTimeout } from '#app/utils/redis.server';
import { reminderAt } from './deadlines.server';

export const deadlineQueueName = 'report-deadlines';
export const routingQueueName = 'report-routing';

export const deadlineKinds = ['moderation', 'answer'] as const;
export type DeadlineKind = (typeof deadlineKinds)[number];

export const deadlineJobSchema = z.object({
  reportId: z.number().int().positive(),
  deadline: z.enum(deadlineKinds),
  // The due time this job was scheduled for; a job whose due time no longer matches the report is stale.
  dueAt: z.iso.datetime(),
});
export type DeadlineJob = z.infer<typeof deadlineJobSchema>;
export const routingJobSchema = z.object({ reportId: z.number().int().positive() });
export type RoutingJob = z.infer<typeof routingJobSchema>;

/** One reminder and one escalation per report and deadline: re-scheduling replaces them, never adds more. */
export const deadlineJobId = (reportId: number, deadline: DeadlineKind, step: 'reminder' | 'escalate') => `report-${reportId}-${deadline}-${step}`;
export const routingJobId = (reportId: number) => `route-${reportId}`;

const jobOptions = { ...retryOptions(), removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };

let deadlineQueue: Queue<DeadlineJob> | undefined;
let routingQueue: Queue<RoutingJob> | undefined;
const deadlines = () => (deadlineQueue ??= new Queue<DeadlineJob>(deadlineQueueName, { connection: producerRedis(), prefix: queuePrefix(deadlineQueueName) }));
const routing = () => (routingQueue ??= new Queue<RoutingJob>(routingQueueName, { connection: producerRedis(), prefix: queuePrefix(routingQueueName) }));

/** Redis is a helper here, never the truth: when it is down the minute sweeper does the same work from Postgres. */
async function tolerateRedis(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await withinRedisTimeout(work());
  } catch (error) {
    console.warn(`[reports] ${what} not queued now (${(error as Error).message}); the sweeper will catch up`);
  }
}

/** Schedules (or re-schedules) a deadline's reminder and escalation. */
export async function scheduleDeadline(reportId: number, deadline: DeadlineKind, start: Date, due: Date): Promise<void> {
  await tolerateRedis(`deadline ${deadline} of report ${reportId}`, async () => {
    const queue = deadlines();
    await cancelDeadline(reportId, deadline);
    const data = { reportId, deadline, dueAt: due.toISOString() };
    const now = Date.now();
    await queue.add('reminder', data, { ...jobOptions, jobId: deadlineJobId(reportId, deadline, 'reminder'), delay: Math.max(0, reminderAt(start, due).getTime() - now) });
    await queue.add('escalate', data, { ...jobOptions, jobId: deadlineJobId(reportId, deadline, 'escalate'), delay: Math.max(0, due.getTime() - now) });
  });
}

/** Removes a deadline's pending jobs (an answer or a decision makes them moot). */
export async function cancelDeadline(reportId: number, deadline: DeadlineKind): Promise<void> {
  await tolerateRedis(`cancelling ${deadline} of report ${reportId}`, async () => {
    const queue = deadlines();
    for (const step of ['reminder', 'escalate'] as const) {
      const job = await queue.getJob(deadlineJobId(reportId, deadline, step));
      // A job being processed right now is locked; it re-reads the report and does nothing if moot.
      if (job && !(await job.isActive())) await job.remove();
    }
  });
}

export async function enqueueRouting(reportId: number): Promise<void> {
  await tolerateRedis(`routing of report ${reportId}`, () => routing().add('route', { reportId }, { ...jobOptions, jobId: routingJobId(reportId) }));
}

/** The sweeper's repair: routes every report Postgres says is unrouted, retrying a routing job that gave up. */
export async function ensureRouting(reportIds: number[]): Promise<void> {
  if (reportIds.length === 0) return;
  await tolerateRedis('routing repair', () => ensureJobs(routing(), reportIds.map((reportId) => ({ name: 'route', data: { reportId }, opts: { ...jobOptions, jobId: routingJobId(reportId) } }))));
}

/**
 * The sweeper's repair of reminders and escalations whose jobs gave up (Postgres away longer than the retry budget):
 * each re-reads the report and does nothing if its deadline is moot, so retrying them is always safe.
 */
export async function retryFailedDeadlines(): Promise<void> {
  await tolerateRedis('deadline repair', () => retryExhaustedJobs(deadlines()));
}
