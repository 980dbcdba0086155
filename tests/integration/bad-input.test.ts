import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, newResident } from '../support/app';

const long = 'x'.repeat(5000);
const script = '<script>alert("x")</script>';

type Form = { path: string; as: 'anonymous' | 'resident' | 'admin'; fields: string[]; extra?: Record<string, string>; wrongType: Record<string, string> };

/** Every form of the foundation, with what a wrongly typed answer looks like for it. */
const forms: Form[] = [
  { path: '/register', as: 'anonymous', fields: ['name', 'email', 'password'], wrongType: { name: 'Ok Name', email: 'not-an-email', password: 'short' } },
  { path: '/sign-in', as: 'anonymous', fields: ['email', 'password'], wrongType: { email: '12345', password: 'whatever-password' } },
  { path: '/me', as: 'resident', fields: ['name', 'birthYear', 'locale'], wrongType: { name: 'Ok', birthYear: 'nineteen', locale: 'fr', districtId: '99999999' } },
  { path: '/admin/departments', as: 'admin', fields: ['nameRu', 'nameEn', 'kind', 'email'], wrongType: { nameRu: 'a', nameEn: 'b', kind: 'Not A Slug!', email: 'nope', districtIds: 'x' } },
  {
    path: '/admin/categories',
    as: 'admin',
    fields: ['code', 'nameRu', 'nameEn', 'groupRu', 'groupEn', 'departmentKind', 'answerSla', 'answerSlaUnit', 'moderationSlaHours'],
    wrongType: { code: 'c', nameRu: 'a', nameEn: 'b', groupRu: 'g', groupEn: 'g', departmentKind: 'roads', answerSla: 'eight', answerSlaUnit: 'fortnights', moderationSlaHours: '-5' },
  },
  { path: '/admin/holidays', as: 'admin', fields: ['day', 'nameRu', 'nameEn'], wrongType: { day: '2027-02-30', nameRu: 'a', nameEn: 'b' } },
  { path: '/admin/api-keys', as: 'admin', fields: ['name'], extra: { intent: 'issue' }, wrongType: { name: '<b>bold</b>' } },
  { path: '/admin/ballots', as: 'admin', fields: ['titleRu', 'titleEn', 'descriptionRu', 'descriptionEn'], wrongType: { titleRu: 'a', titleEn: 'b', descriptionRu: '<b>x</b>', descriptionEn: 'd' } },
  {
    path: '/admin/ballots/1',
    as: 'admin',
    fields: ['titleRu', 'titleEn', 'descriptionRu', 'descriptionEn', 'opensAt', 'closesAt', 'minAge', 'maxAge', 'pointsReward'],
    wrongType: { titleRu: 'a', titleEn: 'b', descriptionRu: 'c', descriptionEn: 'd', opensAt: 'tomorrow', closesAt: '2026-13-45T99:99', minAge: 'old', maxAge: '-1', pointsReward: 'many', districtIds: 'x' },
  },
  { path: '/admin/ballots/1', as: 'admin', fields: ['textRu', 'textEn', 'kind', 'maxChoices'], extra: { intent: 'question' }, wrongType: { textRu: 'q', textEn: 'q', kind: 'ranked', maxChoices: 'two' } },
  { path: '/admin/ballots/1', as: 'admin', fields: ['questionId', 'labelRu', 'labelEn'], extra: { intent: 'option' }, wrongType: { questionId: 'first', labelRu: 'a', labelEn: 'b' } },
  { path: '/decisions/1', as: 'admin', fields: ['titleRu', 'titleEn', 'departmentId', 'dueOn'], extra: { intent: 'item' }, wrongType: { titleRu: 'a', titleEn: 'b', departmentId: 'roads', dueOn: '2027-02-30' } },
  { path: '/decisions/1', as: 'admin', fields: ['itemId', 'text', 'progress', 'status'], extra: { intent: 'progress' }, wrongType: { itemId: 'x', text: 't', progress: '150', status: 'finished' } },
  // The demo seed's open ballot (№3, its question №4): the cast form.
  { path: '/votes/3', as: 'resident', fields: ['q4'], wrongType: { q4: 'first', q999: '1' } },
  { path: '/rewards', as: 'resident', fields: ['rewardId'], wrongType: { rewardId: 'free' } },
  { path: '/admin/users', as: 'admin', fields: ['userId', 'role'], extra: { intent: 'grant' }, wrongType: { userId: '42', role: 'emperor', projectId: 'x' } },
];

const browsers: Record<Form['as'], Browser> = { anonymous: new Browser(), resident: new Browser(), admin: new Browser() };
beforeAll(async () => {
  browsers.resident = (await newResident('badinput')).browser;
  await browsers.admin.signIn('admin@demo.vmeste.city');
});

function all(fields: string[], value: string) {
  return Object.fromEntries(fields.map((f) => [f, value]));
}

describe('bad input gets field errors, never a 500', () => {
  for (const form of forms) {
    const cases: [string, Record<string, string>][] = [
      ['empty', all(form.fields, '')],
      ['too long', all(form.fields, long)],
      ['wrongly typed', form.wrongType],
      ['script tags', all(form.fields, script)],
      ['missing fields', {}],
    ];
    for (const [label, values] of cases) {
      it(`${form.path}: ${label}`, async () => {
        const response = await browsers[form.as].post(form.path, { ...form.extra, ...values });
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
