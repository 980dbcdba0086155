import { eq, sql } from 'drizzle-orm';
import { categories, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { answerDueAt } from './deadlines.server';
import { scheduleDeadline } from './jobs';
import { addReportEvent, lockReport, notifyFollowers, notifyStaff } from './timeline.server';

export type RoutingOutcome = 'assigned' | 'arbitration' | 'not-ready';

/**
 * Finds who must answer an approved report: its district (ST_Contains), the department kind from its category,
 * and the department of that kind covering the district (an arbiter's saved exception wins). No match goes to
 * the control desk with the reason, never dropped. Idempotent: a report already routed is left alone.
 */
export async function routeReport(reportId: number): Promise<RoutingOutcome> {
  const result = await db.transaction(async (tx) => {
    const report = await lockReport(tx, reportId);
    if (!report || report.status !== 'submitted' || !report.moderatedAt) return { outcome: 'not-ready' as const };
    const [match] = await tx.execute<{ district_id: number | null; department_id: number | null }>(sql`
      WITH d AS (SELECT id FROM districts WHERE ST_Contains(geom, (SELECT location FROM reports WHERE id = ${reportId})) ORDER BY id LIMIT 1)
      SELECT (SELECT id FROM d) AS district_id,
        coalesce(
          (SELECT department_id FROM routing_exceptions WHERE category_id = ${report.categoryId} AND district_id = (SELECT id FROM d)),
          (SELECT dd.department_id FROM department_districts dd JOIN departments dep ON dep.id = dd.department_id
             JOIN categories c ON c.department_kind = dep.kind
            WHERE c.id = ${report.categoryId} AND dd.district_id = (SELECT id FROM d) ORDER BY dd.department_id LIMIT 1)
        ) AS department_id`);
    const now = new Date();
    if (!match?.department_id) {
      const reason = match?.district_id ? 'no-department' : 'no-district';
      await tx.update(reports).set({ status: 'arbitration', districtId: match?.district_id ?? null, arbitrationKind: 'unroutable', arbitrationReason: reason, updatedAt: now }).where(eq(reports.id, reportId));
      await addReportEvent(tx, reportId, 'unroutable', null, null, { reason });
      await notifyStaff(tx, 'arbiters', reportId, 'notice.reportToDesk');
      return { outcome: 'arbitration' as const };
    }
    const [category] = await tx.select().from(categories).where(eq(categories.id, report.categoryId));
    const due = await answerDueAt(category!, now);
    await tx.update(reports).set({ status: 'assigned', districtId: match.district_id, departmentId: match.department_id, answerDueAt: due, updatedAt: now }).where(eq(reports.id, reportId));
    await addReportEvent(tx, reportId, 'routed', null, null, { departmentId: match.department_id, answerDueAt: due.toISOString() });
    await notifyStaff(tx, { departmentId: match.department_id }, reportId, 'notice.reportAssigned');
    const outbox = await notifyFollowers(tx, reportId, 'notice.reportApproved', {}, { subject: 'email.reportApproved.subject', body: 'email.reportApproved.body' }, { stage: 'moderated', bodyRate: 'email.reportApproved.bodyRate' });
    return { outcome: 'assigned' as const, due, start: now, outbox };
  });
  if (result.outcome === 'assigned') {
    await scheduleDeadline(reportId, 'answer', result.start, result.due);
    await enqueueEmailDelivery(result.outbox);
  }
  return result.outcome;
}
