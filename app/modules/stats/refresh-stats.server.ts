import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';

/**
 * Recomputes the KPIs of the last `days` city-local days (and the running totals) in one transaction, from the
 * tools' own tables: the worker runs it every few minutes, so the dashboards never aggregate raw rows.
 * The definitions match the department league (app/modules/reports/league.server.ts).
 */
export async function refreshStats(days = 120): Promise<{ daily: number; totals: number }> {
  const tz = env.CITY_TIMEZONE;
  return sql.begin(async (tx) => {
    // The first city-local day counted, and the instant it began: rows are chosen by comparing the column itself
    // with that instant (an index on it serves the range); only the grouping converts each row to its local day.
    const [{ start, startAt }] = (await tx`
      SELECT d AS start, (d::timestamp AT TIME ZONE ${tz}) AS "startAt" FROM (SELECT (now() AT TIME ZONE ${tz})::date - ${days}::int AS d) s`) as unknown as [{ start: string; startAt: string }];
    const day = (column: string) => tx`(${tx(column)} AT TIME ZONE ${tz})::date`;
    const since = (column: string) => tx`${tx(column)} >= ${startAt}`;
    await tx`DELETE FROM stats_daily WHERE day >= ${start}`;
    const inserted = await tx`
      INSERT INTO stats_daily (metric, day, dimension, value)
      SELECT 'reports.received', ${day('created_at')}, '', count(*) FROM reports WHERE ${since('created_at')} GROUP BY 2
      UNION ALL
      SELECT 'reports.solved', ${day('closed_at')}, '', count(*) FROM reports WHERE closed_at IS NOT NULL AND ${since('closed_at')} GROUP BY 2
      UNION ALL
      SELECT 'reports.answered', ${day('a.created_at')}, '', count(*) FROM report_answers a WHERE ${since('a.created_at')} GROUP BY 2
      UNION ALL
      SELECT 'reports.answered_on_time', ${day('a.created_at')}, '', count(*) FILTER (WHERE (e.data->>'onTime')::boolean)
      FROM report_answers a LEFT JOIN report_events e ON e.report_id = a.report_id AND e.kind = 'answered' AND (e.data->>'answerId')::bigint = a.id
      WHERE ${since('a.created_at')} GROUP BY 2
      UNION ALL
      SELECT 'reports.median_answer_hours', ${day('a.created_at')}, '',
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.created_at - coalesce(r.moderated_at, r.created_at)) / 3600)
      FROM report_answers a JOIN reports r ON r.id = a.report_id WHERE ${since('a.created_at')} GROUP BY 2
      UNION ALL
      SELECT 'ideas.proposed', ${day('created_at')}, project_id::text, count(*) FROM ideas WHERE ${since('created_at')} GROUP BY 2, 3
      UNION ALL
      SELECT 'participants', d, '', count(DISTINCT who) FROM (
        SELECT ${day('created_at')} AS d, author_id AS who FROM reports WHERE author_id IS NOT NULL AND ${since('created_at')}
        UNION ALL SELECT ${day('created_at')}, author_id FROM ideas WHERE author_id IS NOT NULL AND ${since('created_at')}
        UNION ALL SELECT ${day('created_at')}, author_id FROM idea_comments WHERE author_id IS NOT NULL AND ${since('created_at')}
        UNION ALL SELECT ${day('created_at')}, user_id FROM idea_supports WHERE ${since('created_at')}
        UNION ALL SELECT ${day('created_at')}, user_id FROM points_ledger WHERE reason = 'ballot' AND ${since('created_at')}
      ) activity GROUP BY 2
      UNION ALL
      SELECT 'satisfaction.average', ${day('created_at')}, '', avg(score) FROM feedback WHERE ${since('created_at')} GROUP BY 2
      UNION ALL
      SELECT 'satisfaction.ratings', ${day('created_at')}, '', count(*) FROM feedback WHERE ${since('created_at')} GROUP BY 2
      UNION ALL
      SELECT 'satisfaction.average', ${day('created_at')}, subject::text, avg(score) FROM feedback WHERE ${since('created_at')} GROUP BY 2, 3
      UNION ALL
      SELECT 'satisfaction.ratings', ${day('created_at')}, subject::text, count(*) FROM feedback WHERE ${since('created_at')} GROUP BY 2, 3`;
    await tx`DELETE FROM stats_totals`;
    const totals = await tx`
      INSERT INTO stats_totals (metric, dimension, value)
      SELECT 'stats.refreshed', '', 1
      UNION ALL
      SELECT 'ideas.proposed_total', project_id::text, count(*) FROM ideas WHERE status <> 'merged' GROUP BY 2
      UNION ALL
      SELECT 'ideas.accepted_total', project_id::text, count(*) FROM ideas WHERE status = 'accepted' GROUP BY 2
      UNION ALL
      SELECT 'ballots.turnout', b.id::text || ':' || coalesce(d.code, 'unknown'), count(*)
      FROM ballot_participations p JOIN ballots b ON b.id = p.ballot_id LEFT JOIN districts d ON d.id = p.district_id
      WHERE b.status IN ('open', 'closed', 'published') GROUP BY 2`;
    return { daily: inserted.count, totals: totals.count };
  });
}
