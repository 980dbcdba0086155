import { and, count, eq, gt, sql } from 'drizzle-orm';
import { centreServices, centres, services, visits } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { holidaySet } from '#app/modules/city/index.server';
import { wallClockToInstant } from '#app/utils/time-zone';
import type { Result } from '#app/utils/result';
import { cityDays, slotsOn } from './hours';
import { scheduleVisitReminders } from './jobs';
import { bookingDays, hoursOf } from './queries.server';

/** How many coming visits one person may hold at once. */
export const maxComingVisits = 3;

type Booked = { visitId: number; startsAt: Date; window: number };

/**
 * Takes the first free window of the slot, or nothing. The partial unique index decides between simultaneous
 * bookings: a loser's insert conflicts and does nothing, and the next round reads the windows taken meanwhile.
 */
async function takeWindow(tx: Tx, userId: string, centre: { id: number; windows: number }, serviceId: number, startsAt: Date): Promise<Booked | 'taken' | 'yours'> {
  for (let round = 0; round <= centre.windows; round++) {
    const [row] = await tx.execute<{ id: number; window: number }>(sql`
      INSERT INTO visits (centre_id, service_id, user_id, starts_at, "window")
      SELECT ${centre.id}, ${serviceId}, ${userId}, ${startsAt.toISOString()}::timestamptz, w FROM generate_series(1, ${centre.windows}::int) w
      WHERE NOT EXISTS (SELECT 1 FROM visits v WHERE v.centre_id = ${centre.id} AND v.starts_at = ${startsAt.toISOString()}::timestamptz AND v."window" = w AND v.status <> 'cancelled')
      ORDER BY w LIMIT 1
      ON CONFLICT DO NOTHING
      RETURNING id, "window"`);
    if (row) return { visitId: row.id, startsAt, window: row.window };
    const [mine] = await tx.select({ id: visits.id }).from(visits).where(and(eq(visits.userId, userId), eq(visits.startsAt, startsAt), sql`${visits.status} <> 'cancelled'`));
    if (mine) return 'yours';
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(visits).where(and(eq(visits.centreId, centre.id), eq(visits.startsAt, startsAt), sql`${visits.status} <> 'cancelled'`));
    if (n >= centre.windows) return 'taken';
  }
  return 'taken';
}

/**
 * Books a visit to a centre for a service at a slot (a wall-clock time in the city), or moves the person's coming
 * visit `visitId` there: the new visit is taken first and the old one cancelled in the same transaction, so a move
 * that finds the slot gone changes nothing. Refused: a service the centre does not offer, a time that is not one
 * of the centre's slots, in the past or too far ahead, a full slot, or too many coming visits, and a service withdrawn
 * from the catalogue (a booked visit keeps its service; moving it is a new booking, refused too).
 */
export async function bookVisit(userId: string, centreId: number, input: { serviceId: number; slot: string; visitId?: number }, now = new Date()): Promise<Result<Booked>> {
  const [centre] = await db.select({ id: centres.id, windows: centres.windows, slotMinutes: centres.slotMinutes }).from(centres).where(eq(centres.id, centreId));
  if (!centre) return { ok: false, errors: { form: 'centres.notFound' } };
  const [offered] = await db
    .select({ id: centreServices.serviceId, withdrawnAt: services.withdrawnAt })
    .from(centreServices)
    .innerJoin(services, eq(services.id, centreServices.serviceId))
    .where(and(eq(centreServices.centreId, centreId), eq(centreServices.serviceId, input.serviceId)));
  if (!offered) return { ok: false, errors: { serviceId: 'centres.notOffered' } };
  if (offered.withdrawnAt) return { ok: false, errors: { serviceId: 'services.withdrawnNoBooking' } };
  const startsAt = wallClockToInstant(input.slot, env.CITY_TIMEZONE);
  const day = input.slot.slice(0, 10);
  if (!startsAt || !slotsOn((await hoursOf([centreId])).get(centreId) ?? [], day, await holidaySet(), centre.slotMinutes).includes(input.slot)) return { ok: false, errors: { slot: 'centres.notASlot' } };
  if (startsAt <= now) return { ok: false, errors: { slot: 'centres.slotPast' } };
  if (!cityDays(now, env.CITY_TIMEZONE, bookingDays).includes(day)) return { ok: false, errors: { slot: 'centres.slotTooFar' } };

  const outcome = await db.transaction(async (tx): Promise<Result<Booked & { createdAt: Date }>> => {
    // One person's bookings one after another: the count of coming visits below holds under double clicks.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('visits'), hashtext(${userId}))`);
    // The service held while the visit is written: a withdrawal or a deletion waits for this booking, or it for them.
    const [service] = await tx.select({ withdrawnAt: services.withdrawnAt }).from(services).where(eq(services.id, input.serviceId)).for('share');
    if (!service) return { ok: false, errors: { serviceId: 'centres.notOffered' } };
    if (service.withdrawnAt) return { ok: false, errors: { serviceId: 'services.withdrawnNoBooking' } };
    const coming = await tx.select({ id: visits.id, startsAt: visits.startsAt }).from(visits).where(and(eq(visits.userId, userId), eq(visits.status, 'booked'), gt(visits.startsAt, now)));
    const moving = input.visitId === undefined ? null : coming.find((v) => v.id === input.visitId);
    if (input.visitId !== undefined && !moving) return { ok: false, errors: { form: 'centres.visitNotYours' } };
    if (!moving && coming.length >= maxComingVisits) return { ok: false, errors: { form: 'centres.tooManyVisits' } };
    if (moving && moving.startsAt.getTime() === startsAt.getTime()) return { ok: false, errors: { slot: 'centres.sameSlot' } };
    const taken = await takeWindow(tx, userId, centre, input.serviceId, startsAt);
    if (taken === 'taken') return { ok: false, errors: { slot: 'centres.slotTaken' } };
    if (taken === 'yours') return { ok: false, errors: { slot: 'centres.youAreBooked' } };
    if (moving) await tx.update(visits).set({ status: 'cancelled', updatedAt: new Date() }).where(eq(visits.id, moving.id));
    return { ok: true, value: { ...taken, createdAt: new Date() } };
  });
  if (!outcome.ok) return outcome;
  await scheduleVisitReminders({ id: outcome.value.visitId, startsAt: outcome.value.startsAt, createdAt: outcome.value.createdAt });
  const { createdAt: _, ...booked } = outcome.value;
  return { ok: true, value: booked };
}

/** Cancels the person's own coming visit; the slot is free again at once (the unique index skips cancelled visits). */
export async function cancelVisit(userId: string, visitId: number, now = new Date()): Promise<Result<null>> {
  const [cancelled] = await db
    .update(visits)
    .set({ status: 'cancelled', updatedAt: new Date() })
    .where(and(eq(visits.id, visitId), eq(visits.userId, userId), eq(visits.status, 'booked'), gt(visits.startsAt, now)))
    .returning({ id: visits.id });
  return cancelled ? { ok: true, value: null } : { ok: false, errors: { form: 'centres.visitNotYours' } };
}
