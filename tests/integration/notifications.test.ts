import { Queue, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emailOutbox, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { createRedis, queuePrefix } from '#app/utils/redis.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { deliverEmail } from '#app/modules/notifications/deliver-email.server';
import { emailJobId, emailQueueName, enqueueEmailDelivery } from '#app/modules/notifications/jobs';
import { notify } from '#app/modules/notifications/notify.server';
import { processEmailJob, sweepOutbox } from '#app/modules/notifications/processors.server';
import { Browser, newResident, uniqueEmail } from '../support/app';
import { waitFor } from '../support/reports';

// This file's worker sends real e-mails; its own queue keeps it from taking the jobs of other files running at the
// same time (a password reset test reads its link before anyone sends it). Set before the app reads its environment.
vi.hoisted(() => {
  process.env.QUEUE_PREFIX = `{mail-${process.pid}}`;
});

type Received = { from: string; to: string[]; raw: string };
const received: Received[] = [];
const smtpPort = Number(new URL(env.SMTP_URL!).port);

// A real SMTP server; it refuses any recipient whose address contains "bounce".
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onRcptTo(address, _session, callback) {
    if (address.address.includes('bounce')) return callback(new Error('550 mailbox unavailable'));
    callback();
  },
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    stream.on('end', () => {
      received.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw });
      callback();
    });
  },
});

const connection = createRedis('worker');
const queue = new Queue(emailQueueName, { connection: createRedis('producer'), prefix: queuePrefix(emailQueueName) });
let worker: Worker;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  worker = new Worker(emailQueueName, processEmailJob, { connection, prefix: queuePrefix(emailQueueName), concurrency: 8 });
});

afterAll(async () => {
  await worker.close();
  await queue.close();
  connection.disconnect();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await closeConnections();
});


const outboxFor = (address: string) => db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address));

