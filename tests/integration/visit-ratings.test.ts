// Ratings after a visit and across channels (issue 17, ADR 050), over HTTP as residents, the desk and staff see them:
// the invitation when a visit is served, the rating with its dimensions and what it records, bad input, who sees
// what, and the satisfaction index, centre figures and open data checked against numbers worked out by hand here.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centres, emailOutbox, feedback, notifications, services, tickets } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { DateTime } from 'luxon';
import { env } from '#app/utils/env.server';
import { allDayHours, nextSlot } from '../support/centres';
import { closeConnections } from '#app/utils/shutdown.server';
import { saveService } from '#app/modules/centres/save-service.server';
import { callNext, finishTicket, issueTicket } from '#app/modules/centres/queue.server';
import { Browser, newResident } from '../support/app';
import { userIdByEmail } from '../support/reports';

afterAll(closeConnections);

const admin = new Browser();
let adminId: string;
let centreId: number;
let centreCode: string;
let serviceId: number;
const serviceCode = `rated-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  await admin.signIn('admin@demo.vmeste.city');
  adminId = await userIdByEmail('admin@demo.vmeste.city');
  // A service and a centre of this test's own, so their figures are this test's ratings alone.
  const saved = await saveService(adminId, {
    code: serviceCode,
    situation: 'documents',
    nameRu: `Оценочная услуга ${serviceCode}`,
    nameEn: `Rated service ${serviceCode}`,
    descriptionRu: 'Для проверки оценок.',
    descriptionEn: 'For checking ratings.',
    documentsRu: ['Паспорт'],
    documentsEn: ['Passport'],
    durationMinutes: 15,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  serviceId = (await db.select({ id: services.id }).from(services).where(eq(services.code, serviceCode)))[0]!.id;
  centreCode = `r-${randomUUID().slice(0, 8)}`;
  const made = await admin.post('/admin/centres/new', {
    code: centreCode,
    nameRu: `Центр оценок ${centreCode}`,
    nameEn: `Ratings centre ${centreCode}`,
    addressRu: 'ул. Оценочная, 5',
    addressEn: '5 Rating St',
    latitude: '55.7512',
    longitude: '37.6201',
    windows: '20',
    slotMinutes: '15',
    ...Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, allDayHours])),
    serviceIds: [String(serviceId)],
  });
  expect(made.status).toBe(302);
  centreId = (await db.select({ id: centres.id }).from(centres).where(eq(centres.code, centreCode)))[0]!.id;
});

/** A resident who booked the next slot and was served: booked over HTTP, marked served at the desk over HTTP. */
async function servedVisit(label: string) {
  const resident = await newResident(label);
  const booked = await resident.browser.post(`/centres/${centreId}`, { serviceId: String(serviceId), slot: nextSlot() });
  expect(booked.status).toBe(302);
  const page = await (await resident.browser.get('/me/visits')).text();
  const visitId = Number(/data-visit="(\d+)"/.exec(page)![1]);
  // Booked: the form asks about the booking.
  expect(page).toContain('How easy was it to book this visit?');
  const served = await admin.post(`/centre-desk/${centreId}`, { visitId: String(visitId), outcome: 'served' });
  expect(served.status).toBe(302);
  return { ...resident, visitId, userId: await userIdByEmail(resident.email) };
}

const rate = (browser: Browser, visitId: number, fields: Record<string, string>) => browser.post('/feedback', { subject: 'visit', subjectId: String(visitId), stage: 'served', redirectTo: '/me/visits', ...fields });

describe('rating a visit', () => {
  it('invites the resident when the visit is served and records the centre, the service and who served it', async () => {
    const { browser, visitId, userId } = await servedVisit('rates-visit');
    const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, 'centres.rateVisit')));
    expect(notice?.link).toBe(`/me/visits#visit-${visitId}-rate`);
    const mails = await db.select({ subject: emailOutbox.subject, body: emailOutbox.bodyText }).from(emailOutbox).where(eq(emailOutbox.userId, userId));
    expect(mails.filter((m) => m.subject.includes(`Центр оценок ${centreCode}`) && m.body.includes('/me/visits'))).toHaveLength(1);
    expect(await (await browser.get('/me/notifications')).text()).toContain(`How was your visit to Центр оценок ${centreCode}? Rate it`);

    const page = await (await browser.get('/me/visits')).text();
    expect(page).toContain('How were you served at the centre?');
    expect(page).toContain(`id="visit-${visitId}-rate"`);

    const sent = await rate(browser, visitId, { score: '4', clarity: '5', speed: '', conduct: '5', waiting: '3', result: '4', comment: 'Quick and polite' });
    expect(sent.status).toBe(302);
    expect(sent.headers.get('Location')).toBe('/me/visits?feedback=thanks');
    const [row] = await db.select().from(feedback).where(and(eq(feedback.subject, 'visit'), eq(feedback.subjectId, visitId)));
    expect(row).toMatchObject({ stage: 'served', score: 4, clarity: 5, speed: null, conduct: 5, waiting: 3, result: 4, centreId, serviceId, staffId: adminId, comment: 'Quick and polite' });
    const after = await (await browser.get('/me/visits?feedback=thanks')).text();
    expect(after).toContain('Thank you for your rating.');
    expect(after).not.toContain('How were you served at the centre?');

    // Once per point of interaction: a second rating of the served visit is refused.
    const again = await rate(browser, visitId, { score: '1' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('You have already rated this');
  });

  it('refuses another person, a visit not yet served and bad input with field messages, never a 500', async () => {
    const { browser, visitId } = await servedVisit('bad-input');
    const stranger = (await newResident('visit-stranger')).browser;
    const refused = await rate(stranger, visitId, { score: '5' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('only your own completed interactions');

    const cases: [Record<string, string>, string][] = [
      [{ score: '7' }, 'Choose a rating from 1 to 5'],
      [{ score: '3', clarity: '0' }, 'Choose a rating from 1 to 5, or &quot;Not rated&quot;'],
      [{ score: '3', waiting: 'lots' }, 'Choose a rating from 1 to 5, or &quot;Not rated&quot;'],
      [{ score: '3', stage: 'cast' }, 'There is nothing to rate here.'],
      [{ score: '3', stage: 'nonsense' }, 'There is nothing to rate here.'],
      [{ score: '3', subjectId: '99999999999999999999' }, 'There is nothing to rate here.'],
      [{ score: '3', comment: 'x'.repeat(1001) }, '000 characters'],
    ];
    for (const [fields, message] of cases) {
      const response = await rate(browser, visitId, fields);
      expect(response.status, JSON.stringify(fields)).toBe(400);
      const html = await response.text();
      expect(html, JSON.stringify(fields)).toContain(message);
      expect(html).toMatch(/<title>Error: /);
    }
    expect(await db.select().from(feedback).where(and(eq(feedback.subject, 'visit'), eq(feedback.subjectId, visitId)))).toHaveLength(0);

    // A visit booked but not served can be rated as a booking, not as a visit served.
    const waiting = await newResident('not-served');
    expect((await waiting.browser.post(`/centres/${centreId}`, { serviceId: String(serviceId), slot: nextSlot() })).status).toBe(302);
    const bookedId = Number(/data-visit="(\d+)"/.exec(await (await waiting.browser.get('/me/visits')).text())![1]);
    expect((await rate(waiting.browser, bookedId, { score: '5' })).status).toBe(400);
    const booking = await waiting.browser.post('/feedback', { subject: 'visit', subjectId: String(bookedId), stage: 'booked', score: '5', redirectTo: '/me/visits' });
    expect(booking.status).toBe(302);
    const [bookingRow] = await db.select().from(feedback).where(and(eq(feedback.subject, 'visit'), eq(feedback.subjectId, bookedId)));
    // Who will serve is not known at booking.
    expect(bookingRow).toMatchObject({ stage: 'booked', centreId, serviceId, staffId: null });
  });
});

