import { scopeOf } from '#app/modules/accounts/index.server';
import type { CurrentUser } from '#app/modules/accounts/index.server';
import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { feedbackGroups, feedbackViewSchema, type FeedbackGroup } from './schemas';
import { centreIdsOf, centreScope, isCityWide, reportScope, seesCentres, seesReports, type FeedbackScope } from './scope.server';

export { centreIdsOf, centreScope, isCityWide, seesCentres, type FeedbackScope };

/** Staff who hold no city-wide role see their own departments' report ratings and their own centres' visit ratings only. */
export function feedbackScopeOf(user: Pick<CurrentUser, 'roles'>): FeedbackScope {
  return { departmentIds: scopeOf(user, 'feedback.read', 'departmentId'), centreIds: scopeOf(user, 'feedback.read', 'centreId') };
}

export type SatisfactionRow = { group: FeedbackGroup; id: number; nameRu: string; nameEn: string; ratings: number; average: number; low: number };

/**
 * The groupings a staff member may choose: an officer sees report ratings only, so departments and categories; a
 * centre's consultant visit ratings only, so centres and services.
 */
export function groupsInScope(scope: FeedbackScope): FeedbackGroup[] {
  if (isCityWide(scope)) return [...feedbackGroups];
  return [...(seesReports(scope) ? (['department', 'category'] as const) : []), ...(seesCentres(scope) ? (['centre', 'service'] as const) : [])];
}

/**
 * The view a staff member asked for (`?days=&by=&group=`), within what they may see: an officer asking for projects
 * gets departments. `foreignGroup`: the one group asked for is another unit's (ADR 057), which is not there for them.
 */
export function feedbackViewOf(scope: FeedbackScope, params: URLSearchParams): { days: number; by: FeedbackGroup; group?: number; foreignGroup: boolean } {
  const view = feedbackViewSchema.parse(Object.fromEntries(params));
  const groups = groupsInScope(scope);
  const foreignGroup = view.group !== undefined && !groupInScope(scope, view.by, view.group);
  return { ...view, by: groups.includes(view.by) ? view.by : (groups[0] ?? 'department'), foreignGroup };
}

/**
 * May the viewer look at this one group (`?by=&group=`)? A department or a centre outside their scope is never
 * theirs; a category or service is, as its ratings are narrowed to their departments or centres anyway.
 */
function groupInScope(scope: FeedbackScope, by: FeedbackGroup, id: number): boolean {
  if (!groupsInScope(scope).includes(by)) return false;
  if (by === 'department') return scope.departmentIds === 'all' || scope.departmentIds.includes(id);
  if (by === 'centre') {
    const ids = centreIdsOf(scope);
    return ids === 'all' || ids.includes(id);
  }
  return true;
}

/**
 * Every rating of one kind of group over the last `days`, with its group's id and names: the one definition the
 * series, the CSV and the complaint words of a group share. Officers' scope applies to the report groups; they
 * never see project or ballot ratings.
 */
function ratingsByGroup(scope: FeedbackScope, group: FeedbackGroup, days: number) {
  const since = sql`f.created_at >= now() - make_interval(days => ${days})`;
  const columns = sql`f.id AS feedback_id, f.score, f.comment, f.created_at`;
  switch (group) {
    case 'department':
      return sql`SELECT d.id AS group_id, d.name_ru, d.name_en, ${columns}
        FROM feedback f JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id JOIN departments d ON d.id = r.department_id WHERE ${since} AND ${reportScope(scope)}`;
    case 'category':
      return sql`SELECT c.id AS group_id, c.name_ru, c.name_en, ${columns}
        FROM feedback f JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id JOIN categories c ON c.id = r.category_id WHERE ${since} AND ${reportScope(scope)}`;
    case 'project':
      return sql`SELECT p.id AS group_id, p.title_ru AS name_ru, p.title_en AS name_en, ${columns}
        FROM feedback f JOIN ideas i ON f.subject = 'idea' AND i.id = f.subject_id JOIN projects p ON p.id = i.project_id WHERE ${since} AND ${scope.departmentIds === 'all'}`;
    case 'ballot':
      return sql`SELECT b.id AS group_id, b.title_ru AS name_ru, b.title_en AS name_en, ${columns}
        FROM feedback f JOIN ballots b ON f.subject = 'ballot' AND b.id = f.subject_id WHERE ${since} AND ${scope.departmentIds === 'all'}`;
    case 'centre':
      return sql`SELECT c.id AS group_id, c.name_ru, c.name_en, ${columns}
        FROM feedback f JOIN centres c ON c.id = f.centre_id WHERE ${since} AND ${centreScope(scope)}`;
    case 'service':
      return sql`SELECT s.id AS group_id, s.name_ru, s.name_en, ${columns}
        FROM feedback f JOIN services s ON s.id = f.service_id WHERE ${since} AND ${centreScope(scope)}`;
  }
}

