import { and, eq, lte, sql } from 'drizzle-orm';
import { visits } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import type { Result } from '#app/utils/result';
import { inviteToRateVisit } from './invite-rating.server';

/** How early before its time a visit may be marked (the person came early). */
const earlyMs = 60 * 60_000;

/**
 * Staff at the desk mark a booked visit of their centre served or missed, once its time has come (an hour early at
 * most); the count of no-shows is what the centre's figures show. Audited.
 */
export async function markVisit(actorId: string, centreId: number, visitId: number, outcome: 'served' | 'no_show', now = new Date()): Promise<Result<null>> {
  const outbox: number[] = [];
  const result = await db.transaction(async (tx): Promise<Result<null>> => {
    const [marked] = await tx
      .update(visits)
      .set({ status: outcome, updatedAt: now })
      .where(and(eq(visits.id, visitId), eq(visits.centreId, centreId), eq(visits.status, 'booked'), lte(visits.startsAt, sql`${new Date(now.getTime() + earlyMs).toISOString()}::timestamptz`)))
      .returning({ id: visits.id, userId: visits.userId, startsAt: visits.startsAt });
    if (!marked) return { ok: false, errors: { form: 'centres.cannotMark' } };
    await recordAudit(tx, { actorId, action: `visit.${outcome}`, targetType: 'visit', targetId: visitId, before: { status: 'booked' }, after: { status: outcome, centreId, startsAt: marked.startsAt.toISOString() } });
    // A served visit's resident is asked to rate it (ADR 050).
    if (outcome === 'served') outbox.push(...(await inviteToRateVisit(tx, visitId)));
    return { ok: true, value: null };
  });
  if (result.ok) await enqueueEmailDelivery(outbox);
  return result;
}
