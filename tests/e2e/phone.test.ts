// A resident on a 390×844 phone: a compact header whose menu opens without JavaScript, long pasted links that wrap
// instead of widening the page, and a device list that names the phone.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { expectAccessible, hydrated, newSession, screenshot, settled, signIn, uniqueEmail, visit } from './browser';

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const androidChrome = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
// What a resident pastes: a link with no place to break it.
const longLink = `https://example.org/${'very-long-path-segment-without-spaces-'.repeat(6)}end?query=${'x'.repeat(60)}`;

const headerHeight = (page: Page) => page.locator('.site-header').evaluate((header) => header.getBoundingClientRect().height);
/** How far the page scrolls sideways (0 when nothing is wider than the screen). */
const sidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('a resident on a phone', () => {
  it('has a compact header whose menu opens and leads on, with and without JavaScript', async () => {
    const scripted = await newSession({ ...phone, locale: 'en-GB', userAgent: androidChrome });
    await signIn(scripted.page, 'resident@demo.vmeste.city');
    await hydrated(scripted.page);
    // Before: every link of a signed-in resident on its own line, 212 of 844 px. Now the brand and a menu button.
    expect(await headerHeight(scripted.page)).toBeLessThanOrEqual(72);
    expect(await scripted.page.getByRole('link', { name: 'Notifications' }).isVisible()).toBe(false);
    await screenshot(scripted.page, 'cabinet-mobile');
    await scripted.page.locator('summary', { hasText: 'Menu' }).click();
    await expectAccessible(scripted.page, '/me (menu open)');
    await screenshot(scripted.page, 'menu-mobile');
    await scripted.page.getByRole('link', { name: 'Notifications' }).click();
    await scripted.page.waitForURL('**/me/notifications');
    await scripted.page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    // Followed: the menu folds again.
    expect(await scripted.page.getByRole('link', { name: 'Notifications' }).isVisible()).toBe(false);

    const plain = await newSession({ ...phone, locale: 'en-GB', javaScriptEnabled: false, userAgent: androidChrome });
    await plain.context.addCookies(await scripted.context.cookies());
    await plain.page.goto('/me');
    expect(await headerHeight(plain.page)).toBeLessThanOrEqual(72);
    await plain.page.locator('summary', { hasText: 'Menu' }).click();
    await plain.page.getByRole('link', { name: 'Reports', exact: true }).click();
    await plain.page.waitForURL('**/reports');
    expect(await plain.page.locator('h1').textContent()).toBe('Reports');
    await Promise.all([scripted.context.close(), plain.context.close()]);
  });

  it('names the phone in the device list: browser, system, network and when it was last active', async () => {
    const { page, context } = await newSession({ ...phone, locale: 'ru-RU', userAgent: androidChrome });
    const email = uniqueEmail('phone');
    await page.goto('/register');
    await page.getByLabel('Имя и фамилия').fill('Ира Телефонова');
    await page.getByLabel('Электронная почта').fill(email);
    await page.getByLabel('Пароль').fill('a-long-password-6');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.waitForURL('**/me?welcome=1');
    const [session] = await sql<{ ms: number }[]>`SELECT (extract(epoch FROM s.last_seen_at) * 1000)::float8 AS ms FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ${email}`;
    const lastSeen = new Intl.DateTimeFormat('ru-RU', { timeZone: 'Europe/Moscow', dateStyle: 'medium', timeStyle: 'short' }).format(session!.ms);
    const devices = page.locator('h2', { hasText: 'Устройства' }).locator('xpath=following-sibling::ul[1]');
    // The test's browser reaches the server from 127.0.0.1: a local network, and no more is said of where.
    expect(await devices.locator('li').first().textContent()).toContain(`Chrome на Android, локальная сеть, последняя активность ${lastSeen}`);
    expect(await devices.textContent()).not.toContain('Mozilla/5.0');
    await context.close();
  });

  it('wraps a pasted link on the report page and the list of reports instead of scrolling sideways', async () => {
    const { page, context } = await newSession({ ...phone, locale: 'en-GB' });
    await page.goto('/register');
    await page.getByLabel('Full name').fill('Lena Longlink');
    await page.getByLabel('E-mail').fill(uniqueEmail('longlink'));
    await page.getByLabel('Password').fill('a-long-password-7');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/me?welcome=1');
    await page.goto('/reports/new');
    await page.getByLabel('Latitude').fill((55.74 + Math.random() * 0.02).toFixed(6));
    await page.getByLabel('Longitude').fill((37.6 + Math.random() * 0.04).toFixed(6));
    await page.getByLabel('Address or landmark').fill(longLink.slice(0, 120));
    await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Pothole' });
    await page.getByLabel('What is wrong').fill(`A pothole, see ${longLink}`);
    await page.getByRole('button', { name: 'Send report' }).click();
    const filed = page.waitForURL(/\/reports\/\d+\?submitted=1/);
    const offered = page.getByRole('heading', { name: 'Already reported nearby' }).waitFor().then(() => 'offered' as const);
    if ((await Promise.race([filed.then(() => 'filed' as const), offered])) === 'offered') {
      await page.getByRole('button', { name: 'File my report anyway' }).click();
      await page.waitForURL(/\/reports\/\d+\?submitted=1/);
    }
    // The address changes before the report's page renders: wait until the router has nothing in flight.
    await settled(page);
    expect(await page.locator('main').textContent()).toContain(longLink);
    expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'report-mobile');

    // The list shows public reports' addresses: one of the demo's, given a pasted link for the length of this check.
    const [shown] = await sql<{ id: number; address: string }[]>`SELECT id::int AS id, address FROM reports WHERE status IN ('arbitration', 'assigned', 'answered', 'closed') ORDER BY id DESC LIMIT 1`;
    try {
      await sql`UPDATE reports SET address = ${longLink.slice(0, 120)} WHERE id = ${shown!.id}`;
      await visit(page, '/reports');
      expect(await page.locator('main').textContent()).toContain(longLink.slice(0, 120));
      expect(await sidewaysScroll(page)).toBeLessThanOrEqual(0);
    } finally {
      await sql`UPDATE reports SET address = ${shown!.address} WHERE id = ${shown!.id}`;
    }
    await context.close();
  });
});

describe('the departments page', () => {
  it("draws the league chart's first label inside the chart", async () => {
    const { page, context } = await newSession({ locale: 'ru-RU' });
    await visit(page, '/departments');
    const chart = page.locator('.chart .recharts-wrapper > svg');
    await chart.waitFor();
    const label = page.locator('.chart .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').first();
    await label.waitFor();
    const [svgBox, labelBox] = await Promise.all([chart.boundingBox(), label.boundingBox()]);
    expect(labelBox!.x).toBeGreaterThanOrEqual(svgBox!.x);
    await screenshot(page, 'departments');
    await context.close();
  });
});
