import { hash, verify } from '@node-rs/argon2';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { signInFailures, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import type { Result } from '#app/utils/result';

// Verifying against a real hash when the e-mail is unknown keeps the timing the same either way.
let decoyHash: Promise<string> | undefined;
const decoy = () => (decoyHash ??= hash('decoy-password-never-used'));

export type SignInFailure = { reason: 'bad-credentials' } | { reason: 'throttled'; minutes: number } | { reason: 'blocked'; blockedReason: string };

// Advisory lock classes: sign-ins for one e-mail, and from one address, take their turn to be counted.
const lockEmail = 1;
const lockIp = 2;

/**
 * Counts the attempt before its password is checked: under a lock on the e-mail (and the IP), the failures of the
 * window are counted and, below the limit, the attempt is recorded as a failure in the same transaction. So of
 * any number of simultaneous attempts, at most the limit reach the hash check; a right password then clears them.
 */
async function admitAttempt(email: string, ip: string | null): Promise<boolean> {
  const since = new Date(Date.now() - env.SIGN_IN_WINDOW_MINUTES * 60_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${lockEmail}, hashtext(lower(${email})))`);
    if (ip) await tx.execute(sql`SELECT pg_advisory_xact_lock(${lockIp}, hashtext(${ip}))`);
    const [byEmail] = await tx.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.email, email), gt(signInFailures.at, since)));
    const [byIp] = ip ? await tx.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.ip, ip), gt(signInFailures.at, since))) : [{ n: 0 }];
    if ((byEmail?.n ?? 0) >= env.SIGN_IN_MAX_FAILURES_PER_ACCOUNT || (byIp?.n ?? 0) >= env.SIGN_IN_MAX_FAILURES_PER_IP) return false;
    await tx.insert(signInFailures).values({ email, ip });
    return true;
  });
}

/**
 * Checks an e-mail and password. Failures are counted per e-mail and per IP over a sliding window;
 * past the limit, sign-in is refused without checking the password. The answer never says whether
 * the e-mail exists.
 */
export async function signIn(email: string, password: string, ip: string | null): Promise<Result<{ userId: string }, SignInFailure>> {
  if (!(await admitAttempt(email, ip))) return { ok: false, errors: { reason: 'throttled', minutes: env.SIGN_IN_WINDOW_MINUTES } };
  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash, blockedAt: users.blockedAt, blockedReason: users.blockedReason }).from(users).where(eq(users.email, email));
  const valid = await verify(user?.passwordHash ?? (await decoy()), password).catch(() => false);
  // A wrong password leaves the attempt counted as a failure.
  if (!user || !user.passwordHash || !valid) return { ok: false, errors: { reason: 'bad-credentials' } };
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
  // Only someone who knows the password learns that the account is blocked, and why.
  if (user.blockedAt) return { ok: false, errors: { reason: 'blocked', blockedReason: user.blockedReason ?? '' } };
  return { ok: true, value: { userId: user.id } };
}
