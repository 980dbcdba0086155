// Alerts by area in Chromium (ADR 056): a resident subscribes from a district's report list and manages the alert
// (pause, resume, delete); another, without JavaScript, subscribes around an address of the registry and meets a
// form error first. axe on every page.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addresses, districts } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { expectAccessible, newSession, signIn, uniqueEmail, visit } from './browser';

async function register(page: Page, label: string) {
  await page.goto('/register');
  await page.getByLabel('Name').fill(`Alert ${label}`);
  await page.getByLabel('E-mail').fill(uniqueEmail(label));
  await page.getByLabel('Password').fill('a-long-password-7');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/me?welcome=1');
}

describe('alerts by area', () => {
  it('a resident subscribes from a district’s report list, then pauses, resumes and deletes the alert', async () => {
    const { page } = await newSession({ locale: 'en-GB' });
    await register(page, 'district');
    const [district] = await db.select({ id: districts.id, nameEn: districts.nameEn }).from(districts).where(eq(districts.code, 'zarechny'));
    await visit(page, `/reports?district=${district!.id}`);
    await page.getByRole('link', { name: 'Get a daily e-mail about this district' }).click();
    await page.waitForURL(`**/alerts?district=${district!.id}`);
    await expectAccessible(page);
    await expect.poll(() => page.getByLabel('A whole district').isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel('District', { exact: true }).inputValue()).toBe(String(district!.id));
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL('**/me/alerts?created=*');
    await expectAccessible(page);
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`Alert created: ${district!.nameEn}.`);
    const row = page.locator('li', { hasText: district!.nameEn });
    await expect.poll(() => row.locator('[data-status]').textContent()).toBe('On');

    await row.getByRole('button', { name: 'Pause' }).click();
    await page.waitForURL('**/me/alerts?done=pause');
    await expect.poll(() => row.locator('[data-status]').textContent()).toBe('Paused');
    await row.getByRole('button', { name: 'Resume' }).click();
    await page.waitForURL('**/me/alerts?done=resume');
    await expect.poll(() => row.locator('[data-status]').textContent()).toBe('On');
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL('**/me/alerts?done=delete');
    await expectAccessible(page);
    await expect.poll(() => page.getByText('You have no alerts yet.').isVisible()).toBe(true);
  });

  it('without JavaScript: an empty address is a form error, a registry address makes the alert', async () => {
    const { page } = await newSession({ locale: 'en-GB', javaScriptEnabled: false });
    // A demo account, not a new one: the e2e files' registrations together reach the per-address limit (429).
    await signIn(page, 'newcomer@demo.vmeste.city');
    const [address] = await db.select({ fullEn: addresses.fullEn }).from(addresses).orderBy(addresses.id).limit(1);
    await page.goto('/alerts');
    await page.getByLabel('Around an address').check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    // Without JavaScript the form posts to the index route itself.
    await page.waitForURL(/\/alerts(\?index)?$/);
    expect(await page.title()).toMatch(/^Error: /);
    // No axe here: it runs as a script in the page, and this page has JavaScript off (the other test checks these pages).
    await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Address');
    await expect.poll(() => page.getByLabel('Around an address').isChecked()).toBe(true);

    await page.getByLabel('Address', { exact: true }).fill(address!.fullEn);
    await page.getByLabel('How far around it').selectOption('1000');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL('**/me/alerts?created=*');
    const row = page.locator('li', { hasText: address!.fullEn });
    await expect.poll(() => row.textContent()).toMatch(/1[,\u00a0 ]?000 m around/);
    await row.getByRole('button', { name: 'Pause' }).click();
    await page.waitForURL('**/me/alerts?done=pause');
    await expect.poll(() => row.locator('[data-status]').textContent()).toBe('Paused');
  });
});
