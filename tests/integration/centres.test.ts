// Service centres over HTTP, as an admin, a resident and the desk use them: CRUD and import with per-row errors,
// the public pages, booking under simultaneous requests, moving and cancelling, reminders repaired from Postgres.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { and, desc, eq, inArray, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, centres, notifications, services, visits } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { queuePrefix } from '#app/utils/redis.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { visitReminderJobId, visitReminderQueueName } from '#app/modules/centres/jobs';
import { remindVisit, sweepVisitReminders } from '#app/modules/centres/remind-visit.server';
import { Browser, newResident } from '../support/app';
import { userIdByEmail } from '../support/reports';

const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
const reminderQueue = new Queue(visitReminderQueueName, { connection, prefix: queuePrefix(visitReminderQueueName) });
afterAll(async () => {
  await reminderQueue.close();
  connection.disconnect();
  await closeConnections();
});

const admin = new Browser();
let serviceIds: number[] = [];
beforeAll(async () => {
  await admin.signIn('admin@demo.vmeste.city');
  serviceIds = (await db.select({ id: services.id }).from(services).orderBy(services.id)).map((s) => s.id);
});

const allDay = '00:00-23:45';
/** The admin form's fields for a centre open round the clock every day (so the test holds whatever the hour). */
function centreFields(code: string, windows: number, overrides: Record<string, string | string[]> = {}) {
  return {
    code,
    nameRu: `Тестовый центр ${code}`,
    nameEn: `Test centre ${code}`,
    addressRu: 'ул. Тестовая, 1',
    addressEn: '1 Test St',
    latitude: '55.7512',
    longitude: '37.6201',
    windows: String(windows),
    slotMinutes: '15',
    ...Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, allDay])),
    serviceIds: serviceIds.slice(0, 2).map(String),
    ...overrides,
  };
}

async function createCentre(windows: number): Promise<number> {
  const code = `t-${randomUUID().slice(0, 8)}`;
  const response = await admin.post('/admin/centres/new', centreFields(code, windows));
  expect(response.status).toBe(302);
  const [row] = await db.select({ id: centres.id }).from(centres).where(eq(centres.code, code));
  return row!.id;
}

/** A slot `daysAhead` city days from now at `time`, as the booking form posts it. */
const slotIn = (daysAhead: number, time: string) => `${DateTime.now().setZone(env.CITY_TIMEZONE).plus({ days: daysAhead }).toISODate()}T${time}`;