describe('the satisfaction index and the centre figures', () => {
  it('match numbers worked out by hand, in /admin/feedback, /stats and open data; officers see none of the centres', async () => {
    // Three more visits rated (the first test's visit adds its own: 4 overall; clarity 5, conduct 5, waiting 3, result 4).
    const ratings: Record<string, string>[] = [
      { score: '5', result: '4' },
      { score: '2', clarity: '3', speed: '1', conduct: '4', waiting: '1', result: '2' },
      { score: '4' },
    ];
    for (const [i, fields] of ratings.entries()) {
      const { browser, visitId } = await servedVisit(`index-${i}`);
      expect((await rate(browser, visitId, fields)).status).toBe(302);
    }
    // Weighted scores with the weights of ADR 050 (overall 0.4, result 0.2, the other four 0.1 each), over the parts rated:
    //   first test: (4·0.4 + 5·0.1 + 5·0.1 + 3·0.1 + 4·0.2) / (0.4 + 0.1 + 0.1 + 0.1 + 0.2) = 3.7 / 0.9 = 4.1111 → index 77.78
    //   (5·0.4 + 4·0.2) / 0.6 = 4.6667 → 91.67
    //   (2·0.4 + 3·0.1 + 1·0.1 + 4·0.1 + 1·0.1 + 2·0.2) / 1.0 = 2.1 → 27.5
    //   4 → 75
    // The centre's index: (77.78 + 91.67 + 27.5 + 75) / 4 = 67.99 → 68.0 (one decimal). The booking's rating (5) counts too:
    // it is a rating of the centre: (77.78 + 91.67 + 27.5 + 75 + 100) / 5 = 74.39 → 74.4.
    const expectedIndex = '74.4';
    const month = DateTime.now().setZone(env.CITY_TIMEZONE).toFormat('yyyy-MM');

    // Two walk-in tickets with known times: waits of 4 and 12 minutes, 8.0 on average.
    // Both issued on one city day: not across midnight, should the run fall on it.
    const dayOf = (d: Date) => DateTime.fromJSDate(d).setZone(env.CITY_TIMEZONE).toISODate();
    let t0 = new Date(Date.now() - 40 * 60_000);
    if (dayOf(t0) !== dayOf(new Date(t0.getTime() + 60_000))) t0 = new Date(t0.getTime() - 5 * 60_000);
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
    const a = await issueTicket(adminId, centreId, serviceId, at(0));
    const b = await issueTicket(adminId, centreId, serviceId, at(1));
    expect(a.ok && b.ok).toBe(true);
    const callA = await callNext(adminId, centreId, 1, at(4));
    const callB = await callNext(adminId, centreId, 2, at(13));
    expect(callA.ok && callB.ok).toBe(true);
    expect((await finishTicket(adminId, centreId, (callA.ok && callA.value!.ticketId) || 0, 'served', at(10))).ok).toBe(true);
    expect((await finishTicket(adminId, centreId, (callB.ok && callB.value!.ticketId) || 0, 'served', at(20))).ok).toBe(true);
    expect(await db.select().from(tickets).where(eq(tickets.centreId, centreId))).toHaveLength(2);

    const html = await (await admin.get('/admin/feedback')).text();
    const indexTable = html.slice(html.indexOf('data-testid="satisfaction-index"'));
    expect(indexTable).toMatch(new RegExp(`Centre: Ratings centre ${centreCode}</th><td>${month}</td><td>5</td><td>${expectedIndex}</td>`));
    expect(indexTable).toMatch(new RegExp(`Service: Rated service ${serviceCode}</th><td>${month}</td><td>5</td><td>${expectedIndex}</td>`));
    // Five visits served (one in each test above but the booked-only one, three here), two tickets, 8.0 minutes' wait,
    // five ratings averaging (4 + 5 + 5 + 2 + 4) / 5 = 4.00.
    const figures = html.slice(html.indexOf('data-testid="centre-figures"'));
    expect(figures).toMatch(new RegExp(`Ratings centre ${centreCode}</th><td>5</td><td>2</td><td>8.0</td><td>5</td><td>4.00</td>`));
    // The pains are ranked lowest first.
    const pains = html.slice(html.indexOf('data-testid="pains"'), html.indexOf('</table>', html.indexOf('data-testid="pains"')));
    const averages = [...pains.matchAll(/<td>\d+<\/td><td>(\d\.\d\d)<\/td>/g)].map((m) => Number(m[1]));
    expect(averages.length).toBeGreaterThan(0);
    expect(averages).toEqual([...averages].sort((x, y) => x - y));

    const stats = await (await new Browser().get('/stats')).text();
    expect(stats).toMatch(new RegExp(`Centre: Ratings centre ${centreCode}</th><td>${month}</td><td>5</td><td>${expectedIndex}</td>`));

    const indexCsv = parse(await (await new Browser().get('/data/satisfaction-index-monthly/satisfaction-index-monthly.csv')).text(), { columns: true }) as Record<string, string>[];
    expect(indexCsv.find((r) => r.unit === 'centre' && r.unit_id === String(centreId) && r.month === month)).toMatchObject({ ratings: '5', index: expectedIndex });
    // Tickets count on the day they were issued, ratings on the day of the visit: near city midnight the visits booked
    // "next slot" fall on the next day, so the figures are summed over this centre's rows, whatever the hour of the run.
    const dailyCsv = parse(await (await new Browser().get('/data/centre-service-daily/centre-service-daily.csv')).text(), { columns: true }) as Record<string, string>[];
    const centreRows = dailyCsv.filter((r) => r.centre === centreCode);
    const total = (column: string) => centreRows.reduce((sum, r) => sum + Number(r[column] || 0), 0);
    expect(total('tickets_served')).toBe(2);
    expect(centreRows.find((r) => r.tickets_served === '2')).toMatchObject({ average_wait_minutes: '8' });
    // The four ratings of this test's visits served (the booking's is of another stage): (4 + 5 + 2 + 4) / 4 = 3.75.
    expect(total('ratings')).toBe(4);
    expect(centreRows.reduce((sum, r) => sum + Number(r.ratings) * Number(r.average_score || 0), 0) / 4).toBeCloseTo(3.75, 2);

    // A department officer sees their department's figures only: no centres, no visit ratings.
    const officer = new Browser();
    await officer.signIn('department@demo.vmeste.city');
    const own = await (await officer.get('/admin/feedback')).text();
    expect(own).not.toContain('data-testid="centre-figures"');
    expect(own).not.toContain(`Ratings centre ${centreCode}`);
    expect(own).not.toContain('Centre: ');
    expect(own).not.toContain('Visit served');
    expect((await officer.get('/admin/feedback?by=centre')).status).toBe(200);
    expect(await (await officer.get('/admin/feedback?by=centre')).text()).not.toContain(`Ratings centre ${centreCode}`);
    const resident = (await newResident('no-feedback-view')).browser;
    expect((await resident.get('/admin/feedback')).status).toBe(403);
  });
});
