// One read of the session, the person and their role grants per HTTP request, shared by the action and every
// loader of it (ADR 064); and the page that answers a cast without JavaScript reads nothing of the ballot again.
// The statements are counted as Postgres receives them, on the app's own client, during one request only.
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { roleGrants, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { runInRequestScope } from '#app/utils/request-scope.server';
import { endSession, getCurrentUser } from '#app/modules/accounts/sessions.server';
import { grantRole, revokeRole } from '#app/modules/accounts/grant-role.server';
import { updateProfile } from '#app/modules/accounts/update-profile.server';
import { Browser, newResident } from '../support/app';
import { adminId, districtIdByCode, makeBallot } from '../support/votes';

afterAll(closeConnections);

/** The statements the app's Postgres client sends while `during` runs (the test sends none meanwhile). */
async function statementsDuring(during: () => Promise<unknown>): Promise<string[]> {
  const options = globalThis.__vmesteSql!.options as { debug?: unknown };
  const seen: string[] = [];
  options.debug = (_connection: number, text: string) => seen.push(text.replace(/\s+/g, ' ').trim());
  try {
    await during();
  } finally {
    options.debug = false;
  }
  return seen;
}

const readsSession = (s: string) => /from "sessions"/i.test(s);
const readsRoles = (s: string) => /role_grants/i.test(s);
const isCast = (s: string) => s.startsWith('WITH ballot AS');

async function verifiedVoter(label: string) {
  const { browser, email } = await newResident(label);
  await db.update(users).set({ verified: true, districtId: await districtIdByCode('sadovy'), birthYear: 1990 }).where(eq(users.email, email));
  return { browser, email };
}

/** The ballot form of one answer, with this browser's CSRF token (fetched before anything is counted). */
async function castForm(browser: Browser, ballot: Awaited<ReturnType<typeof makeBallot>>) {
  const body = new URLSearchParams({ _csrf: await browser.csrf(), [`q${ballot.questions[0]!.id}`]: String(ballot.questions[0]!.options[1]!.id) });
  return { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } };
}

