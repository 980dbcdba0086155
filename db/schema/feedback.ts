import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, index, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';

/** What a person can rate once it is done: a report once answered, an idea once reviewed, a ballot once cast. */
export const feedbackSubject = pgEnum('feedback_subject', ['report', 'idea', 'ballot']);

/** Satisfaction after an interaction: 1–5 and an optional comment, once per person per interaction. */
export const feedback = pgTable(
  'feedback',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    userId: uuid().references(() => users.id, { onDelete: 'set null' }),
    subject: feedbackSubject().notNull(),
    subjectId: bigint({ mode: 'number' }).notNull(),
    score: smallint().notNull(),
    comment: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feedback_once').on(t.userId, t.subject, t.subjectId),
    index('feedback_subject_idx').on(t.subject, t.createdAt),
    index('feedback_created_brin').using('brin', t.createdAt),
    check('feedback_score', sql`${t.score} BETWEEN 1 AND 5`),
  ],
);
