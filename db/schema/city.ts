import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, primaryKey, serial, text } from 'drizzle-orm/pg-core';
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
  (t) => [index('districts_geom_idx').using('gist', t.geom)],
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
  (t) => [primaryKey({ columns: [t.departmentId, t.districtId] })],
);

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
    answerSlaWorkingDays: integer().notNull().default(8),
    moderationSlaHours: integer().notNull().default(24),
    ...timestamps,
  },
  (t) => [
    check('categories_answer_sla_positive', sql`${t.answerSlaWorkingDays} BETWEEN 1 AND 90`),
    check('categories_moderation_sla_positive', sql`${t.moderationSlaHours} BETWEEN 1 AND 720`),
  ],
);

/** Public holidays: days that do not count as working days for answer deadlines. */
export const holidays = pgTable('holidays', {
  day: date().primaryKey(),
  nameRu: text().notNull(),
  nameEn: text().notNull(),
});
