// Two worker processes of the topology (ADR 051) on the Redis Cluster: one is killed with SIGKILL in the middle of
// sending an e-mail, and around deadlines falling due. Each side effect happens once, and no deadline is lost.
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { eq, like, sql } from 'drizzle-orm';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { departments, emailOutbox, reportEvents, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { queuePrefix } from '#app/utils/redis.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { emailJobId, emailJobOptions, emailQueueName } from '#app/modules/notifications/jobs';
import { deadlineJobId, deadlineQueueName } from '#app/modules/reports/jobs';
import { newResident, uniqueEmail } from '../support/app';
import { placeIn, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';
import { pidOfPart, runningTopologyEnv, startWorkerProcess } from '../../scripts/cluster.mjs';

const topology = runningTopologyEnv('test') as Record<string, string>;
const prefix = topology.QUEUE_PREFIX!;
const connection = new Cluster(topology.REDIS_CLUSTER_NODES!.split(',').map((node) => ({ host: node.split(':')[0], port: Number(node.split(':')[1]) })), { redisOptions: { maxRetriesPerRequest: null } });

// The workers' SMTP_URL is the test run's; this file is the mail server behind it.
const smtpPort = Number(new URL(topology.SMTP_URL || 'smtp://127.0.0.1:2526').port);
const accepted: string[] = [];
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

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
});
afterAll(async () => {
  connection.disconnect();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await closeConnections();
});

async function kill9(name: string) {
  const pid = pidOfPart('test', name) as number | null;
  expect(pid, `${name} is running`).toBeGreaterThan(0);
  process.kill(pid!, 'SIGKILL');
  await waitFor(async () => pidOfPart('test', name) === null, `${name} to die`, 5_000);
}

