import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { refreshStats } from '#app/modules/stats/refresh-stats.server';
import { Browser } from '../support/app';

afterAll(closeConnections);

describe('the city in figures', () => {
  it('pre-aggregates figures that match counting the raw rows', async () => {
    await refreshStats();
    const tz = env.CITY_TIMEZONE;
    const check = async (metric: string, raw: Promise<{ day: string; n: number }[]>) => {
      const counted = await sql<{ day: string; n: number }[]>`SELECT day::text AS day, value::float AS n FROM stats_daily WHERE metric = ${metric} AND dimension = '' ORDER BY day`;
      const expected = (await raw).filter((r) => counted.length === 0 || r.day >= counted[0]!.day);
      expect(counted.map((r) => [r.day, r.n]), metric).toEqual(expected.map((r) => [r.day, r.n]));
      return counted.length;
    };
    const days = await check('reports.received', sql`SELECT (created_at AT TIME ZONE ${tz})::date::text AS day, count(*)::float AS n FROM reports WHERE created_at > now() - interval '100 days' GROUP BY 1 ORDER BY 1`);
    expect(days, 'the demo city has reports on many days').toBeGreaterThan(20);
    await check('reports.solved', sql`SELECT (closed_at AT TIME ZONE ${tz})::date::text AS day, count(*)::float AS n FROM reports WHERE closed_at > now() - interval '100 days' GROUP BY 1 ORDER BY 1`);
    await check('reports.answered', sql`SELECT (created_at AT TIME ZONE ${tz})::date::text AS day, count(*)::float AS n FROM report_answers WHERE created_at > now() - interval '100 days' GROUP BY 1 ORDER BY 1`);
    const [proposed] = await sql<{ n: number }[]>`SELECT coalesce(sum(value), 0)::int AS n FROM stats_totals WHERE metric = 'ideas.proposed_total'`;
    const [rawIdeas] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ideas WHERE status <> 'merged'`;
    expect(proposed!.n).toBe(rawIdeas!.n);
    const [turnout] = await sql<{ n: number }[]>`SELECT coalesce(sum(value), 0)::int AS n FROM stats_totals WHERE metric = 'ballots.turnout'`;
    const [rawTurnout] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ballot_participations p JOIN ballots b ON b.id = p.ballot_id WHERE b.status IN ('open', 'closed', 'published')`;
    expect(turnout!.n).toBe(rawTurnout!.n);
  });

  it('shows every KPI with its numbers and a CSV of the same figures', async () => {
    await refreshStats();
    const browser = new Browser();
    const html = await (await browser.get('/stats')).text();
    for (const title of ['Problems reported and solved per day', 'Answers on time', 'Residents taking part per day', 'Ideas proposed and accepted per project', 'Satisfaction after interactions']) expect(html).toContain(title);
    expect(html).toContain('Show the numbers');
    const csv = await browser.get('/stats/reports-daily.csv');
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(['day', 'reports_received', 'reports_solved', 'reports_answered', 'reports_answered_on_time', 'reports_median_answer_hours']);
    const [counted] = await sql<{ n: number }[]>`SELECT sum(value)::int AS n FROM stats_daily WHERE metric = 'reports.received' AND dimension = ''`;
    expect(rows.reduce((sum, r) => sum + Number(r.reports_received || 0), 0)).toBe(counted!.n);
    for (const file of ['participants.csv', 'satisfaction.csv', 'ideas-by-project.csv', 'turnout.csv']) expect((await browser.get(`/stats/${file}`)).status, file).toBe(200);
    expect((await browser.get('/stats/nothing.csv')).status).toBe(404);
  });
});
