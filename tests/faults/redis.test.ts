// Redis killed (-9) and restarted empty while votes are being cast and report deadlines are running: after
// recovery no vote is lost or doubled, and every overdue report is escalated exactly once (from Postgres).
import type { ChildProcess } from 'node:child_process';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { deadlineJobId, deadlineQueueName } from '#app/modules/reports/jobs';
import { Browser, uniqueEmail } from '../support/app';
import { startPrivateRedis, startWeb, startWorkers, stopProcess } from '../support/processes';
import { placeIn, shortSlaCategory, waitFor } from '../support/reports';
import { queuePrefix } from '#app/utils/redis.server';

const redisPort = 64600 + Math.floor(Math.random() * 300);
const redis = startPrivateRedis(redisPort);
const port = Number(process.env.E2E_PORT ?? 3999) + 60;
const baseUrl = `http://127.0.0.1:${port}`;
const prefix = `{faults-redis-${process.pid}}`;
const env = { REDIS_URL: redis.url, QUEUE_PREFIX: prefix, SWEEP_EVERY_MS: '500', SMTP_URL: '', NODE_ENV: 'production', APP_URL: baseUrl, RATE_LIMIT_SCALE: '1000', WORKER_LOCK_MS: '2000' };
let web: ChildProcess | undefined;
let workers: ChildProcess | undefined;

beforeAll(async () => {
  web = await startWeb(port, env);
  workers = startWorkers(env);
});
afterAll(async () => {
  await Promise.all([stopProcess(web), stopProcess(workers)]);
  redis.stop();
  await closeConnections();
});

/** An open ballot of one question for the whole city, verified or not (the voters are new accounts). */
async function openBallot(): Promise<{ id: number; questionId: number; optionIds: number[] }> {
  const [ballot] = await sql<{ id: number }[]>`
    INSERT INTO ballots (title_ru, title_en, description_ru, description_en, status, opens_at, closes_at, verified_only)
    VALUES ('Отказ Redis', 'Redis fault', 'Голосование во время сбоя', 'A vote through a fault', 'open', now() - interval '1 hour', now() + interval '1 hour', false) RETURNING id`;
  const [question] = await sql<{ id: number }[]>`INSERT INTO ballot_questions (ballot_id, position, text_ru, text_en) VALUES (${ballot!.id}, 1, 'Да или нет?', 'Yes or no?') RETURNING id`;
  const options = await sql<{ id: number }[]>`INSERT INTO ballot_options (question_id, position, label_ru, label_en) VALUES (${question!.id}, 1, 'Да', 'Yes'), (${question!.id}, 2, 'Нет', 'No') RETURNING id`;
  return { id: ballot!.id, questionId: question!.id, optionIds: options.map((o) => o.id) };
}

