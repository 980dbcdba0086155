import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sql as dsql } from 'drizzle-orm';
import { db } from '#app/utils/db.server';
import { expectAccessible, newSession, screenshot, settled, signIn, uniqueEmail, visit } from './browser';

describe('a problem on the map', () => {
  it('is reported with a photo, approved, routed, answered, and reopened when the resident is not satisfied', async () => {
    // The resident reports a pothole by clicking the map.
    const resident = await newSession({ locale: 'en-GB' });
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
    // The map takes the keyboard focus (Leaflet makes it focusable): a screen reader names it.
    await expect.poll(() => resident.page.getByRole('region', { name: 'Map of reports' }).count()).toBe(1);
    expect(await map.getAttribute('aria-label')).toBe('Map of reports');
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
    const moderator = await newSession({ locale: 'en-GB' });
    await signIn(moderator.page, 'moderator@demo.vmeste.city');
    await moderator.page.getByRole('link', { name: 'Moderation' }).click();
    await moderator.page.getByRole('heading', { name: 'Moderation of reports', level: 1 }).waitFor();
    await expectAccessible(moderator.page);
    // Filtered to potholes waiting a week or more, the new report is not there; waiting any time, it is.
    await moderator.page.getByLabel('Category', { exact: true }).selectOption({ label: 'Pothole' });
    await moderator.page.getByLabel('Waiting').selectOption({ label: 'A week or more' });
    await moderator.page.getByRole('button', { name: 'Show' }).click();
    await moderator.page.waitForURL((url) => url.searchParams.get('age') === '7d');
    // The address changes before the list does: wait until the router has nothing in flight.
    await settled(moderator.page);
    expect(await moderator.page.getByRole('button', { name: `Approve ${reportId}`, exact: true }).count()).toBe(0);
    await moderator.page.getByLabel('Waiting').selectOption({ label: 'Any time' });
    await moderator.page.getByRole('button', { name: 'Show' }).click();
    await moderator.page.waitForURL((url) => url.searchParams.get('age') === '');
    await settled(moderator.page);
    // The report waits for moderation, as a pothole (said first, so that a report missing from the queue says why).
    const [queued] = await db.execute<{ status: string; unmoderated: boolean; category: string }>(
      dsql`SELECT r.status, r.moderated_at IS NULL AS unmoderated, c.code AS category FROM reports r JOIN categories c ON c.id = r.category_id WHERE r.id = ${reportId}`,
    );
    expect({ ...queued }).toEqual({ status: 'submitted', unmoderated: true, category: 'pothole' });
    // The queue shows the oldest first, 20 a page: the new report is on the last page.
    const approve = moderator.page.getByRole('button', { name: `Approve ${reportId}`, exact: true });
    for (let page = 2; (await approve.count()) === 0; page += 1) {
      await moderator.page.getByRole('link', { name: 'Next page' }).click();
      // The page has changed once its link back points to the page before (the address changes before the list).
      await moderator.page.locator(`a[rel="prev"][href$="page=${page - 1}"]`).waitFor();
    }
    const item = moderator.page.locator('main li').filter({ has: approve });
    // The resident's photo as a thumbnail and a sketch of the pin, before any decision.
    expect(await item.getByTestId('report-thumbnail').count()).toBe(1);
    await item.getByTestId('report-thumbnail').scrollIntoViewIfNeeded();
    await expect.poll(() => item.getByTestId('report-thumbnail').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    expect(await item.getByRole('img', { name: /^Sketch map: the pin at/ }).count()).toBe(1);
    // No silent default: rejecting without choosing a reason is refused beside the field.
    expect(await item.getByLabel('Reason').inputValue()).toBe('');
    await item.getByRole('button', { name: `Reject ${reportId}`, exact: true }).click();
    await moderator.page.locator('.error-summary').waitFor();
    expect(await moderator.page.locator(`#reason-${reportId}`).getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(moderator.page, '/moderation/reports (reject without a reason)');
    await screenshot(moderator.page, 'moderation-queue');
    // The moderator moves the pin on the map; approval moves the report.
    await item.getByRole('button', { name: `Move the pin on a map ${reportId}` }).click();
    // A click on the map puts the pin there (as on the resident's form); the coordinates follow.
    const pinMap = item.locator('.leaflet-container');
    await pinMap.waitFor();
    await item.locator('.leaflet-marker-icon').waitFor();
    await pinMap.click({ position: { x: 120, y: 90 } });
    await expect.poll(() => item.getByLabel('Latitude').inputValue()).not.toBe('');
    const clicked = { lat: Number(await item.getByLabel('Latitude').inputValue()), lng: Number(await item.getByLabel('Longitude').inputValue()) };
    // Dragging the pin adjusts it: down and to the right is further south and east. The map pans to the clicked
    // pin first, so the drag starts once the pin has stopped moving.
    const marker = item.locator('.leaflet-marker-icon');
    let box = await marker.boundingBox();
    await expect
      .poll(async () => {
        const now = await marker.boundingBox();
        const still = !!now && !!box && now.x === box.x && now.y === box.y;
        box = now;
        return still;
      })
      .toBe(true);
    await moderator.page.mouse.move(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await moderator.page.mouse.down();
    await moderator.page.mouse.move(box!.x + box!.width / 2 + 40, box!.y + box!.height / 2 + 30, { steps: 8 });
    await moderator.page.mouse.up();
    await expect.poll(() => item.getByLabel('Latitude').inputValue()).not.toBe(String(clicked.lat));
    const corrected = { lat: Number(await item.getByLabel('Latitude').inputValue()), lng: Number(await item.getByLabel('Longitude').inputValue()) };
    expect(corrected.lat).toBeLessThan(clicked.lat);
    expect(corrected.lng).toBeGreaterThan(clicked.lng);
    await expectAccessible(moderator.page, '/moderation/reports (moving a pin)');
    await approve.click();
    await moderator.page.waitForURL('**/moderation/reports?done=approve');
    const [moved] = await db.execute<{ lat: number; lng: number }>(dsql`SELECT ST_Y(location) AS lat, ST_X(location) AS lng FROM reports WHERE id = ${reportId}`);
    expect(moved!.lat).toBeCloseTo(corrected.lat, 5);
    expect(moved!.lng).toBeCloseTo(corrected.lng, 5);

    // The routing worker assigns it to the roads department covering the district.
    await expect
      .poll(async () => (await resident.page.reload(), await resident.page.locator('main').textContent()), { timeout: 20_000 })
      .toContain('Roads service, North');

    // The department answers.
    const officer = await newSession({ locale: 'en-GB' });
    await signIn(officer.page, 'department@demo.vmeste.city');
    await officer.page.getByRole('link', { name: 'To answer' }).click();
    await officer.page.getByRole('heading', { name: 'Reports to answer', level: 1 }).waitFor();
    await expectAccessible(officer.page);
    const officerItem = officer.page.locator('main li').filter({ hasText: `Publish the answer ${reportId}` });
    expect(await officerItem.getByTestId('report-thumbnail').count()).toBe(1);
    expect(await officerItem.getByRole('img', { name: /^Sketch map: the pin at/ }).count()).toBe(1);
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
    await resident.page.getByRole('button', { name: 'Send my rating of the answer', exact: true }).click();
    await resident.page.waitForURL('**?rated=reopened');
    await resident.page.getByText('The report is back with the department, with a new deadline.').waitFor();
    const page = await resident.page.locator('main').textContent();
    expect(page).toContain('In progress');
    expect(page).toContain('Reopened: the resident is not satisfied');
    await expectAccessible(resident.page, `/reports/${reportId} (reopened)`);
    await screenshot(resident.page, 'report-reopened');

    // Back in the department's queue, the report says at its top why it came back.
    await officer.page.goto('/department/reports');
    const reopened = officer.page.locator('main li').filter({ hasText: `Publish the answer ${reportId}` });
    expect(await reopened.getByTestId('reopened-why').textContent()).toContain('Reopened: the resident is not satisfied with the answer');
    expect(await reopened.getByTestId('reopened-why').textContent()).toContain('Only half of it was filled.');
    await expectAccessible(officer.page, '/department/reports (reopened)');

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
  }, 180_000);
});
