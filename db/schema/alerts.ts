import { sql } from 'drizzle-orm';
import { bigint, check, date, doublePrecision, index, integer, pgEnum, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestamps } from './columns';
import { users } from './accounts';
import { districts } from './city';
import { emailOutbox } from './notifications';

/** pending: waiting for the e-mail's confirmation (someone without an account); active; paused by its owner. */
export const areaAlertStatus = pgEnum('area_alert_status', ['pending', 'active', 'paused']);

/**
 * A subscription to new reports and answers in an area (ADR 056): a district, or a radius around a point. Either a
 * signed-in person's (user_id) or an e-mail address's, confirmed by a signed link before anything is sent.
 */
export const areaAlerts = pgTable(
  'area_alerts',
  {
    id: serial().primaryKey(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    email: text(),
    locale: text().$type<'ru' | 'en'>().notNull().default('ru'),
    districtId: integer().references(() => districts.id, { onDelete: 'cascade' }),
    lat: doublePrecision(),
    lng: doublePrecision(),
    radius: integer(),
    // What the area is called on the pages and in the digest (an address, "near report №12").
    label: text().notNull(),
    status: areaAlertStatus().notNull().default('pending'),
    confirmedAt: timestamp({ withTimezone: true }),
    // When the last confirmation e-mail went out: a repeated request within the hour sends none.
    confirmationSentAt: timestamp({ withTimezone: true }),
    // The next digest lists what happened from here on.
    digestFrom: timestamp({ withTimezone: true }).notNull().defaultNow(),
    ...timestamps,
  },
  (t) => [
    check('area_alerts_owner', sql`(${t.userId} IS NULL) <> (${t.email} IS NULL)`),
    check('area_alerts_area', sql`(${t.districtId} IS NOT NULL AND ${t.lat} IS NULL AND ${t.lng} IS NULL AND ${t.radius} IS NULL) OR (${t.districtId} IS NULL AND ${t.lat} BETWEEN -90 AND 90 AND ${t.lng} BETWEEN -180 AND 180 AND ${t.radius} BETWEEN 50 AND 5000)`),
    check('area_alerts_locale', sql`${t.locale} IN ('ru', 'en')`),
    // One subscription per owner and area: asking again finds the one there is.
    uniqueIndex('area_alerts_one_per_area').on(
      sql`coalesce(${t.userId}::text, lower(${t.email}))`,
      sql`coalesce(${t.districtId}, 0)`,
      sql`coalesce(${t.lat}, 0)`,
      sql`coalesce(${t.lng}, 0)`,
      sql`coalesce(${t.radius}, 0)`,
    ),
    index('area_alerts_user_idx').on(t.userId),
    index('area_alerts_district_idx').on(t.districtId),
    index('area_alerts_active_idx').on(t.id).where(sql`${t.status} = 'active'`),
  ],
);

/**
 * One row per subscription and city-local day a digest was made (sent, or found nothing new): the primary key makes
 * a retried or repeated digest job a no-op, so nobody gets two digests a day.
 */
export const areaAlertDigests = pgTable(
  'area_alert_digests',
  {
    alertId: integer().notNull().references(() => areaAlerts.id, { onDelete: 'cascade' }),
    day: date().notNull(),
    reports: integer().notNull(),
    answers: integer().notNull(),
    // The e-mail of the digest (none when nothing was new).
    outboxId: bigint({ mode: 'number' }).references(() => emailOutbox.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.alertId, t.day] }), index('area_alert_digests_outbox_idx').on(t.outboxId).where(sql`${t.outboxId} IS NOT NULL`)],
);
