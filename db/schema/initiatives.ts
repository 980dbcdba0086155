import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, customType, index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { users } from './accounts';
import { districts } from './city';
import { ballots } from './votes';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * An initiative's life: `pending` until a moderator looks at it; `rejected` by the moderator; `collecting` supports
 * until its deadline; `review` once it reached its threshold (experts); then `answered` (an official answer with
 * reasons) or `voting` (sent to a ballot); `expired` when the deadline came first.
 */
export const initiativeStatus = pgEnum('initiative_status', ['pending', 'rejected', 'collecting', 'review', 'answered', 'voting', 'expired']);

/** A question a resident puts on the city's agenda, for the whole city (no district) or one district. */
export const initiatives = pgTable(
  'initiatives',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    authorId: uuid().references(() => users.id, { onDelete: 'set null' }),
    districtId: integer().references(() => districts.id, { onDelete: 'restrict' }),
    title: text().notNull(),
    body: text().notNull(),
    status: initiativeStatus().notNull().default('pending'),
    // Fixed when the moderator approves it (from the city's rule then), so a later change of rule moves no goalposts.
    threshold: integer(),
    collectsUntil: timestamp({ withTimezone: true }),
    // Kept by the support use-case in the same transaction as the supports it counts.
    supportCount: integer().notNull().default(0),
    // The last progress notice sent (0, 33, 66 or 100 %), so each goes out once.
    noticedPercent: smallint().notNull().default(0),
    moderatedAt: timestamp({ withTimezone: true }),
    moderatedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    rejectedReason: text(),
    reachedAt: timestamp({ withTimezone: true }),
    expiredAt: timestamp({ withTimezone: true }),
    answer: text(),
    answeredAt: timestamp({ withTimezone: true }),
    answeredBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    ballotId: integer().references(() => ballots.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (t) => [
    index('initiatives_status_idx').on(t.status, t.createdAt),
    index('initiatives_collecting_deadline_idx').on(t.collectsUntil).where(sql`${t.status} = 'collecting'`),
    index('initiatives_author_idx').on(t.authorId).where(sql`${t.authorId} IS NOT NULL`),
    index('initiatives_district_idx').on(t.districtId).where(sql`${t.districtId} IS NOT NULL`),
    index('initiatives_moderated_by_idx').on(t.moderatedBy).where(sql`${t.moderatedBy} IS NOT NULL`),
    index('initiatives_answered_by_idx').on(t.answeredBy).where(sql`${t.answeredBy} IS NOT NULL`),
    index('initiatives_ballot_idx').on(t.ballotId).where(sql`${t.ballotId} IS NOT NULL`),
    check('initiatives_support_count_positive', sql`${t.supportCount} >= 0`),
    check('initiatives_noticed_percent', sql`${t.noticedPercent} IN (0, 33, 66, 100)`),
    check('initiatives_threshold_positive', sql`${t.threshold} IS NULL OR ${t.threshold} >= 1`),
    check('initiatives_open_has_rule', sql`${t.status} IN ('pending', 'rejected') OR (${t.threshold} IS NOT NULL AND ${t.collectsUntil} IS NOT NULL)`),
    check('initiatives_rejected_has_reason', sql`${t.status} <> 'rejected' OR ${t.rejectedReason} IS NOT NULL`),
    check('initiatives_answered_has_answer', sql`${t.status} <> 'answered' OR ${t.answer} IS NOT NULL`),
    check('initiatives_voting_has_ballot', sql`${t.status} <> 'voting' OR ${t.reachedAt} IS NOT NULL`),
  ],
);

export const initiativePhotos = pgTable(
  'initiative_photos',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    initiativeId: bigint({ mode: 'number' }).notNull().references(() => initiatives.id, { onDelete: 'cascade' }),
    mimeType: text().notNull(),
    width: integer().notNull(),
    height: integer().notNull(),
    // The bytes here (MEDIA_STORE=postgres), or the key of the object in the media store (ADR 051): one of the two.
    data: bytea(),
    storageKey: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('initiative_photos_initiative_idx').on(t.initiativeId),
    index('initiative_photos_storage_key_idx').on(t.storageKey).where(sql`${t.storageKey} IS NOT NULL`),
    check('initiative_photos_bytes_somewhere', sql`(${t.data} IS NULL) <> (${t.storageKey} IS NULL)`),
  ],
);

/** One support per person per initiative (the primary key); never published with the person's identity. */
export const initiativeSupports = pgTable(
  'initiative_supports',
  {
    initiativeId: bigint({ mode: 'number' }).notNull().references(() => initiatives.id, { onDelete: 'cascade' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.userId] }), index('initiative_supports_user_idx').on(t.userId, t.createdAt)],
);

/** What the author and supporters are told: a milestone (33, 66 %), the threshold, the deadline, the experts' outcome. */
export const initiativeNoticeKinds = ['progress', 'reached', 'expired', 'answered', 'voting'] as const;

/**
 * A notice to an initiative's author and every supporter (ADR 060): written in the transaction of the move it tells,
 * one row however many supporters; the `initiative-notices` job then tells them in batches, each its own short
 * transaction that moves `told_through` (the last person told, in id order), so a retry starts where the last
 * committed batch ended and nobody hears it twice. `finished_at` set: everybody has been told.
 */
export const initiativeNotices = pgTable(
  'initiative_notices',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    initiativeId: bigint({ mode: 'number' }).notNull().references(() => initiatives.id, { onDelete: 'cascade' }),
    kind: text({ enum: initiativeNoticeKinds }).notNull(),
    params: jsonb().$type<Record<string, string | number>>().notNull(),
    // Supporters who supported after the move are not told of it: it happened before their support.
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    toldThrough: uuid(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('initiative_notices_initiative_idx').on(t.initiativeId),
    index('initiative_notices_unfinished_idx').on(t.id).where(sql`${t.finishedAt} IS NULL`),
    check('initiative_notices_kind', sql`${t.kind} IN ('progress', 'reached', 'expired', 'answered', 'voting')`),
  ],
);
