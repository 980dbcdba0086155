import { eq, sql } from 'drizzle-orm';
import { initiativeSupports, initiatives, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { cancelInitiativeDeadline, enqueueInitiativeNotice } from './jobs';
import { lockInitiative } from './locks.server';
import { recordInitiativeNotice } from './notices.server';
import { reachedMilestone } from './rules';

export type SupportOutcome = { supportCount: number; reached: boolean };

/**
 * A resident supports an initiative. Every rule is checked under the initiative's row lock: it is collecting and
 * its deadline has not passed, the person is verified and (for a local one) lives in its district, and has not
 * supported it before. The support, the count, the milestone (33, 66, 100 %) and, at the threshold, the move to
 * expert review all land in this one transaction, so two supports crossing the threshold at once move it once. The
 * milestone's notice is one row here; its job tells the author and supporters after the commit (ADR 060).
 */
export async function supportInitiative(userId: string, initiativeId: number, now = new Date()): Promise<Result<SupportOutcome>> {
  const outcome = await db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative || initiative.status === 'pending' || initiative.status === 'rejected') return { ok: false as const, errors: { form: 'errors.invalid' as const } };
    if (initiative.status !== 'collecting') return { ok: false as const, errors: { form: initiative.status === 'expired' ? ('initiatives.deadlinePassed' as const) : ('initiatives.notCollecting' as const) } };
    if (initiative.collectsUntil! <= now) return { ok: false as const, errors: { form: 'initiatives.deadlinePassed' as const } };
    const [person] = await tx.select({ verified: users.verified, districtId: users.districtId, blockedAt: users.blockedAt, deletedAt: users.deletedAt }).from(users).where(eq(users.id, userId));
    if (!person?.verified || person.blockedAt || person.deletedAt) return { ok: false as const, errors: { form: 'initiatives.unverifiedSupport' as const } };
    if (initiative.districtId !== null && person.districtId !== initiative.districtId) return { ok: false as const, errors: { form: 'initiatives.outsideScope' as const } };
    const added = await tx.insert(initiativeSupports).values({ initiativeId, userId }).onConflictDoNothing().returning({ userId: initiativeSupports.userId });
    if (!added.length) return { ok: false as const, errors: { form: 'initiatives.alreadySupported' as const } };

    const supportCount = initiative.supportCount + 1;
    const threshold = initiative.threshold!;
    const milestone = reachedMilestone(supportCount, threshold);
    const reached = milestone === 100;
    await tx
      .update(initiatives)
      .set({
        supportCount: sql`${initiatives.supportCount} + 1`,
        ...(milestone > initiative.noticedPercent ? { noticedPercent: milestone } : {}),
        ...(reached ? { status: 'review' as const, reachedAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(initiatives.id, initiativeId));
    const params = { title: initiative.title, percent: milestone, supports: supportCount, threshold };
    const noticeId = milestone > initiative.noticedPercent ? await recordInitiativeNotice(tx, initiativeId, reached ? 'reached' : 'progress', params) : null;
    return { ok: true as const, value: { supportCount, reached }, noticeId };
  });
  if (!outcome.ok) return outcome;
  if (outcome.value.reached) await cancelInitiativeDeadline(initiativeId);
  await enqueueInitiativeNotice(outcome.noticeId);
  return { ok: true, value: outcome.value };
}
