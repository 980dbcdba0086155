// The composite satisfaction index, the pains and the centres' figures (issue 17, ADR 050).
import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { centreScope, reportScope, type FeedbackScope } from './scope.server';
import { feedbackDimensions, type FeedbackDimension } from './schemas';

/**
 * The weights of ADR 050: the overall score counts most, the final result next, and the four ways of being served
 * alike. A rating's weighted score is over the parts it rated (a skipped dimension is left out, not a zero).
 */
export const indexWeights: Record<'score' | FeedbackDimension, number> = { score: 0.4, result: 0.2, clarity: 0.1, speed: 0.1, conduct: 0.1, waiting: 0.1 };

/** One rating's weighted score on 1–5, as SQL over the feedback row `f`. */
const weightedScore = () => {
  const sum = feedbackDimensions.reduce((acc, d) => sql`${acc} + coalesce(${sql(`f.${d}`)}::numeric, 0) * ${indexWeights[d]}::numeric`, sql`f.score * ${indexWeights.score}::numeric`);
  const weight = feedbackDimensions.reduce((acc, d) => sql`${acc} + (CASE WHEN ${sql(`f.${d}`)} IS NULL THEN 0 ELSE ${indexWeights[d]}::numeric END)`, sql`${indexWeights.score}::numeric`);
  return sql`((${sum}) / (${weight}))`;
};

/** The kinds of unit the index is given for. */
export const indexUnits = ['department', 'category', 'centre', 'service'] as const;
export type IndexUnit = (typeof indexUnits)[number];

export type IndexRow = { unit: IndexUnit; id: number; nameRu: string; nameEn: string; month: string; ratings: number; index: number };

/**
 * The index (0–100) per unit and city month over the last `months`: the mean of the ratings' weighted scores, put
 * on 0–100 (1 → 0, 5 → 100). Departments and categories from report ratings, centres and services from visit
 * ratings; an officer sees their departments' reports only, a consultant their centres' visits.
 */
export async function satisfactionIndex(scope: FeedbackScope, months = 12): Promise<IndexRow[]> {
  const tz = env.CITY_TIMEZONE;
  const since = sql`f.created_at >= date_trunc('month', now() AT TIME ZONE ${tz}) AT TIME ZONE ${tz} - make_interval(months => ${months - 1})`;
  const month = sql`to_char(f.created_at AT TIME ZONE ${tz}, 'YYYY-MM')`;
  const rows = await sql<IndexRow[]>`
    WITH rated AS (SELECT f.*, ${weightedScore()} AS weighted, ${month} AS month FROM feedback f WHERE ${since})
    SELECT 'department' AS unit, d.id, d.name_ru AS "nameRu", d.name_en AS "nameEn", f.month, count(*)::int AS ratings, round(avg((f.weighted - 1) * 25), 1)::float AS index
      FROM rated f JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id JOIN departments d ON d.id = r.department_id WHERE ${reportScope(scope)} GROUP BY d.id, f.month
    UNION ALL
    SELECT 'category', c.id, c.name_ru, c.name_en, f.month, count(*)::int, round(avg((f.weighted - 1) * 25), 1)::float
      FROM rated f JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id JOIN categories c ON c.id = r.category_id WHERE ${reportScope(scope)} GROUP BY c.id, f.month
    UNION ALL
    SELECT 'centre', c.id, c.name_ru, c.name_en, f.month, count(*)::int, round(avg((f.weighted - 1) * 25), 1)::float
      FROM rated f JOIN centres c ON c.id = f.centre_id WHERE ${centreScope(scope)} GROUP BY c.id, f.month
    UNION ALL
    SELECT 'service', s.id, s.name_ru, s.name_en, f.month, count(*)::int, round(avg((f.weighted - 1) * 25), 1)::float
      FROM rated f JOIN services s ON s.id = f.service_id WHERE ${centreScope(scope)} GROUP BY s.id, f.month
    ORDER BY 1, 5, 2`;
  return [...rows];
}

export type PainRow = { subject: string; stage: string; dimension: 'score' | FeedbackDimension; ratings: number; average: number };

/**
 * The pains: each point of interaction (subject and stage) and each part of it rated (the overall score and every
 * dimension), with at least `minRatings` ratings over the last `days`, lowest average first.
 */
export async function painPoints(scope: FeedbackScope, days: number, minRatings = 5, limit = 12): Promise<PainRow[]> {
  const visible = scope.departmentIds === 'all' ? sql`TRUE` : sql`((f.subject = 'report' AND ${reportScope(scope)}) OR (f.subject = 'visit' AND ${centreScope(scope)}))`;
  const rows = await sql<PainRow[]>`
    SELECT f.subject::text AS subject, f.stage::text AS stage, p.dimension, count(p.value)::int AS ratings, round(avg(p.value), 2)::float AS average
    FROM feedback f LEFT JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id,
      LATERAL (VALUES ('score', f.score), ('clarity', f.clarity), ('speed', f.speed), ('conduct', f.conduct), ('waiting', f.waiting), ('result', f.result)) AS p(dimension, value)
    WHERE f.created_at >= now() - make_interval(days => ${days}) AND p.value IS NOT NULL AND ${visible}
    GROUP BY 1, 2, 3 HAVING count(p.value) >= ${minRatings}
    ORDER BY average, ratings DESC, 1, 2, 3 LIMIT ${limit}`;
  return [...rows];
}

export type CentreFigures = {
  id: number;
  code: string;
  nameRu: string;
  nameEn: string;
  visitsServed: number;
  ticketsServed: number;
  averageWaitMinutes: number | null;
  ratings: number;
  average: number | null;
  /** Booked visits the resident did not come to (marked at the desk or by the queue). */
  noShows: number;
  /** From a served ticket's call to its finish. */
  averageServiceMinutes: number | null;
};

