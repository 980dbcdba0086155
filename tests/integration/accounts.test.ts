import { describe, expect, it } from 'vitest';
import { Browser, newResident, uniqueEmail } from '../support/app';

describe('a resident account', () => {
  it('registers, lands in the cabinet signed in, and gets a welcome notification', async () => {
    const browser = new Browser();
    const email = uniqueEmail('maria');
    const response = await browser.post('/register', { name: 'Maria Ivanova', email, password: 'correct-horse-battery' });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/me?welcome=1');
    const cabinet = await browser.get('/me');
    expect(cabinet.status).toBe(200);
    expect(await cabinet.text()).toContain('Maria Ivanova');
    const notifications = await (await browser.get('/me/notifications')).text();
    expect(notifications).toContain('Welcome to Vmeste, Maria Ivanova!');
  });

  it('refuses a second account with the same e-mail, whatever its case', async () => {
    const { email } = await newResident('twin');
    const response = await new Browser().post('/register', { name: 'Twin', email: email.toUpperCase(), password: 'another-password-1' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This e-mail cannot be used to register');
  });

  it('signs in with the right password and out again; the old cookie no longer works', async () => {
    const { email } = await newResident('signin');
    const browser = new Browser();
    const response = await browser.post('/sign-in', { email, password: 'a-long-password-1' });
    expect(response.status).toBe(302);
    expect((await browser.get('/me')).status).toBe(200);
    const stolenCookie = browser.cookieHeader();
    expect((await browser.post('/sign-out', {})).status).toBe(302);
    expect((await browser.get('/me')).headers.get('Location')).toMatch(/^\/sign-in/);
    const thief = await new Browser().request('/me', { headers: { Cookie: stolenCookie } });
    expect(thief.status).toBe(302);
  });

  it('answers a wrong password and an unknown e-mail with the same words', async () => {
    const { email } = await newResident('generic');
    const wrong = await (await new Browser().post('/sign-in', { email, password: 'not-the-password' })).text();
    const unknown = await (await new Browser().post('/sign-in', { email: uniqueEmail('nobody'), password: 'not-the-password' })).text();
    const message = 'The e-mail or password is not right';
    expect(wrong).toContain(message);
    expect(unknown).toContain(message);
  });

  it('throttles an account after 5 failed sign-ins, even with the right password then', async () => {
    const { email } = await newResident('throttle');
    for (let i = 0; i < 5; i++) {
      // A different address each time: the per-account limit does not depend on the IP.
      expect((await new Browser().post('/sign-in', { email, password: `wrong-${i}-password` })).status).toBe(400);
    }
    const blocked = await new Browser().post('/sign-in', { email, password: 'a-long-password-1' });
    expect(blocked.status).toBe(400);
    expect(await blocked.text()).toContain('Too many failed attempts');
  });

  it('checks at most 5 passwords of one account when 30 sign-ins arrive at once, and refuses the right one after', async () => {
    const { email } = await newResident('parallel');
    // Thirty addresses, so only the per-account limit is in play.
    const answers = await Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        const response = await new Browser(`10.251.${i}.7`).post('/sign-in', { email, password: `wrong-${i}-password` });
        return { status: response.status, text: await response.text() };
      }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(400));
    expect(answers.filter((a) => a.text.includes('The e-mail or password is not right'))).toHaveLength(5);
    expect(answers.filter((a) => a.text.includes('Too many failed attempts'))).toHaveLength(25);
    const right = await new Browser('10.251.99.7').post('/sign-in', { email, password: 'a-long-password-1' });
    expect(right.status).toBe(400);
    expect(await right.text()).toContain('Too many failed attempts');
  });

  it('returns after sign-in only to a path of this site, whatever redirectTo holds, and never fails on it', async () => {
    const { email } = await newResident('redirect');
    const cases: [string, string][] = [
      ['/\t/evil.example', '/me'],
      ['/\\evil.example', '/me'],
      ['//evil.example', '/me'],
      ['/.//evil.example', '/me'],
      ['https://evil.example/', '/me'],
      ['http://localhost/ideas', '/me'],
      ['/\r\nSet-Cookie: x=1', '/me'],
      ['/\u3000evil', '/me'],
      ['ideas', '/me'],
      ['/ideas', '/ideas'],
      ['/reports?status=closed#list', '/reports?status=closed#list'],
    ];
    for (const [redirectTo, location] of cases) {
      const response = await new Browser().post('/sign-in', { email, password: 'a-long-password-1', redirectTo });
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      expect(response.headers.get('Location'), JSON.stringify(redirectTo)).toBe(location);
    }
    // The form carries only a safe path onward, and a bad one never breaks the page.
    for (const query of ['%2F%09%2Fevil.example', '%2F%0D%0Aevil', '%2F%E3%80%80evil']) {
      const page = await new Browser().get(`/sign-in?redirectTo=${query}`);
      expect(page.status, query).toBe(200);
      expect(await page.text(), query).toContain('name="redirectTo" value="/me"');
    }
    const language = await new Browser().post('/lang', { lang: 'en', redirectTo: '/\r\nevil' });
    expect(language.status).toBe(302);
    expect(language.headers.get('Location')).toBe('/');
  });

  it('throttles an IP address after 20 failures across different e-mails', async () => {
    const attacker = new Browser('10.250.1.1');
    for (let i = 0; i < 20; i++) await attacker.post('/sign-in', { email: uniqueEmail(`spray${i}`), password: 'guess-password' });
    const { email } = await newResident('victim');
    const fromAttacker = await attacker.post('/sign-in', { email, password: 'a-long-password-1' });
    expect(await fromAttacker.text()).toContain('Too many failed attempts');
    const fromElsewhere = await new Browser('10.250.1.2').post('/sign-in', { email, password: 'a-long-password-1' });
    expect(fromElsewhere.status).toBe(302);
  });

  it('signs out everywhere else: other devices lose their session, this one keeps it', async () => {
    const { browser: laptop, email } = await newResident('devices');
    const phone = new Browser();
    await phone.post('/sign-in', { email, password: 'a-long-password-1' });
    expect((await phone.get('/me')).status).toBe(200);
    expect((await laptop.post('/me', { intent: 'sign-out-everywhere' })).headers.get('Location')).toBe('/me?signedOut=1');
    expect((await phone.get('/me')).status).toBe(302);
    expect((await laptop.get('/me')).status).toBe(200);
  });

  it('signs out one other device from the list, and never another person\'s', async () => {
    const { browser: laptop, email } = await newResident('devices');
    const phone = new Browser();
    await phone.signIn(email, 'a-long-password-1');
    const page = await (await laptop.get('/me')).text();
    expect(page.match(/this device/g)).toHaveLength(1);
    const refs = [...page.matchAll(/name="session" value="([A-Za-z0-9_-]{22})"/g)].map((m) => m[1]!);
    expect(refs).toHaveLength(1);
    // The list names sessions by a reference, never by the id a cookie carries.
    expect(page).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"/);

    const { browser: stranger } = await newResident('stranger');
    const refused = await stranger.post('/me', { intent: 'sign-out-device', session: refs[0]! });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('That device is already signed out');
    expect((await phone.get('/me')).status).toBe(200);

    const done = await laptop.post('/me', { intent: 'sign-out-device', session: refs[0]! });
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe('/me?deviceSignedOut=1');
    expect((await phone.get('/me')).status).toBe(302);
    expect((await laptop.get('/me')).status).toBe(200);
  });

  it('refuses a form without the CSRF token', async () => {
    const { browser } = await newResident('csrf');
    const response = await browser.post('/me', { name: 'Changed By Another Site', locale: 'en' }, { csrf: false });
    expect(response.status).toBe(403);
    expect(await (await browser.get('/me')).text()).not.toContain('Changed By Another Site');
  });

  it('saves the profile and keeps verification out of the resident\'s reach', async () => {
    const { browser } = await newResident('profile');
    const response = await browser.post('/me', { name: 'Pavel Profile', birthYear: '1990', districtId: '', locale: 'en', verified: 'true' });
    expect(response.headers.get('Location')).toBe('/me?saved=1');
    const page = await (await browser.get('/me')).text();
    expect(page).toContain('Pavel Profile');
    expect(page).toContain('Not verified');
  });
});
