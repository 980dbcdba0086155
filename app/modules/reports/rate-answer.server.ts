import { and, desc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { categories, reportAnswers, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import type { Result } from '#app/utils/result';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { answerDueAt } from './deadlines.server';
import { scheduleDeadline } from './jobs';
import type { rateSchema } from './schemas';
import { addReportEvent, lockReport, notifyFollowers, notifyStaff } from './timeline.server';

export type RatingOutcome = 'closed' | 'reopened' | 'control-desk';

/**
 * The author rates the department's answer. Satisfied closes the report. Not satisfied reopens it with a new
 * answer deadline, up to REPORTS_MAX_REOPENINGS times; after that it goes to the control desk.
 */
export async function rateAnswer(authorId: string, input: z.output<typeof rateSchema>): Promise<Result<RatingOutcome>> {
  const outcome = await db.transaction(async (tx) => {
    const report = await lockReport(tx, input.reportId);
    if (!report || report.authorId !== authorId) return { ok: false as const, errors: { reportId: 'reports.notYourReport' as const } };
    if (report.status !== 'answered') return { ok: false as const, errors: { reportId: 'reports.notAnswered' as const } };
    const [answer] = await tx.select().from(reportAnswers).where(eq(reportAnswers.reportId, report.id)).orderBy(desc(reportAnswers.id)).limit(1);
    const satisfied = input.satisfied === 'yes';
    const now = new Date();
    await tx.update(reportAnswers).set({ satisfied, ratingReason: input.reason ?? null, ratedAt: now }).where(and(eq(reportAnswers.id, answer!.id)));
    if (satisfied) {
      await tx.update(reports).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(reports.id, report.id));
      await addReportEvent(tx, report.id, 'satisfied', authorId);
      await addReportEvent(tx, report.id, 'closed', authorId);
      return { ok: true as const, value: 'closed' as const, outbox: [] as number[] };
    }
    if (report.reopenCount < env.REPORTS_MAX_REOPENINGS) {
      const [category] = await tx.select().from(categories).where(eq(categories.id, report.categoryId));
      const due = await answerDueAt(category!, now);
      await tx
        .update(reports)
        .set({ status: 'assigned', reopenCount: report.reopenCount + 1, answerDueAt: due, answeredAt: null, overdue: false, updatedAt: now })
        .where(eq(reports.id, report.id));
      await addReportEvent(tx, report.id, 'reopened', authorId, input.reason ?? null, { answerDueAt: due.toISOString() });
      await notifyStaff(tx, { departmentId: report.departmentId! }, report.id, 'notice.reportReopened');
      const outbox = await notifyFollowers(tx, report.id, 'notice.reportReopened');
      return { ok: true as const, value: 'reopened' as const, outbox, schedule: { start: now, due } };
    }
    await tx.update(reports).set({ status: 'arbitration', arbitrationKind: 'unsatisfied', arbitrationReason: input.reason ?? null, updatedAt: now }).where(eq(reports.id, report.id));
    await addReportEvent(tx, report.id, 'to-control-desk', authorId, input.reason ?? null);
    await notifyStaff(tx, 'arbiters', report.id, 'notice.reportToDesk');
    return { ok: true as const, value: 'control-desk' as const, outbox: [] as number[] };
  });
  if (!outcome.ok) return outcome;
  if ('schedule' in outcome && outcome.schedule) await scheduleDeadline(input.reportId, 'answer', outcome.schedule.start, outcome.schedule.due);
  await enqueueEmailDelivery(outcome.outbox);
  return { ok: true, value: outcome.value };
}
