// Postgres away longer than the jobs' retry budget: the routing job, the e-mail job and the reminder give up and sit in
// BullMQ's failed set under their deterministic ids. Once Postgres is back, the sweepers must repair them (a plain
// re-add with the same id does nothing): every report routed, every e-mail sent once, every reminder given.
import type { ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { emailJobId, emailQueueName } from '#app/modules/notifications/jobs';
import { deadlineJobId, deadlineQueueName, routingJobId, routingQueueName } from '#app/modules/reports/jobs';
import { startPostgres } from '../../scripts/services.mjs';
import { newResident, uniqueEmail } from '../support/app';
import { projectRoot, startWorkers, stopProcess } from '../support/processes';
import { departmentByName, placeIn, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';
import { queuePrefix } from '#app/utils/redis.server';

const profile = process.env.FAULTS_OWN_POSTGRES;
const prefix = `{failed-jobs-${process.pid}}`;
const smtpPort = 64100 + Math.floor(Math.random() * 300);
// Two quick attempts, so a few seconds without Postgres outlast the whole retry budget; the sweepers run every second.
const workerEnv = { QUEUE_PREFIX: prefix, SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, JOB_RETRY_ATTEMPTS: '2', JOB_RETRY_DELAY_MS: '100', SWEEP_EVERY_MS: '1000', WORKER_LOCK_MS: '2000' };
const budget = { attempts: 2, backoff: { type: 'fixed', delay: 100 } };

/** The outbox row of every message the mail server accepted (its Message-ID names the row). */
const accepted: number[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const id = /^Message-ID:\s*<outbox-(\d+)@vmeste>/im.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
      if (id) accepted.push(Number(id));
      callback();
    });
  },
});
smtp.on('error', () => {});

const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
let workers: ChildProcess | undefined;

/** Stops or starts the profile's Postgres from another process, as the fault tests of Postgres do. */
async function postgresControl(action: 'stopPostgres' | 'startPostgres') {
  const script = `import('${projectRoot}/scripts/services.mjs').then((m) => m.${action}(${JSON.stringify(profile)}))`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
}

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
});
afterAll(async () => {
  if (profile) startPostgres(profile);
  await stopProcess(workers);
  connection.disconnect();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await closeConnections();
});

describe.skipIf(!profile)('jobs that exhausted their retries while Postgres was down', () => {
  it('are repaired once it is back: the report routed, each e-mail sent once, the reminder given', async () => {
    const resident = await newResident('failed-jobs');
    const residentId = await userIdByEmail(resident.email);
    const category = await shortSlaCategory({ kind: 'roads', answerSeconds: 7200 });
    const { lat, lng } = placeIn('centralny');
    const location = sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)`;
    // Approved ten minutes ago and never routed: the sweeper's business, and its author follows it (an e-mail on routing).
    const [approved] = await sql<{ id: number }[]>`
      INSERT INTO reports (author_id, category_id, location, address, description, moderation_due_at, moderated_at, created_at)
      VALUES (${residentId}, ${category.id}, ${location}, 'Failed-jobs street 1', 'Approved while Postgres was away', now() + interval '1 hour', now() - interval '10 minutes', now() - interval '11 minutes')
      RETURNING id::int`;
    await sql`INSERT INTO report_followers (report_id, user_id) VALUES (${approved!.id}, ${residentId})`;
    // Routed, with an answer due in an hour: its reminder is due now.
    const department = await departmentByName('Roads service, North');
    const [assigned] = await sql<{ id: number; due: string }[]>`
      INSERT INTO reports (author_id, category_id, location, address, description, status, department_id, moderation_due_at, moderated_at, answer_due_at)
      VALUES (${residentId}, ${category.id}, ${location}, 'Failed-jobs street 2', 'Its reminder fell due while Postgres was away', 'assigned', ${department.id}, now(), now() - interval '3 hours', date_trunc('second', now() + interval '1 hour'))
      RETURNING id::int, to_char(answer_due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"') AS due`;
    const mailTo = uniqueEmail('failed-jobs-mail');
    // Older than anything else pending (the demo's seeded e-mails wait in the outbox): the sweeper takes the oldest
    // message to one person first (ADR 061).
    const [mail] = await sql<{ id: number }[]>`
      INSERT INTO email_outbox (to_address, subject, body_text, created_at) VALUES (${mailTo}, 'Failed jobs', 'Sent once, after the outage.', now() - interval '20 years')
      RETURNING id::int`;

    // What is in the outbox now (the resident's welcome among it): the e-mails routing writes come after.
    const [mark] = await sql<{ id: number }[]>`SELECT coalesce(max(id), 0)::int AS id FROM email_outbox`;
    const routing = new Queue(routingQueueName, { connection, prefix: queuePrefix(routingQueueName, prefix) });
    const email = new Queue(emailQueueName, { connection, prefix: queuePrefix(emailQueueName, prefix) });
    const deadlines = new Queue(deadlineQueueName, { connection, prefix: queuePrefix(deadlineQueueName, prefix) });
    await routing.add('route', { reportId: approved!.id }, { ...budget, jobId: routingJobId(approved!.id) });
    await email.add('deliver', { outboxId: mail!.id }, { ...budget, jobId: emailJobId(mail!.id) });
    const reminderId = deadlineJobId(assigned!.id, 'answer', 'reminder');
    await deadlines.add('reminder', { reportId: assigned!.id, deadline: 'answer', dueAt: assigned!.due }, { ...budget, jobId: reminderId });

    await postgresControl('stopPostgres');
    workers = startWorkers(workerEnv);
    await waitFor(
      async () =>
        (await routing.getJobState(routingJobId(approved!.id))) === 'failed' &&
        (await email.getJobState(emailJobId(mail!.id))) === 'failed' &&
        (await deadlines.getJobState(reminderId)) === 'failed',
      'the three jobs to exhaust their retries',
      60_000,
    );
    const failedAt = Date.now();
    await postgresControl('startPostgres');

    await waitFor(async () => (await sql`SELECT 1 FROM reports WHERE id = ${approved!.id} AND status = 'assigned'`).length > 0, 'the approved report to be routed', 60_000);
    await waitFor(async () => accepted.includes(mail!.id), 'the outbox e-mail to be sent', 60_000);
    const routedMail = await sql<{ id: number }[]>`SELECT id::int FROM email_outbox WHERE user_id = ${residentId} AND id > ${mark!.id}`;
    expect(routedMail.length, 'e-mails to the follower about the routing').toBeGreaterThan(0);
    for (const m of routedMail) await waitFor(async () => accepted.includes(m.id), `the follower's e-mail ${m.id} to be sent`, 60_000);
    await waitFor(async () => (await sql`SELECT 1 FROM report_events WHERE report_id = ${assigned!.id} AND kind = 'reminded'`).length > 0, 'the reminder', 60_000);
    await Promise.all([routing.close(), email.close(), deadlines.close()]);
    console.log(`[faults] jobs failed while Postgres was down; all repaired ${((Date.now() - failedAt) / 1000).toFixed(1)} s after it came back`);

    for (const id of [mail!.id, ...routedMail.map((m) => m.id)]) expect(accepted.filter((a) => a === id), `outbox row ${id}`).toHaveLength(1);
    const [sent] = await sql<{ status: string }[]>`SELECT status FROM email_outbox WHERE id = ${mail!.id}`;
    expect(sent?.status).toBe('sent');
    const reminded = await sql`SELECT 1 FROM report_events WHERE report_id = ${assigned!.id} AND kind = 'reminded'`;
    expect(reminded).toHaveLength(1);
  });
});
