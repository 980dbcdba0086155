// Every route × every kind of person, with the answer each must get, written out here rather than read from the
// permission table the app uses (a table that is wrong would otherwise agree with itself). Among the people are
// staff kept to one project or department. A route file without an entry here fails the first test, so a new page
// cannot ship without someone deciding who may see it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { grantRole } from '#app/modules/accounts/grant-role.server';
import { Browser, newResident } from '../support/app';
import { projectRoot } from '../support/processes';
import { placeIn, shortSlaCategory } from '../support/reports';

afterAll(closeConnections);

const everyone = ['anonymous', 'unverified', 'resident', 'moderator', 'projectModerator', 'expert', 'projectExpert', 'department', 'arbiter', 'consultant', 'admin'] as const;
type Who = (typeof everyone)[number];
type Outcome = Record<Who, number>;
type Probe = { method: 'GET' | 'POST'; path: string | (() => string); fields?: Record<string, string>; expect: Outcome; /** An endless stream (SSE): headers only. */ stream?: boolean };

/**
 * moderator: city-wide. projectModerator: moderator of the clinics project only. expert: the demo expert, of the
 * clinics and parks projects. projectExpert: expert of the parks project only. department: the demo officer of
 * one department (Roads, North). consultant: the seed's consultant of centre 1 (My Documents — Central) only.
 */
const signInAs: Partial<Record<Who, string>> = {
  resident: 'resident@demo.vmeste.city',
  moderator: 'moderator@demo.vmeste.city',
  expert: 'expert@demo.vmeste.city',
  department: 'department@demo.vmeste.city',
  arbiter: 'arbiter@demo.vmeste.city',
  consultant: 'consultant-centralny@demo.vmeste.city',
  admin: 'admin@demo.vmeste.city',
};

const all = (status: number): Outcome => Object.fromEntries(everyone.map((w) => [w, status])) as Outcome;
/** Anyone signed in gets `ok`; the anonymous are sent to sign in (302). */
const signedIn = (ok: number): Outcome => ({ ...all(ok), anonymous: 302 });
/** The people named get `ok`; anyone else signed in 403; the anonymous are sent to sign in (302). */
const only = (ok: number, may: Who[]): Outcome => Object.fromEntries(everyone.map((w) => [w, w === 'anonymous' ? 302 : may.includes(w) ? ok : 403])) as Outcome;
const anyStaff: Who[] = ['moderator', 'projectModerator', 'expert', 'projectExpert', 'department', 'arbiter', 'consultant', 'admin'];

let publicReport = 0;
let freshIdea = 0;
/** A project the demo expert holds no grant on: "expert of another project". */
let otherProject = '';
const projectIds = { clinics: 0, parks: 0 };
let privateReport = 0;
/** A department the demo officer (Roads, North) holds no grant on. */
let otherDepartment = 0;
/** An initiative collecting supports, and one written by the demo resident that no moderator has checked yet. */
const initiative = { open: 0, pending: 0 };

