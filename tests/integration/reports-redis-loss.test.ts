import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportEvents, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { deadlineJobId, deadlineQueueName } from '#app/modules/reports/jobs';
import { newResident } from '../support/app';
import { startPrivateRedis, startWorkers, stopProcess } from '../support/processes';
import { placeIn, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';
import { queuePrefix } from '#app/utils/redis.server';

const port = 64000 + Math.floor(Math.random() * 500);
const redis = startPrivateRedis(port);
const prefix = '{fault}';
let workers: ChildProcess;

beforeAll(() => {
  workers = startWorkers({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix, SWEEP_EVERY_MS: '500', SMTP_URL: '' });
});
afterAll(async () => {
  await stopProcess(workers);
  redis.stop();
  await closeConnections();
});

describe('Redis killed and restarted empty', () => {
  it('loses no deadline: the sweeper escalates from Postgres, exactly once', async () => {
    const author = await userIdByEmail((await newResident('fault')).email);
    const category = await shortSlaCategory({ moderationSeconds: 3 });
    const { lat, lng } = placeIn('zapadny');
    const [row] = await db
      .insert(reports)
      .values({ authorId: author, categoryId: category.id, location: sql`ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326)` as unknown as string, address: 'Fault street 1', description: 'Deadline that Redis will forget', moderationDueAt: new Date(Date.now() + 3000) })
      .returning({ id: reports.id });
    const id = row!.id;
    // Its escalation job sits in Redis, far in the future so only the sweeper can save the deadline.
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(deadlineQueueName, { connection, prefix: queuePrefix(deadlineQueueName, prefix) });
    await queue.add('escalate', { reportId: id, deadline: 'moderation', dueAt: new Date().toISOString() }, { jobId: deadlineJobId(id, 'moderation', 'escalate'), delay: 3_600_000 });
    expect(await queue.getJob(deadlineJobId(id, 'moderation', 'escalate'))).toBeDefined();
    await queue.close();
    connection.disconnect();

    redis.kill9();
    redis.start();
    const check = new Redis(redis.url);
    expect(await check.dbsize()).toBe(0);
    check.disconnect();

    await waitFor(async () => (await db.select().from(reports).where(eq(reports.id, id)))[0]!.overdue, 'the sweeper to escalate after Redis came back empty', 20_000);
    // A few more sweeps later: still exactly one escalation.
    await new Promise((r) => setTimeout(r, 1500));
    const escalations = await db.select().from(reportEvents).where(eq(reportEvents.reportId, id));
    expect(escalations.filter((e) => e.kind === 'escalated')).toHaveLength(1);
  });
});
