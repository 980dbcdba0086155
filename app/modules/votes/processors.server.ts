// The ballot-status queue's processor and the ballots sweeper; workers/index.ts runs them through the registry.
import { UnrecoverableError, type Job } from 'bullmq';
import { moveBallot, openBallot, sweepBallots } from '#app/modules/votes/ballot-lifecycle.server';
import { ballotStatusJobSchema, ensureBallotOpened, type BallotStatusJob } from '#app/modules/votes/jobs';
import { ballotsToTell, tellBallotOpened } from '#app/modules/votes/tell-ballot-opened.server';

/** A ballot's scheduled move; each re-reads the ballot and does nothing when it is not due (idempotent). */
export async function processBallotStatusJob(job: Job<BallotStatusJob>): Promise<string> {
  const payload = ballotStatusJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  const { ballotId } = payload.data;
  if (job.name === 'open') return openBallot(ballotId);
  if (job.name === 'close') {
    // A lost open job must not leave the ballot stuck: the close does every move that is due.
    const moves = await moveBallot(ballotId);
    return moves.join('; ') || `ballot ${ballotId}: nothing to close`;
  }
  throw new UnrecoverableError(`unknown ballot job ${job.name}`);
}

/** Every sweep: the moves whose time has come, from Postgres; and the open ballots whose residents were not all told. */
export async function sweepBallotMoves(): Promise<string> {
  const moved = await sweepBallots();
  await ensureBallotOpened(await ballotsToTell());
  return moved;
}

/** Tells a ballot's eligible residents that it opened (idempotent per person). */
export async function processBallotOpenedJob(job: Job<BallotStatusJob>): Promise<string> {
  const payload = ballotStatusJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  return tellBallotOpened(payload.data.ballotId);
}
