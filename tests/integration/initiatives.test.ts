// Residents' initiatives over HTTP, as residents, moderators and experts use them, against real Postgres and Redis.
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, ballotDistricts, ballotOptions, ballotQuestions, ballots, emailOutbox, initiativeNotices, initiativeSupports, initiatives, notifications, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { queuePrefix } from '#app/utils/redis.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { sweepInitiatives } from '#app/modules/initiatives/expire-initiatives.server';
import { deadlineJobId, initiativeDeadlineQueueName, initiativeNoticeQueueName, noticeJobId } from '#app/modules/initiatives/jobs';
import { tellInitiativeNotice, unfinishedInitiativeNotices } from '#app/modules/initiatives/notices.server';
import { Browser, newResident } from '../support/app';
import { jpegWithGps, userIdByEmail } from '../support/reports';
import { districtIdByCode, makeResidents } from '../support/votes';

const moderator = new Browser();
const admin = new Browser();
const projectExpert = new Browser();
const cityExpert = new Browser();

beforeAll(async () => {
  await moderator.signIn('moderator@demo.vmeste.city');
  await admin.signIn('admin@demo.vmeste.city');
  await projectExpert.signIn('expert@demo.vmeste.city');
  await cityExpert.signIn('expert.city@demo.vmeste.city');
});
afterAll(async () => {
  await closeConnections();
});

/** A fresh resident, verified and living in `district` when given (as an administrator would have set them). */
async function resident(label: string, district?: string, verified = true) {
  const { browser, email } = await newResident(label);
  const districtId = district ? await districtIdByCode(district) : null;
  await db.update(users).set({ verified, districtId }).where(eq(users.email, email));
  return { browser, id: await userIdByEmail(email) };
}

const body = 'The city should do this because residents need it every day, and it costs little to try.';

async function start(browser: Browser, title: string, scope: string) {
  const response = await browser.post('/initiatives/new', { title, body, scope });
  expect(response.status, await response.clone().text().then((t) => t.slice(0, 300))).toBe(302);
  return Number(/\/initiatives\/(\d+)/.exec(response.headers.get('Location')!)![1]);
}

async function approve(id: number) {
  const response = await moderator.post('/moderation/initiatives', { intent: 'approve', initiativeId: String(id) });
  expect(response.status).toBe(302);
}

const row = async (id: number) => (await db.select().from(initiatives).where(eq(initiatives.id, id)))[0]!;
const supportsOf = async (id: number) => (await db.select().from(initiativeSupports).where(eq(initiativeSupports.initiativeId, id))).length;
const noticesOf = async (userId: string, kind: string) => db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

/** What the `initiative-notices` worker does after each move (no worker takes this file's queues). */
async function tellNotices() {
  for (const id of await unfinishedInitiativeNotices()) await tellInitiativeNotice(id);
}

/** An approved initiative whose threshold the test sets (the arrangement), with `supports` supports already. */
async function collecting(threshold: number, scope = 'city') {
  const author = await resident('author', scope === 'city' ? 'lesnoy' : 'sadovy');
  const id = await start(author.browser, `Initiative ${Math.random().toString(36).slice(2, 8)} for the test`, scope);
  await approve(id);
  await db.update(initiatives).set({ threshold }).where(eq(initiatives.id, id));
  return { id, author };
}

