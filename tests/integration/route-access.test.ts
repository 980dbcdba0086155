// Every route × every kind of person, with the answer each must get. A route file without an entry here fails
// the first test, so a new page cannot ship without someone deciding who may see it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { staffActions, type StaffAction } from '#app/modules/accounts/permissions.server';
import { Browser, newResident } from '../support/app';
import { projectRoot } from '../support/processes';
import { placeIn, shortSlaCategory } from '../support/reports';

afterAll(closeConnections);

const everyone = ['anonymous', 'unverified', 'resident', 'moderator', 'expert', 'department', 'arbiter', 'admin'] as const;
type Who = (typeof everyone)[number];
type Outcome = Record<Who, number>;
type Probe = { method: 'GET' | 'POST'; path: string | (() => string); fields?: Record<string, string>; expect: Outcome; /** An endless stream (SSE): headers only. */ stream?: boolean };

const signInAs: Partial<Record<Who, string>> = {
  resident: 'resident@demo.vmeste.city',
  moderator: 'moderator@demo.vmeste.city',
  expert: 'expert@demo.vmeste.city',
  department: 'department@demo.vmeste.city',
  arbiter: 'arbiter@demo.vmeste.city',
  admin: 'admin@demo.vmeste.city',
};
const staffRoles: Partial<Record<Who, string>> = { moderator: 'moderator', expert: 'expert', department: 'department', arbiter: 'arbiter', admin: 'admin' };

const all = (status: number): Outcome => Object.fromEntries(everyone.map((w) => [w, status])) as Outcome;
/** Anyone signed in gets `ok`; the anonymous are sent to sign in (302). */
const signedIn = (ok: number): Outcome => ({ ...all(ok), anonymous: 302 });
/** Only the roles the staff action lists get `ok`; other people 403; the anonymous 302. */
const staff = (action: StaffAction, ok: number): Outcome =>
  Object.fromEntries(everyone.map((w) => [w, w === 'anonymous' ? 302 : (staffActions[action] as readonly string[]).includes(staffRoles[w] ?? '') ? ok : 403])) as Outcome;
/** Anyone holding a staff role (the demo expert holds grants on both demo projects). */
const anyStaff = (ok: number): Outcome => Object.fromEntries(everyone.map((w) => [w, w === 'anonymous' ? 302 : staffRoles[w] ? ok : 403])) as Outcome;

let publicReport = 0;
let freshIdea = 0;
/** A project the demo expert holds no grant on: "expert of another project". */
let otherProject = '';
let privateReport = 0;

