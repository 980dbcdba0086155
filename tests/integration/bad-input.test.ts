import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, newResident } from '../support/app';
import { formPath, forms as allForms, formTargets, type FormSpec, type FormTargets } from '../support/forms';

/** The forms with a known wrong answer (the fuzz test covers the rest too). */
const forms = allForms.filter((f): f is FormSpec & { as: 'anonymous' | 'resident' | 'admin'; wrongType: Record<string, string> } => !!f.wrongType && ['anonymous', 'resident', 'admin'].includes(f.as));

const long = 'x'.repeat(5000);
const script = '<script>alert("x")</script>';

const browsers: Record<'anonymous' | 'resident' | 'admin', Browser> = { anonymous: new Browser(), resident: new Browser(), admin: new Browser() };
let targets: FormTargets;
beforeAll(async () => {
  targets = await formTargets();
  browsers.resident = (await newResident('badinput')).browser;
  await browsers.admin.signIn('admin@demo.vmeste.city');
});

function all(fields: string[], value: string) {
  return Object.fromEntries(fields.map((f) => [f, value]));
}

// A password may be any text, script tags too: a form of passwords alone rightly takes them.
const anyText = new Set(['password', 'currentPassword', 'newPassword']);

describe('bad input gets field errors, never a 500', () => {
  for (const form of forms) {
    const cases: [string, Record<string, string>][] = [
      ['empty', all(form.fields, '')],
      ['too long', all(form.fields, long)],
      ['wrongly typed', form.wrongType],
      ...(form.fields.every((f) => anyText.has(f)) ? [] : [['script tags', all(form.fields, script)] as [string, Record<string, string>]]),
      ['missing fields', {}],
    ];
    for (const [label, values] of cases) {
      it(`${form.path}: ${label}`, async () => {
        const response = await browsers[form.as].post(formPath(form, targets), { ...form.extra, ...values });
        const html = await response.text();
        expect(response.status).toBe(400);
        expect(html).toMatch(/<title>Error: /);
        expect(html).toContain('class="error-summary"');
        expect(html).toMatch(/class="field__error" id="field-\w+-error"|<li>[^<]+<\/li>/);
        expect(html).not.toContain(script);
      });
    }
  }

  it('titles each page for what it shows: a refused form, a missing page, the same form unrefused', async () => {
    const title = async (response: Response) => (await response.text()).match(/<title>([^<]*)<\/title>/)?.[1];
    expect(await title(await new Browser().post('/register', { name: '', email: 'x', password: '' }))).toBe('Error: Create an account — Vmeste');
    expect(await title(await new Browser().get('/register'))).toBe('Create an account — Vmeste');
    const missing = await new Browser().get('/reports/999999999');
    expect(missing.status).toBe(404);
    expect(await title(missing)).toBe('Page not found — Vmeste');
    // A refused sign-up says so once: the same address fetched again is the plain form.
    const fresh = new Browser();
    await fresh.post('/register', { name: '', email: '', password: '' });
    expect(await title(await fresh.get('/register'))).toBe('Create an account — Vmeste');
  });

  it('keeps every answer typed when it re-shows the form (except the password)', async () => {
    const response = await new Browser().post('/register', { name: 'Kept Name', email: 'kept@', password: 'secret-password-1' });
    const html = await response.text();
    expect(html).toContain('value="Kept Name"');
    expect(html).toContain('value="kept@"');
    expect(html).not.toContain('secret-password-1');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/aria-describedby="field-email-error"/);
  });

  it('answers a body that is not a form with 400, not 500', async () => {
    const browser = new Browser();
    const response = await browser.request('/sign-in', { method: 'POST', body: '%%%garbage', headers: { 'Content-Type': 'multipart/form-data; boundary=nothing' } });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('form bodies are bounded before they are read', () => {
  it('refuses an anonymous sign-in post of 20,000 fields with 413, and the server goes on answering', async () => {
    const bomb = new Browser();
    const token = await bomb.csrf();
    // 60 KB: small enough for the size limit, so the field count alone must stop it.
    const body = `_csrf=${token}&email=a%40b.co&password=x&${'f=&'.repeat(20_000)}`;
    const [refused, page] = await Promise.all([
      bomb.request('/sign-in', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
      new Browser().get('/ideas'),
    ]);
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain('The form is too large');
    expect(page.status).toBe(200);
  });

  it('refuses a form body over the size limit with 413, whether its length is declared or not', async () => {
    const browser = new Browser();
    const token = await browser.csrf();
    const body = `_csrf=${token}&email=a%40b.co&password=${'x'.repeat(200_000)}`;
    const declared = await browser.request('/sign-in', { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(declared.status).toBe(413);
    const bytes = new TextEncoder().encode(body);
    const chunked = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 16_384) controller.enqueue(bytes.subarray(at, at + 16_384));
        controller.close();
      },
    });
    const streamed = await browser.request('/sign-in', { method: 'POST', body: chunked, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await streamed.text()).toContain('The form is too large');
  });

  it('gives the ballot form more fields than a plain form: 150 answers are read and checked, not refused as too many', async () => {
    const { browser } = await newResident('many-answers');
    const answers = Array.from({ length: 150 }, (_, i) => String(i + 1));
    const response = await browser.post('/votes/3', { q4: answers });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('class="error-summary"');
  });

  it('refuses a file sent to a form that takes none', async () => {
    const browser = new Browser();
    const form = new FormData();
    form.set('email', 'a@b.co');
    form.set('password', 'x');
    form.append('photo', new File([new Uint8Array(10)], 'x.jpg', { type: 'image/jpeg' }));
    const response = await browser.postMultipart('/sign-in', form);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The form could not be read');
  });
});
