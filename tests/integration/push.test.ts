// Web Push end to end (ADR 049): a resident chooses topics and subscribes a browser over HTTP; staff act; the outbox's
// worker sends; a push service of our own (tests/support/push-service.ts) checks the VAPID signature and decrypts
// each message as the browser would. A browser the service calls gone (410) is removed.
import { Worker } from 'bullmq';
import { createECDH } from 'node:crypto';
import https from 'node:https';
import { and, eq, inArray, sql as dsql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ballotOpenNotices, emailOutbox, notifications, pushPreferences, pushSubscriptions, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { createRedis, queuePrefix } from '#app/utils/redis.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { deliverEmail } from '#app/modules/notifications/deliver-email.server';
import { emailQueueName } from '#app/modules/notifications/jobs';
import { processEmailJob } from '#app/modules/notifications/processors.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { openBallot } from '#app/modules/votes/ballot-lifecycle.server';
import { ballotOpenedQueueName } from '#app/modules/votes/jobs';
import { processBallotOpenedJob, sweepBallotMoves } from '#app/modules/votes/processors.server';
import { tellBallotOpened } from '#app/modules/votes/tell-ballot-opened.server';
import { Browser, newResident } from '../support/app';
import { PushService, decryptAes128gcm } from '../support/push-service';
import { placeIn, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';
import { makeBallot, makeResidents } from '../support/votes';

// This file's workers send real messages from queues of its own (other files' workers must not take its jobs).
vi.hoisted(() => {
  process.env.QUEUE_PREFIX = `{push-${process.pid}}`;
});

const service = new PushService(env.VAPID_PUBLIC_KEY!);
const connection = createRedis('worker');
let workers: Worker[] = [];

beforeAll(async () => {
  await service.start();
  // This process trusts the tests' push service, as a browser vendor's is trusted through the public CAs.
  https.globalAgent.options.ca = service.ca;
  workers = [
    new Worker(emailQueueName, processEmailJob, { connection, prefix: queuePrefix(emailQueueName), concurrency: 4 }),
    new Worker(ballotOpenedQueueName, processBallotOpenedJob, { connection, prefix: queuePrefix(ballotOpenedQueueName) }),
  ];
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  connection.disconnect();
  await service.stop();
  await closeConnections();
});

/** A resident signed in over HTTP, reading English. */
async function resident(label: string) {
  const { browser, email } = await newResident(label);
  const id = await userIdByEmail(email);
  await db.update(users).set({ locale: 'en' }).where(eq(users.id, id));
  return { browser, email, id };
}

const subscribe = (browser: Browser, subscription: { endpoint: string; p256dh: string; auth: string }) => browser.post('/me/push', { intent: 'subscribe', ...subscription });
const outboxOf = (userId: string) => db.select().from(emailOutbox).where(eq(emailOutbox.userId, userId)).orderBy(emailOutbox.id);

describe('the tests’ push service', () => {
  it('decrypts the example message of RFC 8291 (section 5) with the keys the RFC gives', () => {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94', 'base64url'));
    const body = Buffer.from('DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN', 'base64url');
    expect(decryptAes128gcm(body, { ecdh, auth: Buffer.from('BTBZMqHH6r4Tts7J_aSIgg', 'base64url') })).toBe('When I grow up, I want to be a watermelon');
    // One changed byte of the ciphertext and the tag no longer holds.
    body[body.length - 20]! ^= 1;
    expect(() => decryptAes128gcm(body, { ecdh, auth: Buffer.from('BTBZMqHH6r4Tts7J_aSIgg', 'base64url') })).toThrow();
  });
});

describe('choosing push in the cabinet', () => {
  it('keeps the topics chosen, refuses unknown ones and bad subscriptions with field messages, and needs a session', async () => {
    const { browser, id } = await resident('push-choice');
    expect((await browser.get('/me/push')).status).toBe(200);

    const unknown = await browser.post('/me/push', { intent: 'topics', topics: ['reports', 'lottery'] });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Choose one of the options');

    const saved = await browser.post('/me/push', { intent: 'topics', topics: ['reports', 'visits'] });
    expect(saved.status).toBe(302);
    expect((await db.select().from(pushPreferences).where(eq(pushPreferences.userId, id)))[0]?.topics).toEqual(['reports', 'visits']);
    // None chosen: the form sends no "topics" at all.
    expect((await browser.post('/me/push', { intent: 'topics' })).status).toBe(302);
    expect((await db.select().from(pushPreferences).where(eq(pushPreferences.userId, id)))[0]?.topics).toEqual([]);

    const good = service.newBrowser();
    for (const bad of [
      { ...good, endpoint: 'javascript:alert(1)' },
      // Push services are reached over HTTPS only.
      { ...good, endpoint: good.endpoint.replace('https:', 'http:') },
      { ...good, endpoint: 'not a url' },
      { ...good, p256dh: 'too-short' },
      { ...good, auth: `${good.auth}AAAA` },
      { ...good, endpoint: `${good.endpoint}?${'x'.repeat(1001)}` },
    ]) {
      const response = await subscribe(browser, bad);
      expect(response.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, id))).toHaveLength(0);

    expect((await subscribe(browser, good)).status).toBe(200);
    // The same browser again (a page reload) is the same one row.
    expect((await subscribe(browser, good)).status).toBe(200);
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, id))).toHaveLength(1);
    expect(await (await browser.get('/me/push')).text()).toContain('1 browser of yours gets push messages.');

    expect((await browser.post('/me/push', { intent: 'unsubscribe', endpoint: good.endpoint })).status).toBe(200);
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, id))).toHaveLength(0);
  });

  it('lets nobody signed out see the page or subscribe', async () => {
    const stranger = new Browser();
    expect((await stranger.get('/me/push')).status).toBe(302);
    const browser = service.newBrowser();
    const response = await subscribe(stranger, browser);
    expect([302, 403]).toContain(response.status);
    expect(await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.endpoint, browser.endpoint))).toHaveLength(0);
  });
});

