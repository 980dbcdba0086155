import { UnrecoverableError, type Job } from 'bullmq';
import { escalateReport, remindReport, sweepReportDeadlines } from '#app/modules/reports/escalate-report.server';
import { deadlineJobSchema, ensureRouting, retryFailedDeadlines, routingJobSchema, type DeadlineJob, type RoutingJob } from '#app/modules/reports/jobs';
import { routeReport } from '#app/modules/reports/route-report.server';

/** A reminder or an escalation; both re-read the report and do nothing if the deadline is moot. */
export async function processDeadlineJob(job: Job<DeadlineJob>): Promise<string> {
  const payload = deadlineJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  const { reportId, deadline, dueAt } = payload.data;
  if (job.name === 'reminder') return remindReport(reportId, deadline, dueAt);
  if (job.name === 'escalate') return escalateReport(reportId, deadline);
  throw new UnrecoverableError(`unknown deadline job ${job.name}`);
}

export async function processRoutingJob(job: Job<RoutingJob>): Promise<string> {
  const payload = routingJobSchema.safeParse(job.data);
  if (!payload.success) throw new UnrecoverableError(`bad payload: ${payload.error.message}`);
  return routeReport(payload.data.reportId);
}

/**
 * Every minute: escalate what is overdue and route what was approved, from Postgres; routing jobs and reminders
 * that exhausted their retries are retried rather than left to block the repair.
 */
export async function sweepReports(): Promise<string> {
  const { escalated, toRoute } = await sweepReportDeadlines();
  await ensureRouting(toRoute);
  await retryFailedDeadlines();
  return `escalated ${escalated}, routing ${toRoute.length}`;
}
