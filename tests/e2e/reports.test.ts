import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, newSession, screenshot, uniqueEmail, visit, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});


describe('a problem on the map', () => {
  it('is reported with a photo, approved, routed, answered, and reopened when the resident is not satisfied', async () => {
    // The resident reports a pothole by clicking the map.
    const resident = await newSession(browser, { locale: 'en-GB' });
    const email = uniqueEmail('pothole');
    await resident.page.goto('/register');
    await resident.page.getByLabel('Full name').fill('Vera Pothole');
    await resident.page.getByLabel('E-mail').fill(email);
    await resident.page.getByLabel('Password').fill('a-long-password-5');
    await resident.page.getByRole('button', { name: 'Create account' }).click();
    await resident.page.waitForURL('**/me?welcome=1');
    await visit(resident.page, '/reports/new');
    const map = resident.page.locator('.leaflet-container');
    await map.waitFor();
    await map.click({ position: { x: 200, y: 150 } });
    await expect.poll(() => resident.page.getByLabel('Latitude').inputValue()).not.toBe('');
    await resident.page.getByLabel('Address or landmark').fill('Tverskaya street 7');
    // The category list narrows as the resident types.
    await resident.page.getByLabel('Find a category').fill('pot');
    await expect.poll(() => resident.page.locator('#field-categoryId option').count()).toBe(2);
    await resident.page.getByLabel('Category', { exact: true }).selectOption({ label: 'Pothole' });
    await resident.page.getByLabel('What is wrong').fill('A deep pothole in the right lane, about a metre wide.');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#777777' } }).jpeg().toBuffer();
    await resident.page.getByLabel('Photos (optional)').setInputFiles({ name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: photo });
    await screenshot(resident.page, 'report-new');
    await resident.page.getByRole('button', { name: 'Send report' }).click();
    // An earlier run may have left an open pothole report here: then the duplicate offer comes first.
    const filed = resident.page.waitForURL(/\/reports\/\d+\?submitted=1/);
    const offered = resident.page.getByRole('heading', { name: 'Already reported nearby' }).waitFor().then(() => 'offered' as const);
    if ((await Promise.race([filed.then(() => 'filed' as const), offered])) === 'offered') {
      await expectAccessible(resident.page, '/reports/new (nearby offer)');
      await resident.page.getByLabel('Photos (optional)').setInputFiles({ name: 'pothole.jpg', mimeType: 'image/jpeg', buffer: photo });
      await resident.page.getByRole('button', { name: 'File my report anyway' }).click();
      await resident.page.waitForURL(/\/reports\/\d+\?submitted=1/);
    }
    const reportId = Number(/\/reports\/(\d+)/.exec(resident.page.url())![1]);
    await resident.page.locator('.notice').waitFor();
    await expectAccessible(resident.page, `/reports/${reportId}`);
    expect(await resident.page.locator('img[src^="/media/report-photos/"]').count()).toBe(1);

    // The moderator approves it.
    const moderator = await newSession(browser, { locale: 'en-GB' });
    await signIn(moderator.page, 'moderator@demo.vmeste.city');
    await moderator.page.getByRole('link', { name: 'Moderation' }).click();
    await moderator.page.getByRole('heading', { name: 'Moderation of reports', level: 1 }).waitFor();
    await expectAccessible(moderator.page);
    // The queue shows the oldest first, 20 a page: the new report is on the last page.
    const approve = moderator.page.getByRole('button', { name: `Approve ${reportId}`, exact: true });
    for (let page = 2; (await approve.count()) === 0; page += 1) {
      await moderator.page.getByRole('link', { name: 'Next page' }).click();
      // The page has changed once its link back points to the page before (the address changes before the list).
      await moderator.page.locator(`a[rel="prev"][href$="page=${page - 1}"]`).waitFor();
    }
    await approve.click();
    await moderator.page.waitForURL('**/moderation/reports?done=approve');

    // The routing worker assigns it to the roads department covering the district.
    await expect
      .poll(async () => (await resident.page.reload(), await resident.page.locator('main').textContent()), { timeout: 20_000 })
      .toContain('Roads service, North');

    // The department answers.
    const officer = await newSession(browser, { locale: 'en-GB' });
    await signIn(officer.page, 'department@demo.vmeste.city');
    await officer.page.getByRole('link', { name: 'To answer' }).click();
    await officer.page.getByRole('heading', { name: 'Reports to answer', level: 1 }).waitFor();
    await expectAccessible(officer.page);
    await screenshot(officer.page, 'department-queue');
    await officer.page.getByText(`Publish the answer ${reportId}`, { exact: true }).click();
    await officer.page.locator(`#answer-${reportId}`).fill('The pothole was filled with asphalt on Tuesday.');
    await officer.page.locator(`form:has(input[name="reportId"][value="${reportId}"])`).getByRole('button', { name: 'Publish the answer' }).click();
    await officer.page.waitForURL('**/department/reports?done=answered');

    // The resident is not satisfied: the report is reopened with a new deadline.
    await resident.page.goto(`/reports/${reportId}`);
    await resident.page.getByText('The pothole was filled with asphalt on Tuesday.').waitFor();
    await expectAccessible(resident.page, `/reports/${reportId} (answered)`);
    await resident.page.getByLabel('No, it is not solved').check();
    await resident.page.getByLabel('What is still wrong').fill('Only half of it was filled.');
    await resident.page.getByRole('button', { name: 'Send my rating' }).click();
    await resident.page.waitForURL('**?rated=reopened');
    await resident.page.getByText('The report is back with the department, with a new deadline.').waitFor();
    const page = await resident.page.locator('main').textContent();
    expect(page).toContain('In progress');
    expect(page).toContain('Reopened: the resident is not satisfied');
    await expectAccessible(resident.page, `/reports/${reportId} (reopened)`);
    await screenshot(resident.page, 'report-reopened');

    // The public map and list show it; the league table is public too.
    await visit(resident.page, '/reports');
    await resident.page.locator('.leaflet-container').waitFor();
    await screenshot(resident.page, 'reports-map');
    await visit(resident.page, '/departments');
    await visit(resident.page, '/data');
    await visit(resident.page, '/api/v1/docs');
    await visit(resident.page, '/me/reports');
    expect(await resident.page.locator('main').textContent()).toContain(`Report №${reportId}`);

    for (const s of [resident, moderator, officer]) {
      expect(s.problems).toEqual([]);
      await s.context.close();
    }
  });
});
