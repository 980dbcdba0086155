// Whose ratings a staff member sees (ADR 050, 057), as values and as SQL: kept apart from the queries so the
// index and the datasets can use it without reaching the accounts tool.
import { sql } from '#app/utils/db.server';

/**
 * Whose ratings a staff member sees: everything; or a department officer their departments' report ratings, and a
 * centre's consultant their centres' visit ratings (ADR 057). `centreIds` left out means none.
 */
export type FeedbackScope = { departmentIds: number[] | 'all'; centreIds?: number[] | 'all' };

/** Does the scope reach every rating (a city-wide grant)? */
export const isCityWide = (scope: FeedbackScope) => scope.departmentIds === 'all';
export const centreIdsOf = (scope: FeedbackScope): number[] | 'all' => (isCityWide(scope) ? 'all' : scope.centreIds === 'all' ? 'all' : (scope.centreIds ?? []));
/** The scope's report ratings, as SQL over the report row `r`. */
export const reportScope = (scope: FeedbackScope) => (scope.departmentIds === 'all' ? sql`TRUE` : sql`r.department_id = ANY(${scope.departmentIds}::int[])`);
/** The scope's visit ratings, as SQL over the feedback row `f`. */
export const centreScope = (scope: FeedbackScope) => {
  const ids = centreIdsOf(scope);
  return ids === 'all' ? sql`TRUE` : sql`f.centre_id = ANY(${ids}::int[])`;
};
export const seesReports = (scope: FeedbackScope) => isCityWide(scope) || scope.departmentIds.length > 0;
export const seesCentres = (scope: FeedbackScope) => {
  const ids = centreIdsOf(scope);
  return ids === 'all' || ids.length > 0;
};