describe('push delivery', () => {
  it('pushes a report’s news to each browser of its author who chose the topic, encrypted for that browser and signed by the site, once', async () => {
    const author = await resident('push-author');
    const other = await resident('push-other');
    const phone = service.newBrowser();
    const laptop = service.newBrowser();
    const othersPhone = service.newBrowser();
    expect((await author.browser.post('/me/push', { intent: 'topics', topics: ['reports'] })).status).toBe(302);
    expect((await subscribe(author.browser, phone)).status).toBe(200);
    expect((await subscribe(author.browser, laptop)).status).toBe(200);
    // Subscribed but chose only visits: not told about reports.
    expect((await other.browser.post('/me/push', { intent: 'topics', topics: ['visits'] })).status).toBe(302);
    expect((await subscribe(other.browser, othersPhone)).status).toBe(200);

    const category = await shortSlaCategory();
    const filed = await submitReport(author.id, { categoryId: category.id, ...placeIn('zarechny'), address: 'Push street 1', description: 'A fallen tree across the path', confirmNew: 'yes' }, []);
    if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
    const reportId = filed.value.reportId;
    const moderator = await userIdByEmail('moderator@demo.vmeste.city');
    expect((await moderateReport(moderator, { intent: 'reject', reportId, reason: 'duplicate', note: undefined })).ok).toBe(true);

    await waitFor(async () => service.messagesTo(phone.id).length && service.messagesTo(laptop.id).length, 'both browsers pushed');
    // The author's push, like their notice, leads to the form rating the check (ADR 050).
    const expected = { title: 'Vmeste', body: `Report №${reportId} was rejected: Duplicate of another report.`, url: `${env.APP_URL ?? `http://localhost:${env.PORT}`}/reports/${reportId}#rate-moderated` };
    expect(service.messagesTo(phone.id)).toEqual([expect.objectContaining(expected)]);
    expect(service.messagesTo(laptop.id)).toEqual([expect.objectContaining(expected)]);
    const [delivery] = service.received.filter((m) => m.browser === phone.id);
    expect(delivery!.ttl).toBe(86_400);
    expect(delivery!.jwt.aud).toBe(service.origin);
    expect(service.messagesTo(othersPhone.id)).toEqual([]);
    expect(service.refused).toEqual([]);

    const pushRows = await waitFor(async () => {
      const rows = (await outboxOf(author.id)).filter((r) => r.channel === 'push');
      return rows.length === 2 && rows.every((r) => r.status === 'sent') && rows;
    }, 'both push rows sent');
    expect(pushRows.map((r) => r.toAddress)).toEqual([`push: ${new URL(service.origin).host}`, `push: ${new URL(service.origin).host}`]);
    // A replayed delivery sends nothing again.
    expect(await deliverEmail(pushRows[0]!.id)).toBe('already-sent');
    expect(service.messagesTo(phone.id)).toHaveLength(1);
  });

  it('removes a browser its push service calls gone (410) and fails its row for good; the other browser still gets it', async () => {
    const author = await resident('push-gone');
    const kept = service.newBrowser();
    const cleared = service.newBrowser();
    await author.browser.post('/me/push', { intent: 'topics', topics: ['reports'] });
    await subscribe(author.browser, kept);
    await subscribe(author.browser, cleared);
    service.forget(cleared.id);

    const category = await shortSlaCategory();
    const filed = await submitReport(author.id, { categoryId: category.id, ...placeIn('zarechny'), address: 'Push street 2', description: 'Broken bench in the square', confirmNew: 'yes' }, []);
    if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
    const moderator = await userIdByEmail('moderator@demo.vmeste.city');
    await moderateReport(moderator, { intent: 'reject', reportId: filed.value.reportId, reason: 'not-city', note: undefined });

    await waitFor(async () => service.messagesTo(kept.id).length, 'the kept browser pushed');
    const rows = await waitFor(async () => {
      const all = (await outboxOf(author.id)).filter((r) => r.channel === 'push');
      return all.length === 2 && all.every((r) => r.status !== 'pending') && all;
    }, 'both rows settled');
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'sent']);
    expect(rows.find((r) => r.status === 'failed')!.lastError).toMatch(/expired.*410/);
    const left = await db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, author.id));
    expect(left).toEqual([{ endpoint: kept.endpoint }]);
    expect(service.messagesTo(cleared.id)).toEqual([]);
  });
});

