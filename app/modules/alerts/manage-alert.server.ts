// What happens to an alert after it is made (ADR 056): confirmed by its e-mail link, paused, resumed or deleted by its
// owner in the cabinet or by the signed "manage" link of its digests (ADR 062), removed by the signed unsubscribe link.
// Each is one statement that says whether it changed anything.
import { and, eq, ne, sql as dsql, type SQL } from 'drizzle-orm';
import { areaAlerts } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { cityDayOf, rescheduleDigest, scheduleDigest } from './jobs';
import { alertForLink } from './queries.server';

export type Confirmed = { outcome: 'confirmed' | 'already'; label: string } | { outcome: 'gone' };

/** Confirms an address's alert: from then on its digests go out, listing what happens after this moment. */
export async function confirmAlert(alertId: number, now = new Date()): Promise<Confirmed> {
  const [row] = await db
    .update(areaAlerts)
    .set({ status: 'active', confirmedAt: now, digestFrom: now, updatedAt: now })
    .where(and(eq(areaAlerts.id, alertId), eq(areaAlerts.status, 'pending')))
    .returning({ label: areaAlerts.label });
  if (row) {
    await scheduleDigest(alertId, cityDayOf(now));
    return { outcome: 'confirmed', label: row.label };
  }
  const alert = await alertForLink(alertId);
  return alert ? { outcome: 'already', label: alert.label } : { outcome: 'gone' };
}

/** Removes an alert by its signed link (no sign-in): true when there was one to remove. */
export async function unsubscribeAlert(alertId: number): Promise<boolean> {
  const rows = await db.delete(areaAlerts).where(eq(areaAlerts.id, alertId)).returning({ id: areaAlerts.id });
  return rows.length > 0;
}

export type AlertIntent = 'pause' | 'resume' | 'delete';

/** Pause, resume or delete the alerts `which` names; an unconfirmed alert is never paused or resumed (only confirmed). */
async function changeAlert(which: SQL, alertId: number, intent: AlertIntent, now: Date): Promise<boolean> {
  if (intent === 'delete') return (await db.delete(areaAlerts).where(which).returning({ id: areaAlerts.id })).length > 0;
  // A resumed alert starts afresh: its next digest lists what happens after it was turned back on.
  const changed = await db
    .update(areaAlerts)
    .set(intent === 'pause' ? { status: 'paused', updatedAt: now } : { status: 'active', digestFrom: dsql`CASE WHEN ${areaAlerts.status} = 'paused' THEN ${now.toISOString()}::timestamptz ELSE ${areaAlerts.digestFrom} END`, updatedAt: now })
    .where(and(which, ne(areaAlerts.status, 'pending')))
    .returning({ id: areaAlerts.id });
  // Today's job may have run while it was paused: it is queued again, not merely added (a no-op on a finished job's id).
  if (changed.length > 0 && intent === 'resume') await rescheduleDigest(alertId, cityDayOf(now));
  return changed.length > 0;
}

/** The cabinet's pause, resume and delete, on the person's own alert only: false when it is not theirs (or gone). */
export async function manageAlert(userId: string, alertId: number, intent: AlertIntent, now = new Date()): Promise<boolean> {
  return changeAlert(and(eq(areaAlerts.id, alertId), eq(areaAlerts.userId, userId))!, alertId, intent, now);
}

/** The same by the signed "manage" link of a digest, without signing in: holding the mailbox is the authority (ADR 062). */
export async function manageAlertByLink(alertId: number, intent: AlertIntent, now = new Date()): Promise<boolean> {
  return changeAlert(eq(areaAlerts.id, alertId), alertId, intent, now);
}
