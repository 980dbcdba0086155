import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { auditLog, reports, sessions, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { castVote } from '#app/modules/votes/cast-vote.server';
import { Browser, newResident } from '../support/app';
import { makeBallot } from '../support/votes';
import { placeIn, shortSlaCategory, userIdByEmail } from '../support/reports';

afterAll(closeConnections);

async function fileReport(browser: Browser, description: string) {
  const category = await shortSlaCategory();
  const { lat, lng } = placeIn('zavodskoy');
  const form = new FormData();
  for (const [k, v] of Object.entries({ categoryId: String(category.id), lat: String(lat), lng: String(lng), address: 'Data street 1', description, confirmNew: 'yes' })) form.set(k, v);
  const response = await browser.postMultipart('/reports/new', form);
  expect(response.status).toBe(302);
  return Number(/\/reports\/(\d+)/.exec(response.headers.get('Location')!)![1]);
}

describe('a person\'s own data', () => {
  it('downloads everything held about them, and nothing about anyone else', async () => {
    const { browser, email } = await newResident('export');
    const other = await newResident('export-other');
    const mine = await fileReport(browser, 'My own pothole for the export');
    const theirs = await fileReport(other.browser, 'Somebody else\'s pothole');
    const response = await browser.get('/me/data.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="vmeste-my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(response.headers.get('Cache-Control')).toContain('no-store');
    const data = (await response.json()) as Record<string, Record<string, unknown>[]>;
    expect(data.profile).toEqual([expect.objectContaining({ email, name: 'Test export' })]);
    expect(data.reports!.map((r) => r.id)).toEqual([mine]);
    expect(data.reports!.map((r) => r.id)).not.toContain(theirs);
    expect(data.sessions!.length).toBeGreaterThan(0);
    expect(data.notifications!.some((n) => n.kind === 'notice.welcome')).toBe(true);
    for (const name of ['roles', 'identities', 'emails', 'report_ratings', 'followed_reports', 'ideas', 'idea_comments', 'idea_supports', 'abuse_reports', 'assessments', 'ballots_voted', 'points', 'ratings_given', 'staff_actions']) expect(Array.isArray(data[name]), name).toBe(true);
    expect(JSON.stringify(data)).not.toContain(other.email);
    expect((await new Browser().get('/me/data.json')).status).toBe(302);
  });

  it('deletes an account: identity erased, sessions gone, the public report kept without a name', async () => {
    const { browser, email } = await newResident('delete');
    const userId = await userIdByEmail(email);
    const reportId = await fileReport(browser, 'A report that outlives its author');
    const refused = await browser.post('/me/data', { password: 'a-long-password-1' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Tick the box');
    const wrong = await browser.post('/me/data', { understood: 'yes', password: 'not-my-password' });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('The password is not right');

    const deleted = await browser.post('/me/data', { understood: 'yes', password: 'a-long-password-1' });
    expect(deleted.status).toBe(302);
    expect(deleted.headers.get('Location')).toBe('/?accountDeleted=1');
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    expect(row).toMatchObject({ name: '', passwordHash: null, districtId: null, birthYear: null, verified: false });
    expect(row!.email).not.toContain('delete-');
    expect(row!.deletedAt).not.toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, userId))).toHaveLength(0);
    const audit = await db.select({ actorId: auditLog.actorId, targetType: auditLog.targetType, targetId: auditLog.targetId }).from(auditLog).where(eq(auditLog.action, 'account.delete'));
    expect(audit).toContainEqual({ actorId: userId, targetType: 'user', targetId: userId });
    expect((await browser.get('/me')).status).toBe(302);
    const [report] = await db.select().from(reports).where(eq(reports.id, reportId));
    expect(report!.description).toBe('A report that outlives its author');
    // The address is free again: the person may come back as a new account.
    expect((await new Browser().post('/register', { name: 'Back Again', email, password: 'a-long-password-2' })).status).toBe(302);
    expect((await new Browser().post('/sign-in', { email, password: 'a-long-password-1' })).status).toBe(400);
  });
});

describe('e-mail choices', () => {
  it('keeps the in-app notice but sends no e-mail for a topic the person turned off; account e-mails still go', async () => {
    const { notify } = await import('#app/modules/notifications/notify.server');
    const { emailOutbox, notifications } = await import('#db/schema/index');
    const { browser, email } = await newResident('email-choices');
    const userId = await userIdByEmail(email);
    expect(await (await browser.get('/me')).text()).toContain('E-mail me about');
    // Only ideas and votes ticked: reports turned off.
    expect((await browser.post('/me', { intent: 'email-preferences', topics: ['ideas', 'votes'] })).status).toBe(302);
    const outboxBefore = (await db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId))).length;
    const mail = { subject: 'email.welcome.subject', body: 'email.welcome.body' } as const;
    const report = await db.transaction((tx) => notify(tx, { userId, kind: 'notice.welcome', link: '/reports/1', email: mail }));
    const idea = await db.transaction((tx) => notify(tx, { userId, kind: 'notice.welcome', link: '/ideas/1', email: mail }));
    const account = await db.transaction((tx) => notify(tx, { userId, kind: 'notice.welcome', link: '/me', email: mail }));
    expect(report).toEqual([]);
    expect(idea).toHaveLength(1);
    expect(account).toHaveLength(1);
    expect((await db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId))).length).toBe(outboxBefore + 2);
    expect((await db.select().from(notifications).where(eq(notifications.userId, userId))).filter((n) => n.link === '/reports/1')).toHaveLength(1);
    const bad = await browser.post('/me', { intent: 'email-preferences', topics: 'spam' });
    expect(bad.status).toBe(400);
  });
});

