import { eq, sql } from 'drizzle-orm';
import { initiatives } from '#db/schema/index';
import type { Tx } from '#app/utils/db.server';

/**
 * The initiative, locked for this transaction: every change of its status or count (a support, the threshold,
 * the deadline, a moderator's or expert's decision) takes this lock first, so they happen one after another.
 */
export async function lockInitiative(tx: Tx, initiativeId: number) {
  const [row] = await tx.select().from(initiatives).where(eq(initiatives.id, initiativeId)).for('no key update');
  return row ?? null;
}

/** Verified residents of the scope (the city, or one district), not blocked or deleted: who may support it. */
export async function eligibleResidents(tx: Tx, districtId: number | null): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM users
    WHERE verified AND deleted_at IS NULL AND blocked_at IS NULL AND ${districtId === null ? sql`TRUE` : sql`district_id = ${districtId}`}`);
  return row?.n ?? 0;
}
