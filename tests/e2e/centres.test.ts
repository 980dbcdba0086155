import { describe, expect, it } from 'vitest';
import { expectAccessible, newSession, screenshot, signIn, uniqueEmail, visit } from './browser';

describe('service centres', () => {
  it('lets a resident find what to bring, book a visit at a centre, move it and cancel it', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    await page.goto('/register');
    await page.getByLabel('Name').fill('Vera Visitor');
    await page.getByLabel('E-mail').fill(uniqueEmail('vera'));
    await page.getByLabel('Password').fill('a-long-password-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/me?welcome=1');

    await visit(page, '/services');
    await page.getByRole('heading', { name: 'Identity documents' }).waitFor();
    await screenshot(page, 'services');
    await visit(page, '/centres');
    await page.locator('.leaflet-marker-icon').first().waitFor();
    await screenshot(page, 'centres');
    await page.getByRole('link', { name: 'My Documents — Central' }).click();
    await page.getByRole('heading', { name: 'My Documents — Central' }).waitFor();
    await expectAccessible(page);

    await page.getByLabel('Service').selectOption({ label: 'Internal passport' });
    await page.getByLabel('Day').selectOption({ index: 3 });
    await page.getByRole('button', { name: 'Show free times' }).click();
    await page.locator('input[name="slot"]').first().waitFor();
    await expectAccessible(page, '/centres/:id (free times)');
    // Booking without choosing a time: the error summary and the message at the field.
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.locator('.error-summary').waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    await expectAccessible(page, '/centres/:id (error)');
    await page.locator('label.slot', { hasText: '12:00' }).click();
    await page.getByRole('button', { name: 'Book this time' }).click();
    await page.waitForURL('**/me/visits?booked=*');
    await page.getByText('Your visit is booked.').waitFor();
    expect(await page.locator('main').textContent()).toContain('Internal passport');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Move', exact: true }).click();
    await page.getByRole('heading', { name: 'Move your visit' }).waitFor();
    await page.getByLabel('Day').selectOption({ index: 4 });
    await page.getByRole('button', { name: 'Show free times' }).click();
    await page.locator('label.slot', { hasText: '13:00' }).click();
    await page.getByRole('button', { name: 'Move my visit here' }).click();
    await page.waitForURL('**/me/visits?booked=*');
    // The address changes before the list does.
    await expect.poll(() => page.locator('main li', { hasText: 'Cancelled' }).count()).toBe(1);
    await page.locator('main li', { hasText: 'Booked' }).getByRole('button', { name: /Cancel the visit/ }).click();
    await page.getByText('Your visit is cancelled.').waitFor();
    expect(await page.locator('main li', { hasText: 'Booked' }).count()).toBe(0);
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });

  it('lets an admin manage centres and open a centre’s desk', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    await signIn(page, 'admin@demo.vmeste.city');
    await visit(page, '/admin/centres');
    await page.getByRole('link', { name: 'New centre' }).click();
    await page.getByRole('heading', { name: 'New centre' }).waitFor();
    await expectAccessible(page);
    await page.getByLabel('Monday').fill('20:00-08:00');
    await page.getByRole('button', { name: 'Save centre' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.locator('.error-summary').textContent()).toContain('Monday: The opening time must come before the closing time');
    await expectAccessible(page, '/admin/centres/new (errors)');
    await visit(page, '/admin/centres');
    await page.getByRole('link', { name: 'Desk: My Documents — Central' }).click();
    await page.getByRole('heading', { name: 'Desk: My Documents — Central' }).waitFor();
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });

  it('lets staff run the queue while the centre’s screen follows live', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    const screen = await newSession({ locale: 'en-GB' });
    await signIn(page, 'admin@demo.vmeste.city');
    await visit(page, '/admin/centres');
    await page.getByRole('link', { name: 'Desk: My Documents — Riverside' }).click();
    await page.getByRole('heading', { name: 'Desk: My Documents — Riverside' }).waitFor();
    const screenHref = await page.getByRole('link', { name: 'Queue screen' }).getAttribute('href');
    await visit(screen.page, screenHref!);
    await screen.page.getByRole('heading', { name: 'My Documents — Riverside: now serving' }).waitFor();

    await page.getByLabel('Service').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Issue a walk-in ticket' }).click();
    await page.waitForURL(/issued=\d+/);
    const number = new URL(page.url()).searchParams.get('issued')!;
    await expectAccessible(page);
    // The screen hears of the waiting ticket without a reload.
    await screen.page.getByText(/1 person waiting|people waiting/).waitFor();
    await page.getByLabel('Window').selectOption('2');
    await page.getByRole('button', { name: 'Call the next ticket' }).click();
    await page.waitForURL(/called=/);
    await page.getByText(`to window 2.`).waitFor();
    await screen.page.locator(`tr[data-ticket="${number}"]`).waitFor();
    expect(await screen.page.locator(`tr[data-ticket="${number}"] td`).nth(1).textContent()).toBe('2');
    await expectAccessible(screen.page, '/centres/:id/screen (called)');
    await screenshot(screen.page, 'centre-screen');
    await page.locator(`tr[data-ticket="${number}"]`).getByRole('button', { name: /^Served/ }).click();
    await page.waitForURL(/finished=1/);
    await screen.page.locator(`tr[data-ticket="${number}"]`).waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
    expect(screen.problems).toEqual([]);
  });
});
