import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { centres, visits } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { formatCityDateTime } from '#app/utils/city-time.server';
import { notify } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { ensureVisitReminders, reminderLead, reminderOwed, type ReminderKind } from './jobs';

/**
 * Sends one reminder of a visit, once: the visit is re-read, and the reminder goes only if it is still owed (the
 * visit booked, not begun, not moved since the job was queued, not reminded yet). The mark and the notice are one
 * transaction, so a job run twice sends once.
 */
export async function remindVisit(visitId: number, kind: ReminderKind, now = new Date()): Promise<string> {
  const outbox = await db.transaction(async (tx) => {
    const [visit] = await tx
      .select({ id: visits.id, userId: visits.userId, status: visits.status, startsAt: visits.startsAt, createdAt: visits.createdAt, remindedDayAt: visits.remindedDayAt, remindedHourAt: visits.remindedHourAt, centreRu: centres.nameRu, centreEn: centres.nameEn, addressRu: centres.addressRu })
      .from(visits)
      .innerJoin(centres, eq(centres.id, visits.centreId))
      .where(eq(visits.id, visitId))
      .for('update', { of: visits });
    // Not before its time (a job retried or run early waits for the next one), and only while still owed.
    const early = !!visit && now.getTime() < visit.startsAt.getTime() - reminderLead[kind] - 60_000;
    if (!visit || early || visit.status !== 'booked' || !reminderOwed(visit, kind, now.getTime())) return null;
    await tx.update(visits).set(kind === 'day' ? { remindedDayAt: now } : { remindedHourAt: now }).where(eq(visits.id, visitId));
    return notify(tx, {
      userId: visit.userId,
      kind: kind === 'day' ? 'centres.remindDay' : 'centres.remindHour',
      params: { centre: visit.centreRu, address: visit.addressRu, time: formatCityDateTime(visit.startsAt, 'ru') },
      link: '/me/visits',
      email: { subject: kind === 'day' ? 'centres.remindDay' : 'centres.remindHour', body: 'centres.remindBody' },
    });
  });
  if (!outbox) return 'moot';
  await enqueueEmailDelivery(outbox);
  return 'sent';
}

/**
 * The sweeper: from Postgres, every reminder still owed of the visits of the next 25 hours is queued again if Redis
 * lost it (a later visit's reminders are repaired once it comes that close: the sweeper runs every minute).
 */
export async function sweepVisitReminders(now = new Date()): Promise<string> {
  const soon = await db
    .select({ id: visits.id, startsAt: visits.startsAt, createdAt: visits.createdAt, remindedDayAt: visits.remindedDayAt, remindedHourAt: visits.remindedHourAt })
    .from(visits)
    .where(and(eq(visits.status, 'booked'), gt(visits.startsAt, now), lt(visits.startsAt, sql`${now.toISOString()}::timestamptz + interval '25 hours'`), or(isNull(visits.remindedDayAt), isNull(visits.remindedHourAt))))
    .limit(1000);
  const owed = soon.filter((v) => reminderOwed(v, 'day', now.getTime()) || reminderOwed(v, 'hour', now.getTime()));
  await ensureVisitReminders(owed, now.getTime());
  return `reminders owed ${owed.length}`;
}
