import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { satisfactionByKind } from '#app/modules/feedback/stats.server';
import { refreshStats } from '#app/modules/stats/index.server';
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

  it("takes refreshes that overlap (the worker's and a request's) one after the other, never failing on a duplicate day", async () => {
    // Each recomputes the same days: two at once used to delete the same rows and insert the same keys twice.
    const results = await Promise.allSettled([refreshStats(), refreshStats(), refreshStats()]);
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok']);
    const [{ n }] = (await sql`SELECT count(*)::int AS n FROM stats_totals WHERE metric = 'stats.refreshed'`) as unknown as [{ n: number }];
    expect(n).toBe(1);
  });

  it('counts satisfaction per kind of interaction week by week as the raw ratings do, and offers it as CSV', async () => {
    await refreshStats();
    const tz = env.CITY_TIMEZONE;
    // Weeks before this one: other tests rate things now, while this runs.
    const thisWeek = (await sql<{ w: string }[]>`SELECT date_trunc('week', (now() AT TIME ZONE ${tz})::date)::date::text AS w`)[0]!.w;
    const counted = (await satisfactionByKind(120)).filter((r) => r.week < thisWeek);
    const raw = await sql<{ week: string; kind: string; average: number; ratings: number }[]>`
      WITH f AS (SELECT (created_at AT TIME ZONE ${tz})::date AS day, subject::text AS kind, score FROM feedback)
      SELECT date_trunc('week', day)::date::text AS week, kind, avg(score)::float AS average, count(*)::int AS ratings FROM f
      WHERE day > (now() AT TIME ZONE ${tz})::date - 120 AND day < ${thisWeek}::date GROUP BY 1, 2 ORDER BY 1, 2`;
    // The demo's 90 days hold 12 whole weeks before this one whatever the day it is seeded: reports are rated from
    // their first answers on, ballots after each of the past ballots, ideas in the weeks of the experts' reviews.
    const weeks = (kind: string) => counted.filter((r) => r.kind === kind).length;
    expect(weeks('report'), 'weeks with ratings of reports').toBeGreaterThanOrEqual(9);
    expect(weeks('ballot'), 'weeks with ratings of ballots').toBeGreaterThanOrEqual(4);
    expect(weeks('idea'), 'weeks with ratings of idea reviews').toBeGreaterThanOrEqual(2);
    expect(counted.map((r) => [r.week, r.kind, r.ratings])).toEqual(raw.map((r) => [r.week, r.kind, r.ratings]));
    for (const [i, r] of raw.entries()) expect(counted[i]!.average, `${r.week} ${r.kind}`).toBeCloseTo(r.average, 1);
    const csv = parse(await (await new Browser().get('/stats/satisfaction-by-kind.csv')).text(), { columns: true }) as Record<string, string>[];
    for (const r of counted) expect(csv.find((c) => c.week === r.week && c.kind === r.kind), `${r.week} ${r.kind}`).toEqual({ week: r.week, kind: r.kind, average: String(r.average), ratings: String(r.ratings) });
  });

  it('the demo seed gives every daily chart a shape: data on many days of each third of the last 90, votes included', async () => {
    await refreshStats();
    const tz = env.CITY_TIMEZONE;
    // Days with data per metric, in each third of the last 90 days (0 = the oldest month).
    const rows = await sql<{ metric: string; third: number; days: number }[]>`
      SELECT metric, ((day - ((now() AT TIME ZONE ${tz})::date - 90)) / 30)::int AS third, count(DISTINCT day)::int AS days
      FROM stats_daily WHERE day > (now() AT TIME ZONE ${tz})::date - 90 AND value > 0 GROUP BY 1, 2`;
    const days = (metric: string, third: number) => rows.filter((r) => r.metric === metric && r.third === third).reduce((n, r) => n + r.days, 0);
    const least: Record<string, number> = { 'reports.received': 15, 'reports.solved': 10, 'reports.answered': 10, 'reports.median_answer_hours': 10, participants: 25, 'satisfaction.average': 10, 'satisfaction.ratings': 10, 'ideas.proposed': 8 };
    for (const [metric, n] of Object.entries(least)) for (const third of [0, 1, 2]) expect(days(metric, third), `${metric}, days with data in month ${third + 1} of 3`).toBeGreaterThanOrEqual(n);
    // Votes are part of "residents taking part": their points credits fall on many days, in past and open ballots.
    const [votes] = await sql<{ days: number; ballots: number }[]>`
      SELECT count(DISTINCT (created_at AT TIME ZONE ${tz})::date)::int AS days, count(DISTINCT ballot_id)::int AS ballots
      FROM points_ledger WHERE reason = 'ballot' AND created_at > now() - interval '90 days'`;
    expect(votes!.days).toBeGreaterThanOrEqual(25);
    expect(votes!.ballots).toBeGreaterThanOrEqual(3);
    // More activity on weekdays than at weekends, over ten whole weeks before the last one: the last days hold a burst
    // of supports for the ideas still collecting (a Monday's run had 105 on Sunday against 45 on Saturday), which tips
    // the balance whenever they fall on a weekend.
    const [week] = await sql<{ weekday: number; weekend: number }[]>`
      SELECT (count(*) FILTER (WHERE extract(isodow FROM created_at AT TIME ZONE ${tz}) < 6) / 5.0)::float AS weekday,
        (count(*) FILTER (WHERE extract(isodow FROM created_at AT TIME ZONE ${tz}) >= 6) / 2.0)::float AS weekend
      FROM idea_supports
      WHERE created_at AT TIME ZONE ${tz} >= date_trunc('week', now() AT TIME ZONE ${tz}) - interval '11 weeks'
        AND created_at AT TIME ZONE ${tz} < date_trunc('week', now() AT TIME ZONE ${tz}) - interval '1 week'`;
    expect(week!.weekday).toBeGreaterThan(week!.weekend);
  });

  it('the demo history is consistent: nothing in the future, nothing before what it belongs to, casts inside their ballot', async () => {
    // Only the demo's own rows: other tests add theirs (some on purpose in the future) to the same database.
    const [wrong] = await sql<Record<string, number>[]>`
      WITH demo_users AS (SELECT id, created_at FROM users WHERE email LIKE '%@demo.vmeste.city'),
        -- Merging moves an older idea's supports and comments to its target: a merge target may rightly hold them.
        demo_ideas AS (SELECT i.* FROM ideas i JOIN projects p ON p.id = i.project_id WHERE p.slug IN ('clinics', 'parks') AND NOT EXISTS (SELECT 1 FROM ideas m WHERE m.merged_into_id = i.id))
      SELECT
      (SELECT count(*) FROM points_ledger p JOIN demo_users u ON u.id = p.user_id JOIN ballots b ON b.id = p.ballot_id
        WHERE p.reason = 'ballot' AND (p.created_at < b.opens_at OR p.created_at > b.closes_at OR p.created_at > now() OR p.created_at < u.created_at))::int AS "castOutsideBallot",
      (SELECT count(*) FROM ballots WHERE closed_at < closes_at OR published_at < closed_at OR opens_at > closes_at)::int AS "ballotOutOfOrder",
      (SELECT count(*) FROM idea_supports s JOIN demo_ideas i ON i.id = s.idea_id WHERE s.created_at < i.created_at OR s.created_at > now())::int AS "supportBeforeIdea",
      (SELECT count(*) FROM idea_comments c JOIN demo_ideas i ON i.id = c.idea_id WHERE c.created_at < i.created_at OR c.created_at > now())::int AS "commentBeforeIdea",
      (SELECT count(*) FROM idea_comments c JOIN idea_comments p ON p.id = c.parent_id WHERE c.created_at < p.created_at)::int AS "replyBeforeComment",
      (SELECT count(*) FROM demo_ideas i JOIN project_stages s ON s.project_id = i.project_id AND s.stage = 'collecting' WHERE i.created_at > s.ends_on)::int AS "ideaAfterCollecting",
      (SELECT count(*) FROM idea_assessments a JOIN demo_ideas i ON i.id = a.idea_id WHERE a.created_at < i.created_at)::int AS "assessedBeforeProposed",
      (SELECT count(*) FROM reports r JOIN demo_users u ON u.id = r.author_id WHERE r.created_at < u.created_at OR r.created_at > now())::int AS "reportBeforeAuthor",
      (SELECT count(*) FROM feedback f JOIN demo_users u ON u.id = f.user_id JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id
        WHERE f.created_at < CASE f.stage WHEN 'filed' THEN r.created_at WHEN 'moderated' THEN r.moderated_at ELSE r.answered_at END OR (f.stage = 'moderated' AND r.moderated_at IS NULL))::int AS "ratedBeforeAnswer",
      (SELECT count(*) FROM feedback f JOIN demo_users u ON u.id = f.user_id JOIN visits v ON f.subject = 'visit' AND v.id = f.subject_id
        WHERE f.created_at < CASE f.stage WHEN 'booked' THEN v.created_at ELSE v.starts_at END OR (f.stage = 'served' AND v.status <> 'served'))::int AS "ratedBeforeVisit",
      (SELECT count(*) FROM feedback f JOIN demo_users u ON u.id = f.user_id JOIN points_ledger p ON f.subject = 'ballot' AND p.reason = 'ballot' AND p.ballot_id = f.subject_id AND p.user_id = f.user_id
        WHERE f.created_at < p.created_at)::int AS "ratedBeforeCast",
      (SELECT count(*) FROM feedback f JOIN demo_users u ON u.id = f.user_id WHERE f.created_at > now())::int AS "ratedInFuture"`;
    expect(wrong).toEqual(Object.fromEntries(Object.keys(wrong!).map((k) => [k, 0])));
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
    for (const file of ['participants.csv', 'satisfaction.csv', 'satisfaction-by-kind.csv', 'ideas-by-project.csv', 'turnout.csv']) expect((await browser.get(`/stats/${file}`)).status, file).toBe(200);
    expect((await browser.get('/stats/nothing.csv')).status).toBe(404);
  });
});
