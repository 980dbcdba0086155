// Role grants sit above accounts, the city and ideas: a grant may be kept to a department or a project, so this
// table refers to all three, and accounts.ts needs none of them (no accounts ↔ ideas cycle).
import { sql } from 'drizzle-orm';
import { index, integer, pgTable, timestamp, uniqueIndex, uuid, check } from 'drizzle-orm/pg-core';
import { roleName, users } from './accounts';
import { centres } from './centres';
import { departments } from './city';
import { projects } from './ideas';

/**
 * A role held by a user. `expert` is scoped to a project, `department` to a department; `moderator` is
 * city-wide, or scoped to one project (assigned by the admin on the project); `consultant` to one service centre
 * (ADR 048); the others are city-wide.
 */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: roleName().notNull(),
    departmentId: integer().references(() => departments.id, { onDelete: 'cascade' }),
    projectId: integer().references(() => projects.id, { onDelete: 'cascade' }),
    centreId: integer().references(() => centres.id, { onDelete: 'cascade' }),
    grantedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('role_grants_unique').on(t.userId, t.role, sql`coalesce(${t.departmentId}, 0)`, sql`coalesce(${t.projectId}, 0)`, sql`coalesce(${t.centreId}, 0)`),
    index('role_grants_department_idx').on(t.departmentId).where(sql`${t.departmentId} IS NOT NULL`),
    index('role_grants_project_idx').on(t.projectId).where(sql`${t.projectId} IS NOT NULL`),
    index('role_grants_centre_idx').on(t.centreId).where(sql`${t.centreId} IS NOT NULL`),
    index('role_grants_granted_by_idx').on(t.grantedBy).where(sql`${t.grantedBy} IS NOT NULL`),
    check('role_grants_department_scope', sql`(${t.role} = 'department') = (${t.departmentId} IS NOT NULL)`),
    check('role_grants_centre_scope', sql`(${t.role}::text = 'consultant') = (${t.centreId} IS NOT NULL)`),
    check('role_grants_project_scope', sql`${t.role} IN ('expert', 'moderator') OR ${t.projectId} IS NULL`),
  ],
);
