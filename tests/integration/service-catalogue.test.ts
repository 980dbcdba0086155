// The catalogue editor's verbs at /admin/services (issue 17, ADR 063), over HTTP as an admin and a resident use them:
// a withdrawn service is no longer found or booked through the real booking route while a visit already booked keeps
// it, a booked service cannot be deleted and a never-booked one only with the confirmation, and the catalogue's
// import names every bad row with its line and column, writes nothing then, and finds a re-import unchanged.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, centreServices, centres, services, visits } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser, newResident } from '../support/app';

afterAll(closeConnections);

const admin = new Browser();
const tag = randomUUID().slice(0, 8);
beforeAll(async () => {
  await admin.signIn('admin@demo.vmeste.city');
});

const allDay = '00:00-23:45';
/** A centre open round the clock every day (so the test holds whatever the hour), offering the given services. */
async function createCentre(code: string, serviceIds: number[]): Promise<number> {
  const response = await admin.post('/admin/centres/new', {
    code,
    nameRu: `Центр ${code}`,
    nameEn: `Centre ${code}`,
    addressRu: 'ул. Тестовая, 1',
    addressEn: '1 Test St',
    latitude: '55.7512',
    longitude: '37.6201',
    windows: '2',
    slotMinutes: '15',
    ...Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, allDay])),
    serviceIds: serviceIds.map(String),
  });
  expect(response.status).toBe(302);
  const [row] = await db.select({ id: centres.id }).from(centres).where(eq(centres.code, code));
  return row!.id;
}

/** A new service through the admin's form, offered nowhere yet. */
async function createService(code: string, nameEn: string): Promise<number> {
  const response = await admin.post('/admin/services/new', {
    code,
    situation: 'family',
    nameRu: `Услуга ${code}`,
    nameEn,
    descriptionRu: 'Описание.',
    descriptionEn: 'A description.',
    documentsRu: 'Паспорт',
    documentsEn: 'Passport',
    durationMinutes: '20',
    centreIds: [],
  });
  expect(response.status).toBe(302);
  const [row] = await db.select({ id: services.id }).from(services).where(eq(services.code, code));
  return row!.id;
}

/** A slot `daysAhead` city days from now at `time`, as the booking form posts it. */
const slotIn = (daysAhead: number, time: string) => `${DateTime.now().setZone(env.CITY_TIMEZONE).plus({ days: daysAhead }).toISODate()}T${time}`;
const auditActions = async (serviceId: number) => (await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'service'), eq(auditLog.targetId, String(serviceId)))).orderBy(asc(auditLog.at))).map((a) => a.action);

