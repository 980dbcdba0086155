import { asc, eq, ilike, or, inArray } from 'drizzle-orm';
import { roleGrants, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';

/** People for the admin's roles page, with their grants; optionally filtered by name or e-mail. */
export async function searchPeople(query: string | undefined, limit = 50) {
  const pattern = query ? `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined;
  const people = await db
    .select({ id: users.id, name: users.name, email: users.email, verified: users.verified, districtId: users.districtId })
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
