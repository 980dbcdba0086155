// Alerts by area in Chromium (ADR 056): a resident subscribes from a district's report list and manages the alert
// (pause, resume, delete); another, without JavaScript, subscribes around an address of the registry and meets a
// form error first; a third chooses the point on the map with a click (ADR 062). axe on every page.
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addresses, areaAlerts, districts } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { confirmAlert } from '#app/modules/alerts/manage-alert.server';
import { subscribeToArea } from '#app/modules/alerts/subscribe-to-area.server';
import { signAlertLink } from '#app/modules/alerts/tokens.server';
import { userIdByEmail } from '../support/reports';
import { expectAccessible, hydrated, newSession, signIn, uniqueEmail, visit } from './browser';

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

  it('a resident clicks a point on the map, sees the circle of the area, and the alert watches around that point', async () => {
    const { page } = await newSession({ locale: 'en-GB' });
    const email = 'resident08@demo.vmeste.city';
    await signIn(page, email);
    const residentId = await userIdByEmail(email);
    await visit(page, '/alerts');
    await hydrated(page);
    await page.getByLabel('How far around it').selectOption('1000');
    const map = page.locator('.leaflet-container');
    await map.waitFor();
    await page.getByText('Or click on the map').waitFor();
    // No point yet, so no such choice and no circle.
    expect(await page.getByLabel(/^Around the point/).count()).toBe(0);
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => page.getByLabel(/^Around the point/).isChecked()).toBe(true);
    await expect.poll(() => page.locator('.map__area').count()).toBe(1);
    await expectAccessible(page, '/alerts (a point chosen on the map)');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.waitForURL('**/me/alerts?created=*');
    await expectAccessible(page);

    const alertId = Number(new URL(page.url()).searchParams.get('created'));
    const [alert] = await db.select().from(areaAlerts).where(eq(areaAlerts.id, alertId));
    expect(alert).toMatchObject({ userId: residentId, districtId: null, radius: 1000, status: 'active' });
    // The map opens on the demo city's centre, 55.75 N 37.62 E, at zoom 12: its middle pixel is that point, give or
    // take a pixel (about 22 m there, 0.0002° of latitude, 0.0004° of longitude).
    expect(Math.abs(alert!.lat! - 55.75)).toBeLessThan(0.0005);
    expect(Math.abs(alert!.lng! - 37.62)).toBeLessThan(0.0008);
    const row = page.locator('li', { hasText: alert!.label });
    await expect.poll(() => row.textContent()).toMatch(/1[,\u00a0 ]?000 m around 55\.7\d+, 37\.6\d+/);
    // The demo resident is left as found (and the next run creates the alert again rather than meeting it).
    await row.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL('**/me/alerts?done=delete');
    expect(await db.select().from(areaAlerts).where(eq(areaAlerts.id, alertId))).toEqual([]);
  });

  it('without an account and without JavaScript: the digest’s manage link pauses, resumes and deletes the alert', async () => {
    const { page } = await newSession({ locale: 'en-GB', javaScriptEnabled: false });
    const [district] = await db.select({ id: districts.id, nameEn: districts.nameEn }).from(districts).where(eq(districts.code, 'sadovy'));
    const made = await subscribeToArea({ email: uniqueEmail('by-link'), locale: 'en' }, { area: { districtId: district!.id }, label: district!.nameEn });
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    const alertId = made.value.alertId;
    expect((await confirmAlert(alertId)).outcome).toBe('confirmed');
    // The link each digest of this alert carries (tests/integration/area-alerts.test.ts reads it from the e-mail).
    const link = `/alerts/manage/${signAlertLink('manage', alertId)}`;
    const statusOf = async () => (await db.select({ status: areaAlerts.status }).from(areaAlerts).where(eq(areaAlerts.id, alertId)))[0]?.status;

    // axe runs as a script in the page: checked once in a session with JavaScript, then used without it.
    await visit((await newSession({ locale: 'en-GB' })).page, link);
    await page.goto(link);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Your alert by area');
    await expect.poll(() => page.getByText(`The daily e-mail about this area: ${district!.nameEn}.`).isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-status]').textContent()).toBe('On');
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.waitForURL('**/alerts/manage/*?done=pause');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Alert paused.');
    await expect.poll(() => page.locator('[data-status]').textContent()).toBe('Paused');
    expect(await statusOf()).toBe('paused');

    await page.getByRole('button', { name: 'Resume' }).click();
    await page.waitForURL('**/alerts/manage/*?done=resume');
    await expect.poll(() => page.locator('[data-status]').textContent()).toBe('On');
    expect(await statusOf()).toBe('active');

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.waitForURL('**/alerts/manage/*?done=delete');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Alert deleted.');
    expect(await statusOf()).toBeUndefined();
  });
});