async function voter(i: number) {
  const browser = new Browser('127.0.0.1', baseUrl);
  const page = await (await browser.get('/register')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const response = await browser.request('/register', { method: 'POST', body: new URLSearchParams({ _csrf: csrf, name: `Voter ${i}`, email: uniqueEmail(`redis-voter-${i}`), password: 'a-long-password-1' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  if (response.status !== 302) throw new Error(`register ${i}: ${response.status}`);
  // Signing in starts a session, and the session its own CSRF token.
  return { browser, csrf: await browser.csrf() };
}

describe('when Redis dies', () => {
  it('loses no vote and no deadline, doubles neither', async () => {
    const ballot = await openBallot();
    // Registered five at a time: thirty password hashes at once can outlast the request timeout on a loaded machine,
    // and registering is not what this test is about.
    const voters: Awaited<ReturnType<typeof voter>>[] = [];
    for (let i = 0; i < 30; i += 5) voters.push(...(await Promise.all(Array.from({ length: 5 }, (_, j) => voter(i + j)))));

    // Deadlines falling due around the crash, their escalation jobs in Redis far in the future: only the sweeper,
    // reading Postgres, can keep them.
    const category = await shortSlaCategory({ moderationSeconds: 3 });
    const { lat, lng } = placeIn('zapadny');
    const reportIds: number[] = [];
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    connection.on('error', () => {});
    const queue = new Queue(deadlineQueueName, { connection, prefix: queuePrefix(deadlineQueueName, prefix) });
    for (let i = 0; i < 5; i += 1) {
      const due = new Date(Date.now() + 1500 + i * 400);
      const [row] = await sql<{ id: number }[]>`
        INSERT INTO reports (category_id, location, address, description, moderation_due_at)
        VALUES (${category.id}, ST_SetSRID(ST_MakePoint(${lng}, ${lat}), 4326), ${`Redis street ${i}`}, 'A deadline Redis will forget', ${due.toISOString()}) RETURNING id::int AS id`;
      reportIds.push(row!.id);
      await queue.add('escalate', { reportId: row!.id, deadline: 'moderation', dueAt: due.toISOString() }, { jobId: deadlineJobId(row!.id, 'moderation', 'escalate'), delay: 3_600_000 });
    }
    await queue.close();
    connection.disconnect();

    // Casting, with a second click by every third voter, while Redis is killed and comes back empty.
    const outcomes = { accepted: 0, alreadyVoted: 0, clearError: 0, lost: 0 };
    const lost: string[] = [];
    const cast = async (v: { browser: Browser; csrf: string }, i: number) => {
      const body = new URLSearchParams({ _csrf: v.csrf, [`q${ballot.questionId}`]: String(ballot.optionIds[i % 2]) });
      const response = await v.browser.request(`/votes/${ballot.id}`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }).catch((e: Error) => e);
      if (response instanceof Error) {
        outcomes.lost += 1;
        lost.push(response.message);
        return;
      }
      const html = await response.text();
      if (response.status === 200 && html.includes('data-testid="receipt"')) outcomes.accepted += 1;
      // A second cast is refused with 409 (the page drops its form: ADR 038).
      else if (response.status === 409 && html.includes('You have already voted')) outcomes.alreadyVoted += 1;
      else if (response.status === 503 || response.status === 429) outcomes.clearError += 1;
      else {
        outcomes.lost += 1;
        lost.push(`${response.status} ${html.slice(html.indexOf('<main'), html.indexOf('<main') + 200)}`);
      }
    };
    // A key only this test writes: gone after the crash means Redis really came back empty (whatever the app writes again).
    const marker = new Redis(redis.url);
    await marker.set('faults:marker', '1');
    marker.disconnect();
    const crash = (async () => {
      await new Promise((r) => setTimeout(r, 600));
      redis.kill9();
      await new Promise((r) => setTimeout(r, 1500));
      redis.start();
    })();
    await Promise.all([
      crash,
      ...voters.map(async (v, i) => {
        await new Promise((r) => setTimeout(r, i * 100));
        await cast(v, i);
        if (i % 3 === 0) await cast(v, i);
      }),
    ]);
    const check = new Redis(redis.url);
    check.on('error', () => {});
    expect(await check.exists('faults:marker'), 'Redis came back empty (apart from what was written since)').toBe(0);
    check.disconnect();

    const [counts] = await sql<{ participations: number; casts: number; tally: number }[]>`
      SELECT (SELECT count(*) FROM ballot_participations WHERE ballot_id = ${ballot.id})::int AS participations,
             (SELECT count(*) FROM ballot_casts WHERE ballot_id = ${ballot.id})::int AS casts,
             (SELECT coalesce(sum(s.votes), 0) FROM ballot_tally_shards s JOIN ballot_options o ON o.id = s.option_id JOIN ballot_questions q ON q.id = o.question_id WHERE q.ballot_id = ${ballot.id})::int AS tally`;
    console.log(`[faults] Redis killed while voting: ${voters.length} voters, ${voters.length + Math.ceil(voters.length / 3)} casts sent; accepted ${outcomes.accepted}, "already voted" ${outcomes.alreadyVoted}, clear error ${outcomes.clearError}, lost ${outcomes.lost}; stored participations ${counts!.participations}, ballots ${counts!.casts}, tally ${counts!.tally}`);
    expect(outcomes.lost, lost.join('\n')).toBe(0);
    expect(counts!.participations).toBe(outcomes.accepted);
    expect(counts!.casts).toBe(outcomes.accepted);
    expect(counts!.tally).toBe(outcomes.accepted);
    expect(outcomes.accepted + outcomes.clearError).toBe(voters.length);

    for (const id of reportIds) await waitFor(async () => (await sql<{ overdue: boolean }[]>`SELECT overdue FROM reports WHERE id = ${id}`)[0]!.overdue, `report ${id} escalated by the sweeper`, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    const escalations = await sql<{ report_id: number; n: number }[]>`SELECT report_id::int, count(*)::int AS n FROM report_events WHERE kind = 'escalated' AND report_id = ANY(${reportIds}::bigint[]) GROUP BY 1`;
    expect(escalations.map((e) => e.n)).toEqual(reportIds.map(() => 1));
    console.log(`[faults] Redis killed while deadlines ran: ${reportIds.length} deadlines, ${escalations.length} escalated exactly once, 0 lost`);
  });
});