describe('admin manages centres', () => {
  it('creates and edits a centre with its hours and services, audited, and refuses bad fields with messages', async () => {
    const code = `t-${randomUUID().slice(0, 8)}`;
    const bad = await admin.post('/admin/centres/new', centreFields(code, 0, { hours1: '20:00-08:00', hours2: 'nine to five', latitude: '123', nameEn: '' }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('The opening time must come before the closing time');
    expect(html).toContain('Write the hours as 08:00-20:00, or leave empty for closed');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(`value="${code}"`);
    expect(await db.select().from(centres).where(eq(centres.code, code))).toHaveLength(0);

    const made = await admin.post('/admin/centres/new', centreFields(code, 3, { hours6: '10:00-16:00', hours7: '', hours0: '' }));
    expect(made.status).toBe(302);
    const [row] = await db.select().from(centres).where(eq(centres.code, code));
    expect(row).toMatchObject({ windows: 3, nameEn: `Test centre ${code}` });
    const page = await (await new Browser().get(`/centres/${row!.id}`)).text();
    expect(page).toMatch(/Saturday<\/th><td>10:00–16:00/);
    expect(page).toMatch(/Sunday<\/th><td>Closed/);
    expect(page).toMatch(/Public holidays<\/th><td>Closed/);

    const edited = await admin.post(`/admin/centres/${row!.id}`, centreFields(code, 5, { nameEn: 'Renamed centre' }));
    expect(edited.status).toBe(302);
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'centre'), eq(auditLog.targetId, String(row!.id)))).orderBy(auditLog.at);
    expect(audit.map((a) => a.action)).toEqual(['centre.create', 'centre.update']);
    expect(await (await new Browser().get('/centres')).text()).toContain('Renamed centre');
  });

  it('imports a CSV all or nothing, naming the row and field of every problem', async () => {
    const a = `imp-${randomUUID().slice(0, 6)}`;
    const b = `imp-${randomUUID().slice(0, 6)}`;
    const header = 'code,name_ru,name_en,address_ru,address_en,latitude,longitude,windows,slot_minutes,mon,tue,wed,thu,fri,sat,sun,holidays,services';
    const good = `${a},Центр А,Centre A,ул. А,A St,55.70,37.60,4,15,08:00-20:00,08:00-20:00,08:00-20:00,08:00-20:00,08:00-20:00,10:00-16:00,,,passport pension`;
    const badRows = [header, good, `${b},Центр Б,,ул. Б,B St,55.71,37.61,many,15,08:00-20:00,,,,,,,,no-such-service`, `${a},Дубль,Double,ул. В,C St,55.72,37.62,2,15,,,,,,,,,`].join('\n');
    const form = new FormData();
    form.set('file', new File([badRows], 'centres.csv', { type: 'text/csv' }));
    const refused = await admin.postMultipart('/admin/centres', form);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('row 2, services: there is no service with the code no-such-service');
    expect(html).toContain('row 2, nameEn: Enter');
    expect(html).toContain('row 2, windows:');
    expect(html).toContain(`row 3, code: the code ${a} is also on row 1`);
    expect(await db.select().from(centres).where(inArray(centres.code, [a, b]))).toHaveLength(0);

    // "Check without importing" says what the import would do and writes nothing.
    const goodFile = (intent: string) => {
      const form = new FormData();
      form.set('file', new File([[header, good].join('\n')], 'centres.csv', { type: 'text/csv' }));
      form.set('intent', intent);
      return form;
    };
    const checked = await admin.postMultipart('/admin/centres', goodFile('check'));
    expect(checked.status).toBe(200);
    const preview = await checked.text();
    expect(preview).toContain('Checked, nothing written: 1 centre — 1 new, 0 to replace.');
    expect(preview).toContain(`New: ${a}`);
    expect(await db.select().from(centres).where(eq(centres.code, a))).toHaveLength(0);

    const imported = await admin.postMultipart('/admin/centres', goodFile('import'));
    expect(imported.status).toBe(302);
    expect(imported.headers.get('Location')).toBe('/admin/centres?imported=1');
    const [row] = await db.select().from(centres).where(eq(centres.code, a));
    expect(row).toMatchObject({ nameEn: 'Centre A', windows: 4 });
    const page = await (await new Browser().get(`/centres/${row!.id}`)).text();
    expect(page).toContain('Internal passport');
    expect(page).toContain('Claiming a pension');
    // Checked again, the same file would replace the centre it made.
    const again = await (await admin.postMultipart('/admin/centres', goodFile('check'))).text();
    expect(again).toContain('Checked, nothing written: 1 centre — 0 new, 1 to replace.');
    expect(again).toContain(`To replace: ${a}`);
  });

  it('imports GeoJSON points with the same properties', async () => {
    const code = `geo-${randomUUID().slice(0, 6)}`;
    const geojson = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [37.63, 55.76] }, properties: { code, name_ru: 'Гео', name_en: 'Geo centre', address_ru: 'ул. Г', address_en: 'G St', windows: 2, slot_minutes: 20, mon: '09:00-18:00' } }, { type: 'Feature', geometry: { type: 'LineString', coordinates: [] }, properties: { code: 'x' } }] };
    const form = new FormData();
    form.set('file', new File([JSON.stringify(geojson)], 'centres.geojson', { type: 'application/geo+json' }));
    const refused = await admin.postMultipart('/admin/centres', form);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('row 1, latitude:');
    geojson.features.pop();
    const again = new FormData();
    again.set('file', new File([JSON.stringify(geojson)], 'centres.geojson', { type: 'application/geo+json' }));
    again.set('intent', 'import');
    expect((await admin.postMultipart('/admin/centres', again)).status).toBe(302);
    const [row] = await db.select().from(centres).where(eq(centres.code, code));
    expect(row).toMatchObject({ windows: 2, slotMinutes: 20 });
    // A JSON file that is not a FeatureCollection is refused in the admin's language, as the address import does.
    const notCollection = new FormData();
    notCollection.set('file', new File(['{"type":"Feature"}'], 'centres.geojson', { type: 'application/geo+json' }));
    const wrong = await admin.postMultipart('/admin/centres', notCollection);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('The file must be a GeoJSON FeatureCollection');
  });
});

describe('residents find centres and services', () => {
  it('lists the demo centres with today’s hours and the catalogue by life situation', async () => {
    const list = await (await new Browser().get('/centres')).text();
    expect(list).toContain('My Documents — Central');
    expect(list).toContain('My Documents — Riverside');
    expect(list).toMatch(/Open now|Closed now/);
    const catalogue = await (await new Browser().get('/services')).text();
    expect(catalogue).toContain('<h2 id="birth">A child is born</h2>');
    expect(catalogue).toContain('<h2 id="moving">Moving house</h2>');
    expect(catalogue).toContain('Parents&#x27; passports');
    expect(catalogue).toContain('About 20 minutes');
    const ru = await (await new Browser().request('/services', { headers: { 'Accept-Language': 'ru' } })).text();
    expect(ru).toContain('Около 20 минут');
  });
});