const routes: Record<string, Probe[]> = {
  _index: [{ method: 'GET', path: '/', expect: all(200) }],
  admin: [{ method: 'GET', path: '/admin', expect: only(200, anyStaff) }],
  'admin._index': [{ method: 'GET', path: '/admin', expect: only(200, anyStaff) }],
  'admin.api-keys': [
    { method: 'GET', path: '/admin/api-keys', expect: only(200, ['admin']) },
    { method: 'POST', path: '/admin/api-keys', fields: { intent: 'issue', name: '' }, expect: only(400, ['admin']) },
  ],
  'admin.audit': [{ method: 'GET', path: '/admin/audit', expect: only(200, ['admin']) }],
  'admin.surveys._index': [
    { method: 'GET', path: '/admin/surveys', expect: only(200, ['department', 'admin']) },
    { method: 'POST', path: '/admin/surveys', fields: { titleRu: '' }, expect: only(400, ['department', 'admin']) },
  ],
  'admin.surveys.$id._index': [
    { method: 'GET', path: '/admin/surveys/1', expect: only(200, ['admin']) },
    { method: 'POST', path: '/admin/surveys/1', fields: { intent: 'add-section', titleRu: '' }, expect: only(400, ['admin']) },
  ],
  'admin.surveys.$id.results': [{ method: 'GET', path: '/admin/surveys/1/results', expect: only(200, ['admin']) }],
  'admin.surveys.$id.responses.$format': [
    { method: 'GET', path: '/admin/surveys/1/responses/csv', expect: only(200, ['admin']) },
    { method: 'GET', path: '/admin/surveys/1/responses/json', expect: only(200, ['admin']) },
  ],
  'admin.ballots._index': [{ method: 'GET', path: '/admin/ballots', expect: only(200, ['admin']) }],
  'admin.ballots.$id': [
    { method: 'GET', path: '/admin/ballots/1', expect: only(200, ['admin']) },
    { method: 'POST', path: '/admin/ballots/1', fields: { intent: 'question', textRu: '' }, expect: only(400, ['admin']) },
  ],
  'admin.categories': [
    { method: 'GET', path: '/admin/categories', expect: only(200, ['admin']) },
    { method: 'POST', path: '/admin/categories', fields: { code: '' }, expect: only(400, ['admin']) },
  ],
  'admin.departments': [{ method: 'GET', path: '/admin/departments', expect: only(200, ['admin']) }],
  'admin.districts': [{ method: 'GET', path: '/admin/districts', expect: only(200, ['admin']) }],
  // The address registry's search is public, like the registry; a query too short is a 400 for anyone.
  'addresses[.]json': [
    { method: 'GET', path: '/addresses.json?q=Lesnaya', expect: all(200) },
    { method: 'GET', path: '/addresses.json?q=L', expect: all(400) },
  ],
  'admin.addresses': [
    { method: 'GET', path: '/admin/addresses', expect: only(200, ['admin']) },
    { method: 'POST', path: '/admin/addresses', fields: { intent: 'check' }, expect: only(400, ['admin']) },
  ],
  'admin.feedback': [
    { method: 'GET', path: '/admin/feedback', expect: only(200, ['moderator', 'department', 'arbiter', 'consultant', 'admin']) },
    // Another unit's feedback by its id: the officer of Roads, North is not shown Roads, South, nor the consultant of centre 1 centre 2.
    { method: 'GET', path: () => `/admin/feedback?by=department&group=${otherDepartment}`, expect: { ...only(200, ['moderator', 'arbiter', 'admin']), department: 404, consultant: 404 } },
    { method: 'GET', path: '/admin/feedback?by=centre&group=2', expect: { ...only(200, ['moderator', 'arbiter', 'admin']), department: 404, consultant: 404 } },
    { method: 'GET', path: '/admin/feedback?by=centre&group=1', expect: { ...only(200, ['moderator', 'arbiter', 'consultant', 'admin']), department: 404 } },
  ],
  'admin.feedback[.]csv': [{ method: 'GET', path: '/admin/feedback.csv?by=category', expect: only(200, ['moderator', 'department', 'arbiter', 'consultant', 'admin']) }],
  'admin.projects._index': [{ method: 'GET', path: '/admin/projects', expect: only(200, ['admin']) }],
  'admin.projects.new': [
    { method: 'GET', path: '/admin/projects/new', expect: only(200, ['admin']) },
    { method: 'POST', path: '/admin/projects/new', fields: { slug: 'Not A Slug' }, expect: only(400, ['admin']) },
  ],
  'admin.projects.$id': [{ method: 'GET', path: '/admin/projects/1', expect: only(200, ['admin']) }],
  'admin.stats': [{ method: 'GET', path: '/admin/stats', expect: only(200, anyStaff.filter((w) => w !== 'consultant')) }],
  'admin.holidays': [{ method: 'GET', path: '/admin/holidays', expect: only(200, ['admin']) }],
  'admin.outbox': [{ method: 'GET', path: '/admin/outbox', expect: only(200, ['admin']) }],
  'admin.queues-access': [{ method: 'GET', path: '/admin/queues-access', expect: only(200, ['admin']) }],
  'admin.users': [
    { method: 'GET', path: '/admin/users', expect: only(200, ['admin']) },
    { method: 'POST', path: '/admin/users', fields: { intent: 'grant', userId: 'bad', role: 'admin' }, expect: only(400, ['admin']) },
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
  'api.v1.initiatives': [
    { method: 'GET', path: '/api/v1/initiatives?limit=5', expect: all(200) },
    { method: 'GET', path: '/api/v1/initiatives?status=pending', expect: all(400) },
  ],
  'api.v1.initiatives.$id': [{ method: 'GET', path: '/api/v1/initiatives/999999999', expect: all(404) }],
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
  'control-desk': [{ method: 'GET', path: '/control-desk', expect: only(200, ['arbiter', 'admin']) }],
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
    { method: 'POST', path: '/decisions/1', fields: { intent: 'item', titleRu: '' }, expect: only(400, ['admin']) },
  ],
  'department.reports': [{ method: 'GET', path: '/department/reports', expect: only(200, ['department']) }],
  departments: [{ method: 'GET', path: '/departments', expect: all(200) }],
  'departments[.]json': [{ method: 'GET', path: '/departments.json', expect: all(200) }],
  'expert.projects.$slug': [
    { method: 'GET', path: '/expert/projects/clinics', expect: only(200, ['expert', 'admin']) },
    { method: 'GET', path: '/expert/projects/parks', expect: only(200, ['expert', 'projectExpert', 'admin']) },
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
  'initiatives._index': [
    { method: 'GET', path: '/initiatives', expect: all(200) },
    { method: 'GET', path: '/initiatives?status=nonsense&district=x', expect: all(200) },
  ],
  'initiatives.new': [{ method: 'GET', path: '/initiatives/new', expect: signedIn(200) }],
  'initiatives.$id': [
    { method: 'GET', path: () => `/initiatives/${initiative.open}`, expect: all(200) },
    // Before a moderator has checked it: its author and city-wide moderators only; to anyone else it does not exist.
    { method: 'GET', path: () => `/initiatives/${initiative.pending}`, expect: { ...all(404), resident: 200, moderator: 200, admin: 200 } },
    { method: 'GET', path: '/initiatives/999999999', expect: all(404) },
    // The experts' decision: a city-wide expert or an admin (the demo experts are kept to projects).
    { method: 'POST', path: () => `/initiatives/${initiative.open}`, fields: { intent: 'answer', answer: '' }, expect: only(400, ['admin']) },
  ],
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
  'me.initiatives': [{ method: 'GET', path: '/me/initiatives', expect: signedIn(200) }],
  'me.points': [{ method: 'GET', path: '/me/points', expect: signedIn(200) }],
  'me.notifications': [{ method: 'GET', path: '/me/notifications', expect: signedIn(200) }],
  'me.push': [
    { method: 'GET', path: '/me/push', expect: signedIn(200) },
    { method: 'POST', path: '/me/push', fields: { intent: 'topics', topics: 'lottery' }, expect: signedIn(400) },
    { method: 'POST', path: '/me/push', fields: { intent: 'subscribe', endpoint: 'http://push.example/x', p256dh: 'x', auth: 'y' }, expect: signedIn(400) },
  ],
  'me.reports': [{ method: 'GET', path: '/me/reports', expect: signedIn(200) }],
  // Alerts by area (ADR 056): subscribing is open to all (the anonymous by e-mail); a signed link needs no session.
  'alerts._index': [
    { method: 'GET', path: '/alerts', expect: all(200) },
    { method: 'POST', path: '/alerts', fields: { where: 'district', district: 'x' }, expect: all(400) },
  ],
  'alerts.confirm.$token': [
    { method: 'GET', path: '/alerts/confirm/1.1.forged', expect: all(400) },
    { method: 'POST', path: '/alerts/confirm/1.1.forged', fields: {}, expect: all(400) },
  ],
  'alerts.unsubscribe.$token': [
    { method: 'GET', path: '/alerts/unsubscribe/1.forged', expect: all(400) },
    { method: 'POST', path: '/alerts/unsubscribe/1.forged', fields: { 'List-Unsubscribe': 'One-Click' }, expect: all(400) },
  ],
  // ADR 062: a digest's "manage this alert" link, for pause, resume and delete without an account.
  'alerts.manage.$token': [
    { method: 'GET', path: '/alerts/manage/1.forged', expect: all(400) },
    { method: 'POST', path: '/alerts/manage/1.forged', fields: { intent: 'pause' }, expect: all(400) },
  ],
  'me.alerts': [
    { method: 'GET', path: '/me/alerts', expect: signedIn(200) },
    { method: 'POST', path: '/me/alerts', fields: { alert: '1', intent: 'explode' }, expect: signedIn(400) },
  ],
  'me.visits': [
    { method: 'GET', path: '/me/visits', expect: signedIn(200) },
    { method: 'POST', path: '/me/visits', fields: { visitId: 'x' }, expect: signedIn(400) },
  ],
  'centres._index': [{ method: 'GET', path: '/centres', expect: all(200) }],
  'centres.$id': [
    { method: 'GET', path: '/centres/1', expect: all(200) },
    { method: 'POST', path: '/centres/1', fields: { serviceId: '', slot: '' }, expect: signedIn(400) },
  ],
  services: [{ method: 'GET', path: '/services', expect: all(200) }],
  'centre-screen.$id': [{ method: 'GET', path: '/centre-screen/1', expect: all(200) }],
  'centre-queue.$id': [{ method: 'GET', path: '/centre-queue/1', expect: all(200), stream: true }],
  'admin.centres._index': [{ method: 'GET', path: '/admin/centres', expect: only(200, ['admin']) }],
  'admin.centres.$id': [
    { method: 'GET', path: '/admin/centres/1', expect: only(200, ['admin']) },
    { method: 'POST', path: '/admin/centres/new', fields: { code: 'Not A Code' }, expect: only(400, ['admin']) },
  ],
  'admin.services._index': [{ method: 'GET', path: '/admin/services', expect: only(200, ['admin']) }],
  'admin.services.$id': [
    { method: 'GET', path: '/admin/services/new', expect: only(200, ['admin']) },
    { method: 'GET', path: '/admin/services/1', expect: only(200, ['admin']) },
    { method: 'POST', path: '/admin/services/new', fields: { code: 'Not A Code' }, expect: only(400, ['admin']) },
  ],
  'centre-desk.$id': [
    { method: 'GET', path: '/centre-desk/1', expect: only(200, ['consultant', 'admin']) },
    { method: 'POST', path: '/centre-desk/1', fields: { visitId: 'x', outcome: 'served' }, expect: only(400, ['consultant', 'admin']) },
    { method: 'POST', path: '/centre-desk/1', fields: { intent: 'call', window: '0' }, expect: only(400, ['consultant', 'admin']) },
    // Another centre's desk: the consultant of centre 1 is refused there.
    { method: 'GET', path: '/centre-desk/2', expect: only(200, ['admin']) },
    { method: 'POST', path: '/centre-desk/2', fields: { intent: 'call', window: '0' }, expect: only(400, ['admin']) },
  ],
  // A consultant's desks: their one centre straight away (302), an admin's list of all.
  'centre-desk._index': [{ method: 'GET', path: '/centre-desk', expect: { ...only(200, ['admin']), consultant: 302 } }],
  'centre-desk.$id_.assist': [
    { method: 'GET', path: '/centre-desk/1/assist', expect: only(200, ['consultant', 'admin']) },
    { method: 'POST', path: '/centre-desk/1/assist', fields: { intent: 'register', name: '' }, expect: only(400, ['consultant', 'admin']) },
    { method: 'GET', path: '/centre-desk/2/assist', expect: only(200, ['admin']) },
    { method: 'POST', path: '/centre-desk/2/assist', fields: { intent: 'register', name: '' }, expect: only(400, ['admin']) },
  ],
  // A booth session nobody opened: 404 for everyone signed in or not (the id names nothing).
  'centre-booth.$id': [{ method: 'GET', path: '/centre-booth/00000000-0000-4000-8000-000000000000', expect: all(404) }],
  'media.ballot-options.$id': [{ method: 'GET', path: '/media/ballot-options/999999', expect: all(404) }],
  'media.initiative-photos.$id': [{ method: 'GET', path: '/media/initiative-photos/999999', expect: all(404) }],
  'media.idea-photos.$id': [{ method: 'GET', path: '/media/idea-photos/999999', expect: all(404) }],
  'media.implementation-photos.$id': [{ method: 'GET', path: '/media/implementation-photos/999999', expect: all(404) }],
  'media.report-photos.$id': [{ method: 'GET', path: '/media/report-photos/999999999', expect: all(404) }],
  'media.survey-photos.$id': [{ method: 'GET', path: '/media/survey-photos/00000000-0000-4000-8000-000000000000', expect: all(404) }, { method: 'GET', path: '/media/survey-photos/not-a-uuid', expect: all(404) }],
  // Initiatives are the city's: a moderator kept to one ideas project does not check them.
  'moderation.initiatives': [
    { method: 'GET', path: '/moderation/initiatives', expect: only(200, ['moderator', 'admin']) },
    { method: 'POST', path: '/moderation/initiatives', fields: { intent: 'reject', initiativeId: 'x', reason: '' }, expect: only(400, ['moderator', 'admin']) },
  ],
  'moderation.ideas._index': [{ method: 'GET', path: '/moderation/ideas', expect: only(200, ['moderator', 'projectModerator', 'admin']) }],
  'moderation.ideas.duplicates': [
    { method: 'GET', path: () => `/moderation/ideas/duplicates?project=${projectIds.clinics}`, expect: only(200, ['moderator', 'projectModerator', 'admin']) },
    { method: 'GET', path: () => `/moderation/ideas/duplicates?project=${projectIds.parks}`, expect: only(200, ['moderator', 'admin']) },
  ],
  'moderation.reports': [{ method: 'GET', path: '/moderation/reports', expect: only(200, ['moderator', 'admin']) }],
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
    // Someone else's report still in moderation: only city-wide moderators, the control desk and admins (the author is not among these people).
    { method: 'GET', path: () => `/reports/${privateReport}`, expect: { ...all(404), moderator: 200, arbiter: 200, admin: 200 } },
  ],
  rewards: [
    { method: 'GET', path: '/rewards', expect: all(200) },
    { method: 'POST', path: '/rewards', fields: { rewardId: 'free' }, expect: signedIn(400) },
  ],
  'reports._index': [{ method: 'GET', path: '/reports', expect: all(200) }],
  'reports.feed[.]atom': [
    { method: 'GET', path: '/reports/feed.atom?lat=55.75&lng=37.62&radius=1000', expect: all(200) },
    { method: 'GET', path: '/reports/feed.atom?lat=55.75&lng=37.62&radius=99999', expect: all(400) },
  ],
  'reports.map[.]json': [{ method: 'GET', path: '/reports/map.json?west=37.3&south=55.6&east=37.9&north=55.9&zoom=11', expect: all(200) }],
  'reports.new': [{ method: 'GET', path: '/reports/new', expect: signedIn(200) }],
  'sign-in': [{ method: 'GET', path: '/sign-in', expect: { ...all(302), anonymous: 200 } }],
  'sign-in_.code': [
    { method: 'GET', path: '/sign-in/code', expect: { ...all(302), anonymous: 200 } },
    // Signed in, the page's loader sends the person on to their cabinet, even after a refused post.
    { method: 'POST', path: '/sign-in/code', fields: { code: '' }, expect: { ...all(302), anonymous: 400 } },
  ],
  'sign-out': [{ method: 'GET', path: '/sign-out', expect: all(302) }],
  stats: [{ method: 'GET', path: '/stats', expect: all(200) }],
  'stats.$file': [
    { method: 'GET', path: '/stats/reports-daily.csv', expect: all(200) },
    { method: 'GET', path: '/stats/secrets.csv', expect: all(404) },
  ],
  // The demo seed: survey 1 ("Parks and streets") open to anyone, no department; survey 2 closed.
  'surveys._index': [{ method: 'GET', path: '/surveys', expect: all(200) }],
  'surveys.$id': [
    { method: 'GET', path: '/surveys/1', expect: all(200) },
    { method: 'GET', path: '/surveys/2', expect: all(200) },
    { method: 'POST', path: '/surveys/1?section=s1', fields: { q1: 'not-an-option' }, expect: signedIn(400) },
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
  // A published budget question's Pabulib file is public (tests/integration/ballot-kinds.test.ts reads one); ballot 1's
  // question is no budget, and the open ballot 3 has published nothing.
  'votes.$id.budget.$questionId[.]pb': [
    { method: 'GET', path: '/votes/1/budget/1.pb', expect: all(404) },
    { method: 'GET', path: '/votes/3/budget/4.pb', expect: all(404) },
  ],
};

const browsers = {} as Record<Who, Browser>;
beforeAll(async () => {
  otherDepartment = (await sql<{ id: number }[]>`SELECT id FROM departments WHERE name_en = 'Roads service, South'`)[0]!.id;
  browsers.anonymous = new Browser();
  browsers.unverified = (await newResident('unverified')).browser;
  for (const [who, email] of Object.entries(signInAs)) {
    const b = new Browser();
    await b.signIn(email);
    browsers[who as Who] = b;
  }
  const projects = await sql<{ id: number; slug: 'clinics' | 'parks' }[]>`SELECT id, slug FROM projects WHERE slug IN ('clinics', 'parks')`;
  for (const p of projects) projectIds[p.slug] = p.id;
  const [admin] = await sql<{ id: string }[]>`SELECT id FROM users WHERE email = 'admin@demo.vmeste.city'`;
  // Staff kept to one project, granted the way an admin grants them.
  for (const [who, role, projectId] of [['projectModerator', 'moderator', projectIds.clinics], ['projectExpert', 'expert', projectIds.parks]] as const) {
    const { browser, email } = await newResident(who);
    const [person] = await sql<{ id: string }[]>`SELECT id FROM users WHERE email = ${email}`;
    const granted = await grantRole(admin!.id, { userId: person!.id, role, projectId, departmentId: undefined });
    if (!granted.ok) throw new Error(`grant ${role}: ${JSON.stringify(granted.errors)}`);
    browsers[who] = browser;
  }
  // An idea of its own (other tests merge and hide the seeded ones while this runs).
  const [idea] = await sql<{ id: number }[]>`
    INSERT INTO ideas (project_id, title, body) SELECT id, 'Route access idea', 'An idea only the access table looks at.' FROM projects WHERE slug = 'clinics' RETURNING id::int AS id`;
  freshIdea = idea!.id;
  otherProject = `other-${Date.now().toString(36)}`;
  await sql`INSERT INTO projects (slug, title_ru, title_en, description_ru, description_en, stage) VALUES (${otherProject}, 'Другой проект', 'Another project', 'Проект без эксперта', 'A project without the demo expert', 'reviewing')`;
  const [open] = await sql<{ id: number }[]>`
    INSERT INTO initiatives (title, body, status, threshold, collects_until) VALUES ('Route access initiative', 'An initiative only the access table looks at.', 'collecting', 5, now() + interval '30 days') RETURNING id::int AS id`;
  const [pending] = await sql<{ id: number }[]>`
    INSERT INTO initiatives (author_id, title, body) SELECT id, 'Route access pending initiative', 'Not checked by a moderator yet.' FROM users WHERE email = 'resident@demo.vmeste.city' RETURNING id::int AS id`;
  initiative.open = open!.id;
  initiative.pending = pending!.id;
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
