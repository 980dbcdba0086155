import { sql } from 'drizzle-orm';
import type { DbOrTx } from '#app/utils/db.server';

/** A budget project's budgets: the city-wide one (null if none) and each district's; null when it is not a budget. */
export type ProjectBudgets = { currency: string; city: number | null; districts: Map<number, number> };

/** The budgets of a project, read inside the caller's transaction (which holds the project's row). */
export async function projectBudgets(tx: DbOrTx, projectId: number): Promise<ProjectBudgets | null> {
  const rows = await tx.execute<{ currency: string | null; city: number | null; districtId: number | null; budget: number | null }>(sql`
    SELECT p.currency, p.budget::float8 AS city, pd.district_id AS "districtId", pd.budget::float8 AS budget
    FROM projects p LEFT JOIN project_districts pd ON pd.project_id = p.id AND pd.budget IS NOT NULL
    WHERE p.id = ${projectId}`);
  const currency = rows[0]?.currency;
  if (!currency) return null;
  const districts = new Map<number, number>();
  for (const row of rows) if (row.districtId !== null && row.budget !== null) districts.set(row.districtId, row.budget);
  return { currency, city: rows[0]!.city, districts };
}

/** The budget that pays for an idea of `districtId` (null: the city's), or null when the project has no such budget. */
export function budgetOf(budgets: ProjectBudgets, districtId: number | null): number | null {
  return districtId === null ? budgets.city : (budgets.districts.get(districtId) ?? null);
}

/** The largest of a project's budgets: an author's estimate may not exceed it (the experts pick the budget later). */
export function largestBudget(budgets: ProjectBudgets): number {
  return Math.max(budgets.city ?? 0, ...budgets.districts.values());
}
