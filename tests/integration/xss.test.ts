// Output escaping, field by field: every text a person can type into a form in tests/support/forms.ts is posted
// with XSS payloads, and every page, export and API answer that shows it afterwards is read back. A payload is
// either refused with a 4xx and a message beside its field, or shown as text: never as markup, never breaking out
// of an attribute or of the inline script that carries the page's data. A text field of forms.ts without an entry
// here fails the first test, so a new field cannot ship without someone deciding where it is shown.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { grantRole } from '#app/modules/accounts/grant-role.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import { Browser, newResident, uniqueEmail } from '../support/app';
import { forms, type FormSpec } from '../support/forms';
import { placeIn, userIdByEmail } from '../support/reports';

afterAll(closeConnections);

/** What a field lets through: `script` anything, `markup` "<" but not <script>, `plain` no "<" or ">", `none` no payload at all. */
type Accepts = 'script' | 'markup' | 'plain' | 'none';
type Who = 'anonymous' | 'author' | 'resident' | 'admin' | 'moderator' | 'arbiter' | 'department';
/** A place the text is shown afterwards: a page (HTML), or data (JSON, GeoJSON, CSV), read as `who`. */
type Shown = { path: string; who: Who };
type Entry = { accepts: Accepts; shownOn: Shown[] };

const run = randomUUID().slice(0, 6);
/** A word only this field's text holds, to find it on a page. */
const marker = (key: string) => `q${run}${[...keys()].indexOf(key)}q`;

const payloads: Record<Exclude<Accepts, 'none'>, string> = {
  script: '</script><script>window.__xss=1</script>"><img src=x onerror=window.__xss=1>',
  markup: '"><img src=x onerror=window.__xss=1><svg onload=window.__xss=1></textarea>',
  // What a form that refuses "<" still takes: quotes to break out of an attribute, a javascript: URL, an entity.
  plain: `" onfocus="window.__xss=1" x='javascript:window.__xss=1' &lt;i&gt;`,
};
const stronger: Record<Accepts, Exclude<Accepts, 'none'>[]> = { script: [], markup: ['script'], plain: ['script', 'markup'], none: ['script', 'markup', 'plain'] };

/** Fields of forms.ts that hold no free text (ids, choices, numbers, dates, e-mail addresses, passwords, slugs). */
const notText = new Set([
  'email', 'password', 'birthYear', 'locale', 'kind', 'code', 'departmentKind', 'answerSla', 'answerSlaUnit', 'moderationSlaHours', 'day',
  'opensAt', 'closesAt', 'minAge', 'maxAge', 'pointsReward', 'maxChoices', 'questionId', 'departmentId', 'dueOn', 'itemId', 'progress', 'status',
  'q4', 'rewardId', 'intent', 'ideaId', 'commentId', 'targetId', 'sourceIds', 'score', 'verdict', 'role', 'stage', 'slug', 'collectingStarts',
  'collectingEnds', 'userId', 'understood', 'subject', 'subjectId', 'categoryId', 'lat', 'lng', 'reportId', 'satisfied', 'receipt', 'grantId',
  'optionId', 'direction', 'currentPassword', 'newPassword', 'session', 'scope', 'initiativeId',
  'latitude', 'longitude', 'windows', 'slotMinutes', 'serviceIds', 'serviceId', 'slot', 'visitId', 'window', 'consent', 'districtId',
  'proposedCost', 'budget', 'currency', 'feasibility', 'cost', 'amountSpent',
  'where', 'district', 'radius', 'alert', 'situation', 'durationMinutes',
  // A choice from a list of reasons, not typed.
  '/moderation/reports (reject) reason',
]);

const formKey = (spec: Pick<FormSpec, 'path' | 'extra'>) => `${spec.path.replace(/\?.*/, '')}${spec.extra?.intent ? ` (${spec.extra.intent})` : ''}`;

// Filled in as the story below creates them.
const at = { centre: 0, initiative: 0, report: 0, rejected: 0, idea: 0, project: '', projectId: 0, ballot: 0, authorEmail: '', authorName: '', blockedEmail: '' };
const page = (who: Who, path: () => string) => ({ who, get path() { return path(); } });

/** Where each text is shown afterwards. Data answers (JSON, CSV) are read as data; pages as HTML. */
/** A text typed in both languages (nameRu, nameEn): each is read back in its own language, in the same places. */
const bilingual = (name: string, shownOn: Shown[]): Record<string, Entry> => ({ [`${name}Ru`]: { accepts: 'plain', shownOn }, [`${name}En`]: { accepts: 'plain', shownOn } });
const plain = (...shownOn: Shown[]): Entry => ({ accepts: 'plain', shownOn });

