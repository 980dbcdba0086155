import { sql } from 'drizzle-orm';
import { db } from '#app/utils/db.server';

export type LeagueRow = {
  departmentId: number;
  nameRu: string;
  nameEn: string;
  kind: string;
  received: number;
  answered: number;
  onTimePercent: number | null;
  medianHours: number | null;
  overdueNow: number;
  satisfactionPercent: number | null;
};

export const leagueSorts = ['onTime', 'median', 'received', 'overdue', 'satisfaction', 'name'] as const;
export type LeagueSort = (typeof leagueSorts)[number];

/**
 * Public performance of each department over a period (days, or all time): reports received, answers on time,
 * median hours from routing to answer, overdue now, and the share of rated answers residents were satisfied with.
 * The period's answers are read once and grouped by department (ADR 072: a subquery per figure and department read
 * them five times per department), as are the reports received and overdue.
 */
export async function departmentLeague(days: number | null): Promise<LeagueRow[]> {
  const since = days ? sql`now() - make_interval(days => ${days})` : sql`'-infinity'::timestamptz`;
  const rows = await db.execute<LeagueRow>(sql`
    WITH answers AS (
      SELECT a.department_id, a.satisfied, (e.data->>'onTime')::boolean AS on_time,
             extract(epoch FROM a.created_at - coalesce(r.moderated_at, r.created_at)) / 3600 AS hours
      FROM report_answers a
      JOIN reports r ON r.id = a.report_id
      LEFT JOIN report_events e ON e.report_id = a.report_id AND e.kind = 'answered' AND (e.data->>'answerId')::bigint = a.id
      WHERE a.created_at >= ${since}
    ), answered AS (
      SELECT department_id, count(*)::int AS answered,
        round(100.0 * count(*) FILTER (WHERE on_time) / nullif(count(*), 0))::int AS on_time_percent,
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY hours))::numeric, 1)::float8 AS median_hours,
        round(100.0 * count(*) FILTER (WHERE satisfied) / nullif(count(*) FILTER (WHERE satisfied IS NOT NULL), 0))::int AS satisfaction_percent
      FROM answers GROUP BY department_id
    ), received AS (
      SELECT department_id, count(*)::int AS received FROM reports WHERE department_id IS NOT NULL AND created_at >= ${since} GROUP BY department_id
    ), overdue AS (
      SELECT department_id, count(*)::int AS overdue FROM reports WHERE status = 'assigned' AND answer_due_at < now() GROUP BY department_id
    )
    SELECT d.id AS "departmentId", d.name_ru AS "nameRu", d.name_en AS "nameEn", d.kind,
      coalesce(rc.received, 0) AS received, coalesce(a.answered, 0) AS answered, a.on_time_percent AS "onTimePercent",
      a.median_hours AS "medianHours", coalesce(o.overdue, 0) AS "overdueNow", a.satisfaction_percent AS "satisfactionPercent"
    FROM departments d
    LEFT JOIN answered a ON a.department_id = d.id
    LEFT JOIN received rc ON rc.department_id = d.id
    LEFT JOIN overdue o ON o.department_id = d.id`);
  return [...rows];
}

export function sortLeague(rows: LeagueRow[], sort: LeagueSort, locale: 'ru' | 'en'): LeagueRow[] {
  const nullsLast = (v: number | null, dir: 1 | -1) => (v === null ? Number.POSITIVE_INFINITY : dir * v);
  const by: Record<LeagueSort, (a: LeagueRow, b: LeagueRow) => number> = {
    onTime: (a, b) => nullsLast(a.onTimePercent, -1) - nullsLast(b.onTimePercent, -1),
    median: (a, b) => nullsLast(a.medianHours, 1) - nullsLast(b.medianHours, 1),
    received: (a, b) => b.received - a.received,
    overdue: (a, b) => b.overdueNow - a.overdueNow,
    satisfaction: (a, b) => nullsLast(a.satisfactionPercent, -1) - nullsLast(b.satisfactionPercent, -1),
    name: (a, b) => (locale === 'ru' ? a.nameRu : a.nameEn).localeCompare(locale === 'ru' ? b.nameRu : b.nameEn, locale),
  };
  return [...rows].sort(by[sort]);
}