describe('the cabinet', () => {
  it('shows a person their own reports, activity and open ballots, and never someone else\'s', async () => {
    const mine = await newResident('cabinet-mine');
    const theirs = await newResident('cabinet-theirs');
    const myReport = await fileReport(mine.browser, 'Cabinet report that is mine');
    const theirReport = await fileReport(theirs.browser, 'Cabinet report that is theirs');
    const page = await (await mine.browser.get('/me')).text();
    expect(page).toContain(`href="/reports/${myReport}"`);
    expect(page).not.toContain(`href="/reports/${theirReport}"`);
    expect(page).toMatch(/1 report · 0 ideas/);
    // The demo ballots are for verified residents: a new account is not offered them.
    expect(page).not.toContain('href="/votes/3"');
    const other = await (await theirs.browser.get('/me')).text();
    expect(other).toContain(`href="/reports/${theirReport}"`);
    expect(other).not.toContain(`href="/reports/${myReport}"`);
  });

  it('lists the ballots the person voted in, and not those someone else voted in', async () => {
    const mine = await newResident('cabinet-voter');
    const theirs = await newResident('cabinet-other-voter');
    const [myBallot, theirBallot] = [await makeBallot(), await makeBallot()];
    const vote = async (email: string, ballot: typeof myBallot) => {
      const id = await userIdByEmail(email);
      await db.update(users).set({ verified: true }).where(eq(users.id, id));
      const q = ballot.questions[0]!;
      expect((await castVote(id, ballot.id, { [`q${q.id}`]: [String(q.options[0]!.id)] })).ok).toBe(true);
    };
    await vote(mine.email, myBallot);
    await vote(theirs.email, theirBallot);
    const votedSection = (html: string) => /Ballots I voted in<\/h3>([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
    const page = votedSection(await (await mine.browser.get('/me')).text());
    expect(page).toContain(`href="/votes/${myBallot.id}"`);
    expect(page).not.toContain(`href="/votes/${theirBallot.id}"`);
    const other = votedSection(await (await theirs.browser.get('/me')).text());
    expect(other).toContain(`href="/votes/${theirBallot.id}"`);
    expect(other).not.toContain(`href="/votes/${myBallot.id}"`);
  });
});
