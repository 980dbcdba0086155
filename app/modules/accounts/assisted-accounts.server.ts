import { createHash, randomInt } from 'node:crypto';
import { and, asc, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import { accessCodes, users } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import type { Locale } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { notify } from '#app/modules/notifications/index.server';
import { setVerified } from './verify-resident.server';
import { forgetCurrentUser } from './sessions.server';

/** Letters and digits no one misreads on a printed slip (no 0/O, 1/I/L). */
const codeAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const codeLength = 12;
export const accessCodeDays = 30;

/** A new one-time code as printed: three groups of four, e.g. `K7QM-2XHD-9RTA` (about 59 bits). */
export function newAccessCode(): string {
  const chars = Array.from({ length: codeLength }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** What a typed code is compared by: upper case, dashes and spaces dropped, then its SHA-256. */
const codeHash = (code: string) => createHash('sha256').update(code.toUpperCase().replace(/[^0-9A-Z]/g, '')).digest('hex');

/** Issues a printed sign-in code for the person, voiding the unused ones issued before (ADR 048). */
export async function issueAccessCode(tx: Tx, userId: string, issuedBy: string): Promise<string> {
  await tx.delete(accessCodes).where(and(eq(accessCodes.userId, userId), isNull(accessCodes.usedAt)));
  const code = newAccessCode();
  await tx.insert(accessCodes).values({ codeHash: codeHash(code), userId, issuedBy, expiresAt: new Date(Date.now() + accessCodeDays * 86_400_000) });
  return code;
}

/** Spends a printed code: the person's id once, for an unused, unexpired code of an account that is not blocked. */
export async function signInWithCode(code: string): Promise<Result<{ userId: string }, { code: 'auth.codeUnknown' }>> {
  const [row] = await db
    .update(accessCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(accessCodes.codeHash, codeHash(code)),
        isNull(accessCodes.usedAt),
        gt(accessCodes.expiresAt, sql`now()`),
        sql`EXISTS (SELECT 1 FROM users u WHERE u.id = ${accessCodes.userId} AND u.blocked_at IS NULL AND u.deleted_at IS NULL)`,
      ),
    )
    .returning({ userId: accessCodes.userId });
  return row ? { ok: true, value: { userId: row.userId } } : { ok: false, errors: { code: 'auth.codeUnknown' } };
}

export type AssistedRegistration = { name: string; phone?: string; districtId?: number; birthYear?: number };

/**
 * A consultant registers a person who has no e-mail (ADR 048): the account has a name, perhaps a phone, no e-mail
 * and no password, and a printed one-time code to sign in with. `alongside` writes the assisted-service record in
 * the same transaction. A phone already on an account is refused (find that person instead).
 */
export async function registerWithoutEmail(
  consultantId: string,
  input: AssistedRegistration,
  locale: Locale,
  alongside: (tx: Tx, userId: string) => Promise<void>,
): Promise<Result<{ userId: string; code: string }, { phone: 'assist.phoneTaken' }>> {
  const made = await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: null, phone: input.phone ?? null, name: input.name, districtId: input.districtId ?? null, birthYear: input.birthYear ?? null, locale })
      .onConflictDoNothing({ target: users.phone })
      .returning({ id: users.id });
    if (!user) return null;
    const code = await issueAccessCode(tx, user.id, consultantId);
    await notify(tx, { userId: user.id, kind: 'notice.welcome', params: { name: input.name, url: '' }, link: '/me' });
    await alongside(tx, user.id);
    return { userId: user.id, code };
  });
  return made ? { ok: true, value: made } : { ok: false, errors: { phone: 'assist.phoneTaken' } };
}

/** A consultant's search for a resident, by name, e-mail or phone (digits as typed, spaces and dashes ignored). */
export async function findResidents(query: string, limit = 20) {
  const pattern = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
  const digits = query.replace(/[\s()-]/g, '');
  return db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, verified: users.verified, birthYear: users.birthYear })
    .from(users)
    .where(and(isNull(users.deletedAt), or(ilike(users.name, pattern), ilike(users.email, pattern), /^\+?\d{3,15}$/.test(digits) ? ilike(users.phone, `%${digits}%`) : undefined)))
    .orderBy(asc(users.name))
    .limit(limit);
}

/** One resident's record as the consultant sees it (never a deleted account's). */
export async function residentRecord(userId: string) {
  const [row] = await db
    .select({ id: users.id, name: users.name, email: users.email, phone: users.phone, verified: users.verified, verifiedBy: users.verifiedBy, districtId: users.districtId, birthYear: users.birthYear, blockedAt: users.blockedAt })
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.deletedAt)));
  return row ?? null;
}

/**
 * A consultant saw the person's identity document: the person is verified by 'centre', with the district and birth
 * year the document shows, audited like any verification; `alongside` records where and what was seen.
 */
export async function verifyInPerson(
  consultantId: string,
  input: { userId: string; districtId: number; birthYear: number },
  alongside: (tx: Tx, userId: string) => Promise<void>,
): Promise<Result<null, { userId: 'errors.invalid' }>> {
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, input.userId), isNull(users.deletedAt))).for('update');
    if (!person) return { ok: false, errors: { userId: 'errors.invalid' } };
    await setVerified(tx, input.userId, true, { by: 'centre', actorId: consultantId, districtId: input.districtId, birthYear: input.birthYear });
    await alongside(tx, input.userId);
    return { ok: true, value: null };
  });
}

/** A new printed code for a person who lost theirs (the older unused codes stop working). */
export async function reissueAccessCode(consultantId: string, userId: string, alongside: (tx: Tx, userId: string) => Promise<void>): Promise<Result<{ code: string }, { userId: 'errors.invalid' }>> {
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, userId), isNull(users.deletedAt)));
    if (!person) return { ok: false, errors: { userId: 'errors.invalid' } };
    const code = await issueAccessCode(tx, userId, consultantId);
    await alongside(tx, userId);
    return { ok: true, value: { code } };
  });
}

/** A person registered at a centre adds an e-mail (once: an account that has one changes it another way). */
export async function addEmail(userId: string, email: string): Promise<Result<null, { email: 'auth.emailTaken' | 'errors.invalid' }>> {
  try {
    const [row] = await db.update(users).set({ email, updatedAt: new Date() }).where(and(eq(users.id, userId), isNull(users.email))).returning({ id: users.id });
    forgetCurrentUser();
    return row ? { ok: true, value: null } : { ok: false, errors: { email: 'errors.invalid' } };
  } catch (error) {
    // The unique index on e-mail: someone else has it.
    if ((error as { code?: string }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505') return { ok: false, errors: { email: 'auth.emailTaken' } };
    throw error;
  }
}