describe('starting an initiative', () => {
  it('is for verified residents; bad input gives field messages and stores nothing', async () => {
    const before = (await db.select({ n: sql<number>`count(*)::int` }).from(initiatives))[0]!.n;
    const unverified = await resident('unverified', 'lesnoy', false);
    const refused = await unverified.browser.post('/initiatives/new', { title: 'A shelter at every bus stop', body, scope: 'city' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Only verified residents can start an initiative');

    const author = await resident('starter', 'lesnoy');
    const bad = await author.browser.post('/initiatives/new', { title: 'Short', body: 'Too short', scope: '' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('<title>Error: ');
    expect(html).toContain('Must be at least 10 characters');
    expect(html).toContain('Choose the whole city or a district');
    const unknownDistrict = await author.browser.post('/initiatives/new', { title: 'A shelter at every bus stop', body, scope: '999999' });
    expect(unknownDistrict.status).toBe(400);
    expect(await unknownDistrict.text()).toContain('Choose a district from the list');
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(initiatives))[0]!.n).toBe(before);
  });

  it('keeps a new one from the public until a moderator approves it, then fixes its threshold and deadline', async () => {
    const author = await resident('photos', 'sadovy');
    const form = new FormData();
    form.set('title', 'Benches along the Sadovy boulevard');
    form.set('body', body);
    form.set('scope', String(await districtIdByCode('sadovy')));
    form.append('photos', new File([new Uint8Array(await jpegWithGps())], 'bench.jpg', { type: 'image/jpeg' }));
    const response = await author.browser.postMultipart('/initiatives/new', form);
    expect(response.status).toBe(302);
    const id = Number(/\/initiatives\/(\d+)/.exec(response.headers.get('Location')!)![1]);
    expect((await row(id)).status).toBe('pending');
    expect((await new Browser().get(`/initiatives/${id}`)).status).toBe(404);
    expect((await author.browser.get(`/initiatives/${id}`)).status).toBe(200);
    const queue = await (await moderator.get('/moderation/initiatives')).text();
    expect(queue).toContain('Benches along the Sadovy boulevard');
    expect(queue).toContain('Check by');
    const photoId = /\/media\/initiative-photos\/(\d+)/.exec(await (await author.browser.get(`/initiatives/${id}`)).text())![1];
    expect((await new Browser().get(`/media/initiative-photos/${photoId}`)).status).toBe(404);

    // 1 % of the verified residents of Sadovy, rounded up, counted independently here.
    const [{ n }] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM users u JOIN districts d ON d.id = u.district_id WHERE d.code = 'sadovy' AND u.verified AND u.deleted_at IS NULL AND u.blocked_at IS NULL`)) as unknown as [{ n: number }];
    const startedAt = Date.now();
    await approve(id);
    const approved = await row(id);
    expect(approved.status).toBe('collecting');
    expect(approved.threshold).toBe(Math.max(1, Math.ceil(n / 100)));
    expect(Math.abs(approved.collectsUntil!.getTime() - (startedAt + 90 * 86_400_000))).toBeLessThan(60_000);
    expect((await new Browser().get(`/media/initiative-photos/${photoId}`)).status).toBe(200);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'initiative.approve'), eq(auditLog.targetId, String(id))));
    expect(audit).toHaveLength(1);
    expect(await noticesOf(author.id, 'initiatives.notice.approved')).toHaveLength(1);
    // Twice: refused, nothing changes.
    const again = await moderator.post('/moderation/initiatives', { intent: 'reject', initiativeId: String(id), reason: 'Duplicate' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('Someone has already checked this initiative');
    expect((await row(id)).status).toBe('collecting');

    // Its deadline job waits in Redis until the deadline.
    const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    const deadlines = new Queue(initiativeDeadlineQueueName, { connection, prefix: queuePrefix(initiativeDeadlineQueueName) });
    const job = await deadlines.getJob(deadlineJobId(id));
    expect(job).toBeDefined();
    expect(Math.abs(job!.timestamp + job!.opts.delay! - approved.collectsUntil!.getTime())).toBeLessThan(5_000);
    // Redis loses it: the sweeper puts it back from Postgres.
    await job!.remove();
    await sweepInitiatives();
    expect(await deadlines.getJob(deadlineJobId(id))).toBeDefined();
    await deadlines.close();
    connection.disconnect();
  });

  it('tells the author why a moderator rejected it, and never opens it for supports', async () => {
    const author = await resident('rejected', 'lesnoy');
    const id = await start(author.browser, 'Rename the river after my cat', 'city');
    const empty = await moderator.post('/moderation/initiatives', { intent: 'reject', initiativeId: String(id), reason: '' });
    expect(empty.status).toBe(400);
    expect((await moderator.post('/moderation/initiatives', { intent: 'reject', initiativeId: String(id), reason: 'Not a matter for the city' })).status).toBe(302);
    expect((await row(id)).status).toBe('rejected');
    expect((await noticesOf(author.id, 'initiatives.notice.rejected'))[0]!.params).toMatchObject({ reason: 'Not a matter for the city' });
    // The notice reads as words on the person's notifications page, not as its key.
    expect(await (await author.browser.get('/me/notifications')).text()).toContain('Your initiative &quot;Rename the river after my cat&quot; was rejected: Not a matter for the city');
    const supporter = await resident('late', 'lesnoy');
    expect((await supporter.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(400);
    expect(await supportsOf(id)).toBe(0);
  });
});

describe('supporting an initiative', () => {
  it('refuses a support outside its district, from an unverified person, twice, or after the deadline, storing nothing', async () => {
    const { id } = await collecting(50, String(await districtIdByCode('sadovy')));
    const outsider = await resident('outsider', 'lesnoy');
    const outside = await outsider.browser.post(`/initiatives/${id}`, { intent: 'support' });
    expect(outside.status).toBe(400);
    expect(await outside.text()).toContain('Only residents of its district can support this initiative');
    const unverified = await resident('unverified', 'sadovy', false);
    const notVerified = await unverified.browser.post(`/initiatives/${id}`, { intent: 'support' });
    expect(notVerified.status).toBe(400);
    expect(await notVerified.text()).toContain('Only verified residents can support an initiative');
    expect(await supportsOf(id)).toBe(0);

    const local = await resident('local', 'sadovy');
    expect((await local.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    const twice = await local.browser.post(`/initiatives/${id}`, { intent: 'support' });
    expect(twice.status).toBe(400);
    expect(await twice.text()).toContain('You already support this initiative');
    expect(await supportsOf(id)).toBe(1);
    expect((await row(id)).supportCount).toBe(1);

    await db.update(initiatives).set({ collectsUntil: new Date(Date.now() - 1000) }).where(eq(initiatives.id, id));
    const neighbour = await resident('neighbour', 'sadovy');
    const late = await neighbour.browser.post(`/initiatives/${id}`, { intent: 'support' });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('The time to support this initiative is over');
    expect(await supportsOf(id)).toBe(1);
  });

  it('tells the author and supporters at a third, two thirds and the threshold, and moves it to expert review', async () => {
    const { id, author } = await collecting(3);
    const [a, b, c] = [await resident('first'), await resident('second'), await resident('third')];
    expect((await a.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    let page = await new Browser().get(`/initiatives/${id}`).then((r) => r.text());
    expect(page).toContain('1 support of 3');
    expect(page).toContain('2 more supports needed');
    expect((await b.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    expect((await c.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    page = await new Browser().get(`/initiatives/${id}`).then((r) => r.text());
    expect(page).toContain('Threshold reached');

    await tellNotices();
    const progress = await noticesOf(author.id, 'initiatives.notice.progress');
    expect(progress.map((n) => (n.params as { percent: number }).percent).sort()).toEqual([33, 66]);
    expect(await noticesOf(author.id, 'initiatives.notice.reached')).toHaveLength(1);
    // The first supporter heard every step after theirs; the last only the threshold.
    expect(await noticesOf(a.id, 'initiatives.notice.progress')).toHaveLength(2);
    expect(await noticesOf(a.id, 'initiatives.notice.reached')).toHaveLength(1);
    expect(await noticesOf(c.id, 'initiatives.notice.progress')).toHaveLength(0);
    expect(await noticesOf(c.id, 'initiatives.notice.reached')).toHaveLength(1);
    const done = await row(id);
    expect(done).toMatchObject({ status: 'review', supportCount: 3, noticedPercent: 100 });
    expect(done.reachedAt).not.toBeNull();
    // No more supports once it is with the experts.
    const d = await resident('fourth');
    const after = await d.browser.post(`/initiatives/${id}`, { intent: 'support' });
    expect(after.status).toBe(400);
    expect(await after.text()).toContain('This initiative no longer collects supports');
  });

  it('lets a supporter withdraw while it collects (the count stays exact), but not once the threshold is crossed', async () => {
    const { id } = await collecting(3);
    const [a, b, c] = [await resident('keeps'), await resident('changes-mind'), await resident('crosses')];
    expect((await a.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    expect((await b.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    const withdrawn = await b.browser.post(`/initiatives/${id}`, { intent: 'withdraw' });
    expect(withdrawn.status).toBe(302);
    expect(withdrawn.headers.get('Location')).toBe(`/initiatives/${id}?withdrawn=1`);
    expect(await row(id)).toMatchObject({ status: 'collecting', supportCount: 1 });
    expect(await supportsOf(id)).toBe(1);
    expect(await new Browser().get(`/initiatives/${id}`).then((r) => r.text())).toContain('1 support of 3');
    // Twice: nothing to withdraw, nothing changed.
    const again = await b.browser.post(`/initiatives/${id}`, { intent: 'withdraw' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('You do not support this initiative');
    expect((await row(id)).supportCount).toBe(1);
    // Their cabinet no longer lists it; the one who kept their support sees it with its progress.
    expect(await b.browser.get('/me/initiatives').then((r) => r.text())).toContain('You do not support any initiative yet');
    const mine = await a.browser.get('/me/initiatives').then((r) => r.text());
    expect(mine).toContain(`href="/initiatives/${id}"`);
    expect(mine).toContain('1 initiative you support');
    // Three supports cross the threshold of 3: it has moved, and stays moved.
    expect((await b.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    expect((await c.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    expect((await row(id)).status).toBe('review');
    const late = await a.browser.post(`/initiatives/${id}`, { intent: 'withdraw' });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('This initiative has reached its threshold: supports can no longer be withdrawn');
    expect(await row(id)).toMatchObject({ status: 'review', supportCount: 3 });
    expect(await supportsOf(id)).toBe(3);
  });

  it('lists in the cabinet the initiatives a person started, even before a moderator has checked them', async () => {
    const author = await resident('cabinet-author', 'lesnoy');
    const title = `Cabinet initiative ${Math.random().toString(36).slice(2, 8)}`;
    const id = await start(author.browser, title, 'city');
    const page = await author.browser.get('/me/initiatives').then((r) => r.text());
    expect(page).toContain(`href="/initiatives/${id}"`);
    expect(page).toContain(title);
    expect(page).toContain('1 initiative you started');
    expect((await new Browser().get('/me/initiatives')).status).toBe(302);
  });

  it('moves exactly once when supports crossing the threshold arrive at the same time', async () => {
    const { id, author } = await collecting(2);
    const first = await resident('early');
    expect((await first.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    const crowd = await Promise.all(Array.from({ length: 6 }, (_, i) => resident(`crowd${i}`)));
    // Each browser fetches its CSRF token first, so the posts themselves go out together.
    const tokens = await Promise.all(crowd.map((p) => p.browser.csrf()));
    const responses = await Promise.all(
      crowd.map((p, i) => p.browser.request(`/initiatives/${id}`, { method: 'POST', body: new URLSearchParams({ _csrf: tokens[i]!, intent: 'support' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([302, 400, 400, 400, 400, 400]);
    const done = await row(id);
    expect(done).toMatchObject({ status: 'review', supportCount: 2 });
    expect(await supportsOf(id)).toBe(2);
    await tellNotices();
    expect(await noticesOf(author.id, 'initiatives.notice.reached')).toHaveLength(1);
  });
});

describe('notices to every supporter', () => {
  it('leave the supporting request with one notice row, then a job tells each supporter once, whatever the retries', async () => {
    const { id, author } = await collecting(451);
    // 450 supporters already (the arrangement, written directly); the 451st support crosses the threshold.
    const crowd = await makeResidents(450);
    await db.insert(initiativeSupports).values(crowd.map((userId) => ({ initiativeId: id, userId })));
    await db.update(initiatives).set({ supportCount: 450, noticedPercent: 66 }).where(eq(initiatives.id, id));
    const last = await resident('crossing');
    const everyone = [author.id, ...crowd, last.id];
    // Their e-mails so far (the author's approval, the newcomers' welcome): what the support adds is counted from here.
    const outboxOf = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(emailOutbox).where(inArray(emailOutbox.userId, everyone)))[0]!.n;
    const before = await outboxOf();
    const noticesTo = async () =>
      db
        .select({ userId: notifications.userId, n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.kind, 'initiatives.notice.reached'), eq(notifications.link, `/initiatives/${id}`)))
        .groupBy(notifications.userId);

    expect((await last.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    expect(await row(id)).toMatchObject({ status: 'review', supportCount: 451 });
    // The request wrote no notice and no e-mail: one row saying who is to be told, and a job with its id.
    expect(await noticesTo()).toEqual([]);
    expect(await outboxOf()).toBe(before);
    const [notice] = await db.select().from(initiativeNotices).where(eq(initiativeNotices.initiativeId, id));
    expect(notice).toMatchObject({ kind: 'reached', finishedAt: null, toldThrough: null });
    const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(initiativeNoticeQueueName, { connection, prefix: queuePrefix(initiativeNoticeQueueName) });
    try {
      const job = await queue.getJob(noticeJobId(notice!.id));
      expect(job?.data).toEqual({ noticeId: notice!.id });
      // Redis loses the job: the sweeper puts it back from Postgres.
      await job!.remove();
      await sweepInitiatives();
      expect(await queue.getJob(noticeJobId(notice!.id))).toBeDefined();
    } finally {
      await queue.close();
      connection.disconnect();
    }

    // Two workers on the same notice at once (a retry overlapping a slow first run), in batches of 100. (The end-to-end
    // workers' sweeper, on the same database in a full run, may be a third: the counts below hold all the same.)
    const [{ last: lastBefore }] = (await db.select({ last: sql<number>`coalesce(max(id), 0)::int` }).from(emailOutbox)) as [{ last: number }];
    await Promise.all([tellInitiativeNotice(notice!.id, { batchSize: 100 }), tellInitiativeNotice(notice!.id, { batchSize: 100 })]);
    // Messages to a whole crowd wait behind any one person's own (a password reset): they are a broadcast (ADR 061).
    const written = await db.select({ broadcast: emailOutbox.broadcast }).from(emailOutbox).where(and(inArray(emailOutbox.userId, everyone), sql`${emailOutbox.id} > ${lastBefore}`));
    expect(written.map((r) => r.broadcast)).toEqual(everyone.map(() => true));
    const told = await noticesTo();
    expect(told).toHaveLength(452);
    expect(told.every((t) => t.n === 1)).toBe(true);
    expect(new Set(told.map((t) => t.userId))).toEqual(new Set(everyone));
    // Everybody here has an e-mail address: one message each.
    expect(await outboxOf()).toBe(before + 452);
    expect((await db.select().from(initiativeNotices).where(eq(initiativeNotices.id, notice!.id)))[0]!.finishedAt).not.toBeNull();

    // Run again (a retried job, or the sweeper's repair): nobody is told twice.
    expect(await tellInitiativeNotice(notice!.id)).toBe(`notice ${notice!.id}: 0 told`);
    expect((await noticesTo()).every((t) => t.n === 1)).toBe(true);
    expect(await outboxOf()).toBe(before + 452);
    expect(await unfinishedInitiativeNotices()).not.toContain(notice!.id);
  });
});

describe('the deadline', () => {
  it('closes an initiative short of its threshold, once, from Postgres, and tells author and supporters', async () => {
    const { id, author } = await collecting(10);
    const supporter = await resident('hopeful');
    expect((await supporter.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    await db.update(initiatives).set({ collectsUntil: new Date(Date.now() - 1000) }).where(eq(initiatives.id, id));
    await sweepInitiatives();
    await sweepInitiatives();
    const closed = await row(id);
    expect(closed.status).toBe('expired');
    await tellNotices();
    expect(await noticesOf(author.id, 'initiatives.notice.expired')).toHaveLength(1);
    expect(await noticesOf(supporter.id, 'initiatives.notice.expired')).toHaveLength(1);
    const list = await (await new Browser().get('/initiatives?status=expired')).text();
    expect(list).toContain(closed.title);
    expect(await (await new Browser().get('/initiatives?status=open')).text()).not.toContain(closed.title);
  });
});

describe('the experts', () => {
  async function reached(scope = 'city') {
    const { id, author } = await collecting(1, scope);
    const supporter = await resident('one', scope === 'city' ? undefined : 'sadovy');
    expect((await supporter.browser.post(`/initiatives/${id}`, { intent: 'support' })).status).toBe(302);
    expect((await row(id)).status).toBe('review');
    return { id, author, supporter };
  }

  it('answer with reasons: only a city-wide expert or an admin, once; author and supporters are told', async () => {
    const { id, author, supporter } = await reached();
    expect((await projectExpert.post(`/initiatives/${id}`, { intent: 'answer', answer: 'We will do it next spring, funded from the roads budget.' })).status).toBe(403);
    expect((await supporter.browser.post(`/initiatives/${id}`, { intent: 'answer', answer: 'We will do it next spring, funded from the roads budget.' })).status).toBe(403);
    const short = await cityExpert.post(`/initiatives/${id}`, { intent: 'answer', answer: 'Yes.' });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('Must be at least 20 characters');
    expect((await cityExpert.post(`/initiatives/${id}`, { intent: 'answer', answer: 'We will do it next spring, funded from the roads budget.' })).status).toBe(302);
    const answered = await row(id);
    expect(answered).toMatchObject({ status: 'answered', answer: 'We will do it next spring, funded from the roads budget.' });
    await tellNotices();
    expect(await noticesOf(author.id, 'initiatives.notice.answered')).toHaveLength(1);
    expect(await noticesOf(supporter.id, 'initiatives.notice.answered')).toHaveLength(1);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, 'initiative.answer'), eq(auditLog.targetId, String(id))))).toHaveLength(1);
    const again = await admin.post(`/initiatives/${id}`, { intent: 'send-to-vote' });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('not waiting for an expert decision');
    expect(await (await new Browser().get('/initiatives?status=answered')).text()).toContain(answered.title);
  });

  it('send a local one to a draft ballot for its district: For and Against', async () => {
    const { id } = await reached(String(await districtIdByCode('sadovy')));
    expect((await admin.post(`/initiatives/${id}`, { intent: 'send-to-vote' })).status).toBe(302);
    const sent = await row(id);
    expect(sent.status).toBe('voting');
    const [ballot] = await db.select().from(ballots).where(eq(ballots.id, sent.ballotId!));
    expect(ballot).toMatchObject({ status: 'draft', titleEn: sent.title });
    expect((await db.select().from(ballotDistricts).where(eq(ballotDistricts.ballotId, ballot!.id))).map((d) => d.districtId)).toEqual([await districtIdByCode('sadovy')]);
    const [question] = await db.select().from(ballotQuestions).where(eq(ballotQuestions.ballotId, ballot!.id));
    expect((await db.select().from(ballotOptions).where(eq(ballotOptions.questionId, question!.id))).map((o) => o.labelEn).sort()).toEqual(['Against', 'For']);
    expect(await (await new Browser().get('/initiatives?status=successful')).text()).toContain(sent.title);
  });
});

describe('open data and the API', () => {
  it('publish initiatives and their counts, without any supporter or author identity', async () => {
    const { id } = await collecting(5);
    const supporter = await resident('private');
    await supporter.browser.post(`/initiatives/${id}`, { intent: 'support' });
    const email = (await db.select({ email: users.email }).from(users).where(eq(users.id, supporter.id)))[0]!.email;
    const json = (await (await new Browser().get('/data/initiatives/initiatives.json')).json()) as { id: number; supports: number; threshold: number; status: string }[];
    expect(json.find((r) => r.id === id)).toMatchObject({ supports: 1, threshold: 5, status: 'collecting' });
    const csv = await (await new Browser().get('/data/initiatives/initiatives.csv')).text();
    for (const text of [JSON.stringify(json), csv]) {
      expect(text).not.toContain(supporter.id);
      expect(text).not.toContain(email);
    }
    const one = (await (await new Browser().get(`/api/v1/initiatives/${id}`)).json()) as { supports: number; still_needed: number };
    expect(one).toMatchObject({ supports: 1, still_needed: 4 });
    const page = (await (await new Browser().get('/api/v1/initiatives?status=collecting&limit=100')).json()) as { data: { id: number; status: string }[] };
    expect(page.data.every((r) => r.status === 'collecting')).toBe(true);
    expect((await new Browser().get('/api/v1/initiatives?status=pending')).status).toBe(400);
    const pending = await start((await resident('hidden')).browser, 'Not yet public in the API at all', 'city');
    expect((await new Browser().get(`/api/v1/initiatives/${pending}`)).status).toBe(404);
  });
});
