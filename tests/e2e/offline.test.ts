// The installable app (ADR 049): the service worker installs, the report form opens offline from its copy, and a
// report filed offline waits on the device and is sent when the connection returns — with a photo, seen in Postgres.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { placeIn } from '../support/reports';
import { baseUrl, expectAccessible, hydrated, newSession, uniqueEmail } from './browser';

describe('the installable app', () => {
  it('serves its manifest and icons, and a service worker that answers with the current build', async () => {
    const manifest = (await (await fetch(`${baseUrl}/manifest.webmanifest`)).json()) as { start_url: string; display: string; icons: { src: string; sizes: string }[] };
    expect(manifest.display).toBe('standalone');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(['192x192', '512x512', '512x512']);
    for (const icon of manifest.icons) {
      const response = await fetch(`${baseUrl}${icon.src}`);
      expect(response.headers.get('content-type')).toBe('image/png');
      const { width, height } = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect(`${width}x${height}`).toBe(icon.sizes);
    }
    const worker = await (await fetch(`${baseUrl}/sw.js`)).text();
    // The precache names this build's shell: the entry module the pages load now.
    const page = await (await fetch(`${baseUrl}/`)).text();
    const entry = /\/assets\/entry\.client-[\w-]+\.js/.exec(page)![0];
    expect(worker).toContain(entry);
  });

  it('keeps a report filed offline on the device, shows it waiting, and sends it when the connection returns', async () => {
    // Offline, every fetch the page makes fails, and Chromium logs each: that is the point of the test.
    const resident = await newSession({ locale: 'en-GB' }, { ignore: /ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_/ });
    const { page, context } = resident;
    await page.goto('/register');
    await page.getByLabel('Full name').fill('Olga Offline');
    await page.getByLabel('E-mail').fill(uniqueEmail('offline'));
    await page.getByLabel('Password').fill('a-long-password-7');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/me?welcome=1');
    await hydrated(page);
    // The worker installs and takes the page over.
    await page.waitForFunction(() => navigator.serviceWorker.ready.then(() => !!navigator.serviceWorker.controller), undefined, { timeout: 20_000 });

    await page.goto('/reports/new');
    await hydrated(page);
    await expectAccessible(page, '/reports/new (online)');

    await context.setOffline(true);
    // The form opens again without the network: the worker answers with the copy it kept.
    await page.reload();
    await hydrated(page);
    await page.getByRole('heading', { name: 'Report a problem', level: 1 }).waitFor();

    const place = placeIn('tverskoy');
    // Somewhere no earlier run filed a report (the nearby-duplicate offer would refuse the draft).
    const lat = (place.lat + (Math.random() - 0.5) * 0.004).toFixed(6);
    const lng = (place.lng + (Math.random() - 0.5) * 0.004).toFixed(6);
    const description = `Streetlight out at the bus stop ${Math.random().toString(36).slice(2, 8)}`;
    await page.getByLabel('Latitude').fill(lat);
    await page.getByLabel('Longitude').fill(lng);
    await page.getByLabel('Address or landmark').fill('Bus stop, Tverskaya street');
    await page.getByLabel('Category', { exact: true }).selectOption({ label: 'Pothole' });
    await page.getByLabel('What is wrong').fill(description);
    const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#335577' } }).jpeg().toBuffer();
    await page.getByLabel('Photos (optional)').setInputFiles({ name: 'stop.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByRole('button', { name: 'Send report' }).click();

    await page.getByText('You are offline: the report is kept on this device').waitFor();
    const draft = page.locator('[data-draft-state]').filter({ hasText: description });
    await expect.poll(() => draft.getAttribute('data-draft-state')).toBe('waiting');
    expect(await draft.textContent()).toContain('Waiting to send');
    expect(page.url()).toMatch(/\/reports\/new$/);
    const [before] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM reports WHERE description = ${description}`;
    expect(before?.n).toBe(0);

    await context.setOffline(false);
    await expect.poll(() => draft.getAttribute('data-draft-state'), { timeout: 20_000 }).toBe('sent');
    expect(await draft.textContent()).toContain('Sent');
    await expectAccessible(page, '/reports/new (a draft sent)');

    const [report] = await sql<{ id: number; photos: number }[]>`
      SELECT r.id, (SELECT count(*)::int FROM report_photos p WHERE p.report_id = r.id) AS photos FROM reports r WHERE r.description = ${description}`;
    expect(report?.photos).toBe(1);
    await draft.getByRole('link', { name: 'Open the report' }).click();
    await page.waitForURL(`**/reports/${report!.id}`);
  });
});
