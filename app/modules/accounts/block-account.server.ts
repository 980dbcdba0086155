// An admin blocks an account used for abuse (spam, threats, impersonation): the person is signed out everywhere,
// refused at sign-in with the reason, and told by e-mail. What they published stays until moderators act on it.
import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { roleGrants, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import { emailOnly } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { appOrigin } from '#app/utils/env.server';
import type { Result } from '#app/utils/result';
import type { blockAccountSchema } from './schemas';
import { voidResetLinks } from './passwords.server';
import { forgetCurrentUser, revokeSessions } from './sessions.server';

type BlockErrors = { userId: 'errors.invalid' | 'admin.cannotBlockSelf' | 'admin.cannotBlockAdmin' };

export async function blockAccount(actorId: string, input: z.output<typeof blockAccountSchema>): Promise<Result<null, BlockErrors>> {
  if (input.userId === actorId) return { ok: false, errors: { userId: 'admin.cannotBlockSelf' } };
  const outbox = await db.transaction(async (tx): Promise<number[] | BlockErrors> => {
    const [user] = await tx.select().from(users).where(and(eq(users.id, input.userId), isNull(users.deletedAt))).for('update');
    if (!user) return { userId: 'errors.invalid' };
    // An admin is stopped by taking the role first (revoking is audited and refused for the city's last admin).
    const [admin] = await tx.select({ id: roleGrants.id }).from(roleGrants).where(and(eq(roleGrants.userId, user.id), eq(roleGrants.role, 'admin')));
    if (admin) return { userId: 'admin.cannotBlockAdmin' };
    await tx.update(users).set({ blockedAt: new Date(), blockedReason: input.reason, blockedBy: actorId, updatedAt: new Date() }).where(eq(users.id, user.id));
    await revokeSessions(tx, user.id);
    await voidResetLinks(tx, user.id);
    await recordAudit(tx, {
      actorId,
      action: 'user.block',
      targetType: 'user',
      targetId: user.id,
      before: { blockedAt: user.blockedAt, blockedReason: user.blockedReason },
      after: { reason: input.reason },
    });
    return emailOnly(tx, { userId: user.id, params: { reason: input.reason }, email: { subject: 'email.blocked.subject', body: 'email.blocked.body' } });
  });
  if (!Array.isArray(outbox)) return { ok: false, errors: outbox };
  await enqueueEmailDelivery(outbox);
  return { ok: true, value: null };
}

export async function unblockAccount(actorId: string, userId: string): Promise<Result<null, { userId: 'errors.invalid' }>> {
  const outbox = await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user?.blockedAt) return null;
    await tx.update(users).set({ blockedAt: null, blockedReason: null, blockedBy: null, updatedAt: new Date() }).where(eq(users.id, userId));
    forgetCurrentUser();
    await recordAudit(tx, { actorId, action: 'user.unblock', targetType: 'user', targetId: userId, before: { blockedAt: user.blockedAt, blockedReason: user.blockedReason } });
    return emailOnly(tx, { userId, params: { url: `${appOrigin()}/sign-in` }, email: { subject: 'email.unblocked.subject', body: 'email.unblocked.body' } });
  });
  if (!outbox) return { ok: false, errors: { userId: 'errors.invalid' } };
  await enqueueEmailDelivery(outbox);
  return { ok: true, value: null };
}