const routes: Record<string, Probe[]> = {
  _index: [{ method: 'GET', path: '/', expect: all(200) }],
  admin: [{ method: 'GET', path: '/admin', expect: anyStaff(200) }],
  'admin._index': [{ method: 'GET', path: '/admin', expect: anyStaff(200) }],
  'admin.api-keys': [
    { method: 'GET', path: '/admin/api-keys', expect: staff('api-keys.manage', 200) },
    { method: 'POST', path: '/admin/api-keys', fields: { intent: 'issue', name: '' }, expect: staff('api-keys.manage', 400) },
  ],
  'admin.audit': [{ method: 'GET', path: '/admin/audit', expect: staff('audit.read', 200) }],
  'admin.ballots._index': [{ method: 'GET', path: '/admin/ballots', expect: staff('votes.manage', 200) }],
  'admin.ballots.$id': [
    { method: 'GET', path: '/admin/ballots/1', expect: staff('votes.manage', 200) },
    { method: 'POST', path: '/admin/ballots/1', fields: { intent: 'question', textRu: '' }, expect: staff('votes.manage', 400) },
  ],
  'admin.categories': [
    { method: 'GET', path: '/admin/categories', expect: staff('city.configure', 200) },
    { method: 'POST', path: '/admin/categories', fields: { code: '' }, expect: staff('city.configure', 400) },
  ],
  'admin.departments': [{ method: 'GET', path: '/admin/departments', expect: staff('city.configure', 200) }],
  'admin.districts': [{ method: 'GET', path: '/admin/districts', expect: staff('city.configure', 200) }],
  'admin.feedback': [{ method: 'GET', path: '/admin/feedback', expect: staff('feedback.read', 200) }],
  'admin.feedback[.]csv': [{ method: 'GET', path: '/admin/feedback.csv?by=category', expect: staff('feedback.read', 200) }],
  'admin.projects._index': [{ method: 'GET', path: '/admin/projects', expect: staff('ideas.manage-projects', 200) }],
  'admin.projects.new': [
    { method: 'GET', path: '/admin/projects/new', expect: staff('ideas.manage-projects', 200) },
    { method: 'POST', path: '/admin/projects/new', fields: { slug: 'Not A Slug' }, expect: staff('ideas.manage-projects', 400) },
  ],
  'admin.projects.$id': [{ method: 'GET', path: '/admin/projects/1', expect: staff('ideas.manage-projects', 200) }],
  'admin.stats': [{ method: 'GET', path: '/admin/stats', expect: staff('stats.read', 200) }],
  'admin.holidays': [{ method: 'GET', path: '/admin/holidays', expect: staff('city.configure', 200) }],
  'admin.outbox': [{ method: 'GET', path: '/admin/outbox', expect: staff('notifications.read-outbox', 200) }],
  'admin.queues-access': [{ method: 'GET', path: '/admin/queues-access', expect: staff('queues.read', 200) }],
  'admin.users': [
    { method: 'GET', path: '/admin/users', expect: staff('accounts.grant-role', 200) },
    { method: 'POST', path: '/admin/users', fields: { intent: 'grant', userId: 'bad', role: 'admin' }, expect: staff('accounts.grant-role', 400) },
  ],
  // Sign-in with the identity provider is off unless OIDC_* is configured (tests/integration/oidc.test.ts turns it on).
  'auth.oidc.start': [{ method: 'GET', path: '/auth/oidc/start', expect: all(404) }],
  'auth.oidc.callback': [{ method: 'GET', path: '/auth/oidc/callback?code=x&state=y', expect: all(404) }],
  'api.v1.$': [{ method: 'GET', path: '/api/v1/no-such-thing', expect: all(404) }],
  'api.v1.ballots': [{ method: 'GET', path: '/api/v1/ballots', expect: all(200) }],
  'api.v1.ballots.$id': [
    { method: 'GET', path: '/api/v1/ballots/1', expect: all(200) },
    { method: 'GET', path: '/api/v1/ballots/999999', expect: all(404) },
  ],
  'api.v1.projects': [{ method: 'GET', path: '/api/v1/projects', expect: all(200) }],
  'api.v1.projects.$id': [
    { method: 'GET', path: '/api/v1/projects/1', expect: all(200) },
    { method: 'GET', path: '/api/v1/projects/0', expect: all(400) },
  ],
  'api.v1.ideas': [
    { method: 'GET', path: '/api/v1/ideas?project=1&limit=5', expect: all(200) },
    { method: 'GET', path: '/api/v1/ideas?limit=1000', expect: all(400) },
  ],
  'api.v1.ideas.$id': [
    { method: 'GET', path: '/api/v1/ideas/1', expect: all(200) },
    { method: 'GET', path: '/api/v1/ideas/999999999', expect: all(404) },
  ],
  'api.v1.decisions': [{ method: 'GET', path: '/api/v1/decisions', expect: all(200) }],
  'api.v1.decisions.$id': [
    { method: 'GET', path: '/api/v1/decisions/1', expect: all(200) },
    { method: 'GET', path: '/api/v1/decisions/abc', expect: all(400) },
  ],
  'api.v1.categories': [{ method: 'GET', path: '/api/v1/categories', expect: all(200) }],
  'api.v1.departments': [{ method: 'GET', path: '/api/v1/departments', expect: all(200) }],
  'api.v1.docs': [{ method: 'GET', path: '/api/v1/docs', expect: all(200) }],
  'api.v1.openapi[.]json': [{ method: 'GET', path: '/api/v1/openapi.json', expect: all(200) }],
  'api.v1.reports.$id': [
    { method: 'GET', path: () => `/api/v1/reports/${publicReport}`, expect: all(200) },
    // Not yet public: the API shows it to nobody, not even its author.
    { method: 'GET', path: () => `/api/v1/reports/${privateReport}`, expect: all(404) },
  ],
  'api.v1.reports': [{ method: 'GET', path: '/api/v1/reports', expect: all(200) }],
  'control-desk': [{ method: 'GET', path: '/control-desk', expect: staff('reports.arbitrate', 200) }],
  'data.$id.$file': [
    { method: 'GET', path: '/data/department-performance/department-performance.csv', expect: all(200) },
    { method: 'GET', path: '/data/no-such-dataset/x.csv', expect: all(404) },
  ],
  'data.$id.datapackage[.]json': [{ method: 'GET', path: '/data/reports/datapackage.json', expect: all(200) }],
  'data._index': [{ method: 'GET', path: '/data', expect: all(200) }],
  'data.catalog[.]json': [{ method: 'GET', path: '/data/catalog.json', expect: all(200) }],
  'decisions._index': [{ method: 'GET', path: '/decisions', expect: all(200) }],
  'decisions.$id': [
    { method: 'GET', path: '/decisions/1', expect: all(200) },
    { method: 'POST', path: '/decisions/1', fields: { intent: 'item', titleRu: '' }, expect: staff('votes.manage', 400) },
  ],
  'department.reports': [{ method: 'GET', path: '/department/reports', expect: staff('reports.answer', 200) }],
  departments: [{ method: 'GET', path: '/departments', expect: all(200) }],
  'departments[.]json': [{ method: 'GET', path: '/departments.json', expect: all(200) }],
  'expert.projects.$slug': [
    { method: 'GET', path: '/expert/projects/clinics', expect: staff('ideas.assess', 200) },
    { method: 'GET', path: '/expert/projects/no-such-project', expect: all(404) },
    // The expert of other projects is refused here like any resident; the admin may.
    { method: 'GET', path: () => `/expert/projects/${otherProject}`, expect: { ...all(403), anonymous: 302, admin: 200 } },
  ],
  feedback: [
    { method: 'GET', path: '/feedback', expect: all(200) },
    { method: 'POST', path: '/feedback', fields: { subject: 'report', subjectId: '1' }, expect: signedIn(400) },
  ],
  healthz: [{ method: 'GET', path: '/healthz', expect: all(200) }],
  'ideas._index': [{ method: 'GET', path: '/ideas', expect: all(200) }],
  'ideas.$id': [
    { method: 'GET', path: () => `/ideas/${freshIdea}`, expect: all(200) },
    { method: 'GET', path: '/ideas/999999999', expect: all(404) },
    { method: 'POST', path: () => `/ideas/${freshIdea}`, fields: { intent: 'love' }, expect: signedIn(400) },
  ],
  lang: [
    { method: 'GET', path: '/lang', expect: all(302) },
    { method: 'POST', path: '/lang', fields: { lang: 'en', redirectTo: '/' }, expect: all(302) },
  ],
  'me._index': [
    { method: 'GET', path: '/me', expect: signedIn(200) },
    { method: 'POST', path: '/me', fields: { intent: 'profile', name: '' }, expect: signedIn(400) },
    { method: 'POST', path: '/me', fields: { intent: 'password', currentPassword: 'x', newPassword: 'short' }, expect: signedIn(400) },
    { method: 'POST', path: '/me', fields: { intent: 'sign-out-device', session: 'not-a-reference' }, expect: signedIn(400) },
  ],
  'me.data': [
    { method: 'GET', path: '/me/data', expect: signedIn(200) },
    // Not ticked: refused with a message, never deleting anyone (the demo staff among them).
    { method: 'POST', path: '/me/data', fields: { password: 'x' }, expect: signedIn(400) },
  ],
  'me.data[.]json': [{ method: 'GET', path: '/me/data.json', expect: signedIn(200) }],
  'me.ideas': [{ method: 'GET', path: '/me/ideas', expect: signedIn(200) }],
  'me.points': [{ method: 'GET', path: '/me/points', expect: signedIn(200) }],
  'me.notifications': [{ method: 'GET', path: '/me/notifications', expect: signedIn(200) }],
  'me.reports': [{ method: 'GET', path: '/me/reports', expect: signedIn(200) }],
  'media.ballot-options.$id': [{ method: 'GET', path: '/media/ballot-options/999999', expect: all(404) }],
  'media.idea-photos.$id': [{ method: 'GET', path: '/media/idea-photos/999999', expect: all(404) }],
  'media.implementation-photos.$id': [{ method: 'GET', path: '/media/implementation-photos/999999', expect: all(404) }],
  'media.report-photos.$id': [{ method: 'GET', path: '/media/report-photos/999999999', expect: all(404) }],
  'moderation.ideas._index': [{ method: 'GET', path: '/moderation/ideas', expect: staff('ideas.moderate', 200) }],
  'moderation.ideas.duplicates': [{ method: 'GET', path: '/moderation/ideas/duplicates?project=1', expect: staff('ideas.moderate', 200) }],
  'moderation.reports': [{ method: 'GET', path: '/moderation/reports', expect: staff('reports.moderate', 200) }],
  'open311.v2.$': [{ method: 'GET', path: '/open311/v2/services.json', expect: all(200) }],
  'projects.$slug._index': [
    { method: 'GET', path: '/projects/clinics', expect: all(200) },
    { method: 'GET', path: '/projects/no-such-project', expect: all(404) },
  ],
  'projects.$slug.cover': [{ method: 'GET', path: '/projects/no-such-project/cover', expect: all(404) }],
  'projects.$slug.new': [{ method: 'GET', path: '/projects/clinics/new', expect: signedIn(200) }],
  'projects.$slug.results': [{ method: 'GET', path: '/projects/parks/results', expect: all(200) }],
  'projects.$slug.similar': [{ method: 'GET', path: '/projects/clinics/similar?title=poliklinika', expect: all(200) }],
  register: [{ method: 'GET', path: '/register', expect: { ...all(302), anonymous: 200 } }],
  'forgot-password': [
    { method: 'GET', path: '/forgot-password', expect: all(200) },
    { method: 'POST', path: '/forgot-password', fields: { email: 'not-an-address' }, expect: all(400) },
  ],
  'reset-password.$token': [
    { method: 'GET', path: '/reset-password/not-a-token', expect: all(200) },
    { method: 'POST', path: '/reset-password/not-a-token', fields: { password: 'long-enough-password' }, expect: all(400) },
  ],
  'reports.$id': [
    { method: 'GET', path: () => `/reports/${publicReport}`, expect: all(200) },
    // Someone else's report still in moderation: only moderators, the control desk and admins (the author is not among these people).
    { method: 'GET', path: () => `/reports/${privateReport}`, expect: { ...all(404), moderator: 200, arbiter: 200, admin: 200 } },
  ],
  rewards: [
    { method: 'GET', path: '/rewards', expect: all(200) },
    { method: 'POST', path: '/rewards', fields: { rewardId: 'free' }, expect: signedIn(400) },
  ],
  'reports._index': [{ method: 'GET', path: '/reports', expect: all(200) }],
  'reports.map[.]json': [{ method: 'GET', path: '/reports/map.json?west=37.3&south=55.6&east=37.9&north=55.9&zoom=11', expect: all(200) }],
  'reports.new': [{ method: 'GET', path: '/reports/new', expect: signedIn(200) }],
  'sign-in': [{ method: 'GET', path: '/sign-in', expect: { ...all(302), anonymous: 200 } }],
  'sign-out': [{ method: 'GET', path: '/sign-out', expect: all(302) }],
  stats: [{ method: 'GET', path: '/stats', expect: all(200) }],
  'stats.$file': [
    { method: 'GET', path: '/stats/reports-daily.csv', expect: all(200) },
    { method: 'GET', path: '/stats/secrets.csv', expect: all(404) },
  ],
  'votes._index': [{ method: 'GET', path: '/votes', expect: all(200) }],
  // The demo seed: ballot 1 published, 3 open (its question 4), 4 scheduled.
  'votes.$id': [
    { method: 'GET', path: '/votes/1', expect: all(200) },
    { method: 'GET', path: '/votes/3', expect: all(200) },
    { method: 'POST', path: '/votes/3', fields: { q4: 'not-an-answer' }, expect: signedIn(400) },
    // Checking a receipt needs only the receipt; keeping one needs its voter (no one here voted with this code).
    { method: 'POST', path: '/votes/1', fields: { intent: 'check-receipt', receipt: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' }, expect: all(400) },
    { method: 'POST', path: '/votes/3', fields: { intent: 'keep-receipt', receipt: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' }, expect: signedIn(400) },
    { method: 'POST', path: '/votes/3', fields: { intent: 'forget-receipt' }, expect: signedIn(302) },
  ],
  'votes.$id.live': [
    { method: 'GET', path: '/votes/3/live', expect: all(200), stream: true },
    { method: 'GET', path: '/votes/4/live', expect: all(404) },
  ],
  'votes.$id.ledger[.]csv': [
    { method: 'GET', path: '/votes/1/ledger.csv', expect: all(200) },
    { method: 'GET', path: '/votes/3/ledger.csv', expect: all(404) },
  ],
  'votes.$id.ledger[.]json': [{ method: 'GET', path: '/votes/1/ledger.json', expect: all(200) }],
  'votes.$id.results[.]json': [
    { method: 'GET', path: '/votes/1/results.json', expect: all(200) },
    { method: 'GET', path: '/votes/3/results.json', expect: all(404) },
  ],
};

const browsers = {} as Record<Who, Browser>;
beforeAll(async () => {
  browsers.anonymous = new Browser();
  browsers.unverified = (await newResident('unverified')).browser;
  for (const [who, email] of Object.entries(signInAs)) {
    const b = new Browser();
    await b.signIn(email);
    browsers[who as Who] = b;
  }
  // An idea of its own (other tests merge and hide the seeded ones while this runs).
  const [idea] = await sql<{ id: number }[]>`
    INSERT INTO ideas (project_id, title, body) SELECT id, 'Route access idea', 'An idea only the access table looks at.' FROM projects WHERE slug = 'clinics' RETURNING id::int AS id`;
  freshIdea = idea!.id;
  otherProject = `other-${Date.now().toString(36)}`;
  await sql`INSERT INTO projects (slug, title_ru, title_en, description_ru, description_en, stage) VALUES (${otherProject}, 'Другой проект', 'Another project', 'Проект без эксперта', 'A project without the demo expert', 'reviewing')`;
  const [published] = await sql<{ id: number }[]>`SELECT id::int FROM reports WHERE status IN ('assigned', 'answered', 'closed') ORDER BY id LIMIT 1`;
  publicReport = published!.id;
  // A report by someone none of these people is, still waiting for moderation.
  const { browser: author } = await newResident('author');
  const form = new FormData();
  const { lat, lng } = placeIn('zavodskoy');
  const category = await shortSlaCategory();
  for (const [k, v] of Object.entries({ categoryId: String(category.id), lat: String(lat), lng: String(lng), address: 'Zavodskaya 9', description: 'A private report in moderation', confirmNew: 'yes' })) form.set(k, v);
  const submitted = await author.postMultipart('/reports/new', form);
  privateReport = Number(/\/reports\/(\d+)/.exec(submitted.headers.get('Location') ?? '')?.[1]);
});

describe('who may open every route', () => {
  it('has an entry for every route file', () => {
    const files = readdirSync(join(projectRoot, 'app/routes')).map((f) => f.replace(/\.(tsx|ts)$/, ''));
    expect(files.filter((f) => !(f in routes)), 'routes without an entry').toEqual([]);
    expect(Object.keys(routes).filter((r) => !files.includes(r)), 'entries without a route').toEqual([]);
  });

  for (const [route, probes] of Object.entries(routes)) {
    it(route, async () => {
      for (const probe of probes) {
        const path = typeof probe.path === 'function' ? probe.path() : probe.path;
        for (const who of everyone) {
          const b = browsers[who];
          const response = probe.method === 'GET' ? await b.get(path) : await b.post(path, probe.fields ?? {});
          if (probe.stream) await response.body?.cancel();
          else await response.arrayBuffer();
          expect(response.status, `${probe.method} ${path} as ${who}`).toBe(probe.expect[who]);
          if (probe.expect[who] === 302 && who === 'anonymous' && probe.expect.resident !== 302) {
            expect(response.headers.get('Location'), `${path} as anonymous`).toMatch(/^\/sign-in\?redirectTo=/);
          }
        }
      }
    });
  }
});

describe('changing an id in a request never reaches someone else\'s data', () => {
  it('does not let a resident rate another person\'s answered report', async () => {
    const [report] = await sql<{ id: number; status: string; reopen_count: number }[]>`
      SELECT r.id::int, r.status, r.reopen_count FROM reports r WHERE r.status = 'answered' ORDER BY r.id LIMIT 1`;
    const response = await browsers.unverified.post(`/reports/${report!.id}`, { satisfied: 'no', reason: 'Not mine, but let me try' });
    expect(response.status).toBe(400);
    const [after] = await sql<{ status: string; reopen_count: number }[]>`SELECT status, reopen_count FROM reports WHERE id = ${report!.id}`;
    expect(after).toEqual({ status: report!.status, reopen_count: report!.reopen_count });
    const rated = await sql`SELECT 1 FROM report_answers WHERE report_id = ${report!.id} AND rated_at IS NOT NULL AND rating_reason = 'Not mine, but let me try'`;
    expect(rated).toHaveLength(0);
  });

  it('does not let a department officer answer a report of another department', async () => {
    const [report] = await sql<{ id: number }[]>`
      SELECT r.id::int FROM reports r
      WHERE r.status = 'assigned' AND r.department_id NOT IN (
        SELECT g.department_id FROM role_grants g JOIN users u ON u.id = g.user_id WHERE u.email = 'department@demo.vmeste.city' AND g.department_id IS NOT NULL)
      ORDER BY r.id LIMIT 1`;
    const form = new FormData();
    form.set('intent', 'answer');
    form.set('reportId', String(report!.id));
    form.set('text', 'We fixed it, although it was never ours to fix.');
    const response = await browsers.department.postMultipart('/department/reports', form);
    expect(response.status).toBe(400);
    const [after] = await sql<{ status: string; answers: number }[]>`
      SELECT r.status, (SELECT count(*)::int FROM report_answers a WHERE a.report_id = r.id AND a.text LIKE 'We fixed it, although%') AS answers FROM reports r WHERE r.id = ${report!.id}`;
    expect(after).toEqual({ status: 'assigned', answers: 0 });
  });

  it('does not let a person mark another person\'s notification as read', async () => {
    const [notice] = await sql<{ id: number }[]>`
      SELECT n.id::int FROM notifications n JOIN users u ON u.id = n.user_id
      WHERE u.email = 'admin@demo.vmeste.city' AND n.read_at IS NULL ORDER BY n.id LIMIT 1`;
    expect(notice, 'the admin has an unread notification to try on').toBeTruthy();
    expect((await browsers.unverified.post('/me/notifications', { id: String(notice!.id) })).status).toBe(302);
    const [after] = await sql<{ read_at: Date | null }[]>`SELECT read_at FROM notifications WHERE id = ${notice!.id}`;
    expect(after!.read_at).toBeNull();
  });
});