describe('withdrawing and deleting a service', () => {
  it('a withdrawn service leaves the catalogue and the centre page and is refused for booking, while the visit booked before keeps it', async () => {
    const nameEn = `Withdrawable ${tag}`;
    const serviceId = await createService(`wd-${tag}`, nameEn);
    const centreId = await createCentre(`wdc-${tag}`, [serviceId]);
    const { browser: booker } = await newResident('withdraw-a');
    const booked = await booker.post(`/centres/${centreId}`, { serviceId: String(serviceId), slot: slotIn(2, '10:00') });
    expect(booked.status).toBe(302);
    const [visit] = await db.select().from(visits).where(eq(visits.serviceId, serviceId));
    expect(visit!.status).toBe('booked');

    const withdrawn = await admin.post(`/admin/services/${serviceId}`, { intent: 'withdraw' });
    expect(withdrawn.status).toBe(302);
    expect(withdrawn.headers.get('Location')).toBe(`/admin/services/${serviceId}?withdrawn=1`);
    const [row] = await db.select().from(services).where(eq(services.id, serviceId));
    expect(row!.withdrawnAt).toBeInstanceOf(Date);

    const visitor = new Browser();
    expect(await (await visitor.get('/services')).text()).not.toContain(nameEn);
    expect(await (await visitor.get(`/centres/${centreId}`)).text()).not.toContain(nameEn);
    // The booking route, as the form would post it: refused at the service, by the server, with nothing written.
    const { browser: other } = await newResident('withdraw-b');
    const refused = await other.post(`/centres/${centreId}`, { serviceId: String(serviceId), slot: slotIn(2, '11:00') });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<a href="#field-service-choice">Service: This service has been withdrawn from the catalogue');
    expect(html).toContain('This service has been withdrawn from the catalogue: it can no longer be booked.');
    // Moving the booked visit would be a new booking of it: refused too, and the visit stays as it was.
    expect((await booker.post(`/centres/${centreId}`, { serviceId: String(serviceId), slot: slotIn(2, '12:00'), visitId: String(visit!.id) })).status).toBe(400);
    const now = await db.select({ id: visits.id, status: visits.status, startsAt: visits.startsAt }).from(visits).where(eq(visits.serviceId, serviceId));
    expect(now).toEqual([{ id: visit!.id, status: 'booked', startsAt: visit!.startsAt }]);

    // The resident's visit still shows its service, says why it cannot be moved, and can still be cancelled.
    const mine = await (await booker.get('/me/visits')).text();
    expect(mine).toContain(nameEn);
    expect(mine).toContain('This service has since been withdrawn from the catalogue');
    expect(mine).not.toContain(`move=${visit!.id}`);
    // The admin page counts it, says it is withdrawn and offers no deletion.
    const page = await (await admin.get(`/admin/services/${serviceId}`)).text();
    expect(page).toContain('Booked 1 time, 1 visit to come');
    expect(page).toContain('Return to the catalogue');
    expect(page).not.toContain(`href="/admin/services/${serviceId}?delete"`);
    // A withdrawn service is still on the centre's admin form, so saving the centre keeps its offer.
    expect(await (await admin.get(`/admin/centres/${centreId}`)).text()).toContain(`${nameEn} (withdrawn from the catalogue)`);

    // Returned to the catalogue: found and bookable again.
    expect((await admin.post(`/admin/services/${serviceId}`, { intent: 'restore' })).status).toBe(302);
    expect(await (await visitor.get('/services')).text()).toContain(nameEn);
    expect((await other.post(`/centres/${centreId}`, { serviceId: String(serviceId), slot: slotIn(2, '11:00') })).status).toBe(302);
    // A second restore is refused with a message, not a 500.
    expect((await admin.post(`/admin/services/${serviceId}`, { intent: 'restore' })).status).toBe(400);
    expect(await auditActions(serviceId)).toEqual(['service.create', 'service.withdraw', 'service.restore']);
  });

  it('refuses to delete a booked service, saying to withdraw it, and deletes a never-booked one only once confirmed', async () => {
    const bookedId = await createService(`del-b-${tag}`, `Booked ${tag}`);
    const centreId = await createCentre(`delc-${tag}`, [bookedId]);
    const { browser: resident } = await newResident('delete-b');
    expect((await resident.post(`/centres/${centreId}`, { serviceId: String(bookedId), slot: slotIn(3, '10:00') })).status).toBe(302);
    // The visit is cancelled: it was still booked once, and its history refers to the service.
    const [visit] = await db.select({ id: visits.id }).from(visits).where(eq(visits.serviceId, bookedId));
    expect((await resident.post('/me/visits', { visitId: String(visit!.id) })).status).toBe(302);
    const refused = await admin.post(`/admin/services/${bookedId}`, { intent: 'delete', confirm: 'yes' });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('This service has been booked, so it cannot be deleted: withdraw it instead');
    expect(html).toContain(`value="del-b-${tag}"`);
    expect(await db.select({ id: services.id }).from(services).where(eq(services.id, bookedId))).toHaveLength(1);

    const unusedId = await createService(`del-u-${tag}`, `Unused ${tag}`);
    await createCentre(`delu-${tag}`, [unusedId]);
    // Without the confirmation's yes, nothing is deleted.
    const unconfirmed = await admin.post(`/admin/services/${unusedId}`, { intent: 'delete' });
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain('Confirm that the service should be deleted');
    expect(await db.select({ id: services.id }).from(services).where(eq(services.id, unusedId))).toHaveLength(1);
    // The page links to a confirmation, which posts the yes.
    expect(await (await admin.get(`/admin/services/${unusedId}`)).text()).toContain(`href="/admin/services/${unusedId}?delete"`);
    const confirmation = await (await admin.get(`/admin/services/${unusedId}?delete`)).text();
    expect(confirmation).toContain(`Delete “Unused ${tag}”?`);
    expect(confirmation).toContain('name="confirm" value="yes"');
    const deleted = await admin.post(`/admin/services/${unusedId}`, { intent: 'delete', confirm: 'yes' });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get('Location')).toBe('/admin/services?deleted=1');
    expect(await db.select({ id: services.id }).from(services).where(eq(services.id, unusedId))).toHaveLength(0);
    expect(await db.select().from(centreServices).where(eq(centreServices.serviceId, unusedId))).toHaveLength(0);
    expect(await auditActions(unusedId)).toEqual(['service.create', 'service.delete']);
    expect((await admin.get(`/admin/services/${unusedId}`)).status).toBe(404);
    expect((await admin.post(`/admin/services/${unusedId}`, { intent: 'withdraw' })).status).toBe(400);
  });
});

