// The address registry's import page in Chromium (issue 17, ADR 057), as an admin: a file with bad rows shows every
// problem and writes nothing, a check shows what an import would do, the import writes it; axe on every step.
import { randomUUID } from 'node:crypto';
import { like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addresses } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { pointInDistrict } from '#db/seed/demo-city';
import { expectAccessible, newSession, signIn, visit } from './browser';

describe('the address registry import', () => {
  it('lets an admin check a file, see its bad rows, and import it', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    await signIn(page, 'admin@demo.vmeste.city');
    await visit(page, '/admin/addresses');
    await page.getByRole('heading', { name: 'Address registry' }).waitFor();

    const tag = randomUUID().slice(0, 8);
    const [lng, lat] = pointInDistrict('zarechny');
    const header = 'ref,street_ru,street_en,house,latitude,longitude';
    const good = [`e2e-${tag}-1,Браузерная улица,Brauzernaya St,1,${lat.toFixed(6)},${lng.toFixed(6)}`, `e2e-${tag}-2,Браузерная улица,Brauzernaya St,2,${(lat + 0.0004).toFixed(6)},${lng.toFixed(6)}`];
    const file = (rows: string[]) => ({ name: 'addresses.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...rows].join('\n')) });
    const fileField = page.getByLabel('CSV or GeoJSON file');

    await fileField.setInputFiles(file([...good, `e2e-${tag}-3,Браузерная улица,,3,${lat},east`]));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-problems').waitFor();
    const listed = await page.getByTestId('import-problems').getByRole('listitem').allTextContents();
    expect(listed).toHaveLength(2);
    expect(listed[0]).toMatch(/^Line 4, street_en: /);
    expect(listed[1]).toMatch(/^Line 4, longitude: /);
    await expectAccessible(page, '/admin/addresses (bad rows)');
    expect(await db.select().from(addresses).where(like(addresses.ref, `e2e-${tag}-%`))).toHaveLength(0);

    await page.getByLabel('CSV or GeoJSON file').setInputFiles(file(good));
    await page.getByRole('button', { name: 'Check without importing' }).click();
    await page.getByTestId('import-preview').waitFor();
    expect(await page.getByTestId('import-preview').textContent()).toContain('Checked, nothing written: 2 rows — 2 new, 0 changed, 0 unchanged.');
    await expectAccessible(page, '/admin/addresses (checked)');
    expect(await db.select().from(addresses).where(like(addresses.ref, `e2e-${tag}-%`))).toHaveLength(0);

    await page.getByLabel('CSV or GeoJSON file').setInputFiles(file(good));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/admin\/addresses\?rows=2/);
    await page.getByText('Imported 2 rows: 2 new, 0 changed, 0 unchanged.').waitFor();
    await expect.poll(async () => (await page.locator('table').textContent()) ?? '').toContain(`e2e-${tag}-2`);
    await expectAccessible(page, '/admin/addresses (imported)');
    expect((await db.select().from(addresses).where(like(addresses.ref, `e2e-${tag}-%`))).map((a) => a.fullEn).sort()).toEqual(['1 Brauzernaya St', '2 Brauzernaya St']);
    expect(problems).toEqual([]);
  });

  it('keeps the Find button and radio choices on the report form without JavaScript', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB', javaScriptEnabled: false });
    await signIn(page, 'resident@demo.vmeste.city');
    // axe needs JavaScript in the page: the JavaScript journey checks this form's accessibility instead.
    await page.goto('/reports/new');
    expect(await page.getByTestId('address-combobox').count()).toBe(0);
    await page.getByLabel('Street and house').fill('Lesnaya 12');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    const matches = page.getByRole('group', { name: 'Choose the address' });
    await matches.waitFor();
    expect(await matches.getByLabel('12 Lesnaya St').isChecked()).toBe(true);
    expect(problems).toEqual([]);
  });
});
