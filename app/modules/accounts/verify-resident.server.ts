import { eq } from 'drizzle-orm';
import { users } from '#db/schema/index';
import { db, type DbOrTx } from '#app/utils/db.server';
import { recordAudit } from '#app/modules/audit/index.server';
import { notify } from '#app/modules/notifications/index.server';
import type { Result } from '#app/utils/result';
import { forgetCurrentUser } from './sessions.server';

/**
 * Sets a person's `verified` flag. `source` says who vouched: 'admin' here; an identity provider's
 * sign-in calls this too with its own name and the claims it verified (district, birth year).
 */
export async function setVerified(
  tx: DbOrTx,
  userId: string,
  verified: boolean,
  source: { by: string; actorId?: string; districtId?: number; birthYear?: number },
): Promise<boolean> {
  const [before] = await tx.select({ verified: users.verified, verifiedBy: users.verifiedBy }).from(users).where(eq(users.id, userId));
  if (!before) return false;
  await tx
    .update(users)
    .set({
      verified,
      verifiedBy: verified ? source.by : null,
      verifiedAt: verified ? new Date() : null,
      ...(source.districtId ? { districtId: source.districtId } : {}),
      ...(source.birthYear ? { birthYear: source.birthYear } : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  forgetCurrentUser();
  if (source.actorId) {
    await recordAudit(tx, { actorId: source.actorId, action: verified ? 'resident.verify' : 'resident.unverify', targetType: 'user', targetId: userId, before, after: { verified, verifiedBy: verified ? source.by : null } });
  }
  if (verified && !before.verified) await notify(tx, { userId, kind: 'notice.verified', link: '/me' });
  return true;
}

/** An admin marks a resident verified (or not) by hand. */
export async function verifyResidentByAdmin(actorId: string, userId: string, verified: boolean): Promise<Result<null>> {
  const found = await db.transaction((tx) => setVerified(tx, userId, verified, { by: 'admin', actorId }));
  return found ? { ok: true, value: null } : { ok: false, errors: { userId: 'errors.invalid' } };
}
