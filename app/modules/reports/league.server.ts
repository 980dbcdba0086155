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
 */
export async function departmentLeague(days: number | null): Promise<LeagueRow[]> {
  const since = days ? sql`now() - make_interval(days => ${days})` : sql`'-infinity'::timestamptz`;
  const rows = await db.execute<LeagueRow>(sql`
    WITH answers AS (
      SELECT a.department_id, a.created_at, a.satisfied, (e.data->>'onTime')::boolean AS on_time,
             extract(epoch FROM a.created_at - coalesce(r.moderated_at, r.created_at)) / 3600 AS hours
      FROM report_answers a
      JOIN reports r ON r.id = a.report_id
      LEFT JOIN report_events e ON e.report_id = a.report_id AND e.kind = 'answered' AND (e.data->>'answerId')::bigint = a.id
      WHERE a.created_at >= ${since}
    )
    SELECT d.id AS "departmentId", d.name_ru AS "nameRu", d.name_en AS "nameEn", d.kind,
      (SELECT count(*)::int FROM reports r WHERE r.department_id = d.id AND r.created_at >= ${since}) AS received,
      (SELECT count(*)::int FROM answers a WHERE a.department_id = d.id) AS answered,
      (SELECT round(100.0 * count(*) FILTER (WHERE on_time) / nullif(count(*), 0))::int FROM answers a WHERE a.department_id = d.id) AS "onTimePercent",
      (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY hours))::numeric, 1)::float8 FROM answers a WHERE a.department_id = d.id) AS "medianHours",
      (SELECT count(*)::int FROM reports r WHERE r.department_id = d.id AND r.status = 'assigned' AND r.answer_due_at < now()) AS "overdueNow",
      (SELECT round(100.0 * count(*) FILTER (WHERE satisfied) / nullif(count(*) FILTER (WHERE satisfied IS NOT NULL), 0))::int FROM answers a WHERE a.department_id = d.id) AS "satisfactionPercent"
    FROM departments d`);
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
