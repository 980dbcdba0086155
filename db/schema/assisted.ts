// Assisted service at the service centres (issue 17, ADR 048): what a consultant did for a resident who was there,
// with the resident's consent, and the booth sessions in which a resident votes alone on a centre's terminal.
import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { centres } from './centres';
import { ballots } from './votes';

export const assistedActionKind = pgEnum('assisted_action_kind', ['register', 'code', 'verify', 'report', 'idea', 'support', 'booth']);

/**
 * One thing a consultant did on a resident's behalf at a centre. `consentAt` is when the consultant ticked that the
 * resident, present, agreed; `targetId` names what was made (a report's or an idea's id, a booth session's id).
 */
export const assistedActions = pgTable(
  'assisted_actions',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    centreId: integer().notNull().references(() => centres.id, { onDelete: 'restrict' }),
    consultantId: uuid().references(() => users.id, { onDelete: 'set null' }),
    residentId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: assistedActionKind().notNull(),
    targetId: text(),
    // For 'verify': the kind of identity document the consultant saw (never its number).
    documentKind: text(),
    consentAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('assisted_actions_centre_idx').on(t.centreId, t.createdAt),
    index('assisted_actions_consultant_idx').on(t.consultantId).where(sql`${t.consultantId} IS NOT NULL`),
    index('assisted_actions_resident_idx').on(t.residentId, t.createdAt),
    check('assisted_actions_document', sql`(${t.kind}::text = 'verify') = (${t.documentKind} IS NOT NULL)`),
  ],
);

/**
 * A booth session: a consultant opens it for a verified resident and one ballot; the centre's terminal shows the
 * ballot to the resident alone. It ends with the cast (`endedAt`) or by itself at `expiresAt`.
 */
export const boothSessions = pgTable(
  'booth_sessions',
  {
    id: uuid().primaryKey().defaultRandom(),
    centreId: integer().notNull().references(() => centres.id, { onDelete: 'cascade' }),
    ballotId: integer().notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    residentId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    openedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    endedBecause: text().$type<'cast' | 'already-voted' | 'closed' | 'lapsed'>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One open session per resident at a time (a second is refused until the first ends or lapses).
    uniqueIndex('booth_sessions_one_open').on(t.residentId).where(sql`${t.endedAt} IS NULL`),
    index('booth_sessions_resident_idx').on(t.residentId, t.createdAt),
    index('booth_sessions_centre_idx').on(t.centreId, t.createdAt),
    index('booth_sessions_ballot_idx').on(t.ballotId),
    index('booth_sessions_opened_by_idx').on(t.openedBy).where(sql`${t.openedBy} IS NOT NULL`),
  ],
);
