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
