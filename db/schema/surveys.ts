import { sql } from 'drizzle-orm';
import { boolean, check, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { departments } from './city';
import { timestamps } from './columns';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** draft (being built) → published (answerable between opens_at and closes_at, read-only since). */
export const surveyStatus = pgEnum('survey_status', ['draft', 'published']);

/**
 * A questionnaire. Its sections, questions and logic are one document (`definition`, checked by the tool's zod
 * schema): they are always read and re-checked together, and a published survey's definition never changes.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: serial().primaryKey(),
    titleRu: text().notNull(),
    titleEn: text().notNull(),
    descriptionRu: text().notNull(),
    descriptionEn: text().notNull(),
    status: surveyStatus().notNull().default('draft'),
    opensAt: timestamp({ withTimezone: true }),
    closesAt: timestamp({ withTimezone: true }),
    // A department's own survey: its officers may build it and read its results (scoped grant).
    departmentId: integer().references(() => departments.id, { onDelete: 'set null' }),
    // Anonymous: answers stored apart from who answered (as ballots); then an answer cannot be edited.
    anonymous: boolean().notNull().default(true),
    editable: boolean().notNull().default(false),
    // Audience as for ballots; no districts = the whole city; signedInOnly false = anyone with an account.
    verifiedOnly: boolean().notNull().default(false),
    minAge: smallint(),
    maxAge: smallint(),
    districtIds: integer().array().notNull().default(sql`'{}'::int[]`),
    pointsReward: integer().notNull().default(5),
    definition: jsonb().notNull().default(sql`'{"sections":[]}'::jsonb`),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check('surveys_dates', sql`${t.opensAt} IS NULL OR ${t.closesAt} IS NULL OR ${t.opensAt} < ${t.closesAt}`),
    check('surveys_published_has_dates', sql`${t.status} = 'draft' OR (${t.opensAt} IS NOT NULL AND ${t.closesAt} IS NOT NULL)`),
    check('surveys_age_range', sql`${t.minAge} IS NULL OR ${t.maxAge} IS NULL OR ${t.minAge} <= ${t.maxAge}`),
    check('surveys_anonymous_not_editable', sql`NOT (${t.anonymous} AND ${t.editable})`),
    check('surveys_points', sql`${t.pointsReward} >= 0 AND ${t.pointsReward} <= 1000`),
    index('surveys_status_idx').on(t.status, t.closesAt),
    index('surveys_department_idx').on(t.departmentId).where(sql`${t.departmentId} IS NOT NULL`),
    index('surveys_created_by_idx').on(t.createdBy).where(sql`${t.createdBy} IS NOT NULL`),
  ],
);

/** Who answered (never what, for an anonymous survey): one row per person per survey, no time. */
export const surveyParticipations = pgTable(
  'survey_participations',
  {
    surveyId: integer().notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] }), index('survey_participations_user_idx').on(t.userId)],
);

/**
 * What was answered: keyed by a random id, with the person only when the survey is identified (then one per person,
 * editable until the close if the survey says so). Written in the participation's transaction.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid().primaryKey().defaultRandom(),
    surveyId: integer().notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    answers: jsonb().$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    index('survey_responses_survey_idx').on(t.surveyId),
    uniqueIndex('survey_responses_person').on(t.surveyId, t.userId).where(sql`${t.userId} IS NOT NULL`),
    index('survey_responses_user_idx').on(t.userId).where(sql`${t.userId} IS NOT NULL`),
  ],
);

/** Answers of the sections done so far (one section per page, without JavaScript); removed when the survey is sent. */
export const surveyDrafts = pgTable(
  'survey_drafts',
  {
    surveyId: integer().notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    answers: jsonb().$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] }), index('survey_drafts_user_idx').on(t.userId)],
);

/**
 * A photo answer, re-encoded; its id is the answer. `uploadedBy` is cleared when an anonymous survey is sent. The
 * bytes are in the row (MEDIA_STORE=postgres) or in the media store under `storageKey`, never both (ADR 066).
 * `attachedAt` is set when a sent answer names the photo: one never attached is swept after a day.
 */
export const surveyPhotos = pgTable(
  'survey_photos',
  {
    id: uuid().primaryKey().defaultRandom(),
    surveyId: integer().notNull().references(() => surveys.id, { onDelete: 'cascade' }),
    uploadedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    mimeType: text().notNull(),
    bytes: bytea(),
    storageKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attachedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('survey_photos_survey_idx').on(t.surveyId),
    index('survey_photos_uploaded_by_idx').on(t.uploadedBy).where(sql`${t.uploadedBy} IS NOT NULL`),
    index('survey_photos_storage_key_idx').on(t.storageKey).where(sql`${t.storageKey} IS NOT NULL`),
    index('survey_photos_unattached_idx').on(t.createdAt).where(sql`${t.attachedAt} IS NULL`),
    check('survey_photos_bytes_somewhere', sql`(${t.bytes} IS NULL) <> (${t.storageKey} IS NULL)`),
  ],
);
