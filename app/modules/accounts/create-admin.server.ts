import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { roleGrants, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { emailField, requiredText } from '#app/utils/forms';
import type { MessageKey } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { recordAudit } from '#app/modules/audit/index.server';
import { hashPassword } from './register-user.server';
import { passwordField } from './schemas';
import { revokeSessions } from './sessions.server';

export const createAdminSchema = z.object({ email: emailField(), name: requiredText(100), password: passwordField });

/**
 * Makes someone an admin from the server's command line (`npm run admin:create`): the first admin of a new city,
 * or a way back in when no admin can sign in. The account is made, or an existing one takes the given password
 * (its sessions end); the role is granted unless held; audited as a bootstrap. A password in `refusedPasswords`
 * (the demo's, published in the README, when in production) is refused.
 */
export async function createAdmin(
  input: z.output<typeof createAdminSchema>,
  { refusedPasswords }: { refusedPasswords: readonly string[] },
): Promise<Result<{ userId: string; created: boolean; granted: boolean }, { password: MessageKey }>> {
  if (refusedPasswords.includes(input.password)) return { ok: false, errors: { password: 'admin.publishedPassword' } };
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, input.email), isNull(users.deletedAt))).for('update');
    let userId = existing?.id;
    if (userId) {
      await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId));
      await revokeSessions(tx, userId);
    } else {
      const [user] = await tx.insert(users).values({ email: input.email, name: input.name, passwordHash }).returning({ id: users.id });
      userId = user!.id;
    }
    const [grant] = await tx.insert(roleGrants).values({ userId, role: 'admin' }).onConflictDoNothing().returning({ id: roleGrants.id });
    await recordAudit(tx, { actorId: userId, action: 'role.bootstrap', targetType: 'user', targetId: userId, after: { role: 'admin', by: 'admin:create', created: !existing, granted: !!grant } });
    return { ok: true as const, value: { userId, created: !existing, granted: !!grant } };
  });
}
