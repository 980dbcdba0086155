// Each unit's staff see their own feedback (issue 17, ADR 057), over HTTP: a consultant of one centre sees that
// centre's ratings, dimension scores, complaint words, waits, service times and missed visits and the ratings of the
// visits they served themselves — never another centre's; an officer never another department's. The expected
// figures are worked out by hand from what this test does, on two centres of its own.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centres, services } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { saveService } from '#app/modules/centres/save-service.server';
import { callNext, finishTicket, issueTicket } from '#app/modules/centres/queue.server';
import { Browser, newResident } from '../support/app';
import { userIdByEmail } from '../support/reports';

afterAll(closeConnections);

const admin = new Browser();
const tag = randomUUID().slice(0, 8);
const serviceCode = `unit-${tag}`;
let serviceId = 0;
/** Two centres of this test's own, each with a consultant of its own. */
const unit = {
  a: { id: 0, name: `Unit centre A ${tag}`, consultant: new Browser(), consultantId: '' },
  b: { id: 0, name: `Unit centre B ${tag}`, consultant: new Browser(), consultantId: '' },
};

/** The next 15-minute slot at least a minute ahead, in city time (the centres are open 00:00–23:45). */
function nextSlot(): string {
  const now = DateTime.now().setZone(env.CITY_TIMEZONE).plus({ minutes: 1 });
  const next = now.startOf('hour').plus({ minutes: Math.ceil((now.minute + now.second / 60) / 15) * 15 });
  return (next.hour === 23 && next.minute === 45 ? next.plus({ minutes: 15 }) : next).toFormat("yyyy-MM-dd'T'HH:mm");
}

async function makeCentre(which: 'a' | 'b') {
  const code = `u${which}-${tag}`;
  const made = await admin.post('/admin/centres/new', {
    code,
    nameRu: `Центр подразделения ${which.toUpperCase()} ${tag}`,
    nameEn: unit[which].name,
    addressRu: 'ул. Проверочная, 1',
    addressEn: '1 Check St',
    latitude: '55.7512',
    longitude: '37.6201',
    windows: '10',
    slotMinutes: '15',
    ...Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, '00:00-23:45'])),
    serviceIds: [String(serviceId)],
  });
  expect(made.status).toBe(302);
  unit[which].id = (await db.select({ id: centres.id }).from(centres).where(eq(centres.code, code)))[0]!.id;
  const { browser, email } = await newResident(`consultant-${which}`);
  const userId = await userIdByEmail(email);
  expect((await admin.post('/admin/users', { intent: 'grant', userId, role: 'consultant', centreId: String(unit[which].id) })).status).toBe(302);
  unit[which].consultant = browser;
  unit[which].consultantId = userId;
}

/** A resident books the next slot at the centre; its consultant marks the visit at the desk; the visit's id. */
async function visitMarked(which: 'a' | 'b', outcome: 'served' | 'no_show') {
  const resident = await newResident(`visitor-${which}`);
  expect((await resident.browser.post(`/centres/${unit[which].id}`, { serviceId: String(serviceId), slot: nextSlot() })).status).toBe(302);
  const visitId = Number(/data-visit="(\d+)"/.exec(await (await resident.browser.get('/me/visits')).text())![1]);
  expect((await unit[which].consultant.post(`/centre-desk/${unit[which].id}`, { visitId: String(visitId), outcome })).status).toBe(302);
  return { browser: resident.browser, visitId };
}

const rate = (browser: Browser, visitId: number, fields: Record<string, string>) =>
  browser.post('/feedback', { subject: 'visit', subjectId: String(visitId), stage: 'served', redirectTo: '/me/visits', ...fields });

beforeAll(async () => {
  await admin.signIn('admin@demo.vmeste.city');
  const adminId = await userIdByEmail('admin@demo.vmeste.city');
  const saved = await saveService(adminId, {
    code: serviceCode,
    situation: 'documents',
    nameRu: `Услуга подразделения ${tag}`,
    nameEn: `Unit service ${tag}`,
    descriptionRu: 'Для проверки.',
    descriptionEn: 'For checking.',
    documentsRu: ['Паспорт'],
    documentsEn: ['Passport'],
    durationMinutes: 15,
  });
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  serviceId = (await db.select({ id: services.id }).from(services).where(eq(services.code, serviceCode)))[0]!.id;
  await makeCentre('a');
  await makeCentre('b');

  // Centre A: one visit served by its consultant and rated 2 (speed 1, conduct 2, the rest skipped), one missed
  // visit, and one walk-in ticket waited 4 minutes and served in 6.
  const served = await visitMarked('a', 'served');
  expect((await rate(served.browser, served.visitId, { score: '2', speed: '1', conduct: '2', comment: 'Rude clerk, endless queue' })).status).toBe(302);
  await visitMarked('a', 'no_show');
  const t0 = new Date(Date.now() - 30 * 60_000);
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  expect((await issueTicket(unit.a.consultantId, unit.a.id, serviceId, at(0))).ok).toBe(true);
  const called = await callNext(unit.a.consultantId, unit.a.id, 1, at(4));
  if (!called.ok || !called.value) throw new Error('nothing called');
  expect((await finishTicket(unit.a.consultantId, unit.a.id, called.value.ticketId, 'served', at(10))).ok).toBe(true);

  // Centre B: one visit served and rated 1 with words of its own.
  const other = await visitMarked('b', 'served');
  expect((await rate(other.browser, other.visitId, { score: '1', comment: 'Broken printer everywhere' })).status).toBe(302);
});

