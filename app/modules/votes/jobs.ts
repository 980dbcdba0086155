import { Queue } from 'bullmq';
import { z } from 'zod';
import { ensureJobs, retryOptions } from '#app/utils/jobs.server';
import { producerRedis, queuePrefix, withinRedisTimeout } from '#app/utils/redis.server';

export const ballotStatusQueueName = 'ballot-status';
export const ballotMoves = ['open', 'close'] as const;
export type BallotMove = (typeof ballotMoves)[number];

export const ballotStatusJobSchema = z.object({ ballotId: z.number().int().positive() });
export type BallotStatusJob = z.infer<typeof ballotStatusJobSchema>;

/** One open and one close job per ballot: re-scheduling replaces them. */
export const ballotJobId = (ballotId: number, move: BallotMove) => `ballot-${ballotId}-${move}`;

const jobOptions = { ...retryOptions(), removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };

let queue: Queue<BallotStatusJob> | undefined;
const statusQueue = () => (queue ??= new Queue<BallotStatusJob>(ballotStatusQueueName, { connection: producerRedis(), prefix: queuePrefix(ballotStatusQueueName) }));

/** Redis is a helper: when it is down the sweeper moves the ballot from Postgres. */
async function tolerateRedis(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await withinRedisTimeout(work());
  } catch (error) {
    console.warn(`[votes] ${what} not queued now (${(error as Error).message}); the sweeper will catch up`);
  }
}

/** Delayed jobs at opens_at and closes_at (replacing any earlier ones). */
export async function scheduleBallotMoves(ballotId: number, opensAt: Date, closesAt: Date): Promise<void> {
  await tolerateRedis(`status moves of ballot ${ballotId}`, async () => {
    await cancelBallotMoves(ballotId);
    const now = Date.now();
    await statusQueue().add('open', { ballotId }, { ...jobOptions, jobId: ballotJobId(ballotId, 'open'), delay: Math.max(0, opensAt.getTime() - now) });
    await statusQueue().add('close', { ballotId }, { ...jobOptions, jobId: ballotJobId(ballotId, 'close'), delay: Math.max(0, closesAt.getTime() - now) });
  });
}

export async function cancelBallotMoves(ballotId: number): Promise<void> {
  await tolerateRedis(`cancelling moves of ballot ${ballotId}`, async () => {
    for (const move of ballotMoves) {
      const job = await statusQueue().getJob(ballotJobId(ballotId, move));
      if (job && !(await job.isActive())) await job.remove();
    }
  });
}

// "A ballot opened in your district" (ADR 049): one job per ballot tells every eligible resident, batch by batch.
export const ballotOpenedQueueName = 'ballot-opened';
export const ballotOpenedJobId = (ballotId: number) => `ballot-${ballotId}-opened`;

let openedQueue: Queue<BallotStatusJob> | undefined;
const ballotOpenedQueue = () => (openedQueue ??= new Queue<BallotStatusJob>(ballotOpenedQueueName, { connection: producerRedis(), prefix: queuePrefix(ballotOpenedQueueName) }));

const tellJob = (ballotId: number) => ({ name: 'tell', data: { ballotId }, opts: { ...jobOptions, jobId: ballotOpenedJobId(ballotId) } });

/** Asks a worker to tell the ballot's residents; a second ask of the same ballot is a no-op (the job id). */
export async function enqueueBallotOpened(ballotId: number): Promise<void> {
  await tolerateRedis(`telling residents of ballot ${ballotId}`, () => ballotOpenedQueue().add('tell', { ballotId }, tellJob(ballotId).opts));
}

/** The sweeper's repair: a job for every open ballot Postgres says was not told yet. */
export async function ensureBallotOpened(ballotIds: number[]): Promise<void> {
  if (ballotIds.length === 0) return;
  await tolerateRedis('repairing ballot-opened jobs', () => ensureJobs(ballotOpenedQueue(), ballotIds.map(tellJob)));
}
