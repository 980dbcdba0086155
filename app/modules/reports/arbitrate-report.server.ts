import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { categories, departments, reports, routingExceptions } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { answerDueAt } from './deadlines.server';
import { scheduleDeadline } from './jobs';
import type { arbitrationSchema } from './schemas';
import { addReportEvent, lockReport, notifyFollowers, notifyStaff } from './timeline.server';

/**
 * The control desk decides a report in arbitration. Reassign: a department (with a new answer deadline),
 * optionally saving "this category in this district goes there" so routing does not repeat the mistake.
 * Uphold: a disputed report goes back to its department with a new deadline; an answer the resident twice
 * rejected stands, and the report is closed.
 */
export async function arbitrateReport(actorId: string, input: z.output<typeof arbitrationSchema>): Promise<Result<null>> {
  const outcome = await db.transaction(async (tx) => {
    const report = await lockReport(tx, input.reportId);
    if (!report || report.status !== 'arbitration') return { ok: false as const, errors: { reportId: 'reports.notInArbitration' as const } };
    const now = new Date();
    let departmentId: number | null = report.departmentId;
    if (input.intent === 'reassign') {
      const [department] = await tx.select({ id: departments.id }).from(departments).where(eq(departments.id, input.departmentId));
      if (!department) return { ok: false as const, errors: { departmentId: 'admin.unknownDepartment' as const } };
      departmentId = department.id;
      if (input.saveException && report.districtId) {
        await tx
          .insert(routingExceptions)
          .values({ categoryId: report.categoryId, districtId: report.districtId, departmentId })
          .onConflictDoUpdate({ target: [routingExceptions.categoryId, routingExceptions.districtId], set: { departmentId } });
      }
    } else if (report.arbitrationKind === 'unsatisfied' || !departmentId) {
      if (!departmentId) return { ok: false as const, errors: { departmentId: 'admin.unknownDepartment' as const } };
      await tx.update(reports).set({ status: 'closed', closedAt: now, arbitrationKind: null, arbitrationReason: null, updatedAt: now }).where(eq(reports.id, report.id));
      await addReportEvent(tx, report.id, 'upheld', actorId, input.note ?? null, { closed: true });
      await recordAudit(tx, { actorId, action: 'report.uphold', targetType: 'report', targetId: report.id, before: { status: report.status }, after: { status: 'closed' } });
      // Closed by the desk: the author is invited to rate the last step reached (the answer, if there was one).
      const outbox = await notifyFollowers(tx, report.id, 'notice.reportClosed', {}, undefined, { stage: report.answeredAt ? 'answered' : 'moderated' });
      return { ok: true as const, outbox, schedule: null };
    }
    const [category] = await tx.select().from(categories).where(eq(categories.id, report.categoryId));
    const due = await answerDueAt(category!, now);
    await tx
      .update(reports)
      .set({ status: 'assigned', departmentId, answerDueAt: due, overdue: false, arbitrationKind: null, arbitrationReason: null, updatedAt: now })
      .where(eq(reports.id, report.id));
    const kind = input.intent === 'reassign' ? 'reassigned' : 'upheld';
    await addReportEvent(tx, report.id, kind, actorId, input.note ?? null, { departmentId, answerDueAt: due.toISOString(), exceptionSaved: input.intent === 'reassign' && !!input.saveException });
    await recordAudit(tx, { actorId, action: `report.${kind === 'reassigned' ? 'reassign' : 'uphold'}`, targetType: 'report', targetId: report.id, before: { departmentId: report.departmentId, status: report.status }, after: { departmentId, status: 'assigned' } });
    await notifyStaff(tx, { departmentId: departmentId! }, report.id, 'notice.reportAssigned');
    const outbox = await notifyFollowers(tx, report.id, 'notice.reportReassigned');
    return { ok: true as const, outbox, schedule: { start: now, due } };
  });
  if (!outcome.ok) return outcome;
  if (outcome.schedule) await scheduleDeadline(input.reportId, 'answer', outcome.schedule.start, outcome.schedule.due);
  await enqueueEmailDelivery(outcome.outbox);
  return { ok: true, value: null };
}
