import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newSession, screenshot, uniqueEmail, visit, signIn } from './browser';

/** Follows an admin menu link and waits until that page has rendered (its h1 carries the same name). */
async function openAdminPage(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('staff pages', () => {
  it('give a resident and a moderator a friendly 403, never the data', async () => {
    const { page, problems, context } = await newSession({ locale: 'en-GB' });
    await visit(page, '/register');
    await page.getByLabel('Full name').fill('Curious Resident');
    await page.getByLabel('E-mail').fill(uniqueEmail('curious'));
    await page.getByLabel('Password').fill('a-long-password-3');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/me?welcome=1');
    const response = await visit(page, '/admin/categories');
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toBe('You do not have access to this page');
    expect(await page.content()).not.toContain('Pothole');
    await screenshot(page, 'forbidden');
    expect(problems).toEqual([]);
    await context.close();

    const moderator = await newSession({ locale: 'en-GB' });
    await signIn(moderator.page, 'moderator@demo.vmeste.city');
    expect((await visit(moderator.page, '/admin/users'))?.status()).toBe(403);
    expect(moderator.problems).toEqual([]);
    await moderator.context.close();
  });

  it('let an admin configure the city, grant a role, and see it all in the audit log', async () => {
    const newcomer = await newSession({ locale: 'en-GB' });
    const promoted = uniqueEmail('promote');
    await visit(newcomer.page, '/register');
    await newcomer.page.getByLabel('Full name').fill('Promoted Person');
    await newcomer.page.getByLabel('E-mail').fill(promoted);
    await newcomer.page.getByLabel('Password').fill('a-long-password-4');
    await newcomer.page.getByRole('button', { name: 'Create account' }).click();
    await newcomer.page.waitForURL('**/me?welcome=1');
    await newcomer.context.close();

    const { page, problems, context } = await newSession({ locale: 'en-GB' });
    await signIn(page, 'admin@demo.vmeste.city');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    await expectAccessible(page);

    await openAdminPage(page, 'Districts');
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(10);
    await expectAccessible(page);
    await screenshot(page, 'admin-districts');

    await openAdminPage(page, 'Departments');
    await expectAccessible(page);

    await openAdminPage(page, 'Report categories');
    expect(await page.locator('tbody tr').count()).toBeGreaterThanOrEqual(12);
    await expectAccessible(page);

    await openAdminPage(page, 'Holiday calendar');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page, '/admin/holidays (with errors)');
    const day = `2032-0${1 + Math.floor(Math.random() * 9)}-2${Math.floor(Math.random() * 8)}`;
    await page.getByLabel('Date').fill(day);
    await page.getByLabel('Name (Russian)').fill('День города');
    await page.getByLabel('Name (English)').fill('City Day');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.waitForURL('**/admin/holidays?added=1');
    await page.locator('.notice').waitFor();
    expect(await page.locator('main').textContent()).toContain('City Day');

    await openAdminPage(page, 'People and roles');
    await page.getByLabel('Search by name or e-mail').fill(promoted);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL('**/admin/users?q=*');
    await page.getByText(promoted).waitFor();
    await expectAccessible(page);
    await page.getByText('Grant role').first().click();
    await page.getByLabel('Role').first().selectOption('moderator');
    await page.getByRole('button', { name: 'Grant role' }).first().click();
    await page.waitForURL('**done=granted');
    await page.locator('.notice').waitFor();
    expect(await page.locator('main').textContent()).toContain('Moderator');

    // The same person turns out to post spam: blocked with a reason they will be shown.
    await page.getByText('Block this account').first().click();
    await page.getByRole('button', { name: 'Block this account' }).first().click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page, '/admin/users (block without a reason)');
    await page.getByLabel('Why (shown to the person)').first().fill('Advertising in comments');
    await page.getByRole('button', { name: 'Block this account' }).first().click();
    await page.waitForURL('**done=blocked');
    await expect.poll(() => page.locator('main').textContent()).toContain('Because: Advertising in comments');
    await expectAccessible(page, '/admin/users (blocked)');

    await openAdminPage(page, 'Audit log');
    const log = await page.locator('main').textContent();
    expect(log).toContain('holiday.save');
    expect(log).toContain('role.grant');
    expect(log).toContain('user.block');
    await expectAccessible(page);
    await screenshot(page, 'admin-audit');

    await openAdminPage(page, 'E-mail outbox');
    expect(await page.locator('main').textContent()).toContain('Vmeste: new role');
    await expectAccessible(page);
    expect(problems).toEqual([]);
    await context.close();
  });
});
