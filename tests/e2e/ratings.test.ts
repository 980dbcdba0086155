// Issue 17 in Chromium (ADR 050): a resident rates a visit once it is served, from the invitation, with a dimension;
// a keyboard-only resident files a report by its address, never touching the map. axe on every step.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { addresses, feedback, reports, services, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { allDayHours, nextSlot } from '../support/centres';
import { bookVisit } from '#app/modules/centres/book-visit.server';
import { markVisit } from '#app/modules/centres/mark-visit.server';
import { saveCentre } from '#app/modules/centres/save-centre.server';
import { centreSchema } from '#app/modules/centres/schemas';
import { expectAccessible, newSession, settled, uniqueEmail, visit } from './browser';

async function register(page: Page, label: string): Promise<string> {
  const email = uniqueEmail(label);
  await page.goto('/register');
  await page.getByLabel('Name').fill(`Vera ${label}`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('a-long-password-7');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/me?welcome=1');
  return email;
}

/** Presses Tab until the focused element matches, as a keyboard user moves through the page. */
async function tabTo(page: Page, matches: (el: { name: string; tag: string; text: string; role: string }) => boolean, what: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return { name: el?.getAttribute('name') ?? '', tag: el?.tagName.toLowerCase() ?? '', text: el?.textContent?.trim() ?? '', role: el?.getAttribute('role') ?? '' };
    });
    if (matches(focused)) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

describe('ratings after a visit', () => {
  it('asks the resident served at a centre to rate it, and records the rating with its dimension', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    const email = await register(page, 'rater');
    const [person] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const [admin] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@demo.vmeste.city'));
    const [service] = await db.select({ id: services.id }).from(services).orderBy(services.id).limit(1);
    // A centre open round the clock, so the visit can be booked and served whatever the hour of the run.
    const code = `e2e-${randomUUID().slice(0, 8)}`;
    const input = centreSchema.parse({ code, nameRu: `Центр ${code}`, nameEn: `Centre ${code}`, addressRu: 'ул. Тестовая, 2', addressEn: '2 Test St', latitude: '55.75', longitude: '37.62', windows: '4', slotMinutes: '15', ...Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, allDayHours])), serviceIds: [String(service!.id)] });
    const saved = await saveCentre(admin!.id, input);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const booked = await bookVisit(person!.id, saved.value.id, { serviceId: service!.id, slot: nextSlot() });
    if (!booked.ok) throw new Error(JSON.stringify(booked.errors));
    expect((await markVisit(admin!.id, saved.value.id, booked.value.visitId, 'served')).ok).toBe(true);

    // The invitation leads to the form.
    await visit(page, '/me/notifications');
    await page.getByRole('link', { name: `How was your visit to Центр ${code}? Rate it` }).click();
    await page.waitForURL(`**/me/visits#visit-${booked.value.visitId}-rate`);
    const form = page.locator(`#visit-${booked.value.visitId}-rate`);
    await form.getByRole('heading', { name: 'Rate the visit' }).waitFor();
    await expectAccessible(page, '/me/visits (rating form)');
    await form.getByLabel('4 — good').check();
    await form.getByText('Rate in more detail (optional)').click();
    await form.getByLabel('Waiting time').selectOption({ label: '2 — bad' });
    await form.getByLabel("The official's conduct").selectOption({ label: '5 — very good' });
    await expectAccessible(page, '/me/visits (dimensions open)');
    await form.getByRole('button', { name: 'Send my rating of the visit' }).click();
    await page.getByText('Thank you for your rating.').waitFor();
    await settled(page);
    expect(await page.locator(`#visit-${booked.value.visitId}-rate`).count()).toBe(0);
    await expectAccessible(page, '/me/visits (rated)');
    const [row] = await db.select().from(feedback).where(and(eq(feedback.subject, 'visit'), eq(feedback.subjectId, booked.value.visitId)));
    expect(row).toMatchObject({ stage: 'served', score: 4, waiting: 2, conduct: 5, clarity: null, speed: null, result: null, centreId: saved.value.id, serviceId: service!.id, staffId: admin!.id });
    expect(problems).toEqual([]);
  });
});

