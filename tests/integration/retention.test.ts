// Personal data is not kept for ever: sessions that ended more than SESSIONS_RETENTION_DAYS ago and failed sign-ins
// (an e-mail address and an IP) older than SIGN_IN_FAILURES_RETENTION_DAYS are purged by the workers' hourly job;
// live sessions and recent failures (which throttling reads) stay.
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { applyRetention } from '#app/modules/accounts/retention.server';
import { Browser, newResident, uniqueEmail } from '../support/app';
import { userIdByEmail } from '../support/reports';

afterAll(closeConnections);

describe('the retention job', () => {
  it('purges sessions ended more than 30 days ago and failed sign-ins older than 30 days, and nothing else', async () => {
    const { browser: current, email } = await newResident('retention');
    const userId = await userIdByEmail(email);
    const [live] = await sql<{ id: string }[]>`SELECT id FROM sessions WHERE user_id = ${userId}`;
    // Three more of this person's sessions: expired 40 days ago, revoked 40 days ago, and expired only 10 days ago.
    const [expiredLong] = await sql<{ id: string }[]>`INSERT INTO sessions (user_id, expires_at, created_at) VALUES (${userId}, now() - interval '40 days', now() - interval '70 days') RETURNING id`;
    const [revokedLong] = await sql<{ id: string }[]>`INSERT INTO sessions (user_id, expires_at, revoked_at, created_at) VALUES (${userId}, now() + interval '1 day', now() - interval '40 days', now() - interval '45 days') RETURNING id`;
    const [expiredRecently] = await sql<{ id: string }[]>`INSERT INTO sessions (user_id, expires_at, created_at) VALUES (${userId}, now() - interval '10 days', now() - interval '40 days') RETURNING id`;
    const failedEmail = uniqueEmail('retention-failure');
    await sql`INSERT INTO sign_in_failures (email, ip, at) VALUES (${failedEmail}, '10.20.30.40', now() - interval '31 days'), (${failedEmail}, '10.20.30.41', now() - interval '29 days')`;

    await applyRetention();

    const sessionsLeft = (await sql<{ id: string }[]>`SELECT id FROM sessions WHERE user_id = ${userId}`).map((s) => s.id).sort();
    expect(sessionsLeft).toEqual([live!.id, expiredRecently!.id].sort());
    expect(sessionsLeft).not.toContain(expiredLong!.id);
    expect(sessionsLeft).not.toContain(revokedLong!.id);
    const failuresLeft = await sql<{ ip: string }[]>`SELECT host(ip) AS ip FROM sign_in_failures WHERE email = ${failedEmail}`;
    expect(failuresLeft.map((f) => f.ip)).toEqual(['10.20.30.41']);
    // The person is still signed in on the live session.
    expect((await current.get('/me')).status).toBe(200);

    // Run again (a retried job, two workers): nothing more of this person's goes.
    await applyRetention();
    expect((await sql`SELECT id FROM sessions WHERE user_id = ${userId}`).length).toBe(2);
    expect((await sql`SELECT 1 FROM sign_in_failures WHERE email = ${failedEmail}`).length).toBe(1);
    expect((await new Browser().get('/me')).status).toBe(302);
  });
});
