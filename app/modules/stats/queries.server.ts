import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import type { feedbackSubjects } from '#app/modules/feedback/schemas';

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

export type KindWeekRow = { week: string; kind: (typeof feedbackSubjects)[number]; average: number; ratings: number };

/**
 * Satisfaction per kind of interaction (a report answered, an idea reviewed, a vote cast), week by week (weeks
 * start on Monday): the rating-weighted mean of the pre-aggregated daily averages, and the number of ratings.
 */
export async function satisfactionByKind(days: number): Promise<KindWeekRow[]> {
  const rows = await sql<KindWeekRow[]>`
    SELECT date_trunc('week', a.day)::date::text AS week, a.dimension AS kind,
      round((sum(a.value * r.value) / sum(r.value))::numeric, 2)::float AS average, sum(r.value)::int AS ratings
    FROM stats_daily a JOIN stats_daily r ON r.metric = 'satisfaction.ratings' AND r.day = a.day AND r.dimension = a.dimension
    WHERE a.metric = 'satisfaction.average' AND a.dimension IN ('report', 'idea', 'ballot')
      AND a.day > (now() AT TIME ZONE ${env.CITY_TIMEZONE})::date - ${days}::int AND a.day <= (now() AT TIME ZONE ${env.CITY_TIMEZONE})::date
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return [...rows];
}

export type ProjectRow = { projectId: number; titleRu: string; titleEn: string; proposed: number; accepted: number };

/** Ideas proposed (merged ones counted once, in their survivor) and accepted, per project. */
export async function ideasByProject(): Promise<ProjectRow[]> {
  return sql<ProjectRow[]>`
    SELECT p.id AS "projectId", p.title_ru AS "titleRu", p.title_en AS "titleEn",
      coalesce((SELECT value FROM stats_totals WHERE metric = 'ideas.proposed_total' AND dimension = p.id::text), 0)::int AS proposed,
      coalesce((SELECT value FROM stats_totals WHERE metric = 'ideas.accepted_total' AND dimension = p.id::text), 0)::int AS accepted
    FROM projects p ORDER BY p.id`;
}

export type TurnoutRow = { ballotId: number; titleRu: string; titleEn: string; districtCode: string; districtRu: string; districtEn: string; voters: number };

/** Who took part in each ballot, by district of residence (never who): the latest ballots first. */
export async function turnoutByDistrict(ballots = 3): Promise<TurnoutRow[]> {
  return sql<TurnoutRow[]>`
    WITH t AS (
      SELECT split_part(dimension, ':', 1)::int AS ballot_id, split_part(dimension, ':', 2) AS district_code, value
      FROM stats_totals WHERE metric = 'ballots.turnout'
    ), latest AS (SELECT DISTINCT ballot_id FROM t ORDER BY ballot_id DESC LIMIT ${ballots})
    SELECT b.id AS "ballotId", b.title_ru AS "titleRu", b.title_en AS "titleEn", t.district_code AS "districtCode",
      coalesce(d.name_ru, '—') AS "districtRu", coalesce(d.name_en, '—') AS "districtEn", t.value::int AS voters
    FROM t JOIN latest USING (ballot_id) JOIN ballots b ON b.id = t.ballot_id LEFT JOIN districts d ON d.code = t.district_code
    ORDER BY b.id DESC, t.district_code`;
}

/** When the figures were last counted. */
export async function statsCountedAt(): Promise<string | null> {
  const [row] = await sql<{ at: Date | null }[]>`SELECT max(counted_at) AS at FROM stats_totals`;
  return row?.at ? new Date(row.at).toISOString() : null;
}