describe('e-mail notifications', () => {
  it('delivers the welcome e-mail once, through the queue, to a real SMTP server', async () => {
    const { email } = await newResident('mail');
    const message = await waitFor(async () => received.find((m) => m.to.includes(email)), 'the welcome e-mail');
    expect(message.raw).toContain('Subject: Welcome to Vmeste');
    expect(message.raw).toMatch(/Message-ID: <outbox-\d+@vmeste>/i);
    const [row] = await waitFor(async () => ((await outboxFor(email))[0]?.status === 'sent' ? outboxFor(email) : undefined), 'the row marked sent');
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });

    // A replayed job or a second worker changes nothing: still one e-mail.
    expect(await deliverEmail(row!.id)).toBe('already-sent');
    const replay = await queue.add('deliver', { outboxId: row!.id }, { jobId: `replay-${row!.id}` });
    await waitFor(async () => (await queue.getJob(replay.id!))?.isCompleted(), 'the replayed job');
    expect(received.filter((m) => m.to.includes(email))).toHaveLength(1);
  });

  it('keeps a failure visible: the error is recorded and retried, and the last attempt marks it failed', async () => {
    const address = uniqueEmail('bounce');
    const [user] = await db.insert(users).values({ email: address, name: 'Bounce Test' }).returning({ id: users.id });
    const [outboxId] = await db.transaction((tx) => notify(tx, { userId: user!.id, kind: 'notice.verified', email: { subject: 'email.welcome.subject', body: 'email.welcome.body' } }));
    await expect(deliverEmail(outboxId!)).rejects.toThrow(/550/);
    let [row] = await outboxFor(address);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row!.lastError).toMatch(/550/);
    await expect(deliverEmail(outboxId!, { final: true })).rejects.toThrow(/550/);
    [row] = await outboxFor(address);
    expect(row).toMatchObject({ status: 'failed', attempts: 2 });
    expect(received.some((m) => m.to.includes(address))).toBe(false);
  });

  it('sends a one-time link and then keeps the e-mail without it', async () => {
    const { email } = await newResident('reset-mail');
    expect((await new Browser().post('/forgot-password', { email })).status).toBe(200);
    const message = await waitFor(async () => received.find((m) => m.to.includes(email) && m.raw.includes('reset-password')), 'the reset e-mail');
    const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(message.raw.replace(/=\r?\n/g, ''))?.[1];
    expect(token).toBeDefined();
    const [row] = await waitFor(async () => {
      const rows = (await outboxFor(email)).filter((r) => r.sensitive);
      return rows[0]?.status === 'sent' ? rows : undefined;
    }, 'the reset e-mail marked sent');
    expect(row!.bodyText).not.toContain(token);
    expect(row!.bodyText).toContain('[…]');
  });

  it('sends what Redis never got: the sweeper enqueues e-mails left pending in the outbox', async () => {
    const address = uniqueEmail('swept');
    const [user] = await db.insert(users).values({ email: address, name: 'Swept Test' }).returning({ id: users.id });
    // Written to Postgres only, as when Redis was down at the time; and old enough for the sweeper.
    const [outboxId] = await db.transaction((tx) => notify(tx, { userId: user!.id, kind: 'notice.verified', email: { subject: 'email.welcome.subject', body: 'email.welcome.body' } }));
    // The oldest pending row: the sweeper takes the oldest message to one person first, and the demo seed's outbox
    // (its e-mails to voters among them) is still pending, as without SMTP it is the demo's mailbox.
    await db.update(emailOutbox).set({ createdAt: new Date('2000-01-01T00:00:00Z') }).where(eq(emailOutbox.id, outboxId!));
    expect(await sweepOutbox()).toBeGreaterThan(0);
    expect(await queue.getJob(emailJobId(outboxId!))).toBeDefined();
    await waitFor(async () => received.find((m) => m.to.includes(address)), 'the swept e-mail');
    // The demo's backlog it queued behind ours is not this test's to wait for.
    await queue.drain(true);
  });

  it("sends a person's own e-mail before a broadcast's, however many wait (a password reset behind a ballot's notices)", async () => {
    const { email } = await newResident('reset-behind-crowd');
    await waitFor(async () => received.find((m) => m.to.includes(email)), 'the welcome e-mail');
    // A ballot opened to a district: its e-mails are written and queued just before someone asks for a reset.
    const crowd = Array.from({ length: 300 }, (_, i) => uniqueEmail(`crowd-${i}`));
    const rows = await db
      .insert(emailOutbox)
      .values(crowd.map((toAddress) => ({ toAddress, subject: 'A vote has opened', bodyText: 'Broadcast', broadcast: true })))
      .returning({ id: emailOutbox.id });
    const before = received.length;
    await enqueueEmailDelivery(rows.map((r) => r.id), { broadcast: true });
    expect((await new Browser().post('/forgot-password', { email })).status).toBe(200);
    // What the worker had sent or held when the reset was queued may go first: its 8 active jobs, and as many taken
    // as each of those finished (BullMQ fetches the next job with the finish). No more.
    const crowdSentAtRequest = received.slice(before).filter((m) => m.to[0]!.startsWith('crowd-')).length;
    expect(crowdSentAtRequest, 'the broadcast is still being sent when the reset is asked for').toBeLessThan(crowd.length - 16);

    await waitFor(async () => crowd.every((address) => received.some((m) => m.to.includes(address))), "the broadcast's e-mails", 60_000);
    const sent = received.slice(before);
    const reset = sent.findIndex((m) => m.to.includes(email) && m.raw.includes('reset-password'));
    expect(reset, 'the reset e-mail was sent').toBeGreaterThanOrEqual(0);
    const crowdBeforeReset = sent.slice(0, reset).filter((m) => m.to[0]!.startsWith('crowd-')).length;
    expect(crowdBeforeReset).toBeLessThanOrEqual(crowdSentAtRequest + 16);
  });

  it('shows the outbox to admins on the dev page', async () => {
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const page = await (await admin.get('/admin/outbox')).text();
    expect(page).toContain('E-mail outbox');
    expect(page).toContain('@test.vmeste.city');
  });
});