export type GroupSeries = {
  /** The groups with the most ratings in the period, most first. */
  groups: { id: number; nameRu: string; nameEn: string; ratings: number }[];
  /** Their average per city-local week (Monday), oldest first; a week without ratings has no row. */
  weeks: { week: string; groupId: number; ratings: number; average: number }[];
};

/** Satisfaction over time per group: the weekly average of the `top` most rated groups of one kind. */
export async function satisfactionOverTime(scope: FeedbackScope, group: FeedbackGroup, days: number, top = 5): Promise<GroupSeries> {
  if (!groupsInScope(scope).includes(group)) return { groups: [], weeks: [] };
  const tz = env.CITY_TIMEZONE;
  const rows = await sql<{ week: string; groupId: number; nameRu: string; nameEn: string; ratings: number; average: number }[]>`
    WITH rated AS (${ratingsByGroup(scope, group, days)}),
    top AS (SELECT group_id FROM rated GROUP BY group_id ORDER BY count(*) DESC, group_id LIMIT ${top})
    SELECT to_char(date_trunc('week', r.created_at AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS week, r.group_id AS "groupId", r.name_ru AS "nameRu", r.name_en AS "nameEn",
      count(*)::int AS ratings, round(avg(r.score), 2)::float AS average
    FROM rated r JOIN top USING (group_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2`;
  const totals = new Map<number, GroupSeries['groups'][number]>();
  for (const r of rows) {
    const g = totals.get(r.groupId) ?? { id: r.groupId, nameRu: r.nameRu, nameEn: r.nameEn, ratings: 0 };
    g.ratings += r.ratings;
    totals.set(r.groupId, g);
  }
  const groups = [...totals.values()].sort((a, b) => b.ratings - a.ratings || a.id - b.id);
  const weeks = rows.map(({ week, groupId, ratings, average }) => ({ week, groupId, ratings, average }));
  return { groups, weeks };
}

/**
 * Ratings per department and per category (reports), per project (ideas), per ballot and per centre and service
 * (visits), over the last `days`: every kind of group in the scope, each from its one definition, in one query.
 */
export async function satisfactionByGroup(scope: FeedbackScope, days: number): Promise<SatisfactionRow[]> {
  const perGroup = groupsInScope(scope).map(
    (group) => sql`SELECT ${group}::text AS "group", g.group_id AS id, g.name_ru AS "nameRu", g.name_en AS "nameEn", count(*)::int AS ratings,
      round(avg(g.score), 2)::float AS average, count(*) FILTER (WHERE g.score <= 2)::int AS low
      FROM (${ratingsByGroup(scope, group, days)}) g GROUP BY g.group_id, g.name_ru, g.name_en`,
  );
  if (perGroup.length === 0) return [];
  return [...(await sql<SatisfactionRow[]>`${perGroup.reduce((all, part) => sql`${all} UNION ALL ${part}`)}`)];
}

/** The average rating per week and kind of interaction (the "over time" view and a dashboard series). */
export async function satisfactionByWeek(scope: FeedbackScope, days: number): Promise<{ week: string; subject: string; ratings: number; average: number }[]> {
  return sql`
    SELECT to_char(date_trunc('week', f.created_at), 'YYYY-MM-DD') AS week, f.subject::text AS subject, count(*)::int AS ratings, round(avg(f.score), 2)::float AS average
    FROM feedback f LEFT JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id
    WHERE f.created_at >= now() - make_interval(days => ${days})
      AND (${isCityWide(scope)} OR (f.subject = 'report' AND ${reportScope(scope)}) OR (f.subject = 'visit' AND ${centreScope(scope)}))
    GROUP BY 1, 2 ORDER BY 1, 2`;
}

/**
 * The words that come up most in low ratings' comments (1–2), stemmed by Postgres full-text search (its Russian
 * configuration stems Russian words and passes Latin ones to the English stemmer) and without stop words: over
 * everything in the scope, or for one group (`of`).
 */
export async function complaintWords(scope: FeedbackScope, days: number, limit = 15, of?: { group: FeedbackGroup; id: number }): Promise<{ word: string; comments: number }[]> {
  if (of && !groupsInScope(scope).includes(of.group)) return [];
  const rated = of
    ? sql`SELECT * FROM (${ratingsByGroup(scope, of.group, days)}) g WHERE g.group_id = ${of.id}`
    : isCityWide(scope)
      ? sql`SELECT f.id AS feedback_id, f.score, f.comment FROM feedback f WHERE f.created_at >= now() - make_interval(days => ${days})`
      : sql`${ratingsByGroup(scope, 'department', days)} UNION ALL ${ratingsByGroup(scope, 'centre', days)}`;
  return sql`
    SELECT word, count(DISTINCT rated.feedback_id)::int AS comments
    FROM (${rated}) rated, unnest(tsvector_to_array(to_tsvector('russian', rated.comment))) AS word
    WHERE rated.score <= 2 AND rated.comment IS NOT NULL AND length(word) > 2
    GROUP BY word ORDER BY comments DESC, word LIMIT ${limit}`;
}
