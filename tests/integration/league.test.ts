// The public league of departments: each figure as its definition says, on the seeded city's reports and answers
// (300 demo reports with their history, answered on time and late, rated and not).
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { departmentLeague, type LeagueRow } from '#app/modules/reports/league.server';

afterAll(closeConnections);

/**
 * Each department's figures by the definition, one correlated subquery per figure (how the league was first written):
 * received = reports routed to it and made in the period; of its answers in the period, the count, the share on time
 * (the "answered" event's onTime), the median hours from moderation (or submission) to the answer, and the share of
 * rated answers residents were satisfied with; overdue now = assigned reports past their due time.
 */
async function byDefinition(days: number | null): Promise<LeagueRow[]> {
  const since = days ? sql`now() - make_interval(days => ${days})` : sql`'-infinity'::timestamptz`;
  const answers = sql`(
    SELECT a.department_id, a.satisfied, (e.data->>'onTime')::boolean AS on_time,
           extract(epoch FROM a.created_at - coalesce(r.moderated_at, r.created_at)) / 3600 AS hours
    FROM report_answers a JOIN reports r ON r.id = a.report_id
    LEFT JOIN report_events e ON e.report_id = a.report_id AND e.kind = 'answered' AND (e.data->>'answerId')::bigint = a.id
    WHERE a.created_at >= ${since})`;
  return [
    ...(await db.execute<LeagueRow>(sql`
    SELECT d.id AS "departmentId", d.name_ru AS "nameRu", d.name_en AS "nameEn", d.kind,
      (SELECT count(*)::int FROM reports r WHERE r.department_id = d.id AND r.created_at >= ${since}) AS received,
      (SELECT count(*)::int FROM ${answers} a WHERE a.department_id = d.id) AS answered,
      (SELECT round(100.0 * count(*) FILTER (WHERE on_time) / nullif(count(*), 0))::int FROM ${answers} a WHERE a.department_id = d.id) AS "onTimePercent",
      (SELECT round((percentile_cont(0.5) WITHIN GROUP (ORDER BY hours))::numeric, 1)::float8 FROM ${answers} a WHERE a.department_id = d.id) AS "medianHours",
      (SELECT count(*)::int FROM reports r WHERE r.department_id = d.id AND r.status = 'assigned' AND r.answer_due_at < now()) AS "overdueNow",
      (SELECT round(100.0 * count(*) FILTER (WHERE satisfied) / nullif(count(*) FILTER (WHERE satisfied IS NOT NULL), 0))::int FROM ${answers} a WHERE a.department_id = d.id) AS "satisfactionPercent"
    FROM departments d`)),
  ];
}

const byId = (rows: LeagueRow[]) => [...rows].sort((a, b) => a.departmentId - b.departmentId);

describe('the league of departments', () => {
  it('gives every department the figures its definition gives, for the last 30 days and for all time', async () => {
    for (const days of [30, null]) {
      const league = byId(await departmentLeague(days));
      expect(league.length).toBeGreaterThan(5);
      // The seeded city has answers in both periods: the comparison is not one of empty rows.
      expect(league.some((row) => row.answered > 0 && row.medianHours !== null && row.onTimePercent !== null && row.satisfactionPercent !== null)).toBe(true);
      expect(league).toEqual(byId(await byDefinition(days)));
    }
  });
});