describe('booking a visit', () => {
  it('gives one window to one visit whatever the concurrency: eight residents, two windows, two bookings', async () => {
    const centreId = await createCentre(2);
    const slot = slotIn(2, '12:00');
    const residents = await Promise.all(Array.from({ length: 8 }, (_, i) => newResident(`race${i}`)));
    // Each has the form's CSRF token before the race starts, so the posts go out together.
    const responses = await Promise.all(residents.map(({ browser }) => browser.post(`/centres/${centreId}`, { serviceId: String(serviceIds[0]), slot })));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([302, 302, 400, 400, 400, 400, 400, 400]);
    for (const r of responses.filter((x) => x.status === 400)) expect(await r.text()).toContain('Someone has just booked the last window at that time');
    const rows = await db.select({ window: visits.window }).from(visits).where(and(eq(visits.centreId, centreId), ne(visits.status, 'cancelled')));
    expect(rows.map((r) => r.window).sort()).toEqual([1, 2]);
    // The page no longer offers the full slot.
    const page = await (await residents[0]!.browser.get(`/centres/${centreId}?service=${serviceIds[0]}&day=${slot.slice(0, 10)}`)).text();
    expect(page).toContain(`value="${slotIn(2, '11:45')}"`);
    expect(page).not.toContain(`value="${slot}"`);
  });

  it('refuses bad bookings with a message at the field, never a 500', async () => {
    const centreId = await createCentre(1);
    const { browser } = await newResident('bad-booking');
    const cases: [Record<string, string>, string][] = [
      [{ serviceId: String(serviceIds[0]), slot: slotIn(-1, '12:00') }, 'That time has passed'],
      [{ serviceId: String(serviceIds[0]), slot: slotIn(1, '12:07') }, 'The centre takes no visits at that time'],
      [{ serviceId: String(serviceIds[0]), slot: slotIn(30, '12:00') }, 'Visits can be booked up to two weeks ahead'],
      [{ serviceId: String(serviceIds.at(-1)), slot: slotIn(1, '12:00') }, 'This centre does not offer that service'],
      [{ serviceId: 'first', slot: slotIn(1, '12:00') }, 'Choose a service'],
      [{ serviceId: String(serviceIds[0]), slot: 'tomorrow at noon' }, 'Choose a time'],
      [{ serviceId: String(serviceIds[0]), slot: '2027-02-30T12:00' }, 'The centre takes no visits at that time'],
    ];
    for (const [fields, message] of cases) {
      const response = await browser.post(`/centres/${centreId}`, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      expect(await response.text()).toContain(message);
    }
    expect(await db.select().from(visits).where(eq(visits.centreId, centreId))).toHaveLength(0);
    // The anonymous are sent to sign in; an unknown centre is a 404.
    expect((await new Browser().post(`/centres/${centreId}`, { serviceId: String(serviceIds[0]), slot: slotIn(1, '12:00') })).status).toBe(302);
    expect((await browser.get('/centres/99999999')).status).toBe(404);
  });

  it('moves and cancels a visit, freeing its window; holds at most three coming visits', async () => {
    const centreId = await createCentre(1);
    const { browser, email } = await newResident('mover');
    const userId = await userIdByEmail(email);
    const first = await browser.post(`/centres/${centreId}`, { serviceId: String(serviceIds[0]), slot: slotIn(1, '10:00') });
    expect(first.status).toBe(302);
    const [visit] = await db.select().from(visits).where(eq(visits.userId, userId));
    const moved = await browser.post(`/centres/${centreId}`, { serviceId: String(serviceIds[0]), slot: slotIn(1, '11:00'), visitId: String(visit!.id) });
    expect(moved.status).toBe(302);
    const mine = await db.select({ status: visits.status, startsAt: visits.startsAt }).from(visits).where(eq(visits.userId, userId)).orderBy(visits.id);
    expect(mine.map((v) => v.status)).toEqual(['cancelled', 'booked']);
    // The old slot is free for someone else.
    const other = await newResident('taker');
    expect((await other.browser.post(`/centres/${centreId}`, { serviceId: String(serviceIds[0]), slot: slotIn(1, '10:00') })).status).toBe(302);
    // Someone else cannot cancel it; its owner can.
    const [current] = await db.select().from(visits).where(and(eq(visits.userId, userId), eq(visits.status, 'booked')));
    const stranger = await other.browser.post('/me/visits', { visitId: String(current!.id) });
    expect(stranger.status).toBe(400);
    expect(await stranger.text()).toContain('There is no such coming visit of yours');
    expect((await browser.post('/me/visits', { visitId: String(current!.id) })).status).toBe(302);
    expect((await db.select().from(visits).where(eq(visits.id, current!.id)))[0]!.status).toBe('cancelled');
    // Three coming visits at most.
    for (const time of ['09:00', '09:15', '09:30']) expect((await browser.post(`/centres/${centreId}`, { serviceId: String(serviceIds[0]), slot: slotIn(2, time) })).status).toBe(302);
    const fourth = await browser.post(`/centres/${centreId}`, { serviceId: String(serviceIds[0]), slot: slotIn(2, '09:45') });
    expect(fourth.status).toBe(400);
    expect(await fourth.text()).toContain('You can hold up to three coming visits');
    const list = await (await browser.get('/me/visits')).text();
    expect(list.match(/data-visit=/g)).toHaveLength(5);
  });
});

describe('reminders', () => {
  it('queues a reminder a day and an hour before, sends each once, and the sweeper re-queues what Redis lost', async () => {
    const centreId = await createCentre(1);
    const { browser, email } = await newResident('reminded');
    const userId = await userIdByEmail(email);
    expect((await browser.post(`/centres/${centreId}`, { serviceId: String(serviceIds[0]), slot: slotIn(3, '15:00') })).status).toBe(302);
    const [visit] = await db.select().from(visits).where(eq(visits.userId, userId));
    const dayJob = visitReminderJobId(visit!.id, 'day', visit!.startsAt);
    const hourJob = visitReminderJobId(visit!.id, 'hour', visit!.startsAt);
    expect(await reminderQueue.getJobState(dayJob)).toBe('delayed');
    expect(await reminderQueue.getJobState(hourJob)).toBe('delayed');

    // Redis loses them; the sweeper puts them back from Postgres once the visit is within a day and an hour.
    await reminderQueue.remove(dayJob);
    await reminderQueue.remove(hourJob);
    await sweepVisitReminders();
    expect(await reminderQueue.getJobState(dayJob)).toBe('unknown');
    await sweepVisitReminders(new Date(visit!.startsAt.getTime() - 24.5 * 3600_000));
    expect(await reminderQueue.getJobState(dayJob)).toBe('delayed');
    expect(await reminderQueue.getJobState(hourJob)).toBe('delayed');

    // Not due yet: nothing sent. At its time: sent, and only once however often the job runs.
    expect(await remindVisit(visit!.id, 'day')).toBe('moot');
    const dayBefore = new Date(visit!.startsAt.getTime() - 23 * 3600_000);
    expect(await remindVisit(visit!.id, 'day', dayBefore)).toBe('sent');
    expect(await remindVisit(visit!.id, 'day', dayBefore)).toBe('moot');
    const notes = await db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt));
    expect(notes.filter((n) => n.kind === 'centres.remindDay')).toHaveLength(1);
    // A cancelled visit is reminded of no more.
    expect((await browser.post('/me/visits', { visitId: String(visit!.id) })).status).toBe(302);
    expect(await remindVisit(visit!.id, 'hour', new Date(visit!.startsAt.getTime() - 50 * 60_000))).toBe('moot');
  });
});

