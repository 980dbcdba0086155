import { eq, sql as drizzleSql } from 'drizzle-orm';
import { roleGrants } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import type { Result } from '#app/utils/result';
import { verify } from '@node-rs/argon2';
import { recordAudit } from '#app/modules/audit/index.server';
import { forgetCurrentUser } from './sessions.server';

/**
 * Everything the platform holds about one person, section by section. Each tool adds its sections here, so the
 * export ("download my data") and the cabinet stay complete as tools are added. Rows come from server-side
 * cursors: a person with years of activity is streamed, never built in memory.
 */
type Section = { name: string; rows: (userId: string) => AsyncIterable<readonly object[]> };

const section = (name: string, query: (userId: string) => ReturnType<typeof sql>): Section => ({ name, rows: (userId: string) => query(userId).cursor(500) });

export const personalDataSections: Section[] = [
  section('profile', (id) => sql`SELECT u.id, u.email, u.name, d.code AS district, u.birth_year, u.verified, u.verified_by, u.verified_at, u.locale, u.email_opt_out, u.blocked_at, u.blocked_reason, u.created_at, u.updated_at FROM users u LEFT JOIN districts d ON d.id = u.district_id WHERE u.id = ${id}`),
  section('roles', (id) => sql`SELECT role, department_id, project_id, created_at FROM role_grants WHERE user_id = ${id} ORDER BY created_at`),
  section('identities', (id) => sql`SELECT issuer, subject, created_at FROM user_identities WHERE user_id = ${id} ORDER BY created_at`),
  section('sessions', (id) => sql`SELECT id, user_agent, host(ip) AS ip, created_at, expires_at, revoked_at FROM sessions WHERE user_id = ${id} ORDER BY created_at`),
  // When "forgot my password" links were asked for and used; never the links themselves.
  section('password_resets', (id) => sql`SELECT created_at, expires_at, used_at FROM password_resets WHERE user_id = ${id} ORDER BY created_at`),
  section('notifications', (id) => sql`SELECT kind, params, link, read_at, created_at FROM notifications WHERE user_id = ${id} ORDER BY id`),
  section('emails', (id) => sql`SELECT to_address, subject, body_text, status, sent_at, created_at FROM email_outbox WHERE user_id = ${id} ORDER BY id`),
  section('reports', (id) => sql`
    SELECT r.id::int AS id, c.code AS category, r.status, ST_Y(r.location) AS lat, ST_X(r.location) AS lng, r.address, r.description, r.created_at, r.closed_at
    FROM reports r JOIN categories c ON c.id = r.category_id WHERE r.author_id = ${id} ORDER BY r.id`),
  section('report_ratings', (id) => sql`
    SELECT a.report_id::int AS report_id, a.satisfied, a.rating_reason, a.rated_at FROM report_answers a JOIN reports r ON r.id = a.report_id
    WHERE r.author_id = ${id} AND a.rated_at IS NOT NULL ORDER BY a.rated_at`),
  section('followed_reports', (id) => sql`SELECT report_id::int AS report_id, created_at FROM report_followers WHERE user_id = ${id} ORDER BY created_at`),
  section('ideas', (id) => sql`SELECT i.id::int AS id, p.slug AS project, i.title, i.body, i.tags, i.status, i.hidden_reason, i.created_at FROM ideas i JOIN projects p ON p.id = i.project_id WHERE i.author_id = ${id} ORDER BY i.id`),
  section('idea_comments', (id) => sql`SELECT c.id::int AS id, c.idea_id::int AS idea_id, c.parent_id::int AS parent_id, c.body, c.hidden_reason, c.created_at FROM idea_comments c WHERE c.author_id = ${id} ORDER BY c.id`),
  section('idea_supports', (id) => sql`SELECT idea_id::int AS idea_id, created_at FROM idea_supports WHERE user_id = ${id} ORDER BY created_at`),
  section('abuse_reports', (id) => sql`SELECT idea_id::int AS idea_id, comment_id::int AS comment_id, reason, resolved_at, created_at FROM abuse_flags WHERE reporter_id = ${id} ORDER BY id`),
  section('assessments', (id) => sql`SELECT idea_id::int AS idea_id, score, verdict, note, created_at FROM idea_assessments WHERE expert_id = ${id} ORDER BY created_at`),
  // Which ballots the person took part in, never what they chose: the platform does not know it.
  section('ballots_voted', (id) => sql`SELECT p.ballot_id, b.title_ru, b.title_en FROM ballot_participations p JOIN ballots b ON b.id = p.ballot_id WHERE p.user_id = ${id} ORDER BY p.ballot_id`),
  section('points', (id) => sql`SELECT delta, reason, ballot_id, idea_id, report_id, reward_id, created_at FROM points_ledger WHERE user_id = ${id} ORDER BY id`),
  section('ratings_given', (id) => sql`SELECT subject, subject_id::int AS subject_id, score, comment, created_at FROM feedback WHERE user_id = ${id} ORDER BY id`),
  section('staff_actions', (id) => sql`SELECT action, target_type, target_id, at FROM audit_log WHERE actor_id = ${id} ORDER BY id`),
];