describe('a ballot opened in your district', () => {
  it('tells every eligible resident once — in the app, by e-mail unless turned off, by push if chosen — and nobody else', async () => {
    // Residents no one else in the test database has: born in 1931, aged 95 this year (the ballot takes 95-year-olds only).
    const age = new Date().getUTCFullYear() - 1931;
    const inside = await makeResidents(5, { district: 'zarechny', birthYear: 1931 });
    const [unverified] = await makeResidents(1, { district: 'zarechny', birthYear: 1931, verified: false });
    const [elsewhere] = await makeResidents(1, { district: 'sadovy', birthYear: 1931 });
    const [pusher, quiet] = inside as [string, string, ...string[]];
    await db.update(users).set({ locale: 'en' }).where(inArray(users.id, inside));
    await db.update(users).set({ emailOptOut: ['votes'] }).where(eq(users.id, quiet));
    // One was registered at a centre without an e-mail (ADR 048): told in the app only, and the others by e-mail still.
    const mailless = inside[2]!;
    await db.update(users).set({ email: null }).where(eq(users.id, mailless));
    await db.insert(pushPreferences).values([{ userId: pusher, topics: ['ballots'] }, { userId: quiet, topics: ['reports'] }]);
    const pushersPhone = service.newBrowser();
    const quietsPhone = service.newBrowser();
    await db.insert(pushSubscriptions).values([
      { userId: pusher, endpoint: pushersPhone.endpoint, p256dh: pushersPhone.p256dh, auth: pushersPhone.auth },
      { userId: quiet, endpoint: quietsPhone.endpoint, p256dh: quietsPhone.p256dh, auth: quietsPhone.auth },
    ]);

    // Scheduled to open a minute ago: scheduling opens it at once, and the opening queues the telling.
    const ballot = await makeBallot({ districts: ['zarechny'], minAge: age, maxAge: age });
    // Every check below is of this ballot's messages: ballots other tests open at the same time may tell these residents too.
    const thisBallot = `/votes/${ballot.id}`;
    const ofThisBallot = (messages: { body: string }[]) => messages.filter((m) => m.body.includes(`“Test ballot ${ballot.id}”`));
    expect(ballot.status).toBe('open');
    expect(await openBallot(ballot.id)).toBe(`ballot ${ballot.id}: nothing to open`);
    // The job tells in batches of 500; a second teller with batches of 2 runs at the same time, as a retry would.
    await tellBallotOpened(ballot.id, { batchSize: 2 });
    await waitFor(async () => ofThisBallot(service.messagesTo(pushersPhone.id)).length, 'the push to the resident who chose ballots');

    const told = await db.select({ userId: ballotOpenNotices.userId }).from(ballotOpenNotices).where(eq(ballotOpenNotices.ballotId, ballot.id));
    expect(told.map((r) => r.userId).sort()).toEqual([...inside].sort());
    const notices = await db.select().from(notifications).where(and(eq(notifications.kind, 'votes.notice.ballotOpened'), eq(notifications.link, thisBallot), inArray(notifications.userId, [...inside, unverified!, elsewhere!])));
    expect(notices.map((n) => n.userId).sort()).toEqual([...inside].sort());
    expect(notices[0]!.link).toBe(`/votes/${ballot.id}`);

    const mails = await db.select().from(emailOutbox).where(and(eq(emailOutbox.channel, 'email'), inArray(emailOutbox.userId, [...inside, unverified!, elsewhere!]), eq(emailOutbox.subject, `A vote has opened: Test ballot ${ballot.id}`)));
    expect(mails.map((m) => m.userId).sort()).toEqual(inside.filter((id) => id !== quiet && id !== mailless).sort());
    expect(mails[0]!.subject).toBe(`A vote has opened: Test ballot ${ballot.id}`);
    expect(mails[0]!.bodyText).toContain(`/votes/${ballot.id}`);
    expect(mails[0]!.bodyText).toMatch(/^Hello Voter \d,/);
    // A broadcast: sent after every message to one person (ADR 061), the push rows too.
    expect(mails.map((m) => m.broadcast)).toEqual(mails.map(() => true));
    const pushes = await db.select().from(emailOutbox).where(and(eq(emailOutbox.channel, 'push'), eq(emailOutbox.userId, pusher), eq(emailOutbox.link, thisBallot)));
    expect(pushes.map((m) => m.broadcast)).toEqual([true]);

    expect(ofThisBallot(service.messagesTo(pushersPhone.id))).toEqual([expect.objectContaining({ body: `A vote you may take part in has opened: “Test ballot ${ballot.id}”.` })]);
    expect(ofThisBallot(service.messagesTo(quietsPhone.id))).toEqual([]);

    // Told once: the job, a repeated job and the sweeper change nothing now.
    await waitFor(async () => (await tellBallotOpened(ballot.id)) === `ballot ${ballot.id}: already told`, 'the ballot marked told');
    await db.execute(dsql`DELETE FROM ballot_open_broadcasts WHERE ballot_id = ${ballot.id}`);
    expect(await tellBallotOpened(ballot.id)).toBe(`ballot ${ballot.id}: 0 told`);
    await sweepBallotMoves();
    const again = await db.select().from(notifications).where(and(eq(notifications.kind, 'votes.notice.ballotOpened'), eq(notifications.link, thisBallot), inArray(notifications.userId, inside)));
    expect(again).toHaveLength(inside.length);
    expect(ofThisBallot(service.messagesTo(pushersPhone.id))).toHaveLength(1);
  });
});
