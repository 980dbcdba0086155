// The processors of the initiatives' queues; workers/index.ts runs them through the registry.
import { UnrecoverableError, type Job } from 'bullmq';
import { expireInitiative } from './expire-initiatives.server';
import { deadlineJobSchema, noticeJobSchema, type InitiativeDeadlineJob, type InitiativeNoticeJob } from './jobs';
import { tellInitiativeNotice } from './notices.server';

/** Closes the initiative if it is still collecting at its deadline; does nothing if it reached its threshold. */
export async function processDeadlineJob(job: Job<InitiativeDeadlineJob>): Promise<string> {
  const payload = deadlineJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  return expireInitiative(payload.data.initiativeId);
}

/** Tells the rest of a notice's people, batch by batch; a notice already told to all of them tells nobody. */
export async function processNoticeJob(job: Job<InitiativeNoticeJob>): Promise<string> {
  const payload = noticeJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  return tellInitiativeNotice(payload.data.noticeId);
}
