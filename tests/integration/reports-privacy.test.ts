import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import { Browser, newResident } from '../support/app';
import { jpegWithGps, placeIn, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';

afterAll(closeConnections);

describe('who sees a report', () => {
  it('keeps a report in moderation to its author and staff, then publishes it without the author\'s identity', async () => {
    const { browser: author, email } = await newResident('private');
    const category = await shortSlaCategory();
    const { lat, lng } = placeIn('zavodskoy');
    const form = new FormData();
    for (const [k, v] of Object.entries({ categoryId: String(category.id), lat: String(lat), lng: String(lng), address: 'Zavodskaya 3', description: 'Broken bench by the fountain', confirmNew: 'yes' })) form.set(k, v);
    form.append('photos', new File([new Uint8Array(await jpegWithGps())], 'bench.jpg', { type: 'image/jpeg' }));
    const submitted = await author.postMultipart('/reports/new', form);
    expect(submitted.status).toBe(302);
    const id = Number(/\/reports\/(\d+)/.exec(submitted.headers.get('Location')!)![1]);
    const page = await (await author.get(`/reports/${id}`)).text();
    const photo = /\/media\/report-photos\/(\d+)/.exec(page)![0];

    const stranger = (await newResident('stranger')).browser;
    const anonymous = new Browser();
    for (const b of [stranger, anonymous]) {
      expect((await b.get(`/reports/${id}`)).status).toBe(404);
      expect((await b.get(photo)).status).toBe(404);
    }
    const moderator = new Browser();
    await moderator.signIn('moderator@demo.vmeste.city');
    expect((await moderator.get(`/reports/${id}`)).status).toBe(200);
    expect((await moderator.get(photo)).headers.get('Content-Type')).toBe('image/jpeg');

    await moderateReport(await userIdByEmail('moderator@demo.vmeste.city'), { intent: 'approve', reportId: id });
    // Approved is not yet public: routing (a job, here run directly) assigns it first.
    expect((await anonymous.get(`/reports/${id}`)).status).toBe(404);
    await routeReport(id);
    await waitFor(async () => (await anonymous.get(`/reports/${id}`)).status === 200, 'the report to be public');
    const publicPage = await (await anonymous.get(`/reports/${id}`)).text();
    expect(publicPage).toContain('Broken bench by the fountain');
    expect(publicPage).not.toContain(email);
    expect(publicPage).not.toContain('Test private');
    expect((await anonymous.get(photo)).status).toBe(200);
  });

  it('lets no one follow a report still in moderation, nor offers it to others as a nearby duplicate', async () => {
    const category = await shortSlaCategory();
    const { lat, lng } = placeIn('zavodskoy');
    const reportForm = (description: string, confirmNew: boolean) => {
      const form = new FormData();
      for (const [k, v] of Object.entries({ categoryId: String(category.id), lat: String(lat), lng: String(lng), address: 'Zavodskaya 11', description })) form.set(k, v);
      if (confirmNew) form.set('confirmNew', 'yes');
      return form;
    };
    const { browser: author } = await newResident('unmoderated');
    const submitted = await author.postMultipart('/reports/new', reportForm('A fallen lamp post, not yet moderated', true));
    expect(submitted.status).toBe(302);
    const id = Number(/\/reports\/(\d+)/.exec(submitted.headers.get('Location')!)![1]);

    const { browser: neighbour, email } = await newResident('neighbour');
    const follow = await neighbour.post(`/reports/${id}`, { intent: 'follow' });
    expect(follow.status).toBe(400);
    expect(await sql`SELECT 1 FROM report_followers WHERE report_id = ${id} AND user_id = ${await userIdByEmail(email)}`).toHaveLength(0);
    // The same place and category, without "it is new": nothing public is near, so the report is filed.
    const second = await neighbour.postMultipart('/reports/new', reportForm('The lamp post by the school has fallen', false));
    expect(second.status).toBe(302);
    expect(second.headers.get('Location')).toMatch(/^\/reports\/\d+/);
  });

  it('answers a bad map query with 400 and field messages, and a good one with features', async () => {
    const anonymous = new Browser();
    const bad = await anonymous.get('/reports/map.json?west=abc&south=55&east=37&north=56');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('west');
    const good = await anonymous.get('/reports/map.json?west=37.3&south=55.6&east=37.9&north=55.9&zoom=11');
    expect(good.status).toBe(200);
    const body = (await good.json()) as { features: { type: string }[] };
    expect(Array.isArray(body.features)).toBe(true);
  });
});
