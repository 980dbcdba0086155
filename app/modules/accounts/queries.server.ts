import { asc, eq, ilike, or, inArray } from 'drizzle-orm';
import { roleGrants, users } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { emailTopics, type EmailTopic } from '#app/modules/notifications/index.server';

/** People for the admin's roles page, with their grants; optionally filtered by name or e-mail. */
export async function searchPeople(query: string | undefined, limit = 50) {
  const pattern = query ? `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email, verified: users.verified, districtId: users.districtId, blockedAt: users.blockedAt, blockedReason: users.blockedReason })
    .from(users)
    .where(pattern ? or(ilike(users.name, pattern), ilike(users.email, pattern)) : undefined)
    .orderBy(asc(users.name))
    .limit(limit);
  const grants = people.length
    ? await db.select().from(roleGrants).where(inArray(roleGrants.userId, people.map((p) => p.id)))
    : [];
  return people.map((p) => ({ ...p, grants: grants.filter((g) => g.userId === p.id) }));
}

export async function findUserByEmail(email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user ?? null;
}

/** The topics the person still wants e-mails about (the rest of `emailTopics` they turned off). */
export async function emailTopicsOn(userId: string): Promise<EmailTopic[]> {
  const [row] = await sql<{ opt_out: string[] }[]>`SELECT email_opt_out AS opt_out FROM users WHERE id = ${userId}`;
  return emailTopics.filter((topic) => !row?.opt_out.includes(topic));
}
