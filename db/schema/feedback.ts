import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, integer, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { centres, services } from './centres';

/** What a person can rate: their report, idea, vote or visit to a service centre (ADR 050). */
export const feedbackSubject = pgEnum('feedback_subject', ['report', 'idea', 'ballot', 'visit']);

/**
 * The point of interaction rated (ADR 050): a report once filed, moderated and answered; an idea once reviewed; a
 * vote once cast; a visit once booked and once served. Each is rated at most once per person.
 */
export const feedbackStage = pgEnum('feedback_stage', ['filed', 'moderated', 'answered', 'reviewed', 'cast', 'booked', 'served']);

/**
 * Satisfaction after an interaction: 1–5 overall, optional 1–5 per dimension (clarity of information, speed, the
 * official's conduct, waiting time, the final result) and an optional comment. A visit's rating records the centre,
 * the service and the staff member who served it, as they were when it was rated.
 */
export const feedback = pgTable(
  'feedback',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    subject: feedbackSubject().notNull(),
    subjectId: bigint({ mode: 'number' }).notNull(),
    stage: feedbackStage().notNull(),
    score: smallint().notNull(),
    clarity: smallint(),
    speed: smallint(),
    conduct: smallint(),
    waiting: smallint(),
    result: smallint(),
    comment: text(),
    centreId: integer().references(() => centres.id, { onDelete: 'set null' }),
    serviceId: integer().references(() => services.id, { onDelete: 'set null' }),
    staffId: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feedback_once_per_stage').on(t.userId, t.subject, t.subjectId, t.stage),
    index('feedback_subject_idx').on(t.subject, t.createdAt),
    index('feedback_created_brin').using('brin', t.createdAt),
    index('feedback_centre_idx').on(t.centreId, t.createdAt).where(sql`${t.centreId} IS NOT NULL`),
    index('feedback_service_idx').on(t.serviceId).where(sql`${t.serviceId} IS NOT NULL`),
    index('feedback_staff_idx').on(t.staffId).where(sql`${t.staffId} IS NOT NULL`),
    check('feedback_score', sql`${t.score} BETWEEN 1 AND 5`),
    check('feedback_dimensions', sql`coalesce(${t.clarity}, 1) BETWEEN 1 AND 5 AND coalesce(${t.speed}, 1) BETWEEN 1 AND 5 AND coalesce(${t.conduct}, 1) BETWEEN 1 AND 5 AND coalesce(${t.waiting}, 1) BETWEEN 1 AND 5 AND coalesce(${t.result}, 1) BETWEEN 1 AND 5`),
  ],
);
