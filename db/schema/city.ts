import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core';
import { multiPolygon, timestamps } from './columns';

export const districts = pgTable(
  'districts',
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    nameRu: text().notNull(),
    nameEn: text().notNull(),
    parentId: integer().references((): never => districts.id as never, { onDelete: 'set null' }),
    geom: multiPolygon().notNull(),
    ...timestamps,
  },
  (t) => [index('districts_geom_idx').using('gist', t.geom), index('districts_parent_idx').on(t.parentId).where(sql`${t.parentId} IS NOT NULL`)],
);

export const departments = pgTable('departments', {
  id: serial().primaryKey(),
  nameRu: text().notNull(),
  nameEn: text().notNull(),
  kind: text().notNull(),
  email: text().notNull(),
  ...timestamps,
});

/** Which districts a department covers. */
export const departmentDistricts = pgTable(
  'department_districts',
  {
    departmentId: integer().notNull().references(() => departments.id, { onDelete: 'cascade' }),
    districtId: integer().notNull().references(() => districts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.departmentId, t.districtId] }), index('department_districts_district_idx').on(t.districtId)],
);

/** How a category's answer deadline is counted (Moscow's rule is 8 working days). */
export const slaUnit = pgEnum('sla_unit', ['working_days', 'calendar_days', 'hours', 'seconds']);

export const categories = pgTable(
  'categories',
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    nameRu: text().notNull(),
    nameEn: text().notNull(),
    groupRu: text().notNull(),
    groupEn: text().notNull(),
    departmentKind: text().notNull(),
    answerSla: integer().notNull().default(8),
    answerSlaUnit: slaUnit().notNull().default('working_days'),
    moderationSlaSeconds: integer().notNull().default(24 * 3600),
    ...timestamps,
  },
  (t) => [
    check('categories_answer_sla_positive', sql`${t.answerSla} BETWEEN 1 AND 100000`),
    check('categories_moderation_sla_positive', sql`${t.moderationSlaSeconds} BETWEEN 1 AND 2592000`),
  ],
);

/** Public holidays: days that do not count as working days for answer deadlines. */
export const holidays = pgTable('holidays', {
  day: date().primaryKey(),
  nameRu: text().notNull(),
  nameEn: text().notNull(),
});

/** A routing exception saved by an arbiter: this category in this district goes to this department. */
export const routingExceptions = pgTable(
  'routing_exceptions',
  {
    categoryId: integer().notNull().references(() => categories.id, { onDelete: 'cascade' }),
    districtId: integer().notNull().references(() => districts.id, { onDelete: 'cascade' }),
    departmentId: integer().notNull().references(() => departments.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.categoryId, t.districtId] }), index('routing_exceptions_district_idx').on(t.districtId), index('routing_exceptions_department_idx').on(t.departmentId)],
);
