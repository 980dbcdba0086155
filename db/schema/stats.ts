import { date, doublePrecision, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The city's KPIs, pre-aggregated by the `refresh-stats` worker job (app/modules/stats): one value per metric,
 * city-local day and dimension ('' for the whole city, else a department, project or district). The dashboards
 * read a few hundred rows however large the city's history grows.
 */
export const statsDaily = pgTable(
  'stats_daily',
  {
    metric: text().notNull(),
    day: date({ mode: 'string' }).notNull(),
    dimension: text().notNull().default(''),
    value: doublePrecision().notNull(),
  },
  (t) => [primaryKey({ columns: [t.metric, t.day, t.dimension] })],
);

/** Running totals that are not per day (ideas per project, turnout per ballot and district), with when they were counted. */
export const statsTotals = pgTable(
  'stats_totals',
  {
    metric: text().notNull(),
    dimension: text().notNull().default(''),
    value: doublePrecision().notNull(),
    countedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.metric, t.dimension] })],
);