/**
 * Per centre over the last `days` (all centres, or those of `centreIds`): visits served and missed, tickets served,
 * the average wait from ticket to call and service from call to finish, and the visits' ratings.
 */
export async function centresFigures(days: number, centreIds: number[] | 'all' = 'all'): Promise<CentreFigures[]> {
  const since = sql`now() - make_interval(days => ${days})`;
  const rows = await sql<CentreFigures[]>`
    SELECT c.id, c.code, c.name_ru AS "nameRu", c.name_en AS "nameEn",
      coalesce(v.served, 0) AS "visitsServed", t.served AS "ticketsServed", t.wait AS "averageWaitMinutes", coalesce(f.ratings, 0) AS ratings, f.average,
      coalesce(v.missed, 0) AS "noShows", t.service AS "averageServiceMinutes"
    FROM centres c
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE status = 'served')::int AS served, count(*) FILTER (WHERE status = 'no_show')::int AS missed
      FROM visits WHERE centre_id = c.id AND starts_at >= ${since}) v ON TRUE
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS served, round(avg(extract(epoch FROM called_at - issued_at) / 60)::numeric, 1)::float AS wait,
        round(avg(extract(epoch FROM finished_at - called_at) / 60)::numeric, 1)::float AS service
      FROM tickets WHERE centre_id = c.id AND status = 'served' AND issued_at >= ${since}) t ON TRUE
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS ratings, round(avg(score), 2)::float AS average
      FROM feedback WHERE centre_id = c.id AND created_at >= ${since}) f ON TRUE
    WHERE ${centreIds === 'all' ? sql`TRUE` : sql`c.id = ANY(${centreIds}::int[])`}
    ORDER BY c.code`;
  return [...rows];
}

/** Each dimension's average over the ratings that scored it, as SQL columns over the feedback row `f`. */
const dimensionAverages = () =>
  feedbackDimensions.map((d) => sql`round(avg(${sql(`f.${d}`)}), 2)::float AS ${sql(d)}`).reduce((acc, column) => sql`${acc}, ${column}`);

export type DimensionRow = { unit: 'department' | 'centre'; id: number; nameRu: string; nameEn: string; ratings: number; score: number } & Record<FeedbackDimension, number | null>;

/**
 * Per department (report ratings) and per centre (visit ratings) in the scope, over the last `days`: the ratings,
 * the average overall score and the average of each dimension over the ratings that scored it (a skipped one is no 0).
 */
export async function dimensionScores(scope: FeedbackScope, days: number): Promise<DimensionRow[]> {
  const since = sql`f.created_at >= now() - make_interval(days => ${days})`;
  const averages = dimensionAverages();
  const rows = await sql<DimensionRow[]>`
    SELECT 'department' AS unit, d.id, d.name_ru AS "nameRu", d.name_en AS "nameEn", count(*)::int AS ratings, round(avg(f.score), 2)::float AS score, ${averages}
      FROM feedback f JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id JOIN departments d ON d.id = r.department_id
      WHERE ${since} AND ${reportScope(scope)} GROUP BY d.id
    UNION ALL
    SELECT 'centre', c.id, c.name_ru, c.name_en, count(*)::int, round(avg(f.score), 2)::float, ${averages}
      FROM feedback f JOIN centres c ON c.id = f.centre_id WHERE ${since} AND ${centreScope(scope)} GROUP BY c.id
    ORDER BY 1, 3, 2`;
  return [...rows];
}

export type OwnRatings = { ratings: number; average: number | null } & Record<FeedbackDimension, number | null>;

/** The ratings of the visits a staff member served (the feedback's `staff_id`), over the last `days`. */
export async function ratingsOfStaff(staffId: string, days: number): Promise<OwnRatings> {
  const averages = dimensionAverages();
  const [row] = await sql<OwnRatings[]>`
    SELECT count(*)::int AS ratings, round(avg(f.score), 2)::float AS average, ${averages}
    FROM feedback f WHERE f.staff_id = ${staffId} AND f.created_at >= now() - make_interval(days => ${days})`;
  return row!;
}

/** Per centre and city day: tickets served, their average wait, and the ratings of the visits served that day. */
export function centreDailyRows() {
  const tz = env.CITY_TIMEZONE;
  return sql`
    WITH days AS (
      SELECT centre_id, day, count(*) FILTER (WHERE status = 'served')::int AS served,
        round((avg(extract(epoch FROM called_at - issued_at)) FILTER (WHERE status = 'served') / 60)::numeric, 1)::float AS wait
      FROM tickets GROUP BY 1, 2),
    rated AS (
      SELECT f.centre_id, (v.starts_at AT TIME ZONE ${tz})::date AS day, count(*)::int AS ratings, round(avg(f.score), 2)::float AS average
      FROM feedback f JOIN visits v ON f.subject = 'visit' AND v.id = f.subject_id WHERE f.stage = 'served' GROUP BY 1, 2)
    SELECT c.code AS centre, to_char(coalesce(d.day, r.day), 'YYYY-MM-DD') AS day, coalesce(d.served, 0) AS tickets_served, d.wait AS average_wait_minutes,
      coalesce(r.ratings, 0) AS ratings, r.average AS average_score
    FROM days d FULL JOIN rated r ON r.centre_id = d.centre_id AND r.day = d.day JOIN centres c ON c.id = coalesce(d.centre_id, r.centre_id)
    ORDER BY 2, 1`;
}
