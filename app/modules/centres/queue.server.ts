// The electronic queue of a centre: walk-in tickets and checked-in visits in one line, called by the windows.
import { and, asc, eq, sql } from 'drizzle-orm';
import { centreServices, centres, services, tickets, visits } from '#db/schema/index';
import { db, type Tx } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { recordAudit } from '#app/modules/audit/index.server';
import { keyPrefix, producerRedis, withinRedisTimeout } from '#app/utils/redis.server';
import type { Result } from '#app/utils/result';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { cityDays } from './hours';
import { inviteToRateVisit } from './invite-rating.server';

export const queueChannel = `${keyPrefix()}:centres:queue`;

const cityToday = (now: Date) => cityDays(now, env.CITY_TIMEZONE, 1)[0]!;

/** After a change commits: tell every web process, whose screens re-read the queue. A lost message only delays a screen. */
async function announce(centreId: number): Promise<void> {
  try {
    await withinRedisTimeout(producerRedis().publish(queueChannel, String(centreId)), 500);
  } catch {
    // Redis down: the queue is in Postgres; the screens catch up with the next change or their periodic re-read.
  }
}

/** The next number of the centre's day: one issuer at a time per centre (the unique index would refuse a double). */
async function nextNumber(tx: Tx, centreId: number, day: string): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('tickets'), ${centreId}::int)`);
  const [row] = await tx.select({ n: sql<number>`coalesce(max(${tickets.number}), 0)::int` }).from(tickets).where(and(eq(tickets.centreId, centreId), eq(tickets.day, day)));
  return (row?.n ?? 0) + 1;
}

/** A walk-in ticket for a service the centre offers (and the catalogue still lists), issued at the desk; audited. */
export async function issueTicket(actorId: string, centreId: number, serviceId: number, now = new Date()): Promise<Result<{ ticketId: number; number: number }>> {
  const [offered] = await db
    .select({ id: centreServices.serviceId, withdrawnAt: services.withdrawnAt })
    .from(centreServices)
    .innerJoin(services, eq(services.id, centreServices.serviceId))
    .where(and(eq(centreServices.centreId, centreId), eq(centreServices.serviceId, serviceId)));
  if (!offered) return { ok: false, errors: { serviceId: 'centres.notOffered' } };
  // A withdrawn service takes no new walk-ins either; a booked visit of it still checks in (checkInVisit).
  if (offered.withdrawnAt) return { ok: false, errors: { serviceId: 'services.withdrawnNoBooking' } };
  const issued = await db.transaction(async (tx) => {
    const day = cityToday(now);
    const number = await nextNumber(tx, centreId, day);
    const [row] = await tx.insert(tickets).values({ centreId, day, number, kind: 'walk_in', serviceId, issuedAt: now }).returning({ id: tickets.id });
    await recordAudit(tx, { actorId, action: 'ticket.issue', targetType: 'ticket', targetId: row!.id, after: { centreId, number, serviceId } });
    return { ticketId: row!.id, number };
  });
  await announce(centreId);
  return { ok: true, value: issued };
}

/** A booked visit of today checked in at the desk: its ticket goes ahead of the walk-ins. Once per visit. */
export async function checkInVisit(actorId: string, centreId: number, visitId: number, now = new Date()): Promise<Result<{ ticketId: number; number: number }>> {
  const day = cityToday(now);
  const outcome = await db.transaction(async (tx): Promise<Result<{ ticketId: number; number: number }>> => {
    const [visit] = await tx
      .select({ id: visits.id, serviceId: visits.serviceId })
      .from(visits)
      .where(and(eq(visits.id, visitId), eq(visits.centreId, centreId), eq(visits.status, 'booked'), sql`(${visits.startsAt} AT TIME ZONE ${env.CITY_TIMEZONE})::date = ${day}::date`))
      .for('update');
    if (!visit) return { ok: false, errors: { form: 'centres.cannotCheckIn' } };
    const [already] = await tx.select({ id: tickets.id }).from(tickets).where(eq(tickets.visitId, visitId));
    if (already) return { ok: false, errors: { form: 'centres.alreadyCheckedIn' } };
    const number = await nextNumber(tx, centreId, day);
    const [row] = await tx.insert(tickets).values({ centreId, day, number, kind: 'visit', visitId, serviceId: visit.serviceId, issuedAt: now }).returning({ id: tickets.id });
    await recordAudit(tx, { actorId, action: 'ticket.check-in', targetType: 'ticket', targetId: row!.id, after: { centreId, number, visitId } });
    return { ok: true, value: { ticketId: row!.id, number } };
  });
  if (outcome.ok) await announce(centreId);
  return outcome;
}

/**
 * A window calls the next ticket: checked-in visits first, then walk-ins, each oldest first. The window must have
 * finished its called ticket; two windows calling at once each get their own ticket (the centre's lock orders them).
 */
export async function callNext(actorId: string, centreId: number, window: number, now = new Date()): Promise<Result<{ ticketId: number; number: number } | null>> {
  const [centre] = await db.select({ windows: centres.windows }).from(centres).where(eq(centres.id, centreId));
  if (!centre) return { ok: false, errors: { form: 'centres.notFound' } };
  if (window > centre.windows) return { ok: false, errors: { window: 'centres.noSuchWindow' } };
  const outcome = await db.transaction(async (tx): Promise<Result<{ ticketId: number; number: number } | null>> => {
    // The centre's calls one after another: a double click on one window finds it busy instead of breaking the index.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('tickets'), ${centreId}::int)`);
    const [busy] = await tx.select({ id: tickets.id }).from(tickets).where(and(eq(tickets.centreId, centreId), eq(tickets.window, window), eq(tickets.status, 'called')));
    if (busy) return { ok: false, errors: { window: 'centres.windowBusy' } };
    const [next] = await tx
      .select({ id: tickets.id, number: tickets.number })
      .from(tickets)
      .where(and(eq(tickets.centreId, centreId), eq(tickets.day, cityToday(now)), eq(tickets.status, 'waiting')))
      .orderBy(sql`${tickets.kind} = 'walk_in'`, asc(tickets.issuedAt), asc(tickets.number))
      .limit(1);
    if (!next) return { ok: true, value: null };
    await tx.update(tickets).set({ status: 'called', window, calledAt: now, calledBy: actorId }).where(eq(tickets.id, next.id));
    await recordAudit(tx, { actorId, action: 'ticket.call', targetType: 'ticket', targetId: next.id, after: { centreId, number: next.number, window } });
    return { ok: true, value: { ticketId: next.id, number: next.number } };
  });
  if (outcome.ok && outcome.value) await announce(centreId);
  return outcome;
}

