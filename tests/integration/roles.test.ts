import { beforeAll, describe, expect, it } from 'vitest';
import { staffActions, type StaffAction } from '#app/modules/accounts/permissions.server';
import { Browser, newResident } from '../support/app';

type Who = 'anonymous' | 'resident' | 'moderator' | 'expert' | 'department' | 'arbiter' | 'consultant' | 'admin';
const people: Record<Exclude<Who, 'anonymous' | 'resident'>, string> = {
  moderator: 'moderator@demo.vmeste.city',
  expert: 'expert@demo.vmeste.city',
  department: 'department@demo.vmeste.city',
  arbiter: 'arbiter@demo.vmeste.city',
  // The seed's consultant of centre 1 (My Documents — Central), and of no other centre.
  consultant: 'consultant-centralny@demo.vmeste.city',
  admin: 'admin@demo.vmeste.city',
};

/** Every staff action, the requests that exercise it, and who may (written out, not read from the permission table). Adding an action without a row fails. */
const table: Record<StaffAction, { may: Who[]; requests: { method: 'GET' | 'POST'; path: string; fields?: Record<string, string> }[] }> = {
  'city.configure': {
    may: ['admin'],
    requests: [
      { method: 'GET', path: '/admin/districts' },
      { method: 'GET', path: '/admin/departments' },
      { method: 'POST', path: '/admin/departments', fields: { nameRu: '' } },
      { method: 'GET', path: '/admin/categories' },
      { method: 'POST', path: '/admin/categories', fields: { code: '' } },
      { method: 'GET', path: '/admin/holidays' },
      { method: 'POST', path: '/admin/holidays', fields: { day: 'not-a-date' } },
    ],
  },
  'accounts.grant-role': {
    may: ['admin'],
    requests: [
      { method: 'GET', path: '/admin/users' },
      { method: 'POST', path: '/admin/users', fields: { intent: 'grant', userId: 'bad', role: 'admin' } },
    ],
  },
  'accounts.verify-resident': { may: ['admin'], requests: [{ method: 'POST', path: '/admin/users', fields: { intent: 'verify', userId: 'bad', verified: 'true' } }] },
  'accounts.block': {
    may: ['admin'],
    requests: [
      { method: 'POST', path: '/admin/users', fields: { intent: 'block', userId: 'bad', reason: '' } },
      { method: 'POST', path: '/admin/users', fields: { intent: 'unblock', userId: 'bad' } },
    ],
  },
  'centres.manage': {
    may: ['admin'],
    requests: [
      { method: 'GET', path: '/admin/centres' },
      { method: 'GET', path: '/admin/centres/new' },
      { method: 'POST', path: '/admin/centres/new', fields: { code: '' } },
    ],
  },
  'centres.serve': {
    may: ['consultant', 'admin'],
    requests: [
      { method: 'GET', path: '/centre-desk/1' },
      { method: 'POST', path: '/centre-desk/1', fields: { visitId: 'x', outcome: 'served' } },
    ],
  },
  'centres.assist': {
    may: ['consultant', 'admin'],
    requests: [
      { method: 'GET', path: '/centre-desk/1/assist' },
      { method: 'POST', path: '/centre-desk/1/assist', fields: { intent: 'register', name: '' } },
    ],
  },
  'audit.read': { may: ['admin'], requests: [{ method: 'GET', path: '/admin/audit' }] },
  'notifications.read-outbox': { may: ['admin'], requests: [{ method: 'GET', path: '/admin/outbox' }] },
  'reports.moderate': {
    may: ['moderator', 'admin'],
    requests: [
      { method: 'GET', path: '/moderation/reports' },
      { method: 'POST', path: '/moderation/reports', fields: { intent: 'approve', reportId: 'x' } },
    ],
  },
  'reports.arbitrate': {
    may: ['arbiter', 'admin'],
    requests: [
      { method: 'GET', path: '/control-desk' },
      { method: 'POST', path: '/control-desk', fields: { intent: 'uphold', reportId: 'x' } },
    ],
  },
  'queues.read': { may: ['admin'], requests: [{ method: 'GET', path: '/admin/queues-access' }] },
  'api-keys.manage': {
    may: ['admin'],
    requests: [
      { method: 'GET', path: '/admin/api-keys' },
      { method: 'POST', path: '/admin/api-keys', fields: { intent: 'issue', name: '' } },
    ],
  },
  'feedback.read': { may: ['moderator', 'department', 'arbiter', 'admin', 'consultant'], requests: [{ method: 'GET', path: '/admin/feedback' }] },
  'stats.read': { may: ['moderator', 'expert', 'department', 'arbiter', 'admin'], requests: [{ method: 'GET', path: '/admin/stats' }] },
  'surveys.manage': {
    may: ['department', 'admin'],
    requests: [
      { method: 'GET', path: '/admin/surveys' },
      { method: 'POST', path: '/admin/surveys', fields: { titleRu: '' } },
    ],
  },
  'votes.manage': {
    may: ['admin'],
    requests: [
      { method: 'GET', path: '/admin/ballots' },
      { method: 'POST', path: '/admin/ballots', fields: { titleRu: '' } },
      { method: 'GET', path: '/admin/ballots/1' },
      { method: 'POST', path: '/admin/ballots/1', fields: { intent: 'question', textRu: '' } },
      { method: 'POST', path: '/admin/ballots/1', fields: { intent: 'remove-question', questionId: '1' } },
      { method: 'POST', path: '/admin/ballots/1', fields: { intent: 'move-question', questionId: '1', direction: 'down' } },
      { method: 'POST', path: '/admin/ballots/1', fields: { intent: 'move-option', optionId: '1', direction: 'down' } },
      { method: 'POST', path: '/decisions/1', fields: { intent: 'item', titleRu: '' } },
    ],
  },
  'ideas.manage-projects': {
    may: ['admin'],
    requests: [
      { method: 'GET', path: '/admin/projects' },
      { method: 'GET', path: '/admin/projects/new' },
      { method: 'POST', path: '/admin/projects/new', fields: { slug: 'Not A Slug' } },
    ],
  },
  'ideas.moderate': {
    may: ['moderator', 'admin'],
    requests: [
      { method: 'GET', path: '/moderation/ideas' },
      { method: 'POST', path: '/moderation/ideas', fields: { intent: 'hide', ideaId: 'x', reason: '' } },
      { method: 'POST', path: '/moderation/ideas/duplicates?project=1', fields: { targetId: 'x' } },
    ],
  },
  // The demo expert is granted the "Our clinics" project (slug clinics) by the Ideas seed.
  'ideas.assess': {
    may: ['expert', 'admin'],
    requests: [
      { method: 'GET', path: '/expert/projects/clinics' },
      { method: 'POST', path: '/expert/projects/clinics', fields: { intent: 'assess', ideaId: 'x', score: '9' } },
    ],
  },
  'initiatives.moderate': {
    may: ['moderator', 'admin'],
    requests: [
      { method: 'GET', path: '/moderation/initiatives' },
      { method: 'POST', path: '/moderation/initiatives', fields: { intent: 'reject', initiativeId: 'x', reason: '' } },
    ],
  },
  // Initiatives are the city's, not a project's: the demo expert, granted one project only, may not answer them.
  'initiatives.review': { may: ['admin'], requests: [{ method: 'POST', path: '/initiatives/1', fields: { intent: 'answer', answer: 'too short' } }] },
  'reports.answer': {
    may: ['department'],
    requests: [
      { method: 'GET', path: '/department/reports' },
      { method: 'POST', path: '/department/reports', fields: { intent: 'answer', reportId: 'x', text: '' } },
    ],
  },
};