describe('a worker of two killed mid-job', () => {
  it('sends the e-mail it was sending exactly once, when the other worker (or its restart) takes the job up', async () => {
    const to = uniqueEmail('cluster-kill-send');
    const held = new Promise<void>((resolve) => (holding = resolve));
    holdFor = to;
    const [row] = await db.insert(emailOutbox).values({ toAddress: to, subject: 'Topology test', bodyText: 'Sent once, whatever happens.' }).returning({ id: emailOutbox.id });
    const queue = new Queue(emailQueueName, { connection, prefix: queuePrefix(emailQueueName, prefix) });
    await queue.add('deliver', { outboxId: row!.id }, { ...emailJobOptions, jobId: emailJobId(row!.id) });
    await queue.close();
    await held;
    // Whichever worker holds the send, both die; one comes back at once. The held job's lock runs out (3 s) and it runs again.
    await kill9('worker-1');
    await kill9('worker-2');
    await startWorkerProcess('test', 1, topology);
    await waitFor(async () => accepted.includes(to), 'the e-mail to be sent again', 60_000);
    await waitFor(async () => (await db.select().from(emailOutbox).where(eq(emailOutbox.id, row!.id)))[0]!.status === 'sent', 'the outbox row to be marked sent');
    await startWorkerProcess('test', 2, topology);
    await new Promise((r) => setTimeout(r, 3000));
    expect(accepted.filter((a) => a === to)).toHaveLength(1);
  });

  it('escalates each deadline exactly once while one of the two workers is killed as they fall due', async () => {
    const author = await userIdByEmail((await newResident('cluster-kill-escalation')).email);
    const category = await shortSlaCategory({ moderationSeconds: 2 });
    const { lat, lng } = placeIn('zapadny');
    const ids: number[] = [];
    const queue = new Queue(deadlineQueueName, { connection, prefix: queuePrefix(deadlineQueueName, prefix) });
    for (let i = 0; i < 8; i += 1) {
      const dueAt = new Date(Date.now() + 1500 + i * 200);
      const [report] = await db
        .insert(reports)
        .values({ authorId: author, categoryId: category.id, location: sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)` as unknown as string, address: `Cluster kill street ${i}`, description: 'A deadline falling due while a worker dies', moderationDueAt: dueAt })
        .returning({ id: reports.id });
      ids.push(report!.id);
      await queue.add('escalate', { reportId: report!.id, deadline: 'moderation', dueAt: dueAt.toISOString() }, { jobId: deadlineJobId(report!.id, 'moderation', 'escalate'), delay: dueAt.getTime() - Date.now(), attempts: 5, backoff: { type: 'fixed', delay: 200 } });
    }
    await queue.close();
    await new Promise((r) => setTimeout(r, 2000));
    await kill9('worker-1');
    for (const id of ids) await waitFor(async () => (await db.select().from(reports).where(eq(reports.id, id)))[0]!.overdue, `report ${id} to be escalated`, 60_000);
    await startWorkerProcess('test', 1, topology);
    await new Promise((r) => setTimeout(r, 3000));
    for (const id of ids) {
      const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
      expect(events.filter((e) => e.kind === 'escalated'), `report ${id}`).toHaveLength(1);
    }
  });
});

/** The master that serves a slot now, and its replicas' ports (CLUSTER SLOTS: [start, end, master, ...replicas]). */
async function ownerOf(slot: number): Promise<{ master: number; replicas: number[] }> {
  const ranges = await connection.cluster('SLOTS');
  const [, , ...nodes] = ranges.find(([start, end]) => start <= slot && slot <= end)!;
  const [master, ...replicas] = nodes.map((node) => node[1]);
  return { master: master!, replicas };
}

describe('a Redis master failing over under the workers', () => {
  it('escalates each answer deadline once, with one e-mail to the department, while the master holding the deadline queue fails over to its replica', async () => {
    const author = await userIdByEmail((await newResident('cluster-failover')).email);
    const category = await shortSlaCategory();
    const [department] = await db.select({ id: departments.id }).from(departments).limit(1);
    const { lat, lng } = placeIn('vostochny');
    const queuePrefixNow = queuePrefix(deadlineQueueName, prefix);
    const queue = new Queue(deadlineQueueName, { connection, prefix: queuePrefixNow });
    const ids: number[] = [];
    // Twelve deadlines falling due over three seconds: some before the switch, some during, some after it.
    for (let i = 0; i < 12; i += 1) {
      const dueAt = new Date(Date.now() + 1500 + i * 250);
      const [report] = await db
        .insert(reports)
        .values({ authorId: author, categoryId: category.id, location: sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)` as unknown as string, address: `Failover street ${i}`, description: 'An answer due while Redis fails over', status: 'assigned', departmentId: department!.id, moderatedAt: new Date(), moderationDueAt: new Date(), answerDueAt: dueAt })
        .returning({ id: reports.id });
      ids.push(report!.id);
      await queue.add('escalate', { reportId: report!.id, deadline: 'answer', dueAt: dueAt.toISOString() }, { jobId: deadlineJobId(report!.id, 'answer', 'escalate'), delay: dueAt.getTime() - Date.now(), attempts: 5, backoff: { type: 'fixed', delay: 200 } });
    }
    const slot = Number(await connection.cluster('KEYSLOT', `${queuePrefixNow}:${deadlineQueueName}:id`));
    const before = await ownerOf(slot);
    expect(before.replicas.length, 'the master has a replica').toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 2200));
    // A coordinated failover, as an operator does before maintenance on the master: its replica takes the slots over.
    await promisify(execFile)('redis-cli', ['-p', String(before.replicas[0]), 'cluster', 'failover']);
    await waitFor(async () => (await ownerOf(slot)).master === before.replicas[0], 'the replica to take the deadline queue over', 30_000);
    // The same jobs added again (as the sweeper does when it re-enqueues from Postgres) change nothing.
    await queue.addBulk(ids.map((id) => ({ name: 'escalate', data: { reportId: id, deadline: 'answer', dueAt: new Date().toISOString() }, opts: { jobId: deadlineJobId(id, 'answer', 'escalate') } })));
    await queue.close();
    for (const id of ids) await waitFor(async () => (await db.select().from(reports).where(eq(reports.id, id)))[0]!.overdue, `report ${id} to be escalated`, 60_000);
    await new Promise((r) => setTimeout(r, 3000));
    for (const id of ids) {
      const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
      expect(events.filter((e) => e.kind === 'escalated'), `report ${id}`).toHaveLength(1);
      const mails = await db.select().from(emailOutbox).where(like(emailOutbox.subject, `%Answer overdue: report ${id}`));
      expect(mails, `report ${id}'s e-mails to the department`).toHaveLength(1);
    }
  });
});
