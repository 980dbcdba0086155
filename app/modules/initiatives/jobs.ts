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

// The notices to an initiative's author and supporters (ADR 060): one job per notice row, batch by batch.
export const initiativeNoticeQueueName = 'initiative-notices';

export const noticeJobSchema = z.object({ noticeId: z.number().int().positive() });
export type InitiativeNoticeJob = z.infer<typeof noticeJobSchema>;

/** One job per notice: asking twice adds nothing. */
export const noticeJobId = (noticeId: number) => `initiative-notice-${noticeId}`;

let noticeQueue: Queue<InitiativeNoticeJob> | undefined;
const notices = () => (noticeQueue ??= new Queue<InitiativeNoticeJob>(initiativeNoticeQueueName, { connection: producerRedis(), prefix: queuePrefix(initiativeNoticeQueueName) }));

const noticeJob = (noticeId: number) => ({ name: 'tell', data: { noticeId }, opts: { ...jobOptions, jobId: noticeJobId(noticeId) } });

/** Asks a worker to tell the notice's people, once its row has committed. */
export async function enqueueInitiativeNotice(noticeId: number | null): Promise<void> {
  if (noticeId === null) return;
  await tolerateRedis(`notice ${noticeId}`, () => notices().add('tell', { noticeId }, noticeJob(noticeId).opts));
}

/** The sweeper's repair: a job for every notice Postgres says is not finished, and a fresh budget for failed ones. */
export async function ensureInitiativeNotices(noticeIds: number[]): Promise<void> {
  await tolerateRedis('notice repair', async () => {
    if (noticeIds.length) await ensureJobs(notices(), noticeIds.map(noticeJob));
    await retryExhaustedJobs(notices());
  });
}