describe('the desk', () => {
  it('marks a visit whose time has come served or missed, audited, and counts the no-shows', async () => {
    const centreId = await createCentre(1);
    const { email } = await newResident('no-show');
    const userId = await userIdByEmail(email);
    // A visit that began ten minutes ago (booked earlier): written as the booking would have left it.
    const [visit] = await db.insert(visits).values({ centreId, serviceId: serviceIds[0]!, userId, startsAt: new Date(Date.now() - 10 * 60_000), window: 1 }).returning();
    const [later] = await db.insert(visits).values({ centreId, serviceId: serviceIds[0]!, userId, startsAt: new Date(Date.now() + 5 * 3600_000), window: 1 }).returning();
    const tooEarly = await admin.post(`/centre-desk/${centreId}`, { visitId: String(later!.id), outcome: 'no_show' });
    expect(tooEarly.status).toBe(400);
    const elsewhere = await admin.post(`/centre-desk/${await createCentre(1)}`, { visitId: String(visit!.id), outcome: 'no_show' });
    expect(elsewhere.status).toBe(400);
    expect((await admin.post(`/centre-desk/${centreId}`, { visitId: String(visit!.id), outcome: 'no_show' })).status).toBe(302);
    expect((await db.select().from(visits).where(eq(visits.id, visit!.id)))[0]!.status).toBe('no_show');
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'visit.no_show'), eq(auditLog.targetId, String(visit!.id))));
    expect(entry).toBeDefined();
    const desk = await (await admin.get(`/centre-desk/${centreId}`)).text();
    expect(desk).toMatch(/Did not come<\/dt><dd>1<\/dd>/);
  });
});
