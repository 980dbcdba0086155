// The processors of the deadline and routing queues and the reports sweeper; workers/index.ts runs them through the registry.
import { UnrecoverableError, type Job } from 'bullmq';
import { approvedUnroutedReports, escalateReport, remindReport, sweepReportDeadlines } from '#app/modules/reports/escalate-report.server';
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
 * Every minute, from Postgres: route what was approved, retry the routing jobs and reminders that exhausted their
 * retries (rather than let them block the repair), then escalate what is overdue (after a long outage, the longest
 * part: the quick repairs go first).
 */
export async function sweepReports(): Promise<string> {
  const toRoute = await approvedUnroutedReports();
  await ensureRouting(toRoute);
  await retryFailedDeadlines();
  const { escalated } = await sweepReportDeadlines();
  return `escalated ${escalated}, routing ${toRoute.length}`;
}