/** The cells of the table row headed by `name` in the table `testId` of `html`. */
function rowOf(html: string, testId: string, name: string): string[] | null {
  const start = html.indexOf(`data-testid="${testId}"`);
  if (start < 0) return null;
  const table = html.slice(start, html.indexOf('</table>', start));
  const row = table.split('<tr>').find((r) => r.includes(`${name}</th>`));
  return row ? [...row.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<!-- -->/g, '')) : null;
}

describe("a centre's consultant", () => {
  it("sees their centre's ratings, waits, service times, missed visits and their own served visits' ratings", async () => {
    const html = await (await unit.a.consultant.get('/admin/feedback')).text();
    expect(html).toContain('visits to your centre');
    // Visits served 1, tickets 1, wait 4.0, ratings 1, average 2.00, missed 1, service 6.0.
    expect(rowOf(html, 'centre-figures', unit.a.name)).toEqual(['1', '1', '4.0', '1', '2.00', '1', '6.0']);
    // Dimensions: overall 2.00; clarity —, speed 1.00, conduct 2.00, waiting —, result —.
    expect(rowOf(html, 'dimension-scores', `Centre: ${unit.a.name}`)).toEqual(['1', '2.00', '—', '1.00', '2.00', '—', '—']);
    expect(html).toMatch(/data-testid="own-ratings">1 rating, average 2\.00\.</);
    // The words of the centre's low rating, stemmed (rude, clerk, endless, queue), none of centre B's.
    const words = await (await unit.a.consultant.get(`/admin/feedback?by=centre&group=${unit.a.id}`)).text();
    expect(words).toContain(`Most frequent words in low ratings: ${unit.a.name}`);
    expect(words).toMatch(/<strong>clerk<\/strong>/);
    expect(words).not.toMatch(/<strong>printer<\/strong>/);
  });

  it("never sees another centre's or any department's feedback, in the page, the CSV or by id", async () => {
    for (const path of ['/admin/feedback', '/admin/feedback?by=centre', '/admin/feedback?by=service', '/admin/feedback?by=department', '/admin/feedback?by=ballot', '/admin/feedback?days=365']) {
      const response = await unit.a.consultant.get(path);
      expect(response.status, path).toBe(200);
      const html = await response.text();
      expect(html, path).toContain(unit.a.name);
      expect(html, path).not.toContain(unit.b.name);
      expect(html, path).not.toContain('printer');
      expect(html, path).not.toContain('Roads service');
      expect(html, path).not.toContain('Department: ');
    }
    expect((await unit.a.consultant.get(`/admin/feedback?by=centre&group=${unit.b.id}`)).status).toBe(404);
    const [north] = await sql<{ id: number }[]>`SELECT id FROM departments WHERE name_en = 'Roads service, North'`;
    expect((await unit.a.consultant.get(`/admin/feedback?by=department&group=${north!.id}`)).status).toBe(404);
    for (const by of ['centre', 'department', 'project']) {
      const rows = parse(await (await unit.a.consultant.get(`/admin/feedback.csv?by=${by}`)).text(), { columns: true }) as Record<string, string>[];
      expect(new Set(rows.map((r) => r.group)), by).toEqual(new Set(['centre']));
      expect(new Set(rows.map((r) => Number(r.group_id))), by).toEqual(new Set([unit.a.id]));
    }
    // Centre B's consultant, the other way round: their own rating of 1, none of A's.
    const other = await (await unit.b.consultant.get('/admin/feedback')).text();
    expect(rowOf(other, 'centre-figures', unit.b.name)).toEqual(['1', '0', '—', '1', '1.00', '0', '—']);
    expect(other).not.toContain(unit.a.name);
    expect(other).not.toContain('clerk');
  });

  it('refuses a resident, whatever the group asked for', async () => {
    const resident = (await newResident('no-unit')).browser;
    expect((await resident.get('/admin/feedback')).status).toBe(403);
    expect((await resident.get(`/admin/feedback?by=centre&group=${unit.a.id}`)).status).toBe(403);
  });
});

describe('a department officer', () => {
  it("sees their department's dimension scores and index, and no centre's or other department's feedback", async () => {
    const officer = new Browser();
    await officer.signIn('department@demo.vmeste.city');
    const html = await (await officer.get('/admin/feedback')).text();
    expect(html).toContain('Department: Roads service, North');
    expect(html).toContain('data-testid="dimension-scores"');
    expect(html).not.toContain('Department: Roads service, South');
    expect(html).not.toContain(unit.a.name);
    expect(html).not.toContain('data-testid="centre-figures"');
    expect(html).not.toContain('data-testid="own-ratings"');
    expect((await officer.get(`/admin/feedback?by=centre&group=${unit.a.id}`)).status).toBe(404);
  });

  it('is what an admin sees of both centres, side by side', async () => {
    const html = await (await admin.get('/admin/feedback')).text();
    expect(rowOf(html, 'centre-figures', unit.a.name)).toEqual(['1', '1', '4.0', '1', '2.00', '1', '6.0']);
    expect(rowOf(html, 'centre-figures', unit.b.name)).toEqual(['1', '0', '—', '1', '1.00', '0', '—']);
  });
});
