import { sql } from '#app/utils/db.server';

/** Whose ratings a staff member sees: everything, or (a department officer) their departments' reports only. */
export type FeedbackScope = { departmentIds: number[] | 'all' };

export type SatisfactionRow = { group: 'department' | 'category' | 'project' | 'ballot'; id: number; nameRu: string; nameEn: string; ratings: number; average: number; low: number };

const reportScope = (scope: FeedbackScope) => (scope.departmentIds === 'all' ? sql`TRUE` : sql`r.department_id = ANY(${scope.departmentIds}::int[])`);

/** Ratings per department and per category (reports), per project (ideas) and per ballot, over the last `days`. */
export async function satisfactionByGroup(scope: FeedbackScope, days: number): Promise<SatisfactionRow[]> {
  const since = sql`now() - make_interval(days => ${days})`;
  const reportsPart = await sql<SatisfactionRow[]>`
    SELECT 'department' AS "group", d.id, d.name_ru AS "nameRu", d.name_en AS "nameEn", count(*)::int AS ratings, round(avg(f.score), 2)::float AS average, count(*) FILTER (WHERE f.score <= 2)::int AS low
    FROM feedback f JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id JOIN departments d ON d.id = r.department_id
    WHERE f.created_at >= ${since} AND ${reportScope(scope)} GROUP BY d.id
    UNION ALL
    SELECT 'category', c.id, c.name_ru, c.name_en, count(*)::int, round(avg(f.score), 2)::float, count(*) FILTER (WHERE f.score <= 2)::int
    FROM feedback f JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id JOIN categories c ON c.id = r.category_id
    WHERE f.created_at >= ${since} AND ${reportScope(scope)} GROUP BY c.id`;
  if (scope.departmentIds !== 'all') return reportsPart;
  const others = await sql<SatisfactionRow[]>`
    SELECT 'project' AS "group", p.id, p.title_ru AS "nameRu", p.title_en AS "nameEn", count(*)::int AS ratings, round(avg(f.score), 2)::float AS average, count(*) FILTER (WHERE f.score <= 2)::int AS low
    FROM feedback f JOIN ideas i ON f.subject = 'idea' AND i.id = f.subject_id JOIN projects p ON p.id = i.project_id
    WHERE f.created_at >= ${since} GROUP BY p.id
    UNION ALL
    SELECT 'ballot', b.id, b.title_ru, b.title_en, count(*)::int, round(avg(f.score), 2)::float, count(*) FILTER (WHERE f.score <= 2)::int
    FROM feedback f JOIN ballots b ON f.subject = 'ballot' AND b.id = f.subject_id
    WHERE f.created_at >= ${since} GROUP BY b.id`;
  return [...reportsPart, ...others];
}

/** The average rating per week and kind of interaction (the "over time" view and a dashboard series). */
export async function satisfactionByWeek(scope: FeedbackScope, days: number): Promise<{ week: string; subject: string; ratings: number; average: number }[]> {
  return sql`
    SELECT to_char(date_trunc('week', f.created_at), 'YYYY-MM-DD') AS week, f.subject::text AS subject, count(*)::int AS ratings, round(avg(f.score), 2)::float AS average
    FROM feedback f LEFT JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id
    WHERE f.created_at >= now() - make_interval(days => ${days})
      AND (${scope.departmentIds === 'all'} OR (f.subject = 'report' AND ${scope.departmentIds === 'all' ? sql`TRUE` : reportScope(scope)}))
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

/**
 * The words that come up most in low ratings' comments (1–2), stemmed by Postgres full-text search (its Russian
 * configuration stems Russian words and passes Latin ones to the English stemmer) and without stop words.
 */
export async function complaintWords(scope: FeedbackScope, days: number, limit = 15): Promise<{ word: string; comments: number }[]> {
  const departments = scope.departmentIds === 'all' ? null : scope.departmentIds;
  return sql`
    SELECT word, ndoc::int AS comments FROM ts_stat(format(
      $q$SELECT to_tsvector('russian', f.comment) FROM feedback f LEFT JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id
         WHERE f.score <= 2 AND f.comment IS NOT NULL AND f.created_at >= now() - make_interval(days => %s) AND (%L::int[] IS NULL OR r.department_id = ANY(%L::int[]))$q$,
      ${days}::int, ${departments}::int[], ${departments}::int[]))
    WHERE length(word) > 2 ORDER BY ndoc DESC, word LIMIT ${limit}`;
}