/** The window finishes its called ticket: served, or nobody came; a visit's ticket marks the visit the same. */
export async function finishTicket(actorId: string, centreId: number, ticketId: number, outcome: 'served' | 'no_show', now = new Date()): Promise<Result<null>> {
  const outbox: number[] = [];
  const done = await db.transaction(async (tx): Promise<Result<null>> => {
    const [ticket] = await tx
      .update(tickets)
      .set({ status: outcome, finishedAt: now })
      .where(and(eq(tickets.id, ticketId), eq(tickets.centreId, centreId), eq(tickets.status, 'called')))
      .returning({ id: tickets.id, visitId: tickets.visitId, number: tickets.number, window: tickets.window });
    if (!ticket) return { ok: false, errors: { form: 'centres.notCalled' } };
    if (ticket.visitId) {
      const [marked] = await tx.update(visits).set({ status: outcome, updatedAt: now }).where(and(eq(visits.id, ticket.visitId), eq(visits.status, 'booked'))).returning({ id: visits.id });
      // A served visit's resident is asked to rate it (ADR 050).
      if (marked && outcome === 'served') outbox.push(...(await inviteToRateVisit(tx, marked.id)));
    }
    await recordAudit(tx, { actorId, action: `ticket.${outcome}`, targetType: 'ticket', targetId: ticketId, after: { centreId, number: ticket.number, window: ticket.window } });
    return { ok: true, value: null };
  });
  if (done.ok) await Promise.all([announce(centreId), enqueueEmailDelivery(outbox)]);
  return done;
}

export type QueueScreen = {
  called: { number: number; window: number }[];
  waiting: number;
  /** Minutes a new ticket may expect to wait; null when nobody waits. */
  expectedWaitMinutes: number | null;
  at: number;
};

/**
 * What the centre's screen shows: the tickets being called (latest first), how many wait, and the expected wait —
 * the people waiting times today's average service time, over the windows (the slot length before the first finish).
 */
export async function queueScreen(centreId: number, now = new Date()): Promise<QueueScreen | null> {
  const [centre] = await db.select({ windows: centres.windows, slotMinutes: centres.slotMinutes }).from(centres).where(eq(centres.id, centreId));
  if (!centre) return null;
  const day = cityToday(now);
  const [called, [stats]] = await Promise.all([
    db.select({ number: tickets.number, window: tickets.window }).from(tickets).where(and(eq(tickets.centreId, centreId), eq(tickets.day, day), eq(tickets.status, 'called'))).orderBy(sql`${tickets.calledAt} DESC`),
    db
      .select({
        waiting: sql<number>`count(*) FILTER (WHERE ${tickets.status} = 'waiting')::int`,
        serviceSeconds: sql<number | null>`avg(extract(epoch FROM ${tickets.finishedAt} - ${tickets.calledAt})) FILTER (WHERE ${tickets.status} = 'served')`,
      })
      .from(tickets)
      .where(and(eq(tickets.centreId, centreId), eq(tickets.day, day))),
  ]);
  const waiting = stats?.waiting ?? 0;
  const perTicket = stats?.serviceSeconds != null ? Number(stats.serviceSeconds) / 60 : centre.slotMinutes;
  return {
    called: called.map((c) => ({ number: c.number, window: c.window ?? 0 })),
    waiting,
    expectedWaitMinutes: waiting === 0 ? null : Math.max(1, Math.round((waiting * perTicket) / centre.windows)),
    at: now.getTime(),
  };
}

/** The desk's view of the queue today: every ticket with its state. */
export async function queueToday(centreId: number, now = new Date()) {
  return db
    .select({ id: tickets.id, number: tickets.number, kind: tickets.kind, visitId: tickets.visitId, status: tickets.status, window: tickets.window, issuedAt: tickets.issuedAt, calledAt: tickets.calledAt, finishedAt: tickets.finishedAt })
    .from(tickets)
    .where(and(eq(tickets.centreId, centreId), eq(tickets.day, cityToday(now))))
    .orderBy(asc(tickets.number));
}