const ballotPages = [page('admin', () => '/admin/ballots'), page('admin', () => `/admin/ballots/${at.ballot}`), page('anonymous', () => `/votes/${at.ballot}`), page('anonymous', () => '/votes'), page('anonymous', () => `/api/v1/ballots/${at.ballot}`)];
// A scheduled ballot's page shows its questions once it opens.
const questionPages = [page('admin', () => `/admin/ballots/${at.ballot}`), page('anonymous', () => `/api/v1/ballots/${at.ballot}`)];
const ideaPages = [page('anonymous', () => `/ideas/${at.idea}`), page('anonymous', () => `/api/v1/ideas/${at.idea}`)];
const reportPages = [page('anonymous', () => `/reports/${at.report}`), page('author', () => `/reports/${at.report}`), page('anonymous', () => `/api/v1/reports/${at.report}`), page('anonymous', () => `/open311/v2/requests/${at.report}.json`)];

/** Where each text is shown afterwards. Data answers (JSON, CSV) are read as data; pages as HTML. */
const xss: Record<string, Record<string, Entry>> = {
  '/register': { name: plain(page('author', () => '/me'), page('admin', () => `/admin/users?q=${encodeURIComponent(at.authorEmail)}`), page('admin', () => '/admin/outbox'), page('author', () => '/me/data.json')) },
  '/me': { name: plain(page('author', () => '/me'), page('admin', () => `/admin/users?q=${encodeURIComponent(at.authorEmail)}`), page('author', () => '/me/data.json')) },
  '/admin/departments': bilingual('name', [page('admin', () => '/admin/departments'), page('anonymous', () => '/departments'), page('anonymous', () => '/api/v1/departments'), page('anonymous', () => '/departments.json'), page('admin', () => '/admin/users'), page('admin', () => '/decisions/1')]),
  '/admin/categories': {
    ...bilingual('name', [page('admin', () => '/admin/categories'), page('anonymous', () => '/api/v1/categories'), page('resident', () => '/reports/new'), page('anonymous', () => '/reports'), page('anonymous', () => '/open311/v2/services.json')]),
    ...bilingual('group', [page('admin', () => '/admin/categories'), page('anonymous', () => '/api/v1/categories'), page('resident', () => '/reports/new'), page('anonymous', () => '/open311/v2/services.json')]),
  },
  '/admin/holidays': bilingual('name', [page('admin', () => '/admin/holidays')]),
  '/admin/api-keys (issue)': { name: plain(page('admin', () => '/admin/api-keys'), page('admin', () => '/admin/audit')) },
  '/admin/users (block)': { reason: plain(page('admin', () => `/admin/users?q=${encodeURIComponent(at.blockedEmail)}`), page('admin', () => '/admin/audit')) },
  // A new ballot is a draft: only the admin pages show it until it is scheduled (with the details below).
  '/admin/ballots': { ...bilingual('title', [page('admin', () => '/admin/ballots'), page('admin', () => `/admin/ballots/${at.ballot}`)]), ...bilingual('description', [page('admin', () => `/admin/ballots/${at.ballot}`)]) },
  // Scheduled, the ballot is public, and its admin page no longer offers the details to edit.
  '/admin/ballots/1': { ...bilingual('title', ballotPages), ...bilingual('description', [page('anonymous', () => `/votes/${at.ballot}`)]) },
  '/admin/ballots/1 (question)': bilingual('text', questionPages),
  '/admin/ballots/1 (option)': bilingual('label', questionPages),
  '/decisions/1 (item)': bilingual('title', [page('anonymous', () => '/decisions/1'), page('anonymous', () => '/api/v1/decisions/1')]),
  '/decisions/1 (progress)': { text: plain(page('anonymous', () => '/decisions/1')) },
  '/admin/projects/new': {
    ...bilingual('title', [page('anonymous', () => `/projects/${at.project}`), page('anonymous', () => '/ideas'), page('admin', () => '/admin/projects'), page('anonymous', () => `/api/v1/projects/${at.projectId}`)]),
    ...bilingual('description', [page('anonymous', () => `/projects/${at.project}`), page('anonymous', () => `/api/v1/projects/${at.projectId}`)]),
  },
  '/projects/clinics/new': {
    title: plain(...ideaPages, page('anonymous', () => `/projects/${at.project}`), page('author', () => '/me/ideas'), page('anonymous', () => `/api/v1/ideas?project=${at.projectId}`), page('admin', () => '/moderation/ideas')),
    body: plain(...ideaPages, page('admin', () => '/moderation/ideas')),
    // Letters, digits, spaces and hyphens only: every payload is refused.
    tags: { accepts: 'none', shownOn: [] },
  },
  // A person registered at a centre without e-mail: their name on the printed-code answer and in the desk's search.
  '/centre-desk/1/assist (register)': {
    name: plain(page('admin', () => `/centre-desk/1/assist?q=${encodeURIComponent(marker('/centre-desk/1/assist (register) name'))}`)),
    // Digits, spaces, brackets, dashes and a leading + only: every payload is refused.
    phone: { accepts: 'none', shownOn: [] },
  },
  // Before a moderator has checked it, only its author and the moderators see it.
  '/initiatives/new': {
    title: plain(page('author', () => `/initiatives/${at.initiative}`), page('moderator', () => '/moderation/initiatives')),
    body: plain(page('author', () => `/initiatives/${at.initiative}`), page('moderator', () => '/moderation/initiatives')),
  },
  // A centre's name shows wherever the centre is listed; its address on its own page.
  '/admin/centres/new': {
    ...bilingual('name', [page('admin', () => '/admin/centres'), page('anonymous', () => '/centres'), page('anonymous', () => `/centres/${at.centre}`)]),
    ...bilingual('address', [page('anonymous', () => `/centres/${at.centre}`)]),
  },
  // A service's texts show in the public catalogue; its name in the admin's list too.
  '/admin/services/new': {
    ...bilingual('name', [page('admin', () => '/admin/services'), page('anonymous', () => '/services')]),
    ...bilingual('description', [page('anonymous', () => '/services')]),
    ...bilingual('documents', [page('anonymous', () => '/services')]),
  },
  '/moderation/initiatives (reject)': { reason: plain(page('author', () => `/initiatives/${at.initiative}`), page('author', () => '/me/notifications'), page('admin', () => '/admin/audit')) },
  '/ideas/{idea} (comment)': { body: plain(page('anonymous', () => `/ideas/${at.idea}`), page('admin', () => '/moderation/ideas')) },
  '/ideas/{idea} (flag)': { reason: plain(page('admin', () => '/moderation/ideas')) },
  '/moderation/ideas (edit)': {
    title: plain(...ideaPages, page('admin', () => `/expert/projects/${at.project}`)),
    body: plain(...ideaPages),
  },
  '/expert/projects/clinics (assess)': { note: plain(page('admin', () => `/expert/projects/${at.project}`), page('admin', () => `/ideas/${at.idea}`)) },
  '/expert/projects/clinics (cost)': { reason: plain(page('admin', () => `/expert/projects/${at.project}`), page('anonymous', () => `/ideas/${at.idea}`)) },
  '/moderation/ideas (hide-comment)': { reason: plain(page('anonymous', () => `/ideas/${at.idea}`)) },
  '/moderation/ideas (hide)': { reason: plain(page('anonymous', () => `/ideas/${at.idea}`), page('author', () => '/me/notifications'), page('admin', () => '/admin/outbox'), page('admin', () => '/admin/audit')) },
  // Never shown whole: the admin's page lists single words of low ratings' comments (read for live markup below).
  '/feedback': { comment: plain() },
  '/reports/new': {
    // The address search's words are only re-shown in their own field.
    addressQuery: plain(),
    address: plain(...reportPages, page('author', () => '/me/reports'), page('anonymous', () => '/reports'), page('department', () => '/department/reports')),
    // "<" is allowed (a resident quoting a sign), <script> is not.
    description: { accepts: 'markup', shownOn: [...reportPages, page('department', () => '/department/reports')] },
  },
  '/moderation/reports (reject)': { note: plain(page('author', () => `/reports/${at.rejected}`), page('moderator', () => `/reports/${at.rejected}`)) },
  '/department/reports (dispute)': { reason: plain(page('anonymous', () => `/reports/${at.report}`), page('arbiter', () => '/control-desk'), page('admin', () => '/admin/audit')) },
  '/control-desk (reassign)': { note: plain(page('anonymous', () => `/reports/${at.report}`)) },
  // Why the answer does not satisfy: on the report's timeline (reopened), then on the control desk (the second time).
  '/reports/1': { reason: plain(page('anonymous', () => `/reports/${at.report}`), page('author', () => `/reports/${at.report}`)) },
  '/control-desk (uphold)': { note: plain(page('anonymous', () => `/reports/${at.report}`), page('author', () => `/reports/${at.report}`)) },
  // The one text with no markup rule at all: an officer's answer may quote anything.
  '/department/reports (answer)': { text: { accepts: 'script', shownOn: [page('anonymous', () => `/reports/${at.report}`), page('author', () => `/reports/${at.report}`), page('anonymous', () => `/open311/v2/requests/${at.report}.json`)] } },
};

