import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { categories, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { env } from '#app/utils/env.server';
import { awardPoints } from '#app/modules/votes/index.server';
import { recordAudit } from '#app/modules/audit/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { cancelDeadline, enqueueRouting } from './jobs';
import type { moderationSchema } from './schemas';
import { districtAt } from './submit-report.server';
import { addReportEvent, lockReport, notifyFollowers } from './timeline.server';

type Moderation = z.output<typeof moderationSchema>;

/**
 * A moderator approves a submitted report (optionally correcting its category or pin) or rejects it with a
 * reason. Approval hands it to the routing job; rejection tells the resident why. Audited either way.
 */
export async function moderateReport(actorId: string, input: Moderation): Promise<Result<null>> {
  if (input.intent === 'approve') {
    if (input.categoryId) {
      const [category] = await db.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId));
      if (!category) return { ok: false, errors: { categoryId: 'errors.choice' } };
    }
    if ((input.lat === undefined) !== (input.lng === undefined)) return { ok: false, errors: { [input.lat === undefined ? 'lat' : 'lng']: 'reports.bothCoordinates' } };
    if (input.lat !== undefined && input.lng !== undefined && !(await districtAt(input.lng, input.lat))) return { ok: false, errors: { lat: 'reports.outsideCity' } };
  }
  const outcome = await db.transaction(async (tx) => {
    const report = await lockReport(tx, input.reportId);
    if (!report || report.status !== 'submitted' || report.moderatedAt) return { ok: false as const, errors: { reportId: 'reports.alreadyModerated' as const } };
    const now = new Date();
    if (input.intent === 'approve') {
      const corrections = {
        ...(input.categoryId && input.categoryId !== report.categoryId ? { categoryId: input.categoryId } : {}),
        ...(input.lat !== undefined && input.lng !== undefined ? { location: sql`ST_SetSRID(ST_MakePoint(${input.lng}, ${input.lat}), 4326)` as unknown as string } : {}),
      };
      // Where the resident put the pin, for the audit's before/after (the row's point is not read as numbers).
      const [pin] = await tx.execute<{ lat: number; lng: number }>(sql`SELECT ST_Y(location) AS lat, ST_X(location) AS lng FROM reports WHERE id = ${report.id}`);
      await tx.update(reports).set({ ...corrections, moderatedAt: now, overdue: false, updatedAt: now }).where(eq(reports.id, report.id));
      await addReportEvent(tx, report.id, 'approved', actorId, null, Object.keys(corrections).length ? { corrected: Object.keys(corrections) } : undefined);
      if (report.authorId) await awardPoints(tx, report.authorId, env.POINTS_FOR_REPORT, { reason: 'report', reportId: report.id });
      await recordAudit(tx, { actorId, action: 'report.approve', targetType: 'report', targetId: report.id, before: { categoryId: report.categoryId, lat: pin?.lat, lng: pin?.lng }, after: { categoryId: input.categoryId ?? report.categoryId, lat: input.lat ?? pin?.lat, lng: input.lng ?? pin?.lng } });
      return { ok: true as const, outbox: [] as number[] };
    }
    await tx.update(reports).set({ status: 'rejected', moderatedAt: now, closedAt: now, rejectionReason: input.reason, overdue: false, updatedAt: now }).where(eq(reports.id, report.id));
    await addReportEvent(tx, report.id, 'rejected', actorId, input.note ?? null, { reason: input.reason });
    await recordAudit(tx, { actorId, action: 'report.reject', targetType: 'report', targetId: report.id, before: { status: report.status }, after: { status: 'rejected', reason: input.reason, note: input.note } });
    const outbox = await notifyFollowers(tx, report.id, 'notice.reportRejected', { reason: `reject.${input.reason}` }, { subject: 'email.reportRejected.subject', body: 'email.reportRejected.body' }, { stage: 'moderated', bodyRate: 'email.reportRejected.bodyRate' });
    return { ok: true as const, outbox };
  });
  if (!outcome.ok) return outcome;
  await cancelDeadline(input.reportId, 'moderation');
  await enqueueEmailDelivery(outcome.outbox);
  if (input.intent === 'approve') await enqueueRouting(input.reportId);
  return { ok: true, value: null };
}
