import { and, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { departments, emailOutbox, reportEvents, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import type { DeadlineKind } from './jobs';
import { addReportEvent, lockReport, notifyFollowers, notifyStaff } from './timeline.server';

/**
 * A deadline passed: the report is flagged overdue publicly, its department's supervisor (the department's
 * contact e-mail) and the control desk are told, and the timeline says so. Idempotent: the report remembers
 * which deadline it escalated, so a second run (job retried, sweeper, a duplicate) changes nothing.
 */
export async function escalateReport(reportId: number, deadline: DeadlineKind, now = new Date()): Promise<'escalated' | 'not-due'> {
  const result = await db.transaction(async (tx) => {
    const report = await lockReport(tx, reportId);
    if (!report) return null;
    if (deadline === 'moderation') {
      if (report.status !== 'submitted' || report.moderatedAt || report.moderationDueAt > now || report.moderationEscalatedAt) return null;
      await tx.update(reports).set({ overdue: true, moderationEscalatedAt: now }).where(eq(reports.id, reportId));
      await addReportEvent(tx, reportId, 'escalated', null, null, { deadline, dueAt: report.moderationDueAt.toISOString() });
      await notifyStaff(tx, 'arbiters', reportId, 'notice.reportEscalated');
      return [] as number[];
    }
    const due = report.answerDueAt;
    if (report.status !== 'assigned' || !due || due > now || report.answerEscalatedFor?.getTime() === due.getTime()) return null;
    await tx.update(reports).set({ overdue: true, answerEscalatedFor: due }).where(eq(reports.id, reportId));
    await addReportEvent(tx, reportId, 'escalated', null, null, { deadline, dueAt: due.toISOString(), departmentId: report.departmentId });
    await notifyStaff(tx, 'arbiters', reportId, 'notice.reportEscalated');
    await notifyStaff(tx, { departmentId: report.departmentId! }, reportId, 'notice.reportEscalated');
    const [department] = await tx.select().from(departments).where(eq(departments.id, report.departmentId!));
    const outbox = await notifyFollowers(tx, reportId, 'notice.reportOverdue');
    if (department) {
      const [mail] = await tx
        .insert(emailOutbox)
        .values({
          toAddress: department.email,
          subject: `Просрочен ответ на обращение №${reportId} / Answer overdue: report ${reportId}`,
          bodyText: `Срок ответа истёк ${due.toISOString()}. / The answer was due ${due.toISOString()}.\n/reports/${reportId}`,
        })
        .returning({ id: emailOutbox.id });
      outbox.push(mail!.id);
    }
    return outbox;
  });
  if (!result) return 'not-due';
  await enqueueEmailDelivery(result);
  return 'escalated';
}

/** Before a deadline: the department (or the moderators' desk) is reminded once per deadline instance. */
export async function remindReport(reportId: number, deadline: DeadlineKind, dueAt: string): Promise<'reminded' | 'moot'> {
  return db.transaction(async (tx) => {
    const report = await lockReport(tx, reportId);
    if (!report) return 'moot';
    const pending = deadline === 'moderation' ? report.status === 'submitted' && !report.moderatedAt : report.status === 'assigned' && report.answerDueAt?.toISOString() === dueAt;
    if (!pending) return 'moot';
    const [already] = await tx
      .select({ id: reportEvents.id })
      .from(reportEvents)
      .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.kind, 'reminded'), sql`${reportEvents.data}->>'dueAt' = ${dueAt}`));
    if (already) return 'moot';
    await addReportEvent(tx, reportId, 'reminded', null, null, { deadline, dueAt });
    if (deadline === 'answer' && report.departmentId) await notifyStaff(tx, { departmentId: report.departmentId }, reportId, 'notice.reportReminder');
    return 'reminded';
  });
}

/** Reports approved more than 30 seconds ago and still not routed: the sweeper makes sure each has a routing job. */
export async function approvedUnroutedReports(now = new Date()): Promise<number[]> {
  const unrouted = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.status, 'submitted'), isNotNull(reports.moderatedAt), lte(reports.moderatedAt, new Date(now.getTime() - 30_000))))
    .limit(1000);
  return unrouted.map((r) => r.id);
}

/**
 * The minute sweeper: Postgres is the truth, so anything overdue that no job escalated (Redis lost, worker
 * down) is escalated here. Returns how many it escalated.
 */
export async function sweepReportDeadlines(now = new Date()): Promise<{ escalated: number }> {
  const moderation = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.status, 'submitted'), isNull(reports.moderatedAt), isNull(reports.moderationEscalatedAt), lte(reports.moderationDueAt, now)))
    .limit(1000);
  const answer = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.status, 'assigned'), lte(reports.answerDueAt, now), sql`${reports.answerEscalatedFor} IS DISTINCT FROM ${reports.answerDueAt}`))
    .limit(1000);
  let escalated = 0;
  for (const r of moderation) if ((await escalateReport(r.id, 'moderation', now)) === 'escalated') escalated++;
  for (const r of answer) if ((await escalateReport(r.id, 'answer', now)) === 'escalated') escalated++;
  return { escalated };
}
