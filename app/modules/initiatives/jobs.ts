import { Queue } from 'bullmq';
import { z } from 'zod';
import { ensureJobs, retryExhaustedJobs, retryOptions } from '#app/utils/jobs.server';
import { producerRedis, queuePrefix, withinRedisTimeout } from '#app/utils/redis.server';

export const initiativeDeadlineQueueName = 'initiative-deadlines';

export const deadlineJobSchema = z.object({ initiativeId: z.number().int().positive() });
export type InitiativeDeadlineJob = z.infer<typeof deadlineJobSchema>;

/** One deadline job per initiative: scheduling again replaces nothing and adds nothing. */
export const deadlineJobId = (initiativeId: number) => `initiative-${initiativeId}-deadline`;

const jobOptions = { ...retryOptions(), removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };
let queue: Queue<InitiativeDeadlineJob> | undefined;
const deadlines = () => (queue ??= new Queue<InitiativeDeadlineJob>(initiativeDeadlineQueueName, { connection: producerRedis(), prefix: queuePrefix(initiativeDeadlineQueueName) }));

/** Redis is a helper here, never the truth: when it is down the sweeper closes what is due from Postgres. */
async function tolerateRedis(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await withinRedisTimeout(work());
  } catch (error) {
    console.warn(`[initiatives] ${what} not queued now (${(error as Error).message}); the sweeper will catch up`);
  }
}

const wanted = (initiativeId: number, due: Date) => ({ name: 'close', data: { initiativeId }, opts: { ...jobOptions, jobId: deadlineJobId(initiativeId), delay: Math.max(0, due.getTime() - Date.now()) } });

/** The job that closes an initiative at its deadline unless it reached its threshold first. */
export async function scheduleInitiativeDeadline(initiativeId: number, due: Date): Promise<void> {
  await tolerateRedis(`deadline of initiative ${initiativeId}`, () => deadlines().add('close', { initiativeId }, wanted(initiativeId, due).opts));
}

/** Reaching the threshold makes the deadline moot; a job running now re-reads the initiative and does nothing. */
export async function cancelInitiativeDeadline(initiativeId: number): Promise<void> {
  await tolerateRedis(`cancelling the deadline of initiative ${initiativeId}`, async () => {
    const job = await deadlines().getJob(deadlineJobId(initiativeId));
    if (job && !(await job.isActive())) await job.remove();
  });
}

/** The sweeper's repair: a deadline job for every initiative Postgres says is collecting, and a fresh budget for failed ones. */
export async function ensureInitiativeDeadlines(open: { id: number; collectsUntil: Date }[]): Promise<void> {
  await tolerateRedis('deadline repair', async () => {
    if (open.length) await ensureJobs(deadlines(), open.map((i) => wanted(i.id, i.collectsUntil)));
    await retryExhaustedJobs(deadlines());
  });
}
