// The processor of the alert digests queue; workers/index.ts runs it through the registry.
import { UnrecoverableError, type Job } from 'bullmq';
import { alertDigestJobSchema, type AlertDigestJob } from './jobs';
import { sendAreaDigest } from './send-digest.server';

export async function processAlertDigest(job: Job<AlertDigestJob>): Promise<string> {
  const payload = alertDigestJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  return sendAreaDigest(payload.data.alertId, payload.data.day);
}
