// A worker process killed (-9) in the middle of its jobs: each job is taken up again by the next worker,
// and its side effect happens once — one e-mail accepted by the mail server, one escalation of a deadline.
import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { eq, sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, reportEvents, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { emailJobId, emailJobOptions, emailQueueName } from '#app/modules/notifications/jobs';
import { deadlineJobId, deadlineQueueName } from '#app/modules/reports/jobs';
import { newResident, uniqueEmail } from '../support/app';
import { startWorkers, stopProcess } from '../support/processes';
import { placeIn, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';
import { queuePrefix } from '#app/utils/redis.server';

const prefix = `{faults-${process.pid}}`;
const smtpPort = 64500 + Math.floor(Math.random() * 400);
const workerEnv = { QUEUE_PREFIX: prefix, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, WORKER_LOCK_MS: '1500', SWEEP_EVERY_MS: '600000' };

/** Messages the mail server accepted (the callback called), by recipient. */
const accepted: string[] = [];
/** The first message to this address is held mid-DATA until the worker sending it has been killed. */
let holdFor: string | null = null;
let holding: (() => void) | null = null;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    const to = session.envelope.rcptTo.map((r) => r.address);
    stream.resume();
    stream.on('end', () => {
      if (holdFor && to.includes(holdFor)) {
        holdFor = null;
        holding?.();
        return; // never answered: the worker dies waiting for "250 OK"
      }
      accepted.push(...to);
      callback();
    });
  },
});
smtp.on('error', () => {});

const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
let workers: ChildProcess | undefined;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
});
afterAll(async () => {
  await stopProcess(workers);
  connection.disconnect();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await closeConnections();
});

function kill9(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('a worker killed mid-job', () => {
  it('sends the e-mail it was sending exactly once, after the next worker takes the job up', async () => {
    const to = uniqueEmail('killed-mid-send');
    const [row] = await db.insert(emailOutbox).values({ toAddress: to, subject: 'Fault test', bodyText: 'Sent once, whatever happens.' }).returning({ id: emailOutbox.id });
    const queue = new Queue(emailQueueName, { connection, prefix: queuePrefix(emailQueueName, prefix) });
    await queue.add('deliver', { outboxId: row!.id }, { ...emailJobOptions, jobId: emailJobId(row!.id) });
    await queue.close();

    const held = new Promise<void>((resolve) => (holding = resolve));
    holdFor = to;
    workers = startWorkers(workerEnv);
    await held;
    await kill9(workers);
    workers = startWorkers(workerEnv);

    await waitFor(async () => accepted.includes(to), 'the e-mail to be sent by the next worker', 30_000);
    await waitFor(async () => (await db.select().from(emailOutbox).where(eq(emailOutbox.id, row!.id)))[0]!.status === 'sent', 'the outbox row to be marked sent');
    await new Promise((r) => setTimeout(r, 2000));
    expect(accepted.filter((a) => a === to)).toHaveLength(1);
  });

  it('escalates a deadline exactly once when the worker dies around the moment it falls due', async () => {
    const author = await userIdByEmail((await newResident('kill-escalation')).email);
    const category = await shortSlaCategory({ moderationSeconds: 2 });
    const { lat, lng } = placeIn('zapadny');
    const ids: number[] = [];
    const queue = new Queue(deadlineQueueName, { connection, prefix: queuePrefix(deadlineQueueName, prefix) });
    // Several deadlines a few hundred milliseconds apart, so the kill lands before, during and after their jobs.
    for (let i = 0; i < 6; i += 1) {
      const dueAt = new Date(Date.now() + 1500 + i * 250);
      const [report] = await db
        .insert(reports)
        .values({ authorId: author, categoryId: category.id, location: sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)` as unknown as string, address: `Kill street ${i}`, description: 'A deadline falling due while its worker dies', moderationDueAt: dueAt })
        .returning({ id: reports.id });
      ids.push(report!.id);
      await queue.add('escalate', { reportId: report!.id, deadline: 'moderation', dueAt: dueAt.toISOString() }, { jobId: deadlineJobId(report!.id, 'moderation', 'escalate'), delay: dueAt.getTime() - Date.now(), attempts: 5, backoff: { type: 'fixed', delay: 200 } });
    }
    await queue.close();
    await stopProcess(workers);
    workers = startWorkers(workerEnv);
    await new Promise((r) => setTimeout(r, 2200));
    await kill9(workers);
    workers = startWorkers(workerEnv);

    for (const id of ids) await waitFor(async () => (await db.select().from(reports).where(eq(reports.id, id)))[0]!.overdue, `report ${id} to be escalated`, 30_000);
    await new Promise((r) => setTimeout(r, 2000));
    for (const id of ids) {
      const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
      expect(events.filter((e) => e.kind === 'escalated'), `report ${id}`).toHaveLength(1);
    }
  });
});
