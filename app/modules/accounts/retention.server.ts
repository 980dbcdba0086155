import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';

const batch = 5000;

/**
 * Deletes in batches what matches `where` (one short statement each, so no long lock), until none is left.
 * Idempotent: a second run, or two at once, deletes nothing more than the first.
 */
async function deleteInBatches(table: 'sessions' | 'sign_in_failures', where: ReturnType<typeof sql>): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await sql`DELETE FROM ${sql(table)} WHERE id IN (SELECT id FROM ${sql(table)} WHERE ${where} LIMIT ${batch} FOR UPDATE SKIP LOCKED)`;
    total += removed.count;
    if (removed.count < batch) return total;
  }
}

/**
 * Personal data kept no longer than needed: sessions SESSIONS_RETENTION_DAYS after they expired or were revoked
 * (until then a person can see them in their cabinet), and failed sign-ins (an e-mail address and an IP)
 * SIGN_IN_FAILURES_RETENTION_DAYS after they happened (throttling reads only the last SIGN_IN_WINDOW_MINUTES).
 * The workers run it every hour.
 */
export async function applyRetention(): Promise<{ sessions: number; signInFailures: number }> {
  const sessionsBefore = sql`now() - make_interval(days => ${env.SESSIONS_RETENTION_DAYS})`;
  const sessions = await deleteInBatches('sessions', sql`(expires_at < ${sessionsBefore} OR revoked_at < ${sessionsBefore})`);
  const signInFailures = await deleteInBatches('sign_in_failures', sql`at < now() - make_interval(days => ${env.SIGN_IN_FAILURES_RETENTION_DAYS})`);
  return { sessions, signInFailures };
}
