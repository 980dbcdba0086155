import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, customType, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { participationChannel, point } from './columns';
import { users } from './accounts';
import { categories, departments, districts } from './city';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * submitted → (moderator) rejected | assigned (routed to a department) | arbitration (no department found);
 * assigned → answered → closed (satisfied) | assigned again (reopened, new deadline) | arbitration (second "no");
 * assigned → arbitration (department disputes) → assigned (reassigned or upheld).
 */
export const reportStatus = pgEnum('report_status', ['submitted', 'rejected', 'arbitration', 'assigned', 'answered', 'closed']);

export const reports = pgTable(
  'reports',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    categoryId: integer().notNull().references(() => categories.id),
    location: point().notNull(),
    address: text().notNull(),
    description: text().notNull(),
    status: reportStatus().notNull().default('submitted'),
    districtId: integer().references(() => districts.id),
    departmentId: integer().references(() => departments.id),
    moderationDueAt: timestamp({ withTimezone: true }).notNull(),
    answerDueAt: timestamp({ withTimezone: true }),
    moderatedAt: timestamp({ withTimezone: true }),
    answeredAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    // Public "overdue" flag, set by escalation and cleared when the overdue step is done.
    overdue: boolean().notNull().default(false),
    reopenCount: integer().notNull().default(0),
    // Why it is with the control desk: a department's dispute, no department found, or a resident twice unsatisfied.
    arbitrationKind: text().$type<'dispute' | 'unroutable' | 'unsatisfied'>(),
    arbitrationReason: text(),
    // Where it came from: the site, or an Open311 client (with the API key that sent it).
    source: text().$type<'web' | 'open311'>().notNull().default('web'),
    apiKeyId: integer(),
    // The channel of ADR 048: web, app, centre (filed by a consultant with the resident present) or api (Open311).
    channel: participationChannel().notNull().default('web'),
    // Escalation marks: which deadline instance was escalated, so running escalation twice changes nothing.
    moderationEscalatedAt: timestamp({ withTimezone: true }),
    answerEscalatedFor: timestamp({ withTimezone: true }),
    rejectionReason: text(),
    ...{ createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(), updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow() },
  },
  (t) => [
    index('reports_location_idx').using('gist', t.location),
    index('reports_status_idx').on(t.status, t.createdAt),
    index('reports_department_due_idx').on(t.departmentId, t.answerDueAt),
    index('reports_author_idx').on(t.authorId, t.createdAt),
    index('reports_moderation_due_idx').on(t.moderationDueAt).where(sql`${t.status} = 'submitted'`),
    // The moderators' queue, oldest first (app/modules/reports/queries.server.ts moderationQueue).
    index('reports_moderation_queue_idx').on(t.createdAt, t.id).where(sql`${t.status} = 'submitted' AND ${t.moderatedAt} IS NULL`),
    index('reports_answer_due_idx').on(t.answerDueAt).where(sql`${t.status} = 'assigned'`),
    index('reports_category_idx').on(t.categoryId, t.createdAt),
    // The dashboards' recount reads the last months by time (app/modules/reports/stats.server.ts).
    index('reports_created_idx').on(t.createdAt),
    index('reports_closed_idx').on(t.closedAt).where(sql`${t.closedAt} IS NOT NULL`),
    index('reports_district_idx').on(t.districtId, t.createdAt),
    // The public list, newest first (listReports with the public statuses): with a day's ~9,000 reports awaiting
    // moderation at the top of the id order, a walk down the primary key read and skipped them all (bench:load, ADR 072).
    index('reports_public_id_idx').on(t.id).where(sql`${t.status} IN ('arbitration', 'assigned', 'answered', 'closed')`),
    check('reports_assigned_has_department', sql`${t.status} NOT IN ('assigned', 'answered') OR (${t.departmentId} IS NOT NULL AND ${t.answerDueAt} IS NOT NULL)`),
  ],
);

/** Photos, already resized and stripped of metadata; originals are never stored. */
export const reportPhotos = pgTable(
  'report_photos',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    reportId: bigint({ mode: 'number' }).notNull().references(() => reports.id, { onDelete: 'cascade' }),
    answerId: bigint({ mode: 'number' }),
    mimeType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    // The bytes here (MEDIA_STORE=postgres), or the key of the object in the media store (ADR 042): one of the two.
    data: bytea(),
    storageKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('report_photos_report_idx').on(t.reportId),
    index('report_photos_storage_key_idx').on(t.storageKey).where(sql`${t.storageKey} IS NOT NULL`),
    check('report_photos_bytes_somewhere', sql`(${t.data} IS NULL) <> (${t.storageKey} IS NULL)`),
  ],
);

export const reportAnswers = pgTable('report_answers', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  reportId: bigint({ mode: 'number' }).notNull().references(() => reports.id, { onDelete: 'cascade' }),
  departmentId: integer().notNull().references(() => departments.id),
  authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
  text: text().notNull(),
  // The resident's rating of this answer.
  satisfied: boolean(),
  ratingReason: text(),
  ratedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('report_answers_report_idx').on(t.reportId, t.createdAt), index('report_answers_department_idx').on(t.departmentId, t.createdAt), index('report_answers_created_brin').using('brin', t.createdAt), index('report_answers_author_idx').on(t.authorId).where(sql`${t.authorId} IS NOT NULL`)]);

/** The timeline: every transition, stamped with its actor. */
export const reportEvents = pgTable(
  'report_events',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    reportId: bigint({ mode: 'number' }).notNull().references(() => reports.id, { onDelete: 'cascade' }),
    kind: text().notNull(),
    actorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    note: text(),
    data: jsonb().$type<Record<string, unknown>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.at), index('report_events_actor_idx').on(t.actorId)],
);

/** Residents following a report (its author, and anyone who chose "follow" instead of a duplicate). */
export const reportFollowers = pgTable(
  'report_followers',
  {
    reportId: bigint({ mode: 'number' }).notNull().references(() => reports.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.userId] }), index('report_followers_user_idx').on(t.userId)],
);

/**
 * Report counts per map grid cell, kept by statement-level triggers on reports (migration 0004), so a city-wide
 * map view reads a few hundred rows instead of every report. Level L cells are 360/2^L degrees square and
 * line up with map tiles (zoom z uses level z + 3: about 40 cells across a screen).
 */
export const reportMapCells = pgTable(
  'report_map_cells',
  {
    level: smallint().notNull(),
    cx: integer().notNull(),
    cy: integer().notNull(),
    categoryId: integer().notNull(),
    status: reportStatus().notNull(),
    districtId: integer().notNull(),
    overdue: boolean().notNull(),
    n: integer().notNull(),
    sumLng: doublePrecision().notNull(),
    sumLat: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.cx, t.cy, t.categoryId, t.status, t.districtId, t.overdue] })],
);
