import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';

export const dailyMetrics = ['reports.received', 'reports.solved', 'reports.answered', 'reports.answered_on_time', 'reports.median_answer_hours', 'participants', 'satisfaction.average', 'satisfaction.ratings'] as const;
export type DailyMetric = (typeof dailyMetrics)[number];
export type DayRow = { day: string } & Partial<Record<DailyMetric, number>>;

/** One row per city-local day up to today with each metric's value (missing days have none), oldest first. */
export async function dailyKpis(days: number): Promise<DayRow[]> {
  const rows = await sql<{ day: string; metric: DailyMetric; value: number }[]>`
    SELECT day::text AS day, metric, value FROM stats_daily
    WHERE dimension = '' AND day > (now() AT TIME ZONE ${env.CITY_TIMEZONE})::date - ${days}::int AND day <= (now() AT TIME ZONE ${env.CITY_TIMEZONE})::date
    ORDER BY day`;
  const byDay = new Map<string, DayRow>();
  for (const r of rows) {
    const row = byDay.get(r.day) ?? { day: r.day };
    row[r.metric] = Math.round(r.value * 100) / 100;
    byDay.set(r.day, row);
  }
  return [...byDay.values()];
}

/** When the figures were last counted. */
export async function statsCountedAt(): Promise<string | null> {
  const [row] = await sql<{ at: Date | null }[]>`SELECT max(counted_at) AS at FROM stats_totals`;
  return row?.at ? new Date(row.at).toISOString() : null;
}

export type ChannelRow = { activity: 'reports' | 'ideas' | 'supports' | 'ballots'; channel: string; count: number };

/** Participation by channel (ADR 048), as the tools counted it: reports, ideas, supports and ballots, each by channel. */
export async function participationByChannel(): Promise<ChannelRow[]> {
  return sql<ChannelRow[]>`
    SELECT split_part(dimension, ':', 1) AS activity, split_part(dimension, ':', 2) AS channel, value::int AS count
    FROM stats_totals WHERE metric = 'participation.channel' ORDER BY 1, 2`;
}
