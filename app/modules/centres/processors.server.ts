// The processor of the visit reminders queue; workers/index.ts runs it through the registry.
import { UnrecoverableError, type Job } from 'bullmq';
import { visitReminderJobSchema, type VisitReminderJob } from './jobs';
import { remindVisit } from './remind-visit.server';

export async function processVisitReminder(job: Job<VisitReminderJob>): Promise<string> {
  const payload = visitReminderJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  return remindVisit(payload.data.visitId, payload.data.kind);
}
