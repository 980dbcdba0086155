// Service centres ("My Documents"), the services they offer and the visits residents book there (issue 17, ADR 043).
// The centres tool's tables refer to users and districts (lower layers); nothing there refers back.
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgEnum, pgTable, primaryKey, serial, smallint, text, time, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { districts } from './city';
import { point, timestamps } from './columns';

export const centres = pgTable(
  'centres',
  {
    id: serial().primaryKey(),
    /** The key an import matches on: a re-imported centre is replaced, not doubled. */
    code: text().notNull().unique(),
    nameRu: text().notNull(),
    nameEn: text().notNull(),
    addressRu: text().notNull(),
    addressEn: text().notNull(),
    districtId: integer().references(() => districts.id, { onDelete: 'set null' }),
    location: point().notNull(),
    /** Counters serving at once: how many visits one slot takes. */
    windows: smallint().notNull(),
    /** The length of a booking slot. */
    slotMinutes: smallint().notNull().default(15),
    accessibilityRu: text(),
    accessibilityEn: text(),
    ...timestamps,
  },
  (t) => [
    index('centres_location_idx').using('gist', t.location),
    index('centres_district_idx').on(t.districtId).where(sql`${t.districtId} IS NOT NULL`),
    check('centres_windows', sql`${t.windows} BETWEEN 1 AND 99`),
    check('centres_slot_minutes', sql`${t.slotMinutes} BETWEEN 5 AND 120`),
  ],
);

/** Opening hours: ISO weekday 1–7, and 0 for the days of the holiday calendar. No row: closed that day. */
export const centreHours = pgTable(
  'centre_hours',
  {
    centreId: integer().notNull().references(() => centres.id, { onDelete: 'cascade' }),
    weekday: smallint().notNull(),
    opens: time().notNull(),
    closes: time().notNull(),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.weekday] }), check('centre_hours_weekday', sql`${t.weekday} BETWEEN 0 AND 7`), check('centre_hours_order', sql`${t.opens} < ${t.closes}`)],
);

/** The life situations the catalogue groups services by. */
export const lifeSituation = pgEnum('life_situation', ['birth', 'moving', 'documents', 'family', 'retirement', 'business']);

export const services = pgTable(
  'services',
  {
    id: serial().primaryKey(),
    code: text().notNull().unique(),
    situation: lifeSituation().notNull(),
    nameRu: text().notNull(),
    nameEn: text().notNull(),
    descriptionRu: text().notNull(),
    descriptionEn: text().notNull(),
    /** What to bring, one document a line. */
    documentsRu: text().notNull(),
    documentsEn: text().notNull(),
    durationMinutes: smallint().notNull(),
    /** When an admin withdrew it from the catalogue: no longer listed or bookable; its visits keep it (ADR 063). */
    withdrawnAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [check('services_duration', sql`${t.durationMinutes} BETWEEN 1 AND 480`)],
);

export const centreServices = pgTable(
  'centre_services',
  {
    centreId: integer().notNull().references(() => centres.id, { onDelete: 'cascade' }),
    serviceId: integer().notNull().references(() => services.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.centreId, t.serviceId] }), index('centre_services_service_idx').on(t.serviceId)],
);

export const visitStatus = pgEnum('visit_status', ['booked', 'cancelled', 'served', 'no_show']);

/**
 * A booked visit: one window of a centre at one slot. The partial unique indexes are the rule, whatever the
 * concurrency: a window at a time holds one visit that is not cancelled, and a person one visit at a time.
 */
export const visits = pgTable(
  'visits',
  {
    id: serial().primaryKey(),
    centreId: integer().notNull().references(() => centres.id, { onDelete: 'cascade' }),
    serviceId: integer().notNull().references(() => services.id, { onDelete: 'restrict' }),
    userId: uuid().notNull().references(() => users.id, { onDelete: 'cascade' }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    window: smallint().notNull(),
    status: visitStatus().notNull().default('booked'),
    /** When each reminder went out: a job that runs twice sends once. */
    remindedDayAt: timestamp({ withTimezone: true }),
    remindedHourAt: timestamp({ withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('visits_one_per_window').on(t.centreId, t.window, t.startsAt).where(sql`${t.status} <> 'cancelled'`),
    uniqueIndex('visits_one_per_person').on(t.userId, t.startsAt).where(sql`${t.status} <> 'cancelled'`),
    index('visits_service_idx').on(t.serviceId),
    index('visits_centre_idx').on(t.centreId),
    index('visits_user_idx').on(t.userId),
    index('visits_due_idx').on(t.startsAt).where(sql`${t.status} = 'booked'`),
    check('visits_window', sql`${t.window} BETWEEN 1 AND 99`),
  ],
);

export const ticketKind = pgEnum('ticket_kind', ['walk_in', 'visit']);
export const ticketStatus = pgEnum('ticket_status', ['waiting', 'called', 'served', 'no_show']);

/**
 * A ticket of a centre's electronic queue: a walk-in, or a booked visit checked in at the desk. Numbered per centre
 * and city day; the times it was issued, called and finished give the wait and the service time.
 */
export const tickets = pgTable(
  'tickets',
  {
    id: serial().primaryKey(),
    centreId: integer().notNull().references(() => centres.id, { onDelete: 'cascade' }),
    day: date().notNull(),
    number: integer().notNull(),
    kind: ticketKind().notNull(),
    visitId: integer().references(() => visits.id, { onDelete: 'set null' }),
    serviceId: integer().notNull().references(() => services.id, { onDelete: 'restrict' }),
    status: ticketStatus().notNull().default('waiting'),
    window: smallint(),
    issuedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    calledAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    calledBy: uuid().references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('tickets_number').on(t.centreId, t.day, t.number),
    uniqueIndex('tickets_visit').on(t.visitId).where(sql`${t.visitId} IS NOT NULL`),
    // A window calls one ticket at a time.
    uniqueIndex('tickets_one_called_per_window').on(t.centreId, t.window).where(sql`${t.status} = 'called'`),
    index('tickets_waiting_idx').on(t.centreId, t.day).where(sql`${t.status} = 'waiting'`),
    index('tickets_service_idx').on(t.serviceId),
    index('tickets_called_by_idx').on(t.calledBy).where(sql`${t.calledBy} IS NOT NULL`),
    check('tickets_window', sql`${t.window} IS NULL OR ${t.window} BETWEEN 1 AND 99`),
    check('tickets_called', sql`(${t.status} = 'waiting') = (${t.calledAt} IS NULL)`),
  ],
);
