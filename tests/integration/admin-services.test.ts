// The service catalogue's admin pages over HTTP: an admin creates and edits a service with the centres offering it,
// bad fields are refused with a message beside each and nothing stored, and no one else may see or post the form.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, centreServices, centres, services } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser, newResident } from '../support/app';

afterAll(closeConnections);

const admin = new Browser();
let centreIds: number[] = [];
beforeAll(async () => {
  await admin.signIn('admin@demo.vmeste.city');
  centreIds = (await db.select({ id: centres.id }).from(centres).orderBy(asc(centres.id))).map((c) => c.id);
});

/** The form as an admin fills it in for a new service offered at the first two centres. */
function serviceFields(code: string, overrides: Record<string, string | string[]> = {}) {
  return {
    code,
    situation: 'moving',
    nameRu: `Справка ${code}`,
    nameEn: `Certificate ${code}`,
    descriptionRu: 'Справка о составе семьи для переезда.',
    descriptionEn: 'A statement of the household for a move.',
    documentsRu: 'Паспорт\n\nДоговор найма',
    documentsEn: 'Passport\r\n\r\nTenancy agreement\n',
    durationMinutes: '25',
    centreIds: centreIds.slice(0, 2).map(String),
    ...overrides,
  };
}

const offeredAt = async (serviceId: number) => (await db.select({ centreId: centreServices.centreId }).from(centreServices).where(eq(centreServices.serviceId, serviceId)).orderBy(asc(centreServices.centreId))).map((o) => o.centreId);

describe('admin manages the service catalogue', () => {
  it('creates a service with its documents and centres, shows it on /services, edits it, audited', async () => {
    expect(centreIds.length).toBeGreaterThanOrEqual(3);
    const code = `svc-${randomUUID().slice(0, 8)}`;
    const made = await admin.post('/admin/services/new', serviceFields(code));
    expect(made.status).toBe(302);
    expect(made.headers.get('Location')).toBe('/admin/services?saved=1');
    const [row] = await db.select().from(services).where(eq(services.code, code));
    expect(row).toMatchObject({ situation: 'moving', nameEn: `Certificate ${code}`, documentsRu: 'Паспорт\nДоговор найма', documentsEn: 'Passport\nTenancy agreement', durationMinutes: 25 });
    expect(await offeredAt(row!.id)).toEqual([centreIds[0], centreIds[1]]);

    const list = await (await admin.get('/admin/services')).text();
    expect(list).toContain(`href="/admin/services/${row!.id}"`);
    expect(list).toContain('25 minutes');
    const catalogue = await (await new Browser().get('/services')).text();
    expect(catalogue).toContain(`Certificate ${code}`);
    expect(catalogue).toContain('<li>Tenancy agreement</li>');
    expect(catalogue).toContain(`/centres/${centreIds[1]}?service=${row!.id}`);

    const form = await (await admin.get(`/admin/services/${row!.id}`)).text();
    expect(form).toContain(`value="${code}"`);
    expect(form).toContain('Edit service');

    const edited = await admin.post(`/admin/services/${row!.id}`, serviceFields(code, { nameEn: 'Household statement', durationMinutes: '1', centreIds: [String(centreIds[2])] }));
    expect(edited.status).toBe(302);
    const [after] = await db.select().from(services).where(eq(services.id, row!.id));
    expect(after).toMatchObject({ nameEn: 'Household statement', durationMinutes: 1 });
    expect(await offeredAt(row!.id)).toEqual([centreIds[2]]);
    const ru = await (await new Browser().request('/services', { headers: { 'Accept-Language': 'ru' } })).text();
    expect(ru).toContain('Около 1 минуты');

    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'service'), eq(auditLog.targetId, String(row!.id)))).orderBy(auditLog.at);
    expect(audit.map((a) => a.action)).toEqual(['service.create', 'service.update']);
  });

  it('refuses bad fields with a message beside each, keeps the answers and stores nothing', async () => {
    const code = `svc-${randomUUID().slice(0, 8)}`;
    const bad = await admin.post('/admin/services/new', serviceFields(code, { situation: 'holiday', nameEn: '', documentsRu: '\n \n', documentsEn: 'Passport <b>', durationMinutes: '481', centreIds: ['999999'] }));
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain('href="#field-situation"');
    expect(html).toContain('id="field-nameEn-error"');
    expect(html).toContain('id="field-documentsRu-error"');
    expect(html).toContain('id="field-documentsEn-error"');
    expect(html).toContain('Must be between 1 and 480');
    expect(html).toContain(`value="${code}"`);
    expect(await db.select().from(services).where(eq(services.code, code))).toHaveLength(0);

    // Every field right but a centre that does not exist: refused by the use-case, still nothing stored.
    const ghost = await admin.post('/admin/services/new', serviceFields(code, { centreIds: ['999999'] }));
    expect(ghost.status).toBe(400);
    expect(await ghost.text()).toContain('id="field-centreIds-error"');
    expect(await db.select().from(services).where(eq(services.code, code))).toHaveLength(0);

    // Another service's code on an edit.
    const [first] = await db.select({ id: services.id, code: services.code }).from(services).orderBy(asc(services.id)).limit(2);
    const [, second] = await db.select({ id: services.id, code: services.code }).from(services).orderBy(asc(services.id)).limit(2);
    const taken = await admin.post(`/admin/services/${second!.id}`, serviceFields(first!.code));
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain('Another service has this code');
    expect((await db.select({ code: services.code }).from(services).where(eq(services.id, second!.id)))[0]!.code).toBe(second!.code);

    expect((await admin.get('/admin/services/999999')).status).toBe(404);
  });

  it('refuses a new service with a code another service has, and leaves that service as it was', async () => {
    const [existing] = await db.select().from(services).orderBy(asc(services.id)).limit(1);
    const copy = await admin.post('/admin/services/new', serviceFields(existing!.code, { nameEn: 'Not a replacement' }));
    expect(copy.status).toBe(400);
    expect(await copy.text()).toContain('Another service has this code');
    const [after] = await db.select().from(services).where(eq(services.id, existing!.id));
    expect(after).toEqual(existing);
    // Two admins creating the same new code at once: one service, and a message for the other, never a 500.
    const code = `same-${randomUUID().slice(0, 8)}`;
    const both = await Promise.all([1, 2].map(() => admin.post('/admin/services/new', serviceFields(code))));
    expect(both.map((r) => r.status).sort()).toEqual([302, 400]);
    expect(await db.select().from(services).where(eq(services.code, code))).toHaveLength(1);
  });

  it('answers 403 to a resident, an officer and a consultant, for the list, the form and a post', async () => {
    const { browser: resident } = await newResident('services');
    const officer = new Browser();
    await officer.signIn('department@demo.vmeste.city');
    const consultant = new Browser();
    await consultant.signIn('consultant-centralny@demo.vmeste.city');
    const code = `svc-${randomUUID().slice(0, 8)}`;
    for (const who of [resident, officer, consultant]) {
      expect((await who.get('/admin/services')).status).toBe(403);
      expect((await who.get('/admin/services/new')).status).toBe(403);
      expect((await who.post('/admin/services/new', serviceFields(code))).status).toBe(403);
    }
    expect((await new Browser().get('/admin/services')).status).toBe(302);
    expect(await db.select().from(services).where(eq(services.code, code))).toHaveLength(0);
  });
});
