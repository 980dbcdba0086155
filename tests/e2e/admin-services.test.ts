import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { services } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { expectAccessible, newSession, signIn, visit } from './browser';

const header = 'code,situation,name_ru,name_en,description_ru,description_en,documents_ru,documents_en,duration_minutes,centres';
/** A catalogue file of the given rows, as an admin would choose it. */
const catalogueFile = (rows: string[]) => ({ name: 'services.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
const row = (code: string, nameEn: string) => `${code},family,Услуга ${code},${nameEn},Описание.,A description.,Паспорт|Свидетельство о браке,Passport|Marriage certificate,20,md-centralny`;

describe('the service catalogue’s admin pages', () => {
  it('lets an admin add a service offered at a centre, which residents then find on /services', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    const code = `e2e-${Math.random().toString(36).slice(2, 8)}`;
    await signIn(page, 'admin@demo.vmeste.city');
    await visit(page, '/admin/services');
    await page.getByRole('link', { name: 'New service' }).click();
    await page.getByRole('heading', { name: 'New service' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Code').fill(code);
    await page.getByLabel('Life situation').selectOption({ label: 'Retirement' });
    await page.getByLabel('Name (Russian)').fill('Справка о стаже');
    await page.getByLabel('Name (English)').fill(`Work record ${code}`);
    await page.getByLabel('Description (Russian)').fill('Справка о трудовом стаже для пенсии.');
    await page.getByLabel('Description (English)').fill('A statement of your years of work, for the pension.');
    await page.getByLabel('Documents to bring (Russian)').fill('Паспорт\nТрудовая книжка');
    await page.getByLabel('Typical duration, in minutes').fill('600');
    await page.getByLabel('My Documents — Central', { exact: true }).check();
    await page.getByRole('button', { name: 'Save service' }).click();
    // The English documents are missing and the duration too long: both named, every answer kept.
    await page.locator('.error-summary').waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    const summary = await page.locator('.error-summary').textContent();
    expect(summary).toContain('Documents to bring (English)');
    expect(summary).toContain('Must be between 1 and 480');
    expect(await page.getByLabel('Name (English)').inputValue()).toBe(`Work record ${code}`);
    expect(await page.getByLabel('My Documents — Central', { exact: true }).isChecked()).toBe(true);
    await expectAccessible(page, '/admin/services/new (errors)');
    await page.getByLabel('Documents to bring (English)').fill('Passport\nEmployment record book');
    await page.getByLabel('Typical duration, in minutes').fill('30');
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.waitForURL('**/admin/services?saved=1');
    await page.getByText('Service saved.').waitFor();
    await page.getByRole('link', { name: `Work record ${code}` }).waitFor();
    await expectAccessible(page);

    await visit(page, '/services');
    const card = page.locator(`#service-${code}`);
    await card.getByRole('heading', { name: `Work record ${code}` }).waitFor();
    expect(await card.textContent()).toContain('About 30 minutes');
    expect(await card.getByRole('listitem').allTextContents()).toEqual(['Passport', 'Employment record book', 'My Documents — Central']);
    expect(problems).toEqual([]);
  });

  it('edits a service without JavaScript', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB', javaScriptEnabled: false });
    await signIn(page, 'admin@demo.vmeste.city');
    // axe needs JavaScript in the page: the journey above checks these pages' accessibility.
    await page.goto('/admin/services');
    await page.getByRole('link', { name: 'Internal passport', exact: true }).click();
    await page.getByRole('heading', { name: 'Edit service' }).waitFor();
    await page.getByLabel('Typical duration, in minutes').fill('35');
    await page.getByRole('button', { name: 'Save service' }).click();
    await page.waitForURL('**/admin/services?saved=1');
    await page.getByText('Service saved.').waitFor();
    await page.goto('/services');
    expect(await page.locator('#service-passport').textContent()).toContain('About 35 minutes');
    expect(problems).toEqual([]);
  });

  it('imports services from a file after a check, withdraws one from the catalogue and deletes it once confirmed', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    const tag = Math.random().toString(36).slice(2, 8);
    const good = [row(`e2e-${tag}-1`, `Imported one ${tag}`), row(`e2e-${tag}-2`, `Imported two ${tag}`)];
    await signIn(page, 'admin@demo.vmeste.city');
    await visit(page, '/admin/services');
    const fileField = page.getByLabel('CSV or JSON file');

    // A bad row: every problem listed with its line and column, nothing written.
    await fileField.setInputFiles(catalogueFile([...good, `e2e-${tag}-3,holiday,Услуга,,Описание.,A description.,Паспорт,Passport,20,`]));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-problems').waitFor();
    const listed = await page.getByTestId('import-problems').getByRole('listitem').allTextContents();
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatch(/^Line 4, situation: /);
    expect(listed[1]).toMatch(/^Line 4, name_en: /);
    await expectAccessible(page, '/admin/services (bad rows)');
    expect(await db.select().from(services).where(like(services.code, `e2e-${tag}-%`))).toHaveLength(0);

    await page.getByLabel('CSV or JSON file').setInputFiles(catalogueFile(good));
    await page.getByRole('button', { name: 'Check without importing' }).click();
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-preview').textContent()).toContain('Checked, nothing written: 2 rows — 2 new, 0 changed, 0 unchanged.');
    await expectAccessible(page, '/admin/services (checked)');
    expect(await db.select().from(services).where(like(services.code, `e2e-${tag}-%`))).toHaveLength(0);

    await page.getByLabel('CSV or JSON file').setInputFiles(catalogueFile(good));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/admin\/services\?rows=2/);
    await page.getByText('Imported 2 rows: 2 new, 0 changed, 0 unchanged.').waitFor();
    await expectAccessible(page, '/admin/services (imported)');

    // Withdrawn: the page says so and residents no longer find it.
    await page.getByRole('link', { name: `Imported one ${tag}`, exact: true }).click();
    await page.getByRole('heading', { name: 'Edit service' }).waitFor();
    expect(await page.getByTestId('service-standing').textContent()).toContain('Listed');
    await page.getByRole('button', { name: 'Withdraw from the catalogue' }).click();
    await page.getByText('Service withdrawn: it is no longer listed or bookable.').waitFor();
    expect(await page.getByTestId('service-standing').textContent()).toContain('Withdrawn on');
    await expectAccessible(page, '/admin/services/:id (withdrawn)');
    await visit(page, '/services');
    await page.getByRole('heading', { name: `Imported two ${tag}` }).waitFor();
    expect(await page.getByRole('heading', { name: `Imported one ${tag}` }).count()).toBe(0);

    // Never booked, so it can be deleted, after a confirmation.
    await visit(page, '/admin/services');
    await page.getByRole('link', { name: `Imported one ${tag}`, exact: true }).click();
    await page.getByRole('link', { name: 'Delete service' }).click();
    await page.getByRole('heading', { name: `Delete “Imported one ${tag}”?` }).waitFor();
    await expectAccessible(page, '/admin/services/:id?delete');
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.waitForURL('**/admin/services?deleted=1');
    await page.getByText('Service deleted.').waitFor();
    expect(await db.select().from(services).where(eq(services.code, `e2e-${tag}-1`))).toHaveLength(0);
    expect(problems).toEqual([]);
  });

  it('imports, withdraws, restores and deletes a service without JavaScript', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB', javaScriptEnabled: false });
    const tag = Math.random().toString(36).slice(2, 8);
    await signIn(page, 'admin@demo.vmeste.city');
    await page.goto('/admin/services');
    await page.getByLabel('CSV or JSON file').setInputFiles(catalogueFile([row(`nojs-${tag}`, `No script ${tag}`)]));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported 1 row: 1 new, 0 changed, 0 unchanged.').waitFor();
    await page.getByRole('link', { name: `No script ${tag}`, exact: true }).click();
    await page.getByRole('button', { name: 'Withdraw from the catalogue' }).click();
    await page.getByText('Service withdrawn: it is no longer listed or bookable.').waitFor();
    const [withdrawn] = await db.select({ withdrawnAt: services.withdrawnAt }).from(services).where(eq(services.code, `nojs-${tag}`));
    expect(withdrawn!.withdrawnAt).not.toBeNull();
    await page.getByRole('button', { name: 'Return to the catalogue' }).click();
    await page.getByText('Service returned to the catalogue.').waitFor();
    await page.getByRole('link', { name: 'Delete service' }).click();
    await page.getByRole('button', { name: 'Yes, delete it' }).click();
    await page.getByText('Service deleted.').waitFor();
    expect(await db.select().from(services).where(eq(services.code, `nojs-${tag}`))).toHaveLength(0);
    expect(problems).toEqual([]);
  });
});
