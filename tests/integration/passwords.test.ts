import { afterAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { appOrigin } from '#app/utils/env.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { withoutLinks } from '#app/modules/notifications/deliver-email.server';
import { resetLinksPerHour } from '#app/modules/accounts/passwords.server';
import { Browser, newResident, uniqueEmail } from '../support/app';

afterAll(closeConnections);

type Mail = { id: number; subject: string; body_text: string; sensitive: boolean };
const mailsTo = (email: string) => sql<Mail[]>`SELECT id::int AS id, subject, body_text, sensitive FROM email_outbox WHERE to_address = ${email} ORDER BY id`;
const tokenIn = (mail: Mail) => /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(mail.body_text)?.[1];

async function askForLink(email: string, browser = new Browser()) {
  const response = await browser.post('/forgot-password', { email });
  expect(response.status).toBe(200);
  return response.text();
}

async function lastLink(email: string) {
  const mails = (await mailsTo(email)).filter((m) => m.subject === 'Choose a new Vmeste password');
  const token = tokenIn(mails.at(-1)!);
  expect(token).toBeDefined();
  return token!;
}

describe('forgot my password', () => {
  it('sends a one-time link by e-mail, answering the same whether or not the address has an account', async () => {
    const { email } = await newResident('forgot');
    const known = await askForLink(email);
    const unknown = await askForLink(uniqueEmail('nobody'));
    const answer = (html: string) => /<p class="notice" role="status">([^<]*)</.exec(html)?.[1]?.replace(/[^\s,]+@[^\s,]+/, 'EMAIL');
    expect(answer(known)).toBe(answer(unknown));
    expect(answer(known)).toContain('If an account uses EMAIL, a link to choose a new password is on its way');

    const [mail] = (await mailsTo(email)).filter((m) => m.sensitive);
    expect(mail!.subject).toBe('Choose a new Vmeste password');
    expect(mail!.body_text).toContain(`${appOrigin()}/reset-password/`);
    // Only the token's hash is stored, and the token sits in no notification.
    const token = tokenIn(mail!)!;
    const [stored] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM password_resets WHERE token_hash = encode(sha256(${token}::bytea), 'hex')`;
    expect(stored!.n).toBe(1);
    const [plain] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM password_resets WHERE token_hash = ${token}`;
    const [noticed] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM notifications WHERE params::text LIKE ${`%${token}%`}`;
    expect([plain!.n, noticed!.n]).toEqual([0, 0]);
  });

  it('builds the link from APP_URL or the server, never from the Host header a request carries', async () => {
    const { email } = await newResident('host');
    const forged = new Browser();
    forged.origin = 'http://attacker.example';
    await askForLink(email, forged);
    const [mail] = (await mailsTo(email)).filter((m) => m.sensitive);
    expect(mail!.body_text).not.toContain('attacker.example');
    expect(mail!.body_text).toContain(`${appOrigin()}/reset-password/`);
  });

  it('sets a new password once: every session ends, the old password stops working, the link is then dead', async () => {
    const { browser: signedIn, email } = await newResident('reset');
    await askForLink(email);
    const token = await lastLink(email);
    const anyone = new Browser();
    expect(await (await anyone.get(`/reset-password/${token}`)).text()).toContain('Save the new password');

    const short = await anyone.post(`/reset-password/${token}`, { password: 'short' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('at least 10 characters');

    const done = await anyone.post(`/reset-password/${token}`, { password: 'a-brand-new-password' });
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe('/sign-in?reset=1');
    expect((await signedIn.get('/me')).status).toBe(302);
    expect((await new Browser().post('/sign-in', { email, password: 'a-long-password-1' })).status).toBe(400);
    expect((await new Browser().post('/sign-in', { email, password: 'a-brand-new-password' })).status).toBe(302);
    const mails = await mailsTo(email);
    expect(mails.map((m) => m.subject)).toContain('Your Vmeste password was changed');

    const again = await anyone.post(`/reset-password/${token}`, { password: 'yet-another-password' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('This link no longer works');
    expect(await (await anyone.get(`/reset-password/${token}`)).text()).toContain('This link no longer works');
    expect((await new Browser().post('/sign-in', { email, password: 'yet-another-password' })).status).toBe(400);
  });

  it('refuses a link older than an hour, one replaced by a newer link, a made-up one, and a deleted account\'s', async () => {
    const { email } = await newResident('expired');
    await askForLink(email);
    const old = await lastLink(email);
    await sql`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE token_hash = encode(sha256(${old}::bytea), 'hex')`;
    expect((await new Browser().post(`/reset-password/${old}`, { password: 'a-brand-new-password' })).status).toBe(400);

    await askForLink(email);
    const first = await lastLink(email);
    await askForLink(email);
    const second = await lastLink(email);
    // Only the newest link works.
    expect((await new Browser().post(`/reset-password/${first}`, { password: 'another-new-password' })).status).toBe(400);
    expect((await new Browser().post(`/reset-password/${second}`, { password: 'a-brand-new-password' })).status).toBe(302);

    const madeUp = await new Browser().post(`/reset-password/${'A'.repeat(43)}`, { password: 'a-brand-new-password' });
    expect(madeUp.status).toBe(400);
    expect((await new Browser().get('/reset-password/not-a-token')).status).toBe(200);

    const { browser: leaving, email: leaver } = await newResident('leaving');
    await askForLink(leaver);
    const orphan = await lastLink(leaver);
    expect((await leaving.post('/me/data', { understood: 'yes', password: 'a-long-password-1' })).status).toBe(302);
    expect((await new Browser().post(`/reset-password/${orphan}`, { password: 'a-brand-new-password' })).status).toBe(400);
  });

  it('lets one of two simultaneous uses of a link through, never both', async () => {
    const { email } = await newResident('twice');
    await askForLink(email);
    const token = await lastLink(email);
    const answers = await Promise.all(['first-new-password', 'second-new-password'].map((password) => new Browser().post(`/reset-password/${token}`, { password })));
    expect(answers.map((a) => a.status).sort()).toEqual([302, 400]);
    const winner = answers[0]!.status === 302 ? 'first-new-password' : 'second-new-password';
    expect((await new Browser().post('/sign-in', { email, password: winner })).status).toBe(302);
  });

  it(`sends at most ${resetLinksPerHour} links an hour to one account, answering as usual past it`, async () => {
    const { email } = await newResident('flood');
    for (let i = 0; i < resetLinksPerHour + 2; i++) await askForLink(email);
    expect((await mailsTo(email)).filter((m) => m.sensitive)).toHaveLength(resetLinksPerHour);
  });

  it('limits requests per IP address with a 429 that keeps the address typed', async () => {
    const ip = new Browser().ip;
    let status = 0;
    for (let i = 0; i < 11 && status !== 429; i += 1) {
      const response = await new Browser(ip).post('/forgot-password', { email: `many-${i}@test.vmeste.city` });
      status = response.status;
      if (status === 429) {
        expect(Number(response.headers.get('Retry-After'))).toBeGreaterThan(0);
        expect(await response.text()).toContain(`many-${i}@test.vmeste.city`);
      } else expect(status).toBe(200);
    }
    expect(status).toBe(429);
  });

  it('asks for an e-mail address that looks like one', async () => {
    const response = await new Browser().post('/forgot-password', { email: 'not-an-address' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/field__error[^>]*>[^<]*e-mail/i);
  });

  it('never shows one-time links on the outbox page, and drops them from the row once sent', async () => {
    const { email } = await newResident('outbox');
    await askForLink(email);
    const token = await lastLink(email);
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const page = await (await admin.get('/admin/outbox')).text();
    const row = new RegExp(`<li>(?:(?!</li>).)*${email.replace(/[.+]/g, '\\$&')}[\\s\\S]*?</details></li>`).exec(page)?.[0];
    expect(row).toContain('Choose a new Vmeste password');
    expect(row).toContain('This e-mail carries a one-time link for its recipient alone');
    expect(page).not.toContain(token);
    expect(withoutLinks(`Choose one here:\n\n${appOrigin()}/reset-password/${token}\n\nThe link works once.`)).toBe('Choose one here:\n\n[…]\n\nThe link works once.');
  });
});

describe('changing my password in the cabinet', () => {
  it('needs the current password, then signs out the other devices and keeps this one', async () => {
    const { browser, email } = await newResident('change');
    const other = new Browser();
    await other.signIn(email, 'a-long-password-1');

    const wrong = await browser.post('/me', { intent: 'password', currentPassword: 'not-my-password', newPassword: 'a-brand-new-password' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('The password is not right');
    const missing = await browser.post('/me', { intent: 'password', currentPassword: '', newPassword: 'a-brand-new-password' });
    expect(missing.status).toBe(400);
    const short = await browser.post('/me', { intent: 'password', currentPassword: 'a-long-password-1', newPassword: 'short' });
    expect(short.status).toBe(400);
    expect((await other.get('/me')).status).toBe(200);

    const done = await browser.post('/me', { intent: 'password', currentPassword: 'a-long-password-1', newPassword: 'a-brand-new-password' });
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe('/me?passwordChanged=1');
    expect((await browser.get('/me')).status).toBe(200);
    expect((await other.get('/me')).status).toBe(302);
    expect((await new Browser().post('/sign-in', { email, password: 'a-brand-new-password' })).status).toBe(302);
    const [notice] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = ${email} AND n.kind = 'notice.passwordChanged'`;
    expect(notice!.n).toBe(1);
  });

  it('stops guessing the current password: the sixth try in ten minutes gets a 429', async () => {
    const { browser } = await newResident('guess');
    for (let i = 0; i < 5; i += 1) expect((await browser.post('/me', { intent: 'password', currentPassword: `guess-number-${i}`, newPassword: 'a-brand-new-password' })).status).toBe(400);
    const refused = await browser.post('/me', { intent: 'password', currentPassword: 'a-long-password-1', newPassword: 'a-brand-new-password' });
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('too often');
  });

  it('lets an account made through the identity provider set its first password without a current one, from a recent sign-in', async () => {
    const { browser, email } = await newResident('oidc-only');
    await sql`UPDATE users SET password_hash = NULL WHERE email = ${email}`;
    const page = await (await browser.get('/me')).text();
    expect(page).toContain('Your account has no password yet');
    expect(page).not.toContain('name="currentPassword"');
    // From a sign-in older than 15 minutes, not yet: a session left in some browser cannot add a password.
    await sql`UPDATE sessions SET created_at = now() - interval '20 minutes' WHERE user_id = (SELECT id FROM users WHERE email = ${email})`;
    const stale = await browser.post('/me', { intent: 'password', newPassword: 'my-first-password' });
    expect(stale.status).toBe(400);
    expect(await stale.text()).toContain('sign in again through the city identity provider');
    await sql`UPDATE sessions SET created_at = now() WHERE user_id = (SELECT id FROM users WHERE email = ${email})`;
    expect((await browser.post('/me', { intent: 'password', newPassword: 'my-first-password' })).status).toBe(302);
    expect((await new Browser().post('/sign-in', { email, password: 'my-first-password' })).status).toBe(302);
  });
});
