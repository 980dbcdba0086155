import { and, eq, sql } from 'drizzle-orm';
import { initiativeSupports, initiatives } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { lockInitiative } from './locks.server';

/**
 * A resident takes back their support while the initiative is still collecting, under the same row lock as a
 * support, so the count stays exact and a withdrawal cannot race a support that crosses the threshold. Once the
 * threshold is crossed the initiative has moved to review for good: supports can no longer be withdrawn (the
 * milestone notices already sent stay sent, and are not sent again if the count climbs back).
 */
export async function withdrawSupport(userId: string, initiativeId: number, now = new Date()): Promise<Result<{ supportCount: number }>> {
  return db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative || initiative.status === 'pending' || initiative.status === 'rejected') return { ok: false, errors: { form: 'errors.invalid' } };
    if (initiative.status !== 'collecting') return { ok: false, errors: { form: initiative.status === 'expired' ? 'initiatives.deadlinePassed' : 'initiatives.withdrawAfterReached' } };
    if (initiative.collectsUntil! <= now) return { ok: false, errors: { form: 'initiatives.deadlinePassed' } };
    const removed = await tx.delete(initiativeSupports).where(and(eq(initiativeSupports.initiativeId, initiativeId), eq(initiativeSupports.userId, userId))).returning({ userId: initiativeSupports.userId });
    if (!removed.length) return { ok: false, errors: { form: 'initiatives.notSupported' } };
    await tx.update(initiatives).set({ supportCount: sql`${initiatives.supportCount} - 1`, updatedAt: now }).where(eq(initiatives.id, initiativeId));
    return { ok: true, value: { supportCount: initiative.supportCount - 1 } };
  });
}
