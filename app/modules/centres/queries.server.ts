import { and, asc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import { centreHours, centreServices, centres, districts, services, users, visits } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { holidaySet } from '#app/modules/city/index.server';
import { wallClockToInstant } from '#app/utils/time-zone';
import { cityDays, hoursOn, isOpenAt, slotsOn, type OpeningHours } from './hours';

/** How far ahead a visit can be booked, in city days (today included). */
export const bookingDays = 14;

const centreColumns = {
  id: centres.id,
  code: centres.code,
  nameRu: centres.nameRu,
  nameEn: centres.nameEn,
  addressRu: centres.addressRu,
  addressEn: centres.addressEn,
  windows: centres.windows,
  slotMinutes: centres.slotMinutes,
  districtId: centres.districtId,
  accessibilityRu: centres.accessibilityRu,
  accessibilityEn: centres.accessibilityEn,
  latitude: sql<number>`ST_Y(${centres.location})`.mapWith(Number),
  longitude: sql<number>`ST_X(${centres.location})`.mapWith(Number),
  districtRu: districts.nameRu,
  districtEn: districts.nameEn,
};

export async function hoursOf(centreIds: number[]): Promise<Map<number, OpeningHours[]>> {
  const rows = centreIds.length ? await db.select().from(centreHours).where(inArray(centreHours.centreId, centreIds)).orderBy(asc(centreHours.weekday)) : [];
  const byCentre = new Map<number, OpeningHours[]>();
  for (const r of rows) byCentre.set(r.centreId, [...(byCentre.get(r.centreId) ?? []), { weekday: r.weekday, opens: r.opens, closes: r.closes }]);
  return byCentre;
}

/** Today's hours and whether it is open now, on the city's clock. */
function today(hours: OpeningHours[], holidays: Set<string>, now: Date) {
  const [day] = cityDays(now, env.CITY_TIMEZONE, 1);
  const h = hoursOn(hours, day!, holidays);
  return { todayHours: h ? { opens: h.opens.slice(0, 5), closes: h.closes.slice(0, 5) } : null, openNow: isOpenAt(hours, now, env.CITY_TIMEZONE, holidays), holidayToday: holidays.has(day!) };
}

/** Every centre for the public list and map, with today's hours and "open now". */
export async function listCentres(now = new Date()) {
  const rows = await db.select(centreColumns).from(centres).leftJoin(districts, eq(districts.id, centres.districtId)).orderBy(asc(centres.nameRu));
  const [hours, holidays] = await Promise.all([hoursOf(rows.map((r) => r.id)), holidaySet()]);
  return rows.map((r) => ({ ...r, ...today(hours.get(r.id) ?? [], holidays, now) }));
}

/** One centre's page: its week of hours, today's, open now, and the services it offers (those the catalogue lists). */
export async function centreById(id: number, now = new Date()) {
  const [row] = await db.select(centreColumns).from(centres).leftJoin(districts, eq(districts.id, centres.districtId)).where(eq(centres.id, id));
  if (!row) return null;
  const [hours, holidays, offered] = await Promise.all([
    hoursOf([id]),
    holidaySet(),
    db
      .select({ id: services.id, code: services.code, nameRu: services.nameRu, nameEn: services.nameEn, durationMinutes: services.durationMinutes })
      .from(centreServices)
      .innerJoin(services, eq(services.id, centreServices.serviceId))
      .where(and(eq(centreServices.centreId, id), isNull(services.withdrawnAt)))
      .orderBy(asc(services.nameRu)),
  ]);
  const week = hours.get(id) ?? [];
  return { ...row, week: week.map((h) => ({ weekday: h.weekday, opens: h.opens.slice(0, 5), closes: h.closes.slice(0, 5) })), services: offered, ...today(week, holidays, now) };
}

/** A centre as the admin form shows it: every field as text, the hours as "08:00-20:00". */
export async function centreForm(id: number): Promise<Record<string, string | string[]> | null> {
  const centre = await centreById(id);
  if (!centre) return null;
  // Every service the centre offers, a withdrawn one too: saving the form keeps it for when it is restored.
  const ids = (await db.select({ id: centreServices.serviceId }).from(centreServices).where(eq(centreServices.centreId, id))).map((o) => String(o.id));
  const hours = Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((d) => {
    const h = centre.week.find((w) => w.weekday === d);
    return [`hours${d}`, h ? `${h.opens}-${h.closes}` : ''];
  }));
  return {
    code: centre.code,
    nameRu: centre.nameRu,
    nameEn: centre.nameEn,
    addressRu: centre.addressRu,
    addressEn: centre.addressEn,
    latitude: String(centre.latitude),
    longitude: String(centre.longitude),
    windows: String(centre.windows),
    slotMinutes: String(centre.slotMinutes),
    accessibilityRu: centre.accessibilityRu ?? '',
    accessibilityEn: centre.accessibilityEn ?? '',
    ...hours,
    serviceIds: ids,
  };
}

