import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ballots } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser } from '../support/app';

// This file's app runs for a city with daylight saving time (New York: UTC−4 in summer, UTC−5 in winter), set
// before the app is first loaded by a request; the demo city is Moscow (UTC+3 all year).
vi.stubEnv('CITY_TIMEZONE', 'America/New_York');
afterAll(async () => {
  vi.unstubAllEnvs();
  await closeConnections();
});

const details = (opensAt: string, closesAt: string) => ({ titleRu: 'Часы', titleEn: 'Clocks', descriptionRu: 'Время города', descriptionEn: 'City time', opensAt, closesAt });

describe('a city in another time zone', () => {
  it('reads and shows a ballot’s times in the city’s time, summer and winter, and refuses a time the clocks skip', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const created = await admin.post('/admin/ballots', { titleRu: 'Часы', titleEn: 'Clocks', descriptionRu: 'Время города', descriptionEn: 'City time' });
    const id = Number(/\/admin\/ballots\/(\d+)/.exec(created.headers.get('Location') ?? '')![1]);

    expect((await admin.post(`/admin/ballots/${id}`, details('2027-07-01T09:00', '2027-12-01T09:00'))).status).toBe(302);
    const [row] = await db.select().from(ballots).where(eq(ballots.id, id));
    expect(row!.opensAt!.toISOString()).toBe('2027-07-01T13:00:00.000Z');
    expect(row!.closesAt!.toISOString()).toBe('2027-12-01T14:00:00.000Z');

    const form = await (await admin.get(`/admin/ballots/${id}`)).text();
    expect(form).toContain('value="2027-07-01T09:00"');
    expect(form).toContain('value="2027-12-01T09:00"');
    expect(form).toContain('City time (America/New_York).');
    expect(await (await admin.get('/admin/ballots')).text()).toContain('1 Dec 2027, 09:00');

    // 14 March 2027: New York's clocks go from 02:00 to 03:00.
    const skipped = await admin.post(`/admin/ballots/${id}`, details('2027-03-14T02:30', '2027-12-01T09:00'));
    expect(skipped.status).toBe(400);
    const page = await skipped.text();
    expect(page).toContain('The city’s clocks skip this time (they go forward): choose another');
    expect(page).toContain('value="2027-03-14T02:30"');
    const [unchanged] = await db.select().from(ballots).where(eq(ballots.id, id));
    expect(unchanged!.opensAt!.toISOString()).toBe('2027-07-01T13:00:00.000Z');
  });
});
