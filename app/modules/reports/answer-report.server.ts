import { eq } from 'drizzle-orm';
import { reportAnswers, reportPhotos, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { cancelDeadline } from './jobs';
import { storePhotos } from './photo-store.server';
import { processPhotos, type PhotoError } from './photos.server';
import { addReportEvent, lockReport, notifyFollowers, notifyStaff } from './timeline.server';

export type DepartmentFailure = { reportId?: 'reports.notYours' | 'reports.notAwaitingAnswer'; photos?: PhotoError };

/** The department answers publicly (text and up to 5 photos); the answer deadline's jobs are cancelled. */
export async function answerReport(actorId: string, departmentIds: number[], reportId: number, text: string, files: File[]): Promise<Result<null, DepartmentFailure>> {
  const photos = await processPhotos(files);
  if (!photos.ok) return { ok: false, errors: { photos: photos.errors.photos } };
  const photoRows = await storePhotos(photos.value);
  const outcome = await db.transaction(async (tx) => {
    const report = await lockReport(tx, reportId);
    if (!report || !report.departmentId || !departmentIds.includes(report.departmentId)) return { ok: false as const, errors: { reportId: 'reports.notYours' as const } };
    if (report.status !== 'assigned') return { ok: false as const, errors: { reportId: 'reports.notAwaitingAnswer' as const } };
    const now = new Date();
    const [answer] = await tx.insert(reportAnswers).values({ reportId, departmentId: report.departmentId, authorId: actorId, text }).returning({ id: reportAnswers.id });
    if (photoRows.length) await tx.insert(reportPhotos).values(photoRows.map((p) => ({ reportId, answerId: answer!.id, ...p })));
    await tx.update(reports).set({ status: 'answered', answeredAt: now, overdue: false, updatedAt: now }).where(eq(reports.id, reportId));
    await addReportEvent(tx, reportId, 'answered', actorId, null, { answerId: answer!.id, onTime: report.answerDueAt ? now <= report.answerDueAt : null });
    await recordAudit(tx, { actorId, action: 'report.answer', targetType: 'report', targetId: reportId, before: { status: report.status }, after: { status: 'answered', answerId: answer!.id } });
    const outbox = await notifyFollowers(tx, reportId, 'notice.reportAnswered', {}, { subject: 'email.reportAnswered.subject', body: 'email.reportAnswered.body' }, { stage: 'answered', bodyRate: 'email.reportAnswered.bodyRate' });
    return { ok: true as const, outbox };
  });
  if (!outcome.ok) return outcome;
  await cancelDeadline(reportId, 'answer');
  await enqueueEmailDelivery(outcome.outbox);
  return { ok: true, value: null };
}

/** The department says the report is not theirs: it goes to the control desk with the reason. */
export async function disputeReport(actorId: string, departmentIds: number[], reportId: number, reason: string): Promise<Result<null, DepartmentFailure>> {
  const outcome = await db.transaction(async (tx) => {
    const report = await lockReport(tx, reportId);
    if (!report || !report.departmentId || !departmentIds.includes(report.departmentId)) return { ok: false as const, errors: { reportId: 'reports.notYours' as const } };
    if (report.status !== 'assigned') return { ok: false as const, errors: { reportId: 'reports.notAwaitingAnswer' as const } };
    await tx.update(reports).set({ status: 'arbitration', arbitrationKind: 'dispute', arbitrationReason: reason, updatedAt: new Date() }).where(eq(reports.id, reportId));
    await addReportEvent(tx, reportId, 'disputed', actorId, reason, { departmentId: report.departmentId });
    await recordAudit(tx, { actorId, action: 'report.dispute', targetType: 'report', targetId: reportId, before: { status: report.status, departmentId: report.departmentId }, after: { status: 'arbitration', reason } });
    await notifyStaff(tx, 'arbiters', reportId, 'notice.reportToDesk');
    return { ok: true as const };
  });
  if (!outcome.ok) return outcome;
  await cancelDeadline(reportId, 'answer');
  return { ok: true, value: null };
}