/**
 * The catalogue: the services it lists with the centres that offer them, in the catalogue's order; with
 * `withWithdrawn` (the admin's pages) the withdrawn ones too, each saying when it was withdrawn.
 */
export async function listServices({ withWithdrawn = false } = {}) {
  const [rows, offers] = await Promise.all([
    db
      .select()
      .from(services)
      .where(withWithdrawn ? undefined : isNull(services.withdrawnAt))
      .orderBy(asc(services.situation), asc(services.nameRu)),
    db.select({ serviceId: centreServices.serviceId, centreId: centres.id, nameRu: centres.nameRu, nameEn: centres.nameEn }).from(centreServices).innerJoin(centres, eq(centres.id, centreServices.centreId)).orderBy(asc(centres.nameRu)),
  ]);
  return rows.map((s) => ({
    id: s.id,
    code: s.code,
    situation: s.situation,
    nameRu: s.nameRu,
    nameEn: s.nameEn,
    descriptionRu: s.descriptionRu,
    descriptionEn: s.descriptionEn,
    documentsRu: s.documentsRu.split('\n').filter(Boolean),
    documentsEn: s.documentsEn.split('\n').filter(Boolean),
    durationMinutes: s.durationMinutes,
    withdrawnAt: s.withdrawnAt,
    centres: offers.filter((o) => o.serviceId === s.id).map(({ centreId, nameRu, nameEn }) => ({ id: centreId, nameRu, nameEn })),
  }));
}

/** One service as its admin form shows it (the documents one a line), or null when there is none. */
export async function serviceForm(id: number): Promise<Record<string, string | string[]> | null> {
  const [row] = await db.select().from(services).where(eq(services.id, id));
  if (!row) return null;
  const offeredAt = await db.select({ centreId: centreServices.centreId }).from(centreServices).where(eq(centreServices.serviceId, id));
  return {
    code: row.code,
    situation: row.situation,
    nameRu: row.nameRu,
    nameEn: row.nameEn,
    descriptionRu: row.descriptionRu,
    descriptionEn: row.descriptionEn,
    documentsRu: row.documentsRu,
    documentsEn: row.documentsEn,
    durationMinutes: String(row.durationMinutes),
    centreIds: offeredAt.map((o) => String(o.centreId)),
  };
}

/**
 * Where a service stands for its admin page: when it was withdrawn (null: listed), and how often it was booked or
 * queued for (a service with either can be withdrawn, not deleted), the coming visits among them.
 */
export async function serviceStanding(id: number): Promise<{ withdrawnAt: Date | null; visits: number; comingVisits: number; tickets: number } | null> {
  const [row] = await db.execute<{ withdrawnAt: Date | null; visits: number; comingVisits: number; tickets: number }>(sql`
    SELECT s.withdrawn_at AS "withdrawnAt",
      (SELECT count(*)::int FROM visits v WHERE v.service_id = s.id) AS visits,
      (SELECT count(*)::int FROM visits v WHERE v.service_id = s.id AND v.status = 'booked' AND v.starts_at > now()) AS "comingVisits",
      (SELECT count(*)::int FROM tickets t WHERE t.service_id = s.id) AS tickets
    FROM services s WHERE s.id = ${id}`);
  if (!row) return null;
  return { ...row, withdrawnAt: row.withdrawnAt ? new Date(row.withdrawnAt) : null };
}

