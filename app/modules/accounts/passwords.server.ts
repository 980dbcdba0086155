// "Forgot my password" and "change my password". A reset link carries a random token; only its SHA-256 is stored,
// it works once and for an hour, only the newest one works, and a new password signs the person out everywhere else.
import { verify } from '@node-rs/argon2';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { createHash, randomBytes } from 'node:crypto';
import { passwordResets, signInFailures, users } from '#db/schema/index';
import { db, type DbOrTx, type Tx } from '#app/utils/db.server';
import { appOrigin } from '#app/utils/env.server';
import type { Result } from '#app/utils/result';
import { emailOnly, notify } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { hashPassword } from './register-user.server';
import { forgetCurrentUser, revokeSessions, type CurrentUser } from './sessions.server';

export const resetLinkMinutes = 60;
/** Links sent to one account per hour; past it, the request is answered the same way and nothing is sent. */
export const resetLinksPerHour = 3;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Every reset link of the person still open stops working (a newer link, a new password, a block). */
export async function voidResetLinks(tx: DbOrTx, userId: string): Promise<void> {
  await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/**
 * Sends a reset link to the account with this e-mail, if there is one (a deleted account has none). The caller
 * answers the same whatever happened, so the form does not tell who has an account.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const outbox = await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(and(eq(users.email, email), isNull(users.deletedAt), isNull(users.blockedAt))).for('update');
    if (!user) return [];
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, sql`now() - interval '1 hour'`)));
    if ((recent?.n ?? 0) >= resetLinksPerHour) return [];
    // Only the newest link works: an older one in a mailbox someone else can read is void.
    await voidResetLinks(tx, user.id);
    await tx.insert(passwordResets).values({ tokenHash: tokenHash(token), userId: user.id, expiresAt: sql`now() + make_interval(mins => ${resetLinkMinutes})` });
    return emailOnly(tx, {
      userId: user.id,
      params: { url: `${appOrigin()}/reset-password/${token}`, minutes: resetLinkMinutes },
      email: { subject: 'email.passwordReset.subject', body: 'email.passwordReset.body', sensitive: true },
    });
  });
  await enqueueEmailDelivery(outbox);
}

/** Whether a reset link still works (shown before the person types a new password). */
export async function resetLinkWorks(token: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.tokenHash, tokenHash(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`), isNull(users.deletedAt), isNull(users.blockedAt)));
  return !!row;
}

/** The new password is in; every session and every other reset link of the person ends, and they are told. */
async function passwordChanged(tx: Tx, userId: string, passwordHash: string, keepSessionId: string | null) {
  const [user] = await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, userId)).returning({ email: users.email });
  await revokeSessions(tx, userId, keepSessionId);
  await voidResetLinks(tx, userId);
  if (user?.email) await tx.delete(signInFailures).where(eq(signInFailures.email, user.email));
  return notify(tx, {
    userId,
    kind: 'notice.passwordChanged',
    params: { url: `${appOrigin()}/forgot-password` },
    link: '/me',
    email: { subject: 'email.passwordChanged.subject', body: 'email.passwordChanged.body' },
  });
}

/** Sets a new password through a reset link: the link is used up in the same transaction, so it works once. */
export async function resetPassword(token: string, password: string): Promise<Result<null, { form: 'auth.resetLinkDead' }>> {
  const passwordHash = await hashPassword(password);
  const hash = tokenHash(token);
  const outbox = await db.transaction(async (tx) => {
    const [link] = await tx.select({ userId: passwordResets.userId }).from(passwordResets).where(eq(passwordResets.tokenHash, hash));
    if (!link) return null;
    // The person's row is locked first, as blocking, deleting and changing a password do, so none can deadlock this.
    const [user] = await tx.select({ deletedAt: users.deletedAt, blockedAt: users.blockedAt }).from(users).where(eq(users.id, link.userId)).for('update');
    if (!user || user.deletedAt || user.blockedAt) return null;
    const [used] = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.tokenHash, hash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, sql`now()`)))
      .returning({ userId: passwordResets.userId });
    if (!used) return null;
    return passwordChanged(tx, link.userId, passwordHash, null);
  });
  forgetCurrentUser();
  if (!outbox) return { ok: false, errors: { form: 'auth.resetLinkDead' } };
  await enqueueEmailDelivery(outbox);
  return { ok: true, value: null };
}

/** How recent a sign-in must be for an account without a password to set its first one. */
export const freshSignInMinutes = 15;

type ChangeErrors = { currentPassword: 'errors.passwordWrong' | 'errors.required' } | { newPassword: 'cabinet.signInAgainFirst' };

/**
 * A signed-in person changes their password, proving the current one. An account made through the city's identity
 * provider has none yet: it sets its first from a sign-in of the last few minutes, so a session taken from an old,
 * forgotten browser cannot add a password and outlive "sign out everywhere". Their other devices are signed out.
 */
export async function changePassword(user: Pick<CurrentUser, 'id' | 'sessionId' | 'signedInAt'>, current: string | undefined, next: string): Promise<Result<null, ChangeErrors>> {
  const [account] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
  if (account?.passwordHash) {
    if (!current) return { ok: false, errors: { currentPassword: 'errors.required' } };
    if (!(await verify(account.passwordHash, current).catch(() => false))) return { ok: false, errors: { currentPassword: 'errors.passwordWrong' } };
  } else if (Date.now() - user.signedInAt.getTime() > freshSignInMinutes * 60_000) {
    return { ok: false, errors: { newPassword: 'cabinet.signInAgainFirst' } };
  }
  const passwordHash = await hashPassword(next);
  const outbox = await db.transaction((tx) => passwordChanged(tx, user.id, passwordHash, user.sessionId));
  forgetCurrentUser();
  await enqueueEmailDelivery(outbox);
  return { ok: true, value: null };
}
