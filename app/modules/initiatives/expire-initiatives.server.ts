import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { initiatives } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { enqueueInitiativeNotice, ensureInitiativeDeadlines, ensureInitiativeNotices } from './jobs';
import { lockInitiative } from './locks.server';
import { recordInitiativeNotice, unfinishedInitiativeNotices } from './notices.server';

/**
 * The deadline came before the threshold: the initiative closes as `expired` and its author and supporters are
 * told. Idempotent: under the row lock it does nothing unless the initiative is still collecting and due, so the
 * job, a retry and the sweeper may all run it.
 */
export async function expireInitiative(initiativeId: number, now = new Date()): Promise<'expired' | 'not-due'> {
  const outcome = await db.transaction(async (tx) => {
    const initiative = await lockInitiative(tx, initiativeId);
    if (!initiative || initiative.status !== 'collecting' || initiative.collectsUntil! > now) return null;
    await tx.update(initiatives).set({ status: 'expired', expiredAt: now, updatedAt: now }).where(eq(initiatives.id, initiativeId));
    return recordInitiativeNotice(tx, initiativeId, 'expired', { title: initiative.title, supports: initiative.supportCount, threshold: initiative.threshold! });
  });
  if (outcome === null) return 'not-due';
  await enqueueInitiativeNotice(outcome);
  return 'expired';
}

/**
 * Every minute, from Postgres: close the initiatives whose deadline has passed (whatever Redis lost), make sure the
 * others have their deadline job, and every notice not yet told to all its people its job.
 */
export async function sweepInitiatives(now = new Date()): Promise<string> {
  const due = await db.select({ id: initiatives.id }).from(initiatives).where(and(eq(initiatives.status, 'collecting'), lte(initiatives.collectsUntil, now))).orderBy(asc(initiatives.collectsUntil)).limit(500);
  let expired = 0;
  for (const { id } of due) if ((await expireInitiative(id, now)) === 'expired') expired++;
  const open = await db
    .select({ id: initiatives.id, collectsUntil: sql<Date>`${initiatives.collectsUntil}` })
    .from(initiatives)
    .where(eq(initiatives.status, 'collecting'))
    .orderBy(asc(initiatives.collectsUntil))
    .limit(500);
  await ensureInitiativeDeadlines(open.map((o) => ({ id: o.id, collectsUntil: new Date(o.collectsUntil) })));
  const untold = await unfinishedInitiativeNotices();
  await ensureInitiativeNotices(untold);
  return `expired ${expired}, deadlines ${open.length}, notices ${untold.length}`;
}