const header = 'code,situation,name_ru,name_en,description_ru,description_en,documents_ru,documents_en,duration_minutes,centres';
const goodRows = [
  `imp-${tag}-a,birth,Услуга А,Service A ${tag},Описание А.,Description A.,Паспорт|Свидетельство,Passport|Certificate,15,md-centralny md-north`,
  `imp-${tag}-b,moving,Услуга Б,Service B ${tag},Описание Б.,Description B.,Паспорт,Passport,40,`,
];
const csv = (rows: string[], name = 'services.csv') => new File([[header, ...rows].join('\n')], name, { type: 'text/csv' });

async function upload(browser: Browser, file: File, intent: 'check' | 'import') {
  const form = new FormData();
  form.set('file', file);
  form.set('intent', intent);
  return browser.postMultipart('/admin/services', form);
}
const ours = () => db.select().from(services).where(like(services.code, `imp-${tag}-%`)).orderBy(asc(services.code));

describe('importing the catalogue', () => {
  it('names every bad row by its line and column, and writes nothing', async () => {
    const bad = [
      goodRows[0]!,
      `imp-${tag}-c,holiday,Услуга В,,Описание.,Description.,Паспорт,Passport,0,md-nowhere`,
      goodRows[0]!,
      `Bad Code,birth,Услуга Г,Service D,Описание.,Description <b>.,Паспорт,Passport,15,`,
    ];
    const refused = await upload(admin, csv(bad), 'import');
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('7 problems: nothing was imported.');
    expect(html).toContain('Line 3, centres: there is no centre with the code md-nowhere');
    expect(html).toContain('Line 3, situation:');
    expect(html).toContain('Line 3, name_en:');
    expect(html).toContain('Line 3, duration_minutes: Must be between 1 and 480');
    expect(html).toContain(`Line 4, code: code imp-${tag}-a is also on line 2`);
    expect(html).toContain('Line 5, code:');
    expect(html).toContain('Line 5, description_en:');
    expect(await ours()).toEqual([]);
    // A file that is neither a table nor an array, and an empty one.
    expect(await (await upload(admin, new File(['{"type":"FeatureCollection","features":[]}'], 'services.json'), 'check')).text()).toContain('The file must be a CSV with a header row or a JSON array of objects');
    expect(await (await upload(admin, csv([]), 'check')).text()).toContain('The file has no services');
  });

  it('shows a dry run, imports all or nothing, finds a re-import unchanged, and updates by code', async () => {
    const preview = await upload(admin, csv(goodRows), 'check');
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('Checked, nothing written: 2 rows — 2 new, 0 changed, 0 unchanged.');
    expect(previewHtml).toContain(`New: imp-${tag}-a, imp-${tag}-b`);
    expect(await ours()).toEqual([]);

    const imported = await upload(admin, csv(goodRows), 'import');
    expect(imported.status).toBe(302);
    expect(imported.headers.get('Location')).toBe('/admin/services?rows=2&added=2&changed=0&unchanged=0');
    const rows = await ours();
    expect(rows.map((r) => ({ code: r.code, situation: r.situation, documentsEn: r.documentsEn, durationMinutes: r.durationMinutes }))).toEqual([
      { code: `imp-${tag}-a`, situation: 'birth', documentsEn: 'Passport\nCertificate', durationMinutes: 15 },
      { code: `imp-${tag}-b`, situation: 'moving', documentsEn: 'Passport', durationMinutes: 40 },
    ]);
    const offered = await db.select({ code: centres.code }).from(centreServices).innerJoin(centres, eq(centres.id, centreServices.centreId)).where(eq(centreServices.serviceId, rows[0]!.id)).orderBy(asc(centres.code));
    expect(offered.map((o) => o.code)).toEqual(['md-centralny', 'md-north']);
    expect(await (await new Browser().get('/services')).text()).toContain(`Service A ${tag}`);

    // The same file again: nothing changes, not even a timestamp, and no service is audited again.
    const again = await upload(admin, csv(goodRows), 'import');
    expect(again.headers.get('Location')).toBe('/admin/services?rows=2&added=0&changed=0&unchanged=2');
    expect(await ours()).toEqual(rows);
    expect(await auditActions(rows[0]!.id)).toEqual(['service.create']);

    // One row changed, and a file without the centres column: its centres are kept.
    const withoutCentres = goodRows.map((r) => r.slice(0, r.lastIndexOf(','))).map((r, i) => (i === 1 ? r.replace(',40', ',45') : r));
    const changedFile = new File([[header.slice(0, header.lastIndexOf(',')), ...withoutCentres].join('\n')], 'services.csv');
    const changedPreview = await (await upload(admin, changedFile, 'check')).text();
    expect(changedPreview).toContain('2 rows — 0 new, 1 changed, 1 unchanged.');
    expect(changedPreview).toContain(`Changed: imp-${tag}-b`);
    expect((await upload(admin, changedFile, 'import')).headers.get('Location')).toBe('/admin/services?rows=2&added=0&changed=1&unchanged=1');
    expect((await ours()).map((r) => r.durationMinutes)).toEqual([15, 45]);
    expect(await db.select().from(centreServices).where(eq(centreServices.serviceId, rows[0]!.id))).toHaveLength(2);

    // A withdrawn service stays withdrawn when its row comes again.
    expect((await admin.post(`/admin/services/${rows[0]!.id}`, { intent: 'withdraw' })).status).toBe(302);
    // (The file puts service B back to 40 minutes: one change.)
    expect((await upload(admin, csv(goodRows), 'import')).headers.get('Location')).toBe('/admin/services?rows=2&added=0&changed=1&unchanged=1');
    expect((await db.select({ withdrawnAt: services.withdrawnAt }).from(services).where(eq(services.id, rows[0]!.id)))[0]!.withdrawnAt).toBeInstanceOf(Date);
    // Each import is audited once with what it did (a dry run, rolled back, is not): three of them wrote these codes.
    const importAudits = (await db.select({ after: auditLog.after }).from(auditLog).where(eq(auditLog.action, 'service.import')).orderBy(asc(auditLog.at))).filter((a) => JSON.stringify(a.after).includes(`imp-${tag}-`));
    expect(importAudits.map((a) => a.after)).toEqual([
      { rows: 2, added: [`imp-${tag}-a`, `imp-${tag}-b`], changed: [], unchanged: 0, dryRun: false },
      { rows: 2, added: [], changed: [`imp-${tag}-b`], unchanged: 1, dryRun: false },
      { rows: 2, added: [], changed: [`imp-${tag}-b`], unchanged: 1, dryRun: false },
    ]);
  });

  it('takes a JSON array of the same columns, lists as such', async () => {
    const items = [{ code: `imp-${tag}-j`, situation: 'retirement', name_ru: 'Услуга J', name_en: `Service J ${tag}`, description_ru: 'Описание.', description_en: 'Description.', documents_ru: ['Паспорт', 'СНИЛС'], documents_en: ['Passport', 'Insurance number'], duration_minutes: 30, centres: ['md-east'] }, { code: `imp-${tag}-k`, situation: 'retirement', duration_minutes: 'half an hour' }];
    const refused = await (await upload(admin, new File([JSON.stringify(items)], 'services.json'), 'import')).text();
    expect(refused).toContain('Item 2, name_ru:');
    expect(refused).toContain('Item 2, duration_minutes:');
    expect(await db.select().from(services).where(inArray(services.code, [`imp-${tag}-j`, `imp-${tag}-k`]))).toEqual([]);
    const ok = await upload(admin, new File([JSON.stringify(items.slice(0, 1))], 'services.json'), 'import');
    expect(ok.headers.get('Location')).toBe('/admin/services?rows=1&added=1&changed=0&unchanged=0');
    const [row] = await db.select().from(services).where(eq(services.code, `imp-${tag}-j`));
    expect(row!.documentsRu).toBe('Паспорт\nСНИЛС');
  });

  it('checks the documented sample files without a problem', async () => {
    for (const name of ['services.csv', 'services.json']) {
      const response = await upload(admin, new File([readFileSync(`docs/samples/${name}`, 'utf8')], name), 'check');
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('Checked, nothing written:');
    }
  });

  it('refuses a file over the size cap with a 413, before reading it', async () => {
    const big = new File([header + '\n' + 'x'.repeat(2 * 1024 * 1024 + 10)], 'services.csv');
    const response = await upload(admin, big, 'import');
    expect(response.status).toBe(413);
  });
});

describe('who may change the catalogue', () => {
  it('answers 403 to a resident, an officer and a consultant for withdrawing, deleting and importing', async () => {
    const serviceId = await createService(`acl-${tag}`, `Guarded ${tag}`);
    const { browser: resident } = await newResident('catalogue');
    const officer = new Browser();
    await officer.signIn('department@demo.vmeste.city');
    const consultant = new Browser();
    await consultant.signIn('consultant-centralny@demo.vmeste.city');
    for (const who of [resident, officer, consultant]) {
      expect((await who.post(`/admin/services/${serviceId}`, { intent: 'withdraw' })).status).toBe(403);
      expect((await who.post(`/admin/services/${serviceId}`, { intent: 'delete', confirm: 'yes' })).status).toBe(403);
      expect((await who.get(`/admin/services/${serviceId}?delete`)).status).toBe(403);
      expect((await upload(who, csv([`acl-${tag}-x,birth,У,S,О,D,П,P,15,`]), 'import')).status).toBe(403);
    }
    const [row] = await db.select().from(services).where(eq(services.id, serviceId));
    expect(row!.withdrawnAt).toBeNull();
    expect(await db.select().from(services).where(eq(services.code, `acl-${tag}-x`))).toEqual([]);
  });
});