const browsers = {} as Record<Who, Browser>;
beforeAll(async () => {
  browsers.anonymous = new Browser();
  browsers.resident = (await newResident('roles')).browser;
  for (const [role, email] of Object.entries(people)) {
    const b = new Browser();
    await b.signIn(email);
    browsers[role as Who] = b;
  }
});

describe('role guards, every role × every staff action', () => {
  it('has a row for every staff action defined', () => {
    expect(Object.keys(table).sort()).toEqual(Object.keys(staffActions).sort());
  });

  for (const [action, { may, requests }] of Object.entries(table) as [StaffAction, (typeof table)[StaffAction]][]) {
    for (const who of ['anonymous', 'resident', 'moderator', 'expert', 'department', 'arbiter', 'consultant', 'admin'] as Who[]) {
      const allowed = may.includes(who);
      it(`${action}: ${who} ${allowed ? 'may' : 'may not'}`, async () => {
        for (const r of requests) {
          const b = browsers[who];
          const response = r.method === 'GET' ? await b.get(r.path) : await b.post(r.path, r.fields ?? {});
          const body = await response.text();
          if (who === 'anonymous') {
            expect(response.status, `${r.method} ${r.path}`).toBe(302);
            expect(response.headers.get('Location')).toMatch(/^\/sign-in\?redirectTo=/);
          } else if (allowed) {
            // Allowed: the page (200) or, for the deliberately invalid form, its field errors (400).
            expect(response.status, `${r.method} ${r.path}`).toBe(r.method === 'GET' ? 200 : 400);
          } else {
            expect(response.status, `${r.method} ${r.path}`).toBe(403);
            expect(body).toContain('You do not have access to this page');
          }
        }
      });
    }
  }
});
