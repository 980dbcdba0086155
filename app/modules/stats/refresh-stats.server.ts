import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import type { StatsQuery, StatsSql, ToolManifest } from '#app/modules/manifest';

/**
 * Recomputes the KPIs of the last `days` city-local days (and the running totals) in one transaction, from what each
 * tool declares in its manifest (`stats`: SELECTs over its own tables): the worker runs it every few minutes, so the
 * dashboards never aggregate raw rows. The tools come from the registry (the sweeper is handed them; callers outside
 * the worker use `refreshStats` from the stats tool's index).
 */
export async function refreshStatsOf(tools: readonly ToolManifest[], days = 120): Promise<{ daily: number; totals: number }> {
  const tz = env.CITY_TIMEZONE;
  return sql.begin(async (tx) => {
    // One refresh at a time (the worker's sweep, a request's, another worker's): two at once would each delete the
    // old rows and then insert the same days twice. Taken first, so each statement after it sees the last one's rows.
    await tx`SELECT pg_advisory_xact_lock(hashtext('vmeste.stats.refresh'))`;
    // The first city-local day counted, and the instant it began: rows are chosen by comparing the column itself
    // with that instant (an index on it serves the range); only the grouping converts each row to its local day.
    const [{ start, startAt }] = (await tx`
      SELECT d AS start, (d::timestamp AT TIME ZONE ${tz}) AS "startAt" FROM (SELECT (now() AT TIME ZONE ${tz})::date - ${days}::int AS d) s`) as unknown as [{ start: string; startAt: string }];
    const q: StatsSql = {
      tx,
      day: (column) => tx`(${tx(column)} AT TIME ZONE ${tz})::date`,
      since: (column) => tx`${tx(column)} >= ${startAt}`,
    };
    const declared = (part: 'daily' | 'totals' | 'participants') => tools.flatMap((tool) => tool.stats?.[part]?.(q) ?? []);
    const unionAll = (queries: StatsQuery[]) => queries.reduce((all, query) => tx`${all} UNION ALL ${query}`);
    const participants = declared('participants');
    const daily = [
      ...declared('daily'),
      // A person active in two tools on one day counts once.
      ...(participants.length ? [tx`SELECT 'participants', d, '', count(DISTINCT who) FROM (${unionAll(participants)}) activity (d, who) GROUP BY 2`] : []),
    ];
    await tx`DELETE FROM stats_daily WHERE day >= ${start}`;
    const inserted = daily.length ? await tx`INSERT INTO stats_daily (metric, day, dimension, value) ${unionAll(daily)}` : { count: 0 };
    await tx`DELETE FROM stats_totals`;
    const totals = await tx`INSERT INTO stats_totals (metric, dimension, value) ${unionAll([tx`SELECT 'stats.refreshed', '', 1`, ...declared('totals')])}`;
    return { daily: inserted.count, totals: totals.count };
  });
}