describe('one session read per request', () => {
  it('a cast without JavaScript: one session read, the cast, and nothing of the ballot, the vote, the rating or the tally read again; the page shows the receipt and the answers', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 3 }] });
    // Another resident votes first, as anyone opening a ballot does: this process then holds the open ballot's structure.
    const first = await verifiedVoter('first-voter');
    expect((await first.browser.request(`/votes/${ballot.id}`, await castForm(first.browser, ballot))).status).toBe(200);

    const { browser } = await verifiedVoter('counted-voter');
    const init = await castForm(browser, ballot);
    let html = '';
    let status = 0;
    const statements = await statementsDuring(async () => {
      const response = await browser.request(`/votes/${ballot.id}`, init);
      status = response.status;
      html = await response.text();
    });
    expect(status).toBe(200);
    expect(html).toMatch(/data-testid="receipt">([0-9A-Z]{4}-){7}[0-9A-Z]{4}</);
    // The receipt page shows the receipt and the answers; the rating form and the live tally are one link away (ADR 071).
    expect(html).toContain('<dt>Question 1</dt>');
    expect(html).not.toContain('How was voting for you?');
    expect(html).not.toMatch(/Live results/);
    expect(statements.filter(readsSession)).toHaveLength(1);
    // The role grants come with the session, in the same statement.
    expect(statements.filter((s) => readsRoles(s) && !readsSession(s))).toEqual([]);
    expect(statements.filter(isCast)).toHaveLength(1);
    expect(statements.filter((s) => !isCast(s) && /ballot_questions|ballot_options|ballot_districts|ballot_tally_shards|from "ballots"|from "feedback"|feedback where/i.test(s))).toEqual([]);
    expect(statements.filter((s) => !isCast(s) && /ballot_participations/i.test(s))).toEqual([]);
    // The cast, the session and the unread notifications (the root's data).
    expect(statements.length).toBeLessThanOrEqual(3);
  });

  it('a cast with JavaScript (single fetch): the session with its grants and the cast, two statements', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 3 }] });
    const first = await verifiedVoter('first-js-voter');
    expect((await first.browser.request(`/votes/${ballot.id}.data`, await castForm(first.browser, ballot))).status).toBe(200);
    const { browser } = await verifiedVoter('counted-js-voter');
    const init = await castForm(browser, ballot);
    let body = '';
    const statements = await statementsDuring(async () => {
      body = await (await browser.request(`/votes/${ballot.id}.data`, init)).text();
    });
    expect(body).toMatch(/([0-9A-Z]{4}-){7}[0-9A-Z]{4}/);
    expect(statements.filter(readsSession)).toHaveLength(1);
    expect(statements.filter(isCast)).toHaveLength(1);
    expect(statements).toHaveLength(2);
  });

  it('a page: the root and the page read the session once between them', async () => {
    const ballot = await makeBallot();
    const { browser } = await verifiedVoter('reader');
    await browser.get('/ideas');
    const statements = await statementsDuring(() => browser.get(`/votes/${ballot.id}`));
    expect(statements.filter(readsSession)).toHaveLength(1);
  });

  it('never shows one person another’s session: twenty browsers at once each see themselves', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, (_, i) => newResident(`concurrent${i}z`)));
    const pages = await Promise.all(people.map(({ browser }) => browser.get('/me').then((r) => r.text())));
    pages.forEach((page, i) => {
      expect(page).toContain(`Test concurrent${i}z`);
      for (let j = 0; j < people.length; j++) if (j !== i) expect(page).not.toContain(`Test concurrent${j}z`);
    });
  });

  it('an admin who takes back their own admin role is refused on the very next page; signed out, they are nobody', async () => {
    const { browser, email } = await newResident('short-admin');
    const [person] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    const granted = await grantRole(await adminId(), { userId: person!.id, role: 'admin' });
    expect(granted.ok).toBe(true);
    expect((await browser.get('/admin/users')).status).toBe(200);
    const [grant] = await db.select().from(roleGrants).where(and(eq(roleGrants.userId, person!.id), eq(roleGrants.role, 'admin')));
    const revoked = await browser.post('/admin/users', { intent: 'revoke', grantId: grant!.id });
    expect(revoked.status).toBe(302);
    expect((await browser.get(revoked.headers.get('Location')!)).status).toBe(403);
    expect((await browser.post('/sign-out', {})).status).toBe(302);
    expect((await browser.get('/me')).headers.get('Location')).toMatch(/^\/sign-in/);
  });
});

describe('what changes the person within a request is read again by the rest of it', () => {
  // As an action followed by its page's loaders: the same request scope, the same cookie.
  async function signedInRequest() {
    const { browser, email } = await newResident('changing');
    const request = new Request('http://localhost/me', { headers: { Cookie: browser.cookieHeader() } });
    const [person] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    return { request, userId: person!.id };
  }

  it('a new name, a role granted and revoked, the session ended: each seen by the next read in the same request', async () => {
    const { request, userId } = await signedInRequest();
    const admin = await adminId();
    await runInRequestScope(async () => {
      const before = await getCurrentUser(request);
      expect(before?.name).toBe('Test changing');
      // The same request reads once…
      expect(await getCurrentUser(request)).toBe(before);
      // …until something changes the person.
      expect((await updateProfile(userId, { name: 'Renamed', locale: 'en' })).ok).toBe(true);
      expect((await getCurrentUser(request))?.name).toBe('Renamed');
      const granted = await grantRole(admin, { userId, role: 'moderator' });
      expect((await getCurrentUser(request))?.roles.map((r) => r.role)).toEqual(['moderator']);
      if (!granted.ok) throw new Error('not granted');
      expect((await revokeRole(admin, granted.value.grantId)).ok).toBe(true);
      expect((await getCurrentUser(request))?.roles).toEqual([]);
      await endSession(request);
      expect(await getCurrentUser(request)).toBeNull();
    });
  });
});
