import { describe, expect, it } from 'vitest';
import { expectAccessible, newSession, signIn, visit } from './browser';

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
});