describe('accessibility without the map', () => {
  it('lets a keyboard-only resident file a report by its address, never touching the map', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    await register(page, 'keyboard');
    await visit(page, '/reports/new');
    await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

    // The address field is a combobox (ADR 057): typing lists the registry's matches, announced; the arrows move, Escape closes, Enter chooses.
    await tabTo(page, (el) => el.role === 'combobox', 'the address combobox');
    const box = page.getByRole('combobox', { name: 'Street and house' });
    await page.keyboard.type('Lesnaya 12');
    const list = page.getByRole('listbox', { name: 'Street and house' });
    await list.getByRole('option').first().waitFor();
    const shown = await list.getByRole('option').allTextContents();
    expect(shown[0]).toBe('12 Lesnaya St');
    await expect.poll(() => page.getByTestId('address-combobox-status').textContent()).toBe(`${shown.length} ${shown.length === 1 ? 'address' : 'addresses'} found`);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();
    await expectAccessible(page, '/reports/new (address combobox open)');
    await page.keyboard.press('ArrowDown');
    const first = list.getByRole('option').first();
    expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await list.isHidden()).toBe(true);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    await page.keyboard.press('Enter');
    // Enter chose the address, and did not send the form.
    expect(page.url()).toMatch(/\/reports\/new$/);
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => page.getByTestId('address-combobox-status').textContent()).toBe('Chosen: 12 Lesnaya St. The pin is placed there.');
    // The registry's point is the report's.
    const [expected] = await db.select({ id: addresses.id, lat: sql<number>`ST_Y(${addresses.location})`, lng: sql<number>`ST_X(${addresses.location})` }).from(addresses).where(eq(addresses.fullEn, '12 Lesnaya St'));
    await expect.poll(() => page.getByLabel('Address or landmark').inputValue()).toBe('12 Lesnaya St');
    expect(Number(await page.getByLabel('Latitude').inputValue())).toBeCloseTo(Number(expected!.lat), 5);
    expect(Number(await page.getByLabel('Longitude').inputValue())).toBeCloseTo(Number(expected!.lng), 5);
    await expectAccessible(page, '/reports/new (address chosen)');

    await tabTo(page, (el) => el.name === 'categoryId', 'the category list');
    await page.keyboard.type('Pothole');
    await tabTo(page, (el) => el.name === 'description', 'the description');
    await page.keyboard.type('A deep pothole by the entrance, found without the map.');
    await tabTo(page, (el) => el.tag === 'button' && el.text === 'Send report', 'the send button');
    await page.keyboard.press('Enter');
    const filed = page.waitForURL(/\/reports\/\d+\?submitted=1/);
    const offered = page.getByRole('heading', { name: 'Already reported nearby' }).waitFor().then(() => 'offered' as const);
    if ((await Promise.race([filed.then(() => 'filed' as const), offered])) === 'offered') {
      await expectAccessible(page, '/reports/new (nearby offer)');
      await tabTo(page, (el) => el.tag === 'button' && el.text === 'File my report anyway', 'the file-anyway button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/reports\/\d+\?submitted=1/);
    }
    const reportId = Number(/\/reports\/(\d+)/.exec(page.url())![1]);
    await page.locator('.notice').waitFor();
    await expectAccessible(page, `/reports/${reportId} (filed by address)`);
    const [report] = await db.select({ address: reports.address, lat: sql<number>`ST_Y(${reports.location})`, lng: sql<number>`ST_X(${reports.location})` }).from(reports).where(eq(reports.id, reportId));
    expect(report!.address).toBe('12 Lesnaya St');
    expect(Number(report!.lat)).toBeCloseTo(Number(expected!.lat), 5);
    expect(Number(report!.lng)).toBeCloseTo(Number(expected!.lng), 5);
    // The page then asks how filing went (the first point of the report, ADR 050).
    await page.getByRole('heading', { name: 'Rate filing the report' }).waitFor();
    expect(problems).toEqual([]);
  });
});
