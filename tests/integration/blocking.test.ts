import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
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
    // Nor can a reset link open the way.
    await new Browser().post('/forgot-password', { email });
    const [links] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM password_resets WHERE user_id = ${userId}`;
    expect(links!.n).toBe(0);

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

  it('refuses to block the admin themself, another admin, or someone unknown, and asks for a reason', async () => {
    const staff = await admin();
    const adminId = await idOf('admin@demo.vmeste.city');
    const self = await staff.post('/admin/users', { intent: 'block', userId: adminId, reason: 'Testing' });
    expect(self.status).toBe(400);
    expect(await self.text()).toContain('You cannot block your own account');

    const { email } = await newResident('second-admin');
    const otherAdmin = await idOf(email);
    await sql`INSERT INTO role_grants (user_id, role) VALUES (${otherAdmin}, 'admin')`;
    // The form posts back to the page it is on: the list searched for this person.
    const refused = await staff.post(`/admin/users?q=${encodeURIComponent(email)}`, { intent: 'block', userId: otherAdmin, reason: 'Testing', q: email });
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('<li>Person: An administrator cannot be blocked: revoke the role first</li>');
    // The person's block form stays open with the reason typed.
    expect(html).toMatch(new RegExp(`<details open=""><summary>Block this account[\\s\\S]*?id="reason-${otherAdmin}"[^>]*>Testing</textarea>`));
    await sql`DELETE FROM role_grants WHERE user_id = ${otherAdmin}`;

    const unknown = await staff.post('/admin/users', { intent: 'block', userId: '00000000-0000-4000-8000-000000000000', reason: 'Testing' });
    expect(unknown.status).toBe(400);
    const { email: quiet } = await newResident('no-reason');
    const noReason = await staff.post(`/admin/users?q=${encodeURIComponent(quiet)}`, { intent: 'block', userId: await idOf(quiet), reason: ' ', q: quiet });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain(`id="reason-${await idOf(quiet)}-error"`);
    const [still] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM users WHERE blocked_at IS NOT NULL AND email IN (${email}, ${quiet})`;
    expect(still!.n).toBe(0);
  });
});
