// The processor of the initiative deadline queue; workers/index.ts runs it through the registry.
import { UnrecoverableError, type Job } from 'bullmq';
import { expireInitiative } from './expire-initiatives.server';
import { deadlineJobSchema, type InitiativeDeadlineJob } from './jobs';

/** Closes the initiative if it is still collecting at its deadline; does nothing if it reached its threshold. */
export async function processDeadlineJob(job: Job<InitiativeDeadlineJob>): Promise<string> {
  const payload = deadlineJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  return expireInitiative(payload.data.initiativeId);
}