/** The export as one JSON document, written section by section as the rows arrive. */
export function personalDataStream(userId: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  async function* chunks() {
    yield `{"exported_at":${JSON.stringify(new Date().toISOString())}`;
    for (const s of personalDataSections) {
      yield `,${JSON.stringify(s.name)}:[`;
      let first = true;
      for await (const batch of s.rows(userId)) {
        for (const row of batch) {
          yield `${first ? '' : ','}${JSON.stringify(row)}`;
          first = false;
        }
      }
      yield ']';
    }
    yield '}\n';
  }
  const iterator = chunks();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await iterator.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await iterator.return(undefined);
    },
  });
}

const isLastAdmin = (userId: string, adminGrants: { userId: string }[]) => adminGrants.length > 0 && adminGrants.every((g) => g.userId === userId);

/**
 * Deletes an account: what identifies the person is erased in one transaction; the row stays, anonymised, so
 * their ballots stay counted (anonymously) and their public reports and ideas stay, without their name.
 * A password account confirms with its password. The city's last admin cannot go (like revoking the role).
 */
export async function deleteAccount(
  userId: string,
  password: string | undefined,
): Promise<Result<null, { password?: 'errors.passwordWrong' | 'errors.required'; understood?: 'cabinet.lastAdmin' }>> {
  const [user] = await sql<{ password_hash: string | null; email: string }[]>`SELECT password_hash, email FROM users WHERE id = ${userId} AND deleted_at IS NULL`;
  if (!user) return { ok: false, errors: { password: 'errors.passwordWrong' } };
  // Said before the password is asked for, and checked again under the lock below.
  if (isLastAdmin(userId, await db.select({ userId: roleGrants.userId }).from(roleGrants).where(eq(roleGrants.role, 'admin')))) {
    return { ok: false, errors: { understood: 'cabinet.lastAdmin' } };
  }
  if (user.password_hash) {
    if (!password) return { ok: false, errors: { password: 'errors.required' } };
    if (!(await verify(user.password_hash, password))) return { ok: false, errors: { password: 'errors.passwordWrong' } };
  }
  return db.transaction(async (tx) => {
    // The admin grants locked, as a revocation locks them: the city keeps an admin however deletions and revocations meet.
    const admins = await tx.select({ userId: roleGrants.userId }).from(roleGrants).where(eq(roleGrants.role, 'admin')).for('update');
    if (isLastAdmin(userId, admins)) return { ok: false as const, errors: { understood: 'cabinet.lastAdmin' as const } };
    await tx.execute(drizzleSql`UPDATE users SET email = ${`deleted-${userId}@deleted.invalid`}, name = '', password_hash = NULL, district_id = NULL, birth_year = NULL,
      verified = false, verified_by = NULL, verified_at = NULL, deleted_at = now(), updated_at = now() WHERE id = ${userId}`);
    await tx.execute(drizzleSql`DELETE FROM sessions WHERE user_id = ${userId}`);
    forgetCurrentUser();
    await tx.execute(drizzleSql`DELETE FROM password_resets WHERE user_id = ${userId}`);
    await tx.execute(drizzleSql`DELETE FROM user_identities WHERE user_id = ${userId}`);
    await tx.execute(drizzleSql`DELETE FROM notifications WHERE user_id = ${userId}`);
    await tx.execute(drizzleSql`DELETE FROM email_outbox WHERE user_id = ${userId}`);
    await tx.execute(drizzleSql`DELETE FROM report_followers WHERE user_id = ${userId}`);
    await tx.execute(drizzleSql`DELETE FROM role_grants WHERE user_id = ${userId}`);
    // Supports are a person's own marks: removed, and the ideas' counters follow.
    await tx.execute(drizzleSql`UPDATE ideas SET support_count = support_count - 1 WHERE id IN (SELECT idea_id FROM idea_supports WHERE user_id = ${userId})`);
    await tx.execute(drizzleSql`DELETE FROM idea_supports WHERE user_id = ${userId}`);
    await tx.execute(drizzleSql`DELETE FROM sign_in_failures WHERE email = ${user.email}`);
    // Who deleted their account and when, with no personal data (the row's id is all that is left of them).
    await recordAudit(tx, { actorId: userId, action: 'account.delete', targetType: 'user', targetId: userId });
    return { ok: true as const, value: null };
  });
}