function* keys() {
  for (const [form, fields] of Object.entries(xss)) for (const field of Object.keys(fields)) yield `${form} ${field}`;
}

const browsers = {} as Record<Who, Browser>;
const checked = new Set<string>();
let departmentId = 0;

beforeAll(async () => {
  browsers.anonymous = new Browser();
  browsers.resident = (await newResident('xss-reader')).browser;
  for (const who of ['admin', 'moderator', 'arbiter'] as const) {
    browsers[who] = new Browser();
    await browsers[who].signIn(`${who}@demo.vmeste.city`);
  }
});

/** The value typed into a field: its marker, then the strongest payload it takes. */
const typed = (key: string, accepts: Exclude<Accepts, 'none'>) => `${marker(key)} ${payloads[accepts]}`;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;');

/** Nothing of a payload may come out as markup, an attribute or a script, wherever in the document it lands. */
function expectNoLiveMarkup(body: string, where: string) {
  const live = /<script>window\.__xss|<img src=x|<svg onload|" onfocus="window|(href|src|action)\s*=\s*["']?\s*javascript:/i.exec(body);
  expect(live ? body.slice(Math.max(0, live.index - 200), live.index + 100) : null, `${where}: a payload came out live`).toBeNull();
}

function findString(value: unknown, wanted: string): boolean {
  if (typeof value === 'string') return value.includes(wanted);
  if (value && typeof value === 'object') return Object.values(value).some((v) => findString(v, wanted));
  return false;
}

/** Reads every place an entry lists and checks the text is there, and only as text. */
async function expectShownEscaped(form: string, values: Record<string, string>) {
  for (const [field, entry] of Object.entries(xss[form]!)) {
    const key = `${form} ${field}`;
    checked.add(key);
    if (entry.accepts === 'none') continue;
    const value = values[field]!;
    for (const shown of entry.shownOn) {
      // A Russian text is shown on the pages read in Russian.
      const response = await browsers[shown.who].request(shown.path, { headers: { 'Accept-Language': field.endsWith('Ru') ? 'ru' : 'en' } });
      const body = await response.text();
      const where = `${key} on ${shown.path} as ${shown.who}`;
      expect(response.status, where).toBe(200);
      const type = response.headers.get('Content-Type') ?? '';
      if (/json|csv/.test(type)) {
        // Data, not a page: "<" may stay as typed, so long as no browser would take it for HTML.
        expect(type, where).not.toContain('html');
        expect(/json/.test(type) ? findString(JSON.parse(body), value) : body.includes(marker(key)), where).toBe(true);
      } else {
        expect(type, where).toContain('text/html');
        expectNoLiveMarkup(body, where);
        expect(body.includes(marker(key)), `${where}: the text is shown`).toBe(true);
        // As text, or as JSON shown as text (the audit log's before and after).
        expect(body.includes(escapeHtml(value)) || body.includes(escapeHtml(JSON.stringify(value).slice(1, -1))), `${where}: shown as escaped text`).toBe(true);
      }
      fieldPages += 1;
    }
  }
}
let fieldPages = 0;

type Post = { who: Who; path: string; fields: Record<string, string>; multipart?: boolean };

async function send({ who, path, fields, multipart }: Post) {
  const browser = browsers[who];
  if (!multipart) return browser.post(path, fields);
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return browser.postMultipart(path, form);
}

/**
 * Posts a form: first each text field alone with every payload stronger than it takes (each must be refused with
 * a message beside that field, and not echoed as markup), then all of them at once with the strongest they take.
 */
async function submit(form: string, post: Post) {
  for (const [field, entry] of Object.entries(xss[form]!)) {
    for (const strength of stronger[entry.accepts]) {
      const refused = await send({ ...post, fields: { ...post.fields, [field]: `${post.fields[field] ?? ''} ${payloads[strength]}`.trim() } });
      const html = await refused.text();
      const where = `${form} ${field} with the ${strength} payload`;
      expect(refused.status, where).toBe(400);
      expect(html, where).toContain('class="error-summary"');
      // Beside the field, or (the rows of a staff queue, one small form each) in the summary above them.
      // A form repeated per row names its fields after the row (reason-<person>).
      expect(new RegExp(`href="#(field-)?${field}(-[\\w-]+)?"|id="(field-)?${field}(-[\\w-]+)?-error"|<li>[^<]+</li>`).test(html), `${where}: a message names the problem`).toBe(true);
      expectNoLiveMarkup(html, where);
    }
  }
  const values = { ...post.fields };
  for (const [field, entry] of Object.entries(xss[form]!)) if (entry.accepts !== 'none') values[field] = typed(`${form} ${field}`, entry.accepts);
  const response = await send({ ...post, fields: values });
  expect([302, 204, 200], `${form}: ${response.status} ${(await response.clone().text()).slice(0, 300)}`).toContain(response.status);
  expectNoLiveMarkup(await response.text(), form);
  return { response, values };
}

describe('every text field of every form has an XSS entry', () => {
  it('lists each text field of forms.ts here (or says it holds no text)', () => {
    const missing: string[] = [];
    for (const spec of forms) {
      const form = formKey(spec);
      for (const field of spec.fields) if (!xss[form]?.[field] && !notText.has(field) && !notText.has(`${form} ${field}`)) missing.push(`${form} ${field}`);
    }
    expect(missing, 'text fields of tests/support/forms.ts with no entry in xss.test.ts').toEqual([]);
  });
});

const idFrom = (response: Response, pattern: RegExp) => Number(pattern.exec(response.headers.get('Location') ?? '')?.[1]);
const dayAfter = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('XSS payloads in every text field are refused or shown as text, wherever they are shown', () => {
  it('a person\'s name: registration and the profile', async () => {
    at.authorEmail = uniqueEmail('xss-author');
    browsers.author = new Browser();
    await expectShownEscaped('/register', (await submit('/register', { who: 'author', path: '/register', fields: { name: 'Xss Author', email: at.authorEmail, password: 'a-long-password-1' } })).values);
    await expectShownEscaped('/me', (await submit('/me', { who: 'author', path: '/me', fields: { name: 'Xss Author', locale: 'en' } })).values);
  });

  it('the city\'s configuration: departments, categories, holidays, API keys', async () => {
    const [district] = await sql<{ id: number }[]>`SELECT id::int FROM districts WHERE code = 'zavodskoy'`;
    const kind = `xss-${run}`;
    const department = await submit('/admin/departments', { who: 'admin', path: '/admin/departments', fields: { nameRu: 'Отдел', nameEn: 'Department', kind, email: `xss-${run}@city.test`, districtIds: String(district!.id) } });
    departmentId = (await sql<{ id: number }[]>`SELECT id::int FROM departments WHERE kind = ${kind}`)[0]!.id;
    await expectShownEscaped('/admin/departments', department.values);
    const category = await submit('/admin/categories', {
      who: 'admin',
      path: '/admin/categories',
      fields: { code: `xss-${run}`, nameRu: 'Категория', nameEn: 'Category', groupRu: 'Группа', groupEn: 'Group', departmentKind: kind, answerSla: '5', answerSlaUnit: 'working_days', moderationSlaHours: '24' },
    });
    await expectShownEscaped('/admin/categories', category.values);
    const day = `2031-${String((parseInt(run, 16) % 12) + 1).padStart(2, '0')}-${String((parseInt(run, 16) % 28) + 1).padStart(2, '0')}`;
    await sql`DELETE FROM holidays WHERE day = ${day}`;
    await expectShownEscaped('/admin/holidays', (await submit('/admin/holidays', { who: 'admin', path: '/admin/holidays', fields: { day, nameRu: 'Праздник', nameEn: 'Holiday' } })).values);
    await expectShownEscaped('/admin/api-keys (issue)', (await submit('/admin/api-keys (issue)', { who: 'admin', path: '/admin/api-keys', fields: { intent: 'issue', name: 'Key' } })).values);
  });

  it('an account blocked for abuse: the reason, on the staff pages and at the person\'s sign-in', async () => {
    const blocked = await newResident('xss-blocked');
    at.blockedEmail = blocked.email;
    const userId = await userIdByEmail(blocked.email);
    const { values } = await submit('/admin/users (block)', { who: 'admin', path: '/admin/users', fields: { intent: 'block', userId, reason: 'Spam' } });
    await expectShownEscaped('/admin/users (block)', values);
    const signIn = await new Browser().post('/sign-in', { email: blocked.email, password: 'a-long-password-1' });
    const html = await signIn.text();
    expect(html).toContain(escapeHtml(values.reason!));
    expectNoLiveMarkup(html, 'the blocked person\'s sign-in');
  });

  it('a report\'s life: the resident\'s text, the department\'s dispute and answer, the control desk\'s note, a moderator\'s rejection', async () => {
    const department = await newResident('xss-department');
    browsers.department = department.browser;
    const granted = await grantRole(await userIdByEmail('admin@demo.vmeste.city'), { userId: await userIdByEmail(department.email), role: 'department', departmentId });
    expect(granted.ok).toBe(true);
    const [category] = await sql<{ id: number }[]>`SELECT id::int FROM categories WHERE code = ${`xss-${run}`}`;
    const { lat, lng } = placeIn('zavodskoy');
    const where = { categoryId: String(category!.id), lat: String(lat), lng: String(lng), confirmNew: 'yes' };
    const filed = await submit('/reports/new', { who: 'author', path: '/reports/new', multipart: true, fields: { ...where, address: 'Zavodskaya 5', description: 'A deep pothole by the school gate' } });
    at.report = idFrom(filed.response, /\/reports\/(\d+)/);
    expect((await browsers.moderator.post('/moderation/reports', { intent: 'approve', reportId: String(at.report) })).status).toBe(302);
    expect(await routeReport(at.report)).toBe('assigned');
    await expectShownEscaped('/reports/new', filed.values);

    const dispute = { who: 'department' as const, path: '/department/reports', multipart: true, fields: { intent: 'dispute', reportId: String(at.report), reason: 'Not ours' } };
    await expectShownEscaped('/department/reports (dispute)', (await submit('/department/reports (dispute)', dispute)).values);
    const reassign = { who: 'arbiter' as const, path: '/control-desk', fields: { intent: 'reassign', reportId: String(at.report), departmentId: String(departmentId), note: 'Yours after all' } };
    await expectShownEscaped('/control-desk (reassign)', (await submit('/control-desk (reassign)', reassign)).values);
    const answer = { who: 'department' as const, path: '/department/reports', multipart: true, fields: { intent: 'answer', reportId: String(at.report), text: 'The pothole was filled on Monday' } };
    await expectShownEscaped('/department/reports (answer)', (await submit('/department/reports (answer)', answer)).values);
    const feedback = { who: 'author' as const, path: '/feedback', fields: { subject: 'report', subjectId: String(at.report), score: '1', comment: 'Slow' } };
    await expectShownEscaped('/feedback', (await submit('/feedback', feedback)).values);
    expectNoLiveMarkup(await (await browsers.admin.get('/admin/feedback')).text(), '/admin/feedback');

    // Not satisfied: reopened with the reason; answered again and refused again, it goes to the control desk, whose
    // arbiter lets the answer stand with a note.
    const rate = { who: 'author' as const, path: `/reports/${at.report}`, fields: { satisfied: 'no', reason: 'Still there' } };
    await expectShownEscaped('/reports/1', (await submit('/reports/1', rate)).values);
    const again = new FormData();
    for (const [k, v] of Object.entries({ intent: 'answer', reportId: String(at.report), text: 'Filled again on Friday' })) again.set(k, v);
    expect((await browsers.department.postMultipart('/department/reports', again)).status).toBe(302);
    expect((await browsers.author.post(`/reports/${at.report}`, { satisfied: 'no', reason: 'Still a hole' })).headers.get('Location')).toContain('rated=control-desk');
    expectNoLiveMarkup(await (await browsers.arbiter.get('/control-desk')).text(), '/control-desk');
    const uphold = { who: 'arbiter' as const, path: '/control-desk', fields: { intent: 'uphold', reportId: String(at.report), note: 'The answer stands' } };
    await expectShownEscaped('/control-desk (uphold)', (await submit('/control-desk (uphold)', uphold)).values);

    const second = await browsers.author.postMultipart('/reports/new', Object.entries({ ...where, address: 'Zavodskaya 7', description: 'Graffiti on the bus stop wall' }).reduce((f, [k, v]) => (f.set(k, v), f), new FormData()));
    at.rejected = idFrom(second, /\/reports\/(\d+)/);
    const reject = { who: 'moderator' as const, path: '/moderation/reports', fields: { intent: 'reject', reportId: String(at.rejected), reason: 'no-detail', note: 'Which stop' } };
    await expectShownEscaped('/moderation/reports (reject)', (await submit('/moderation/reports (reject)', reject)).values);
  });

  it('ideas: the project, the proposal, its comment, a flag, the moderators\' and the expert\'s words', async () => {
    at.project = `xss-${run}`;
    const dates = { collectingStarts: dayAfter(-1), collectingEnds: dayAfter(10), reviewingStarts: dayAfter(10), reviewingEnds: dayAfter(20), votingStarts: dayAfter(20), votingEnds: dayAfter(30), resultsStarts: dayAfter(30), resultsEnds: dayAfter(40), implementingStarts: dayAfter(40), implementingEnds: dayAfter(100), doneStarts: dayAfter(100), doneEnds: dayAfter(130) };
    const project = await submit('/admin/projects/new', { who: 'admin', path: '/admin/projects/new', fields: { slug: at.project, titleRu: 'Проект', titleEn: 'Project', descriptionRu: 'Описание проекта', descriptionEn: 'A project to test', ...dates } });
    at.projectId = idFrom(project.response, /\/admin\/projects\/(\d+)/);
    await expectShownEscaped('/admin/projects/new', project.values);

    const proposal = await submit('/projects/clinics/new', { who: 'author', path: `/projects/${at.project}/new`, fields: { title: 'Benches', body: 'Benches along the river walk, please', tags: 'benches', confirmNew: 'yes' } });
    at.idea = idFrom(proposal.response, /\/ideas\/(\d+)/);
    await expectShownEscaped('/projects/clinics/new', proposal.values);

    const comment = await submit('/ideas/{idea} (comment)', { who: 'resident', path: `/ideas/${at.idea}`, fields: { intent: 'comment', body: 'Yes please' } });
    const commentId = (await sql<{ id: number }[]>`SELECT id::int FROM idea_comments WHERE idea_id = ${at.idea}`)[0]!.id;
    const flag = await submit('/ideas/{idea} (flag)', { who: 'author', path: `/ideas/${at.idea}`, fields: { intent: 'flag', commentId: String(commentId), reason: 'Rude' } });
    await expectShownEscaped('/ideas/{idea} (comment)', comment.values);
    await expectShownEscaped('/ideas/{idea} (flag)', flag.values);

    const edit = await submit('/moderation/ideas (edit)', { who: 'admin', path: '/moderation/ideas', fields: { intent: 'edit', ideaId: String(at.idea), title: 'Benches', body: 'Benches along the river walk, please' } });
    expect((await browsers.admin.post(`/admin/projects/${at.projectId}`, { intent: 'advance-stage', stage: 'reviewing' })).status).toBe(302);
    await expectShownEscaped('/moderation/ideas (edit)', edit.values);
    const assess = { who: 'admin' as const, path: `/expert/projects/${at.project}`, fields: { intent: 'assess', ideaId: String(at.idea), score: '4', verdict: 'recommend', note: 'Cheap' } };
    await expectShownEscaped('/expert/projects/clinics (assess)', (await submit('/expert/projects/clinics (assess)', assess)).values);
    // Made a participatory budget, the project's ideas get the experts' verdict with its public reasons.
    await sql`UPDATE projects SET budget = 100000, currency = 'RUB' WHERE id = ${at.projectId}`;
    const cost = { who: 'admin' as const, path: `/expert/projects/${at.project}`, fields: { intent: 'cost', ideaId: String(at.idea), feasibility: 'infeasible', reason: 'Too dear' } };
    await expectShownEscaped('/expert/projects/clinics (cost)', (await submit('/expert/projects/clinics (cost)', cost)).values);
    const hideComment = { who: 'admin' as const, path: '/moderation/ideas', fields: { intent: 'hide-comment', commentId: String(commentId), reason: 'Rude' } };
    await expectShownEscaped('/moderation/ideas (hide-comment)', (await submit('/moderation/ideas (hide-comment)', hideComment)).values);
    const hide = { who: 'admin' as const, path: '/moderation/ideas', fields: { intent: 'hide', ideaId: String(at.idea), reason: 'Off topic' } };
    await expectShownEscaped('/moderation/ideas (hide)', (await submit('/moderation/ideas (hide)', hide)).values);
  });

  it('initiatives: the resident\'s text and a moderator\'s rejection', async () => {
    // An administrator has verified the author (only verified residents start initiatives).
    await sql`UPDATE users SET verified = true WHERE email = ${at.authorEmail}`;
    const started = await submit('/initiatives/new', { who: 'author', path: '/initiatives/new', multipart: true, fields: { title: 'Benches by the river', body: 'Benches along the river walk, every hundred metres, please.', scope: 'city' } });
    at.initiative = idFrom(started.response, /\/initiatives\/(\d+)/);
    await expectShownEscaped('/initiatives/new', started.values);
    const reject = { who: 'moderator' as const, path: '/moderation/initiatives', fields: { intent: 'reject', initiativeId: String(at.initiative), reason: 'Duplicate' } };
    await expectShownEscaped('/moderation/initiatives (reject)', (await submit('/moderation/initiatives (reject)', reject)).values);
  });

  it('assisted service: the name of a person a consultant registers', async () => {
    const made = await submit('/centre-desk/1/assist (register)', { who: 'admin', path: '/centre-desk/1/assist', fields: { intent: 'register', name: 'Assisted', phone: '', birthYear: '', districtId: '', consent: 'yes' } });
    await expectShownEscaped('/centre-desk/1/assist (register)', made.values);
  });

  it('centres: the names and addresses an admin types', async () => {
    const code = `xss-${run}`;
    const hours = Object.fromEntries([0, 1, 2, 3, 4, 5, 6, 7].map((d) => [`hours${d}`, '08:00-20:00']));
    const made = await submit('/admin/centres/new', { who: 'admin', path: '/admin/centres/new', fields: { code, nameRu: 'Центр', nameEn: 'Centre', addressRu: 'ул. Тестовая, 1', addressEn: '1 Test St', latitude: '55.7512', longitude: '37.6201', windows: '2', slotMinutes: '15', ...hours } });
    at.centre = (await sql<{ id: number }[]>`SELECT id::int FROM centres WHERE code = ${code}`)[0]!.id;
    await expectShownEscaped('/admin/centres/new', made.values);
  });

  it('services: the name, description and documents an admin types', async () => {
    const fields = { code: `xss-${run}`, situation: 'business', nameRu: 'Услуга', nameEn: 'Service', descriptionRu: 'Описание', descriptionEn: 'About', documentsRu: 'Паспорт', documentsEn: 'Passport', durationMinutes: '10' };
    const made = await submit('/admin/services/new', { who: 'admin', path: '/admin/services/new', fields });
    await expectShownEscaped('/admin/services/new', made.values);
  });

  it('votes: a ballot, its question and options, and a decision\'s items and progress', async () => {
    const ballot = await submit('/admin/ballots', { who: 'admin', path: '/admin/ballots', fields: { titleRu: 'Голосование', titleEn: 'Ballot', descriptionRu: 'Описание', descriptionEn: 'About' } });
    at.ballot = idFrom(ballot.response, /\/admin\/ballots\/(\d+)/);
    await expectShownEscaped('/admin/ballots', ballot.values);
    const local = (days: number) => `${dayAfter(days)}T12:00`;
    const details = await submit('/admin/ballots/1', { who: 'admin', path: `/admin/ballots/${at.ballot}`, fields: { intent: 'details', titleRu: 'Голосование', titleEn: 'Ballot', descriptionRu: 'Описание', descriptionEn: 'About', opensAt: local(5), closesAt: local(9), minAge: '', maxAge: '', pointsReward: '0' } });
    const question = await submit('/admin/ballots/1 (question)', { who: 'admin', path: `/admin/ballots/${at.ballot}`, fields: { intent: 'question', textRu: 'Вопрос', textEn: 'Question', kind: 'single', maxChoices: '1' } });
    const questionId = (await sql<{ id: number }[]>`SELECT id::int FROM ballot_questions WHERE ballot_id = ${at.ballot}`)[0]!.id;
    const option = await submit('/admin/ballots/1 (option)', { who: 'admin', path: `/admin/ballots/${at.ballot}`, fields: { intent: 'option', questionId: String(questionId), labelRu: 'Да', labelEn: 'Yes' } });
    expect((await browsers.admin.post(`/admin/ballots/${at.ballot}`, { intent: 'option', questionId: String(questionId), labelRu: 'Нет', labelEn: 'No' })).status).toBe(302);
    expect((await browsers.admin.post(`/admin/ballots/${at.ballot}`, { intent: 'schedule' })).status).toBe(302);
    await expectShownEscaped('/admin/ballots/1', details.values);
    await expectShownEscaped('/admin/ballots/1 (question)', question.values);
    await expectShownEscaped('/admin/ballots/1 (option)', option.values);

    const item = await submit('/decisions/1 (item)', { who: 'admin', path: '/decisions/1', fields: { intent: 'item', titleRu: 'Пункт', titleEn: 'Item', departmentId: '', dueOn: dayAfter(60) } });
    await expectShownEscaped('/decisions/1 (item)', item.values);
    const itemId = (await sql<{ id: number }[]>`SELECT id::int FROM implementation_items WHERE title_en = ${item.values.titleEn!}`)[0]!.id;
    const progress = await submit('/decisions/1 (progress)', { who: 'admin', path: '/decisions/1', fields: { intent: 'progress', itemId: String(itemId), text: 'Begun', progress: '10', status: 'in_progress' } });
    await expectShownEscaped('/decisions/1 (progress)', progress.values);
  });

  it('checked every entry of the table', () => {
    expect([...keys()].filter((k) => !checked.has(k))).toEqual([]);
    console.info(`XSS: ${checked.size} text fields, ${fieldPages} field × page reads`);
  });
});
