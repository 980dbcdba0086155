// The feedback tool's part of the city's figures (ADR 011): satisfaction per day, overall and per kind of interaction.
import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import type { StatsDeclaration } from '#app/modules/manifest';
import type { feedbackSubjects } from './schemas';

export const feedbackStats = {
  daily: ({ tx, day, since }) => [
    tx`SELECT 'satisfaction.average', ${day('created_at')}, '', avg(score) FROM feedback WHERE ${since('created_at')} GROUP BY 2`,
    tx`SELECT 'satisfaction.ratings', ${day('created_at')}, '', count(*) FROM feedback WHERE ${since('created_at')} GROUP BY 2`,
    tx`SELECT 'satisfaction.average', ${day('created_at')}, subject::text, avg(score) FROM feedback WHERE ${since('created_at')} GROUP BY 2, 3`,
    tx`SELECT 'satisfaction.ratings', ${day('created_at')}, subject::text, count(*) FROM feedback WHERE ${since('created_at')} GROUP BY 2, 3`,
  ],
} satisfies StatsDeclaration;

export type KindWeekRow = { week: string; kind: (typeof feedbackSubjects)[number]; average: number; ratings: number };

/**
 * Satisfaction per kind of interaction (a report answered, an idea reviewed, a vote cast), week by week (weeks
 * start on Monday): the rating-weighted mean of the counted daily averages, and the number of ratings.
 */
export async function satisfactionByKind(days: number): Promise<KindWeekRow[]> {
  const rows = await sql<KindWeekRow[]>`
    SELECT date_trunc('week', a.day)::date::text AS week, a.dimension AS kind,
      round((sum(a.value * r.value) / sum(r.value))::numeric, 2)::float AS average, sum(r.value)::int AS ratings
    FROM stats_daily a JOIN stats_daily r ON r.metric = 'satisfaction.ratings' AND r.day = a.day AND r.dimension = a.dimension
    WHERE a.metric = 'satisfaction.average' AND a.dimension IN ('report', 'idea', 'ballot', 'visit')
      AND a.day > (now() AT TIME ZONE ${env.CITY_TIMEZONE})::date - ${days}::int AND a.day <= (now() AT TIME ZONE ${env.CITY_TIMEZONE})::date
    GROUP BY 1, 2 ORDER BY 1, 2`;
  return [...rows];
}