export type Slot = { start: string; free: number };

/**
 * The slots of a centre on a city day with how many windows are still free: from its hours that day (holidays
 * included), less the visits not cancelled, leaving out what has begun. `except` is a visit being moved (its own
 * slot counts as free for it).
 */
export async function freeSlots(centre: { id: number; windows: number; slotMinutes: number }, day: string, now = new Date(), except?: number): Promise<Slot[]> {
  const [hours, holidays] = await Promise.all([hoursOf([centre.id]), holidaySet()]);
  const starts = slotsOn(hours.get(centre.id) ?? [], day, holidays, centre.slotMinutes)
    .map((start) => ({ start, at: wallClockToInstant(start, env.CITY_TIMEZONE) }))
    .filter((s): s is { start: string; at: Date } => !!s.at && s.at > now);
  if (starts.length === 0) return [];
  const taken = await db
    .select({ startsAt: visits.startsAt, count: sql<number>`count(*)::int` })
    .from(visits)
    .where(and(eq(visits.centreId, centre.id), ne(visits.status, 'cancelled'), gte(visits.startsAt, starts[0]!.at), except ? ne(visits.id, except) : undefined))
    .groupBy(visits.startsAt);
  const count = new Map(taken.map((r) => [r.startsAt.getTime(), r.count]));
  return starts.map((s) => ({ start: s.start, free: Math.max(0, centre.windows - (count.get(s.at.getTime()) ?? 0)) }));
}

/** A person's visits, the coming ones first; a visit of a withdrawn service among them (it stays valid). */
export async function visitsOf(userId: string) {
  return db
    .select({ id: visits.id, startsAt: visits.startsAt, status: visits.status, window: visits.window, centreId: centres.id, centreRu: centres.nameRu, centreEn: centres.nameEn, addressRu: centres.addressRu, addressEn: centres.addressEn, serviceId: services.id, serviceRu: services.nameRu, serviceEn: services.nameEn, serviceWithdrawn: sql<boolean>`${services.withdrawnAt} IS NOT NULL` })
    .from(visits)
    .innerJoin(centres, eq(centres.id, visits.centreId))
    .innerJoin(services, eq(services.id, visits.serviceId))
    .where(eq(visits.userId, userId))
    .orderBy(sql`${visits.startsAt} < now()`, asc(visits.startsAt))
    .limit(100);
}

/** A centre's visits of one city day for the desk, by time, with who booked (staff only). */
export async function deskDay(centreId: number, day: string) {
  return db
    .select({ id: visits.id, startsAt: visits.startsAt, window: visits.window, status: visits.status, serviceRu: services.nameRu, serviceEn: services.nameEn, person: users.name })
    .from(visits)
    .innerJoin(services, eq(services.id, visits.serviceId))
    .innerJoin(users, eq(users.id, visits.userId))
    .where(and(eq(visits.centreId, centreId), ne(visits.status, 'cancelled'), sql`(${visits.startsAt} AT TIME ZONE ${env.CITY_TIMEZONE})::date = ${day}::date`))
    .orderBy(asc(visits.startsAt), asc(visits.window));
}

/** A centre's counts over the last `days` city days: visits booked, served, missed, cancelled. */
export async function centreFigures(centreId: number, days = 7) {
  const [row] = await db
    .select({
      booked: sql<number>`count(*)::int`,
      served: sql<number>`count(*) FILTER (WHERE ${visits.status} = 'served')::int`,
      noShow: sql<number>`count(*) FILTER (WHERE ${visits.status} = 'no_show')::int`,
      cancelled: sql<number>`count(*) FILTER (WHERE ${visits.status} = 'cancelled')::int`,
    })
    .from(visits)
    .where(and(eq(visits.centreId, centreId), sql`${visits.startsAt} > now() - make_interval(days => ${days}::int)`, sql`${visits.startsAt} <= now()`));
  return row ?? { booked: 0, served: 0, noShow: 0, cancelled: 0 };
}
