import { afterAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { keyPrefix, producerRedis } from '#app/utils/redis.server';
import { appOrigin } from '#app/utils/env.server';
import { Browser, newResident, uniqueEmail } from '../support/app';
import { jpegWithGps, placeIn, shortSlaCategory } from '../support/reports';
import { startWeb, stopProcess } from '../support/processes';

afterAll(closeConnections);

function reportForm(categoryId: number, description: string, photo?: Buffer) {
  const { lat, lng } = placeIn('zavodskoy');
  const form = new FormData();
  const fields = { categoryId: String(categoryId), lat: String(lat), lng: String(lng), address: 'Zavodskaya 5', description, confirmNew: 'yes' };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (photo) form.append('photos', new File([new Uint8Array(photo)], 'photo.jpg', { type: 'image/jpeg' }));
  return form;
}

describe('hardening', () => {
  it('lets only our own scripts with this response\'s nonce run, and forbids framing', async () => {
    const browser = new Browser();
    const first = await browser.get('/reports');
    const second = await browser.get('/reports');
    const csp = first.headers.get('Content-Security-Policy')!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(second.headers.get('Content-Security-Policy')).not.toContain(nonce);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(html).not.toMatch(/<[^>]+\son[a-z]+=/i);
    expect(first.headers.get('X-Frame-Options')).toBe('DENY');
    expect(first.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(first.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
  });

  it('sets the session and CSRF cookies HttpOnly and SameSite', async () => {
    const browser = new Browser();
    const registered = await browser.post('/register', { name: 'Cookie Tester', email: uniqueEmail('cookie'), password: 'a-long-password-1' });
    expect(registered.status).toBe(302);
    const cookie = registered.headers.getSetCookie().find((c) => c.startsWith('vmeste_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const csrf = (await new Browser().get('/sign-in')).headers.getSetCookie().find((c) => c.startsWith('vmeste_csrf='))!;
    expect(csrf).toMatch(/HttpOnly/i);
  });

  it('makes cookies Secure exactly when APP_URL is https', async () => {
    // In-process, APP_URL is unset: http://localhost, so not Secure (a browser would drop it over plain HTTP).
    const plain = (await new Browser().get('/sign-in')).headers.getSetCookie().find((c) => c.startsWith('vmeste_csrf='))!;
    expect(plain).not.toMatch(/;\s*Secure/i);
    const port = 5000 + Number(process.env.VMESTE_PORT_OFFSET ?? 0) + Math.floor(Math.random() * 50);
    const web = await startWeb(port, { NODE_ENV: 'production', APP_URL: 'https://vmeste.example.city' });
    try {
      const page = await fetch(`http://127.0.0.1:${port}/sign-in`);
      await page.arrayBuffer();
      expect(page.headers.getSetCookie().find((c) => c.startsWith('vmeste_csrf='))).toMatch(/;\s*Secure/i);
    } finally {
      await stopProcess(web);
    }
  });

  it('ties the CSRF token to the session, and gives a new secret at sign-in: a token read before does not work after', async () => {
    const { email } = await newResident('csrf-rotation');
    const browser = new Browser();
    const before = await browser.csrf();
    const signedIn = await browser.signIn(email, 'a-long-password-1');
    expect(signedIn.headers.getSetCookie().some((c) => c.startsWith('vmeste_csrf='))).toBe(true);
    const after = await browser.csrf();
    expect(after).not.toBe(before);
    const profile = { intent: 'profile', name: 'Renamed By Someone' };
    expect((await browser.post('/me', { ...profile, _csrf: before }, { csrf: false })).status).toBe(403);
    // Another person's cookie and token together (cookie tossing) do not pass in this person's session either.
    const { browser: other } = await newResident('csrf-other');
    const otherToken = await other.csrf();
    const otherSecret = /(?:^|; )vmeste_csrf=([^;]+)/.exec(other.cookieHeader())![1]!;
    browser.setCookie('vmeste_csrf', otherSecret);
    expect((await browser.post('/me', { ...profile, _csrf: otherToken }, { csrf: false })).status).toBe(403);
    expect(await (await browser.get('/me')).text()).not.toContain('Renamed By Someone');
  });

  it('builds absolute links from APP_URL, never from the Host header a request carries', async () => {
    const forged = new Browser();
    forged.origin = 'http://attacker.example';
    for (const path of ['/api/v1/openapi.json', '/api/v1/docs', '/data/catalog.json', '/data/reports/datapackage.json', '/open311/v2/discovery.json']) {
      const body = await (await forged.get(path)).text();
      expect(body, path).not.toContain('attacker.example');
      expect(body, path).toContain(appOrigin());
    }
  });

  it('keeps personal and admin pages, and their data, out of every cache', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    for (const path of ['/me', '/me/notifications', '/me/data', '/admin/users', '/admin/audit', '/me.data', '/admin/users.data']) {
      const response = await admin.get(path);
      await response.arrayBuffer();
      expect(response.status, path).toBe(200);
      expect(response.headers.get('Cache-Control'), path).toBe('private, no-store');
    }
  });

  it('never sends the session id to the browser, in a page or its data', async () => {
    const { browser, email } = await newResident('session-id');
    const ids = await sql<{ id: string }[]>`SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.email = ${email}`;
    expect(ids).toHaveLength(1);
    for (const path of ['/', '/me', '/me.data', '/me/data']) {
      const body = await (await browser.get(path)).text();
      expect(body, path).not.toContain(ids[0]!.id);
    }
  });

  it('shows typed markup as text, and serves an uploaded photo as an inline image of its own type, sandboxed, never sniffed, private until public', async () => {
    const { browser } = await newResident('photo-headers');
    const category = await shortSlaCategory();
    const submitted = await browser.postMultipart('/reports/new', reportForm(category.id, 'Pothole <img src=x onerror=alert(2)><svg onload=alert(3)> "here" & there', await jpegWithGps()));
    expect(submitted.status).toBe(302);
    const page = await (await browser.get(submitted.headers.get('Location')!)).text();
    // A description may hold "<" (a resident quoting signage); it is shown as text. <script> itself is refused at the form.
    expect(page).toContain('Pothole &lt;img src=x onerror=alert(2)&gt;&lt;svg onload=alert(3)&gt;');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<svg onload');
    const photo = await browser.get(/\/media\/report-photos\/\d+/.exec(page)![0]);
    expect(photo.headers.get('Content-Type')).toBe('image/jpeg');
    expect(photo.headers.get('Content-Disposition')).toMatch(/^inline; filename="report-photo-\d+\.jpg"$/);
    expect(photo.headers.get('Content-Security-Policy')).toContain('sandbox');
    expect(photo.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(photo.headers.get('Cache-Control')).toMatch(/^private/);
  });

  it('limits bursts of reports per account in Redis: the sixth in a minute gets 429 and Retry-After before its photos are read', async () => {
    const { browser, email } = await newResident('burst');
    const [user] = await sql<{ id: string }[]>`SELECT id FROM users WHERE email = ${email}`;
    const userId = user!.id;
    const category = await shortSlaCategory();
    for (let i = 1; i <= 5; i += 1) expect((await browser.postMultipart('/reports/new', reportForm(category.id, `Burst report number ${i}`))).status).toBe(302);
    const refused = await browser.postMultipart('/reports/new', reportForm(category.id, 'Burst report number six'));
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0);
    const html = await refused.text();
    // Refused before its photos were read, so nothing typed can be shown, and the message does not promise it.
    expect(html).toContain('too often in a short time. Wait 1 min and send the form again');
    expect(await sql`SELECT 1 FROM reports WHERE description = 'Burst report number six'`).toHaveLength(0);
    // Counted in Redis under the account's own key (on a cluster, on whichever master owns that key's slot).
    expect(await producerRedis().exists(`${keyPrefix()}:limit:report:account:${userId}`)).toBe(1);
  });

  it('limits registrations per IP address with a 429 that keeps the form', async () => {
    const browser = new Browser();
    let status = 0;
    for (let i = 0; i < 21 && status !== 429; i += 1) {
      const attempt = new Browser(browser.ip);
      const response = await attempt.post('/register', { name: `Many ${i}`, email: uniqueEmail('many'), password: 'a-long-password-1' });
      status = response.status;
      if (status === 429) {
        expect(response.headers.get('Retry-After')).toBeTruthy();
        expect(await response.text()).toContain(`Many ${i}`);
      } else expect(status).toBe(302);
    }
    expect(status).toBe(429);
  });
});

describe('uploads over the size limit', () => {
  it('every form that takes a file answers a part too large with a 413 and a message at the field, in the reader\'s language', async () => {
    const big = (bytes: number) => new File([new Uint8Array(bytes)], 'big.jpg', { type: 'image/jpeg' });
    const resident = (await newResident('too-large')).browser;
    const [admin, department] = [new Browser(), new Browser()];
    await admin.signIn('admin@demo.vmeste.city');
    await department.signIn('department@demo.vmeste.city');
    const draft = await admin.post('/admin/ballots', { titleRu: 'Черновик', titleEn: 'Draft', descriptionRu: 'Описание', descriptionEn: 'About' });
    const draftId = /\/admin\/ballots\/(\d+)/.exec(draft.headers.get('Location') ?? '')![1];
    const cases: { who: Browser; path: string; field: string; bytes: number; mb: number; extra?: Record<string, string> }[] = [
      { who: resident, path: '/reports/new', field: 'photos', bytes: 10 * 1024 * 1024 + 1, mb: 10 },
      { who: resident, path: '/projects/clinics/new', field: 'photos', bytes: 10 * 1024 * 1024 + 1, mb: 10 },
      { who: department, path: '/department/reports', field: 'photos', bytes: 10 * 1024 * 1024 + 1, mb: 10, extra: { intent: 'answer' } },
      { who: admin, path: '/decisions/1', field: 'photos', bytes: 10 * 1024 * 1024 + 1, mb: 10, extra: { intent: 'progress' } },
      { who: admin, path: '/admin/projects/new', field: 'cover', bytes: 10 * 1024 * 1024 + 1, mb: 10 },
      { who: admin, path: '/admin/projects/1', field: 'cover', bytes: 10 * 1024 * 1024 + 1, mb: 10, extra: { intent: 'save' } },
      { who: admin, path: `/admin/ballots/${draftId}`, field: 'image', bytes: 5 * 1024 * 1024 + 1, mb: 5, extra: { intent: 'option' } },
    ];
    for (const [lang, message] of [['en', 'Each photo must be at most {mb} MB'], ['ru', 'Каждая фотография — не более {mb} МБ']] as const) {
      for (const c of cases) {
        const form = new FormData();
        form.set('_csrf', await c.who.csrf());
        for (const [k, v] of Object.entries(c.extra ?? {})) form.set(k, v);
        form.append(c.field, big(c.bytes));
        const response = await c.who.request(c.path, { method: 'POST', body: form, headers: { 'Accept-Language': lang } });
        const where = `${c.path} (${lang})`;
        expect(response.status, where).toBe(413);
        const html = await response.text();
        expect(html, where).toContain('class="error-summary"');
        expect(html, where).toContain(message.replace('{mb}', String(c.mb)));
      }
    }
  });
});

describe('ballot option pictures', () => {
  it('are checked by content like report photos: not an image, or too many pixels, is refused at the field', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const draft = await admin.post('/admin/ballots', { titleRu: 'Картинки', titleEn: 'Pictures', descriptionRu: 'Описание', descriptionEn: 'About' });
    const id = /\/admin\/ballots\/(\d+)/.exec(draft.headers.get('Location') ?? '')![1];
    expect((await admin.post(`/admin/ballots/${id}`, { intent: 'question', textRu: 'Вопрос', textEn: 'Question', kind: 'single', maxChoices: '1' })).status).toBe(302);
    const qid = String((await sql<{ id: number }[]>`SELECT id::int FROM ballot_questions WHERE ballot_id = ${Number(id)}`)[0]!.id);
    const huge = await sharp({ create: { width: 8000, height: 6000, channels: 3, background: '#2a6' } }).png().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>');
    for (const [bytes, name, message] of [
      [svg, 'picture.jpg', 'A photo must be a JPEG, PNG or WebP image'],
      [huge, 'huge.png', 'The picture must be at most 40 megapixels'],
    ] as const) {
      const form = new FormData();
      for (const [k, v] of Object.entries({ intent: 'option', questionId: qid, labelRu: 'Да', labelEn: 'Yes' })) form.set(k, v);
      form.append('image', new File([new Uint8Array(bytes)], name, { type: 'image/jpeg' }));
      const response = await admin.postMultipart(`/admin/ballots/${id}`, form);
      expect(response.status, name).toBe(400);
      expect(await response.text(), name).toContain(message);
    }
  });

  it('of a draft ballot are shown to its editors only, like the draft', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const draft = await admin.post('/admin/ballots', { titleRu: 'Черновик', titleEn: 'Draft', descriptionRu: 'Описание', descriptionEn: 'About' });
    const id = Number(/\/admin\/ballots\/(\d+)/.exec(draft.headers.get('Location') ?? '')![1]);
    expect((await admin.post(`/admin/ballots/${id}`, { intent: 'question', textRu: 'Вопрос', textEn: 'Question', kind: 'single', maxChoices: '1' })).status).toBe(302);
    const [question] = await sql<{ id: number }[]>`SELECT id::int FROM ballot_questions WHERE ballot_id = ${id}`;
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: 'option', questionId: String(question!.id), labelRu: 'Да', labelEn: 'Yes' })) form.set(k, v);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2a6' } }).png().toBuffer();
    form.append('image', new File([new Uint8Array(png)], 'yes.png', { type: 'image/png' }));
    expect((await admin.postMultipart(`/admin/ballots/${id}`, form)).status).toBe(302);
    const [option] = await sql<{ id: number }[]>`SELECT id::int FROM ballot_options WHERE question_id = ${question!.id}`;
    const path = `/media/ballot-options/${option!.id}`;
    expect((await new Browser().get(path)).status).toBe(404);
    expect((await (await newResident('draft-peeker')).browser.get(path)).status).toBe(404);
    const seen = await admin.get(path);
    expect(seen.status).toBe(200);
    expect(seen.headers.get('Cache-Control')).toMatch(/^private/);
  });
});
