import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { initiatives } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { notify } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { scheduleInitiativeDeadline } from './jobs';
import { eligibleResidents, lockInitiative } from './locks.server';
import { parseThresholdRule, thresholdFor } from './rules';
import type { moderationSchema } from './schemas';

const dayMs = 24 * 3600 * 1000;

/**
 * A moderator checks a new initiative. Approving opens it for supports: its threshold is fixed now from the city's
 * rule (a number, or a share of the verified residents of its scope) and it collects until now + the support
 * period. Rejecting needs a reason, which the author is told. Either way once, and in the audit log.
 */
export async function moderateInitiative(moderatorId: string, input: z.output<typeof moderationSchema>, now = new Date()): Promise<Result<null>> {
  const outcome = await db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, input.initiativeId);
    if (!initiative) return { ok: false as const, errors: { form: 'errors.invalid' as const } };
    if (initiative.status !== 'pending') return { ok: false as const, errors: { form: 'initiatives.alreadyModerated' as const } };
    if (input.intent === 'approve') {
      const threshold = thresholdFor(parseThresholdRule(env.INITIATIVE_THRESHOLD), await eligibleResidents(tx, initiative.districtId));
      const collectsUntil = new Date(now.getTime() + env.INITIATIVE_SUPPORT_DAYS * dayMs);
      await tx.update(initiatives).set({ status: 'collecting', threshold, collectsUntil, moderatedAt: now, moderatedBy: moderatorId, updatedAt: now }).where(eq(initiatives.id, initiative.id));
      await recordAudit(tx, { actorId: moderatorId, action: 'initiative.approve', targetType: 'initiative', targetId: initiative.id, before: { status: 'pending' }, after: { status: 'collecting', threshold, collectsUntil: collectsUntil.toISOString() } });
      const outbox = initiative.authorId
        ? await notify(tx, { userId: initiative.authorId, kind: 'initiatives.notice.approved', params: { title: initiative.title, threshold }, link: `/initiatives/${initiative.id}`, email: { subject: 'initiatives.email.approved.subject', body: 'initiatives.email.approved.body' } })
        : [];
      return { ok: true as const, outbox, deadline: collectsUntil };
    }
    await tx.update(initiatives).set({ status: 'rejected', rejectedReason: input.reason, moderatedAt: now, moderatedBy: moderatorId, updatedAt: now }).where(eq(initiatives.id, initiative.id));
    await recordAudit(tx, { actorId: moderatorId, action: 'initiative.reject', targetType: 'initiative', targetId: initiative.id, before: { status: 'pending' }, after: { status: 'rejected', reason: input.reason } });
    const outbox = initiative.authorId
      ? await notify(tx, { userId: initiative.authorId, kind: 'initiatives.notice.rejected', params: { title: initiative.title, reason: input.reason }, link: `/initiatives/${initiative.id}`, email: { subject: 'initiatives.email.rejected.subject', body: 'initiatives.email.rejected.body' } })
      : [];
    return { ok: true as const, outbox, deadline: null };
  });
  if (!outcome.ok) return outcome;
  if (outcome.deadline) await scheduleInitiativeDeadline(input.initiativeId, outcome.deadline);
  await enqueueEmailDelivery(outcome.outbox);
  return { ok: true, value: null };
}
