import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { blockAccount } from '#app/modules/accounts/block-account.server';
import { Browser, newResident } from '../support/app';

afterAll(closeConnections);

const idOf = async (email: string) => (await sql<{ id: string }[]>`SELECT id FROM users WHERE email = ${email}`)[0]!.id;
const audited = async (action: string, userId: string) =>
  (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_log WHERE action = ${action} AND target_type = 'user' AND target_id = ${userId}`)[0]!.n;

async function admin() {
  const browser = new Browser();
  await browser.signIn('admin@demo.vmeste.city');
  return browser;
}

describe('an admin blocks an account used for abuse', () => {
  it('signs the person out everywhere, refuses their sign-in with the reason, tells them, audits it; unblocking lets them back', async () => {
    const { browser: person, email } = await newResident('spammer');
    const elsewhere = new Browser();
    await elsewhere.signIn(email, 'a-long-password-1');
    const userId = await idOf(email);
    // A reset link asked for before the block.
    expect((await new Browser().post('/forgot-password', { email })).status).toBe(200);
    const [open] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM password_resets WHERE user_id = ${userId} AND used_at IS NULL`;
    expect(open!.n).toBe(1);
    const staff = await admin();

    const blocked = await staff.post('/admin/users', { intent: 'block', userId, reason: 'Posting advertisements', q: email });
    expect(blocked.status).toBe(302);
    expect((await person.get('/me')).status).toBe(302);
    expect((await elsewhere.get('/me')).status).toBe(302);

    const refused = await new Browser().post('/sign-in', { email, password: 'a-long-password-1' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('This account is blocked by the city&#x27;s administrators: Posting advertisements');
    // A wrong password learns nothing about the block.
    const guess = await new Browser().post('/sign-in', { email, password: 'not-the-password' });
    expect(await guess.text()).not.toContain('blocked');
    // Nor can a reset link open the way: the one asked for before is void, and no new one is sent.
    expect((await new Browser().post('/forgot-password', { email })).status).toBe(200);
    const [links] = await sql<{ all: number; open: number }[]>`SELECT count(*)::int AS all, count(*) FILTER (WHERE used_at IS NULL)::int AS open FROM password_resets WHERE user_id = ${userId}`;
    expect(links).toEqual({ all: 1, open: 0 });

    const page = await (await staff.get(`/admin/users?q=${encodeURIComponent(email)}`)).text();
    expect(page).toContain('Because: Posting advertisements');
    const [mail] = await sql<{ subject: string; body_text: string }[]>`SELECT subject, body_text FROM email_outbox WHERE to_address = ${email} AND subject = 'Your Vmeste account is blocked'`;
    expect(mail!.body_text).toContain('Posting advertisements');
    expect(await audited('user.block', userId)).toBe(1);

    expect((await staff.post('/admin/users', { intent: 'unblock', userId, q: email })).status).toBe(302);
    expect((await new Browser().post('/sign-in', { email, password: 'a-long-password-1' })).status).toBe(302);
    expect(await audited('user.unblock', userId)).toBe(1);
  });

  it('no longer counts a session opened before the block, and the person\'s data export holds the reason', async () => {
    const { browser: person, email } = await newResident('blocked-export');
    const userId = await idOf(email);
    expect((await (await admin()).post('/admin/users', { intent: 'block', userId, reason: 'Threats' })).status).toBe(302);
    await sql`UPDATE users SET blocked_at = NULL WHERE id = ${userId}`;
    await person.signIn(email, 'a-long-password-1');
    await sql`UPDATE users SET blocked_at = now() WHERE id = ${userId}`;
    // Blocked while a session was open (here: made by hand): that session no longer counts.
    expect((await person.get('/me/data.json')).status).toBe(302);
    await sql`UPDATE users SET blocked_at = NULL, blocked_reason = 'Threats' WHERE id = ${userId}`;
    const data = (await (await person.get('/me/data.json')).json()) as { profile: { blocked_reason: string | null }[] };
    expect(data.profile[0]!.blocked_reason).toBe('Threats');
  });

  it('refuses to block the admin themself, an admin, or someone unknown, and asks for a reason', async () => {
    const staff = await admin();
    const adminId = await idOf('admin@demo.vmeste.city');
    const self = await staff.post('/admin/users', { intent: 'block', userId: adminId, reason: 'Testing' });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('You cannot block your own account');

    // Another admin (here the demo's, blocked by someone else: no second admin grant is made, as other tests count them).
    const moderatorId = await idOf('moderator@demo.vmeste.city');
    expect(await blockAccount(moderatorId, { userId: adminId, reason: 'Testing' })).toEqual({ ok: false, errors: { userId: 'admin.cannotBlockAdmin' } });
    const [adminRow] = await sql<{ blocked_at: Date | null }[]>`SELECT blocked_at FROM users WHERE id = ${adminId}`;
    expect(adminRow!.blocked_at).toBeNull();

    const unknown = await staff.post('/admin/users', { intent: 'block', userId: '00000000-0000-4000-8000-000000000000', reason: 'Testing' });
    expect(unknown.status).toBe(400);
    const { email: quiet } = await newResident('no-reason');
    const quietId = await idOf(quiet);
    // The form posts back to the page it is on: the list searched for this person.
    const noReason = await staff.post(`/admin/users?q=${encodeURIComponent(quiet)}`, { intent: 'block', userId: quietId, reason: ' ', q: quiet });
    expect(noReason.status).toBe(400);
    const html = await noReason.text();
    expect(html).toContain(`href="#reason-${quietId}"`);
    expect(html).toContain(`id="reason-${quietId}-error"`);
    // The person's block form stays open.
    expect(html).toMatch(new RegExp(`<details open=""><summary>Block this account[\\s\\S]*?id="reason-${quietId}"`));
    const [still] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users WHERE blocked_at IS NOT NULL AND email = ${quiet}`;
    expect(still!.n).toBe(0);
  });
});
