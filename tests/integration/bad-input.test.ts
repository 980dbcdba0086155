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
  { path: '/admin/users', as: 'admin', fields: ['userId', 'role'], extra: { intent: 'grant' }, wrongType: { userId: '42', role: 'emperor', projectId: 'x' } },
  // Ideas. The freshly seeded test database's first idea (id 1) belongs to "Our clinics", which is collecting.
  { path: '/projects/clinics/new', as: 'resident', fields: ['title', 'body', 'tags'], wrongType: { title: 'Ok', body: 'short', tags: 'a,b,c,d,e,f,!!' } },
  { path: '/ideas/1', as: 'resident', fields: ['body'], extra: { intent: 'comment' }, wrongType: { body: 'x', parentId: 'first' } },
  { path: '/ideas/1', as: 'resident', fields: ['reason'], extra: { intent: 'flag' }, wrongType: { reason: '<i>', commentId: 'x' } },
  { path: '/ideas/1', as: 'resident', fields: ['intent'], wrongType: { intent: 'love' } },
  { path: '/moderation/ideas', as: 'admin', fields: ['ideaId', 'reason'], extra: { intent: 'hide' }, wrongType: { ideaId: 'seven', reason: 'ok' } },
  { path: '/moderation/ideas', as: 'admin', fields: ['ideaId', 'title', 'body'], extra: { intent: 'edit' }, wrongType: { ideaId: '1', title: 'Ab', body: 'too short' } },
  { path: '/moderation/ideas', as: 'admin', fields: ['commentId', 'reason'], extra: { intent: 'hide-comment' }, wrongType: { commentId: '-1', reason: 'x' } },
  { path: '/moderation/ideas/duplicates?project=1', as: 'admin', fields: ['targetId', 'sourceIds'], wrongType: { targetId: '5', sourceIds: '5' } },
  { path: '/expert/projects/clinics', as: 'admin', fields: ['ideaId', 'score', 'verdict', 'note'], extra: { intent: 'assess' }, wrongType: { ideaId: '1', score: '6', verdict: 'maybe' } },
  { path: '/admin/projects/1', as: 'admin', fields: ['email', 'role'], extra: { intent: 'grant' }, wrongType: { email: 'nope', role: 'king' } },
  { path: '/admin/projects/1', as: 'admin', fields: ['stage'], extra: { intent: 'advance-stage' }, wrongType: { stage: 'finished' } },
  {
    path: '/admin/projects/new',
    as: 'admin',
    fields: ['slug', 'titleRu', 'titleEn', 'descriptionRu', 'descriptionEn', 'collectingStarts', 'collectingEnds'],
    wrongType: { slug: 'Not A Slug', titleRu: 'Т', titleEn: 'T', descriptionRu: 'коротко', descriptionEn: 'short', districtIds: '99999999999', collectingStarts: '2027-02-30', collectingEnds: '2020-01-01' },
  },
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
