import { and, eq, inArray } from 'drizzle-orm';
import { reportEvents, reportFollowers, reports, roleGrants } from '#db/schema/index';
import type { DbOrTx, Tx } from '#app/utils/db.server';
import type { MessageKey, Params } from '#app/utils/i18n';
import { appOrigin } from '#app/utils/env.server';
import { notify } from '#app/modules/notifications/index.server';

export type ReportEventKind =
  | 'submitted'
  | 'approved'
  | 'rejected'
  | 'routed'
  | 'unroutable'
  | 'reminded'
  | 'escalated'
  | 'answered'
  | 'disputed'
  | 'reassigned'
  | 'upheld'
  | 'satisfied'
  | 'reopened'
  | 'to-control-desk'
  | 'closed'
  | 'followed';

/** Stamps one step of the report's life, with who took it. */
export async function addReportEvent(tx: DbOrTx, reportId: number, kind: ReportEventKind, actorId: string | null, note?: string | null, data?: Record<string, unknown>) {
  await tx.insert(reportEvents).values({ reportId, kind, actorId, note: note ?? null, data: data ?? null });
}

/** The report, locked for this transaction: every transition reads and writes under this lock. */
export async function lockReport(tx: Tx, reportId: number) {
  const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
  return report ?? null;
}

/**
 * The invitation to rate a step of the report (ADR 050): its author's notice links to that step's rating form on the
 * report page (the push row takes the same link), and their e-mail, when there is one, ends with the link (`bodyRate`).
 */
export type RateInvitation = { stage: 'moderated' | 'answered'; bodyRate?: MessageKey };

/** The address of the rating form for a step of a report: the report page's anchor that the form (or "rated") carries. */
export const rateLink = (reportId: number, stage: RateInvitation['stage']) => `/reports/${reportId}#rate-${stage}`;

/**
 * Tells the author and the followers (in-app, and by e-mail when asked); returns outbox ids to enqueue. With `invite`,
 * the author (only they may rate) is invited to rate the step; followers get the plain notice.
 */
export async function notifyFollowers(tx: DbOrTx, reportId: number, kind: MessageKey, params: Params = {}, email?: { subject: MessageKey; body: MessageKey }, invite?: RateInvitation): Promise<number[]> {
  const followers = await tx.select({ userId: reportFollowers.userId }).from(reportFollowers).where(eq(reportFollowers.reportId, reportId));
  const [report] = invite ? await tx.select({ authorId: reports.authorId }).from(reports).where(eq(reports.id, reportId)) : [];
  // Two versions of the notice, made once: the author's invitation and everyone else's plain one.
  const version = (link: string, mail: typeof email) => ({ link, email: mail, params: { id: reportId, url: `${appOrigin()}${link}`, ...params } });
  const plain = version(`/reports/${reportId}`, email);
  const invitation = invite ? version(rateLink(reportId, invite.stage), email && invite.bodyRate ? { ...email, body: invite.bodyRate } : email) : plain;
  const outbox: number[] = [];
  for (const f of followers) outbox.push(...(await notify(tx, { userId: f.userId, kind, ...(f.userId === report?.authorId ? invitation : plain) })));
  return outbox;
}

/** Staff of a department, or the control desk (arbiters), told in-app. */
export async function notifyStaff(tx: DbOrTx, who: { departmentId: number } | 'arbiters', reportId: number, kind: MessageKey, params: Params = {}) {
  const grants = await tx
    .select({ userId: roleGrants.userId })
    .from(roleGrants)
    .where(who === 'arbiters' ? inArray(roleGrants.role, ['arbiter']) : and(eq(roleGrants.role, 'department'), eq(roleGrants.departmentId, who.departmentId)));
  const link = who === 'arbiters' ? `/control-desk` : `/department/reports`;
  for (const g of new Set(grants.map((x) => x.userId))) await notify(tx, { userId: g, kind, params: { id: reportId, ...params }, link });
}
