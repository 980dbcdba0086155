import { createHash } from 'node:crypto';
import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import { redirect, type AppLoadContext } from '@remix-run/node';
import { roleGrants, sessions, users } from '#db/schema/index';
import { db, type DbOrTx } from '#app/utils/db.server';
import { sessionCookie } from '#app/utils/cookies.server';
import { rotateCsrfSecret } from '#app/utils/csrf.server';
import { clientIp } from '#app/utils/request.server';
import { requestScope } from '#app/utils/request-scope.server';
import { describeDevice } from './devices.server';
import type { StaffRole } from './schemas';

const sessionDays = 30;
/** How stale a session's last-seen time may get before a request writes it again (one write per device per few minutes). */
const lastSeenEveryMs = 5 * 60_000;

export type RoleGrant = { id: string; role: StaffRole; departmentId: number | null; projectId: number | null; centreId: number | null };
export type CurrentUser = {
  id: string;
  sessionId: string;
  name: string;
  /** Null for a person registered at a centre without e-mail (ADR 048). */
  email: string | null;
  locale: 'ru' | 'en';
  verified: boolean;
  districtId: number | null;
  birthYear: number | null;
  /** Signs in with a password (an account made through the identity provider may have none). */
  hasPassword: boolean;
  /** When this session began: a recent sign-in may do what an old session may not. */
  signedInAt: Date;
  roles: RoleGrant[];
};

async function readSessionId(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie.parse(request.headers.get('Cookie'));
  return typeof value === 'string' && /^[0-9a-f-]{36}$/.test(value) ? value : null;
}

/** The loader of the pages for people not signed in (sign-in, code, register): anyone signed in goes to their cabinet. */
export async function signedOutOnly({ request }: { request: Request }): Promise<null> {
  if (await getCurrentUser(request)) throw redirect('/me');
  return null;
}

// The read of every signed-in request, built once: drizzle otherwise renders its SQL on each call, an eighth of the
// CPU of a cast with JavaScript in bench:votes's profile (ADR 059). The session, the person and their role grants in
// one statement (ADR 064). On the primary, whatever scope calls it.
let sessionRead: ReturnType<typeof prepareSessionRead> | null = null;
function prepareSessionRead() {
  return db
    .select({
      user: users,
      sessionId: sessions.id,
      signedInAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      roles: sql<RoleGrant[] | string>`coalesce((SELECT json_agg(json_build_object('id', g.id, 'role', g.role, 'departmentId', g.department_id, 'projectId', g.project_id, 'centreId', g.centre_id) ORDER BY g.created_at, g.id) FROM ${roleGrants} g WHERE g.user_id = ${users.id}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sql.placeholder('sessionId')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now')), isNull(users.blockedAt)))
    .prepare('current_session_with_roles');
}

// One read per HTTP request (ADR 064): the action and every loader of a request share it, per session id, through
// the request scope. Whatever changes a session, a person or their grants calls forgetCurrentUser() in the same
// request, so a loader that runs after such an action reads again.
const currentUserKey = Symbol('current user');

/** The signed-in person for this request, or null (no cookie, revoked or expired session). */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const scope = requestScope();
  if (!scope) return readCurrentUser(sessionId);
  const known = scope.get(currentUserKey) as { sessionId: string; user: Promise<CurrentUser | null> } | undefined;
  if (known?.sessionId === sessionId) return known.user;
  const user = readCurrentUser(sessionId);
  scope.set(currentUserKey, { sessionId, user });
  // A failed read is not kept: a loader after it tries again.
  user.catch(() => (scope.get(currentUserKey) as { user: unknown } | undefined)?.user === user && scope.delete(currentUserKey));
  return user;
}

/** Called by whatever changes a session, a person or their role grants: this request's next getCurrentUser() reads again. */
export function forgetCurrentUser(): void {
  requestScope()?.delete(currentUserKey);
}

async function readCurrentUser(sessionId: string): Promise<CurrentUser | null> {
  sessionRead ??= prepareSessionRead();
  // A string, as the column would encode it: drizzle sets postgres.js to take timestamps as text.
  const [row] = await sessionRead.execute({ sessionId, now: new Date().toISOString() });
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > lastSeenEveryMs) await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, row.sessionId));
  const { user } = row;
  return {
    id: user.id,
    sessionId: row.sessionId,
    name: user.name,
    email: user.email,
    locale: user.locale,
    verified: user.verified,
    districtId: user.districtId,
    birthYear: user.birthYear,
    hasPassword: !!user.passwordHash,
    signedInAt: row.signedInAt,
    roles: typeof row.roles === 'string' ? (JSON.parse(row.roles) as RoleGrant[]) : row.roles,
  };
}

/** Starts a session and answers with a redirect that sets its cookie. */
export async function startSession(request: Request, context: AppLoadContext | undefined, userId: string, redirectTo: string) {
  const [session] = await db
    .insert(sessions)
    .values({
      userId,
      userAgent: request.headers.get('User-Agent')?.slice(0, 300) ?? null,
      ip: clientIp(context),
      expiresAt: new Date(Date.now() + sessionDays * 24 * 3600 * 1000),
    })
    .returning({ id: sessions.id });
  forgetCurrentUser();
  // A new CSRF secret with the new session: a token read before sign-in (perhaps planted) is of no use after it.
  const headers = new Headers();
  headers.append('Set-Cookie', await sessionCookie.serialize(session!.id));
  headers.append('Set-Cookie', await rotateCsrfSecret());
  return redirect(redirectTo, { headers });
}

/** Ends this browser's session. */
export async function endSession(request: Request, redirectTo = '/') {
  const sessionId = await readSessionId(request);
  if (sessionId) await db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
  forgetCurrentUser();
  return redirect(redirectTo, { headers: { 'Set-Cookie': await sessionCookie.serialize('', { maxAge: 0 }) } });
}

/** Revokes every session of the person but `keepSessionId` (stolen cookies stop working at once), in the caller's transaction. */
export async function revokeSessions(tx: DbOrTx, userId: string, keepSessionId: string | null = null): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), keepSessionId ? ne(sessions.id, keepSessionId) : undefined))
    .returning({ id: sessions.id });
  forgetCurrentUser();
  return rows.length;
}

/** "Sign out everywhere else": this browser's session stays. */
export const revokeOtherSessions = (userId: string, keepSessionId: string) => revokeSessions(db, userId, keepSessionId);

/**
 * A session as its owner's device list shows it: a reference made from its id, never the id itself (the page is
 * HTML that could be cached or shared; the reference cannot be turned back into a cookie).
 */
const sessionRef = (id: string) => createHash('sha256').update(`session:${id}`).digest('base64url').slice(0, 22);

export async function listActiveSessions(userId: string, currentSessionId?: string) {
  const rows = await db
    .select({ id: sessions.id, userAgent: sessions.userAgent, ip: sql<string | null>`host(${sessions.ip})`, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, new Date())))
    .orderBy(sessions.createdAt);
  // The page gets the device's description, not its raw User-Agent or address.
  return rows.map(({ id, userAgent, ip, ...row }) => ({ ...row, device: describeDevice(userAgent, ip), ref: sessionRef(id), current: id === currentSessionId }));
}

/** Signs out one of the person's devices, found by its reference among their own sessions only. */
export async function revokeSessionByRef(userId: string, ref: string): Promise<boolean> {
  const active = await db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  const session = active.find((s) => sessionRef(s.id) === ref);
  if (!session) return false;
  await db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.id, session.id), eq(sessions.userId, userId)));
  forgetCurrentUser();
  return true;
}
