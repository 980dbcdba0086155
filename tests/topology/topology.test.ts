// The topology of issue 16 on this machine (ADR 051), reached as a resident reaches it: through HAProxy, or one web
// process directly. Parts are killed and stopped for real (kill -9, pg_ctl stop) while the tests read and write.
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { Agent, EventSource, fetch as undiciFetch } from 'undici';
import { users } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { shardTally } from '#app/modules/votes/queries.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser } from '../support/app';
import { jpegWithGps, placeIn, shortSlaCategory, waitFor } from '../support/reports';
import { adminId, districtIdByCode, makeBallot } from '../support/votes';
import { addQuestion, createSurvey, publishSurvey } from '#app/modules/surveys/build-survey.server';
import { env } from '#app/utils/env.server';
import { instantToWallClock } from '#app/utils/time-zone';
import { openLiveSource, type LiveSourceOptions } from '#app/utils/live-source';
import { pidOfPart, runningTopologyEnv, signalReplica, startReplica, startWebProcess, stopReplica, stopWebProcess, topologyPorts } from '../../scripts/cluster.mjs';

type Ports = { replica: number; balancer: number; web: (i: number) => number };
const ports = topologyPorts('test') as Ports;

/**
 * Takes an ACCESS EXCLUSIVE lock on `table` in a transaction of its own, held until the returned function is called
 * (calling it again does nothing): every statement of the app that touches the table waits meanwhile.
 */
async function lockTable(table: 'reports' | 'ballots'): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((resolve, reject) => {
    sql
      .begin(async (tx) => {
        await tx`LOCK TABLE ${tx(table)} IN ACCESS EXCLUSIVE MODE`;
        resolve();
        await released;
      })
      .catch(reject);
  });
  return release;
}
const balancer = `http://127.0.0.1:${ports.balancer}`;
const webUrl = (i: number) => `http://127.0.0.1:${ports.web(i)}`;
const replica = postgres(`postgres://vmeste_app:vmeste_app@127.0.0.1:${ports.replica}/vmeste_test`, { max: 1, connect_timeout: 3, onnotice: () => {} });

afterAll(async () => {
  await replica.end({ timeout: 1 });
  await closeConnections();
});

/** Transactions the standby has run for clients so far (its own statistics). */
async function replicaTransactions(): Promise<number> {
  const [row] = await replica<{ n: number }[]>`select xact_commit::int as n from pg_stat_database where datname = current_database()`;
  return row!.n;
}

async function registerThrough(baseUrl: string, label: string) {
  const browser = new Browser('127.0.0.1', baseUrl);
  const email = `${label}-${randomUUID().slice(0, 8)}@test.vmeste.city`;
  const response = await browser.post('/register', { name: `Test ${label}`, email, password: 'a-long-password-1' });
  expect([302, 204]).toContain(response.status);
  return { browser, email };
}

describe('public reads on the hot standby', () => {
  it('serves the public API from the replica, keeps answering from the primary while the replica is stopped, and moves back when it returns', async () => {
    const reader = new Browser('127.0.0.1', balancer);
    const readTen = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await reader.get('/api/v1/reports')).status);
      return statuses;
    };
    // Up and caught up: ten API reads are ten transactions (at least) on the standby.
    await waitFor(async () => {
      const before = await replicaTransactions();
      expect(await readTen()).toEqual(Array(10).fill(200));
      return waitFor(async () => (await replicaTransactions()) - before >= 10, 'the replica counting the reads', 5_000).catch(() => false);
    }, 'reads reaching the replica', 30_000);

    stopReplica('test', 'immediate');
    try {
      for (const path of ['/api/v1/reports', '/reports', '/stats', '/open311/v2/requests.json', '/reports/map.json?west=37&south=55&east=38&north=56&zoom=12', '/data/reports/reports.csv']) {
        const response = await reader.get(path);
        await response.arrayBuffer();
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
      }
      expect(await readTen()).toEqual(Array(10).fill(200));
      const health = await (await fetch(`${balancer}/healthz`)).json();
      expect(health.status).toBe('ok');
      expect(health.replica.state).toBe('down');
    } finally {
      startReplica('test');
    }
    await waitFor(async () => {
      const before = await replicaTransactions();
      expect(await readTen()).toEqual(Array(10).fill(200));
      return waitFor(async () => (await replicaTransactions()) - before >= 10, 'the replica counting the reads', 5_000).catch(() => false);
    }, 'reads moving back to the replica', 30_000);
    // Every web process sees it again (each asks the standby at most once a second; HAProxy alternates between them).
    for (let i = 1; i <= 2; i++) {
      await waitFor(async () => (await (await fetch(`${webUrl(i)}/healthz`)).json()).replica?.state === 'up', `web-${i} to see the replica up`, 30_000);
    }
  });

  it('keeps answering while the replica is stopped and every request connection of a web process waits: /healthz stays 200 with the replica down, and every read answers 200 (ADR 066)', async () => {
    // bench:scale saw HAProxy answer 503 (no web process in service) under load with the standby stopped: every read
    // then ran on the primary, /healthz's probe queued behind them in the same pool and timed out, and every process
    // said "postgres down". Here the queue is made certain instead of likely: the reads wait on a lock.
    // On a web process of its own with a small pool (web-3, outside HAProxy), so that PgBouncer still has server
    // connections to spare while its whole pool waits: the topology's own processes keep the default pool, which the
    // kill test below needs under load (ADR 068).
    const poolMax = 4;
    const url = webUrl(3);
    // Its connections carry a name of their own (PgBouncer passes application_name on), so only its waits are counted.
    await startWebProcess('test', 3, { ...runningTopologyEnv('test'), DATABASE_POOL_MAX: String(poolMax), PGAPPNAME: 'vmeste-web-3' });
    // A connection each: a kept-alive socket idle past the server's keep-alive bound, while the reads wait, is closed
    // under the next request ("other side closed"), which would say nothing about the app.
    const fresh = new Agent({ pipelining: 0 });
    const get = (path: string) => undiciFetch(`${url}${path}`, { dispatcher: fresh });
    stopReplica('test', 'immediate');
    let release = () => {};
    try {
      await waitFor(async () => {
        await (await get('/api/v1/reports')).arrayBuffer();
        return ((await (await get('/healthz')).json()) as { replica?: { state: string } }).replica?.state === 'down';
      }, 'web-3 to see the replica down', 30_000);
      release = await lockTable('reports');
      // More public reads than the process has connections: its whole pool waits on the lock, the rest in its queue.
      const reads = Array.from({ length: poolMax + 2 }, () => get('/api/v1/reports').then(async (r) => ({ status: r.status, body: await r.text() })));
      await waitFor(async () => {
        const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'vmeste-web-3' AND wait_event_type = 'Lock'`;
        return row!.n === poolMax;
      }, 'every request connection waiting on the lock', 20_000);
      const response = await get('/healthz');
      const health = (await response.json()) as { postgres: string; replica?: { state: string } };
      expect({ status: response.status, postgres: health.postgres, replica: health.replica?.state }).toEqual({ status: 200, postgres: 'up', replica: 'down' });
      release();
      expect((await Promise.all(reads)).map((r) => r.status)).toEqual(Array(reads.length).fill(200));
      const reader = new Browser('127.0.0.1', balancer);
      for (let n = 0; n < 10; n++) expect((await reader.get('/api/v1/reports')).status).toBe(200);
    } finally {
      release();
      await fresh.close();
      await stopWebProcess('test', 3);
      startReplica('test');
      // Also after a failure: the next tests expect the standby back.
      for (let i = 1; i <= 2; i++) {
        await waitFor(async () => ((await (await fetch(`${webUrl(i)}/healthz`)).json()) as { replica?: { state: string } }).replica?.state === 'up', `web-${i} to see the replica up`, 30_000);
      }
    }
  });

  it('answers every public read when many more come at once than a web process has connections, on the replica and on the primary (ADR 069)', async () => {
    // bench:replica-stop saw the app's own 503 (its request bound) for about one public read in eight under load: a
    // query that postgres.js pipelined behind another on one connection was lost by PgBouncer, and its reader waited.
    // The topology's web processes keep the app's default pool (10 connections, ADR 068) unless it sets another.
    const poolMax = Number(runningTopologyEnv('test').DATABASE_POOL_MAX ?? 10);
    expect(poolMax).toBeGreaterThan(0);
    const fresh = new Agent({ pipelining: 0 });
    const paths = ['/api/v1/reports?limit=5', '/reports/map.json?west=37&south=55&east=38&north=56&zoom=12', '/open311/v2/requests.json', '/reports'];
    // A write "just now" keeps a reader on the primary (read-your-writes, ADR 051): the same reads, there.
    const onPrimary = { Cookie: `vmeste_wrote=${Date.now() + 3_600_000}` };
    try {
      await waitFor(async () => ((await (await undiciFetch(`${webUrl(1)}/healthz`, { dispatcher: fresh })).json()) as { replica?: { state: string } }).replica?.state === 'up', 'web-1 to see the replica up', 30_000);
      for (const headers of [{}, onPrimary, {}, onPrimary]) {
        const reads = Array.from({ length: 5 * poolMax }, (_, n) =>
          undiciFetch(`${webUrl(1)}${paths[n % paths.length]}`, { dispatcher: fresh, headers }).then(async (r) => (await r.arrayBuffer(), r.status)),
        );
        expect(await Promise.all(reads)).toEqual(Array(reads.length).fill(200));
      }
    } finally {
      await fresh.close();
    }
  });

  it('answers a public read from the primary when the standby freezes under it (a host gone without closing its sockets), and marks the replica down (ADR 069)', async () => {
    const fresh = new Agent({ pipelining: 0 });
    const get = (url: string) => undiciFetch(url, { dispatcher: fresh });
    const healthOf = async (i: number) => ((await (await get(`${webUrl(i)}/healthz`)).json()) as { replica?: { state: string } }).replica?.state;
    const [report] = await sql<{ id: number; address: string }[]>`SELECT id::int AS id, address FROM reports WHERE status = 'assigned' ORDER BY id LIMIT 1`;
    const marker = `Frozen standby ${randomUUID()}`;
    await waitFor(async () => (await healthOf(1)) === 'up', 'web-1 to see the replica up', 30_000);
    signalReplica('test', 'SIGSTOP');
    try {
      // Written after the freeze: a standby that replays nothing cannot have it, so a read that shows it came from the primary.
      await sql`UPDATE reports SET address = ${marker} WHERE id = ${report!.id}`;
      const response = await get(`${webUrl(1)}/api/v1/reports/${report!.id}`);
      expect({ status: response.status, address: ((await response.json()) as { address?: string }).address }).toEqual({ status: 200, address: marker });
      expect(await healthOf(1)).toBe('down');
    } finally {
      signalReplica('test', 'SIGCONT');
      await sql`UPDATE reports SET address = ${report!.address} WHERE id = ${report!.id}`;
      for (let i = 1; i <= 2; i++) await waitFor(async () => (await healthOf(i)) === 'up', `web-${i} to see the replica up`, 30_000);
      await fresh.close();
    }
  });

  it('stamps a successful write with the vmeste_wrote cookie (read-your-writes) and shows the writer their new report at once', async () => {
    const { browser } = await registerThrough(balancer, 'writer');
    const category = await shortSlaCategory();
    const { lat, lng } = placeIn('severny');
    const description = `Read-your-writes ${randomUUID()}`;
    const form = new FormData();
    for (const [k, v] of Object.entries({ categoryId: String(category.id), lat: String(lat), lng: String(lng), address: 'Severnaya 2', description, confirmNew: 'yes' })) form.set(k, v);
    const created = await browser.postMultipart('/reports/new', form);
    expect(created.status).toBe(302);
    expect(created.headers.getSetCookie().some((c) => /^vmeste_wrote=\d+;/.test(c))).toBe(true);
    // The report's own page is the writer's next read; it is there on the first try.
    const page = await browser.get(created.headers.get('Location')!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(description);
  });
});

/**
 * A resident's live tally page, as the browser runs it: the page's own stream (openLiveSource) on the WHATWG
 * EventSource (undici's, the one Node's own implementation is built on), which reconnects by itself after the `retry`
 * the stream sets (2 s), and is opened again by the page when a reconnect was refused (ADR 068).
 */
function liveTallyPage(ballotId: number, baseUrl = balancer) {
  const page = { opened: 0, dropped: 0, total: -1, close: () => source.close() };
  const source = openLiveSource(
    `${baseUrl}/votes/${ballotId}/live`,
    {
      tally: (data) => {
        const { votes } = JSON.parse(data) as { votes: Record<string, number> };
        page.total = Object.values(votes).reduce((a, b) => a + b, 0);
      },
    },
    { EventSource: EventSource as unknown as LiveSourceOptions['EventSource'], onOpen: () => page.opened++, onError: () => page.dropped++ },
  );
  return page;
}

describe('web processes behind HAProxy', () => {
  it('names every part of the topology in /healthz through HAProxy, and which web process answered', async () => {
    const answeredBy = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`${balancer}/healthz`);
      expect(response.status).toBe(200);
      const health = await response.json();
      expect(health).toMatchObject({
        status: 'ok',
        postgres: 'up',
        replica: { state: 'up', lagMs: expect.any(Number) },
        redis: 'up',
        redisMasters: { up: 3, total: 3 },
        redisReplicas: { up: 3, total: 3 },
        media: { store: 's3', state: 'up' },
        down: [],
      });
      answeredBy.add(health.web);
    }
    // Round-robin without stickiness: both processes answer, each under its own name.
    expect([...answeredBy].sort()).toEqual(['web-1', 'web-2']);
  });

  it('keeps an idle connection from HAProxy open longer than HAProxy keeps it, so a request sent on it is never dropped unanswered', async () => {
    // HAProxy reuses its idle connections to a web process. Had the process closed one first (Node's default: after
    // 5 s idle), a request HAProxy sent on it at that moment went unanswered, and HAProxy closed the resident's
    // connection without a word (HAProxy 2.6's abort_keep_alive: bench:scale's UND_ERR_SOCKET under load). The web
    // process now keeps them past HAProxy's own bounds (deploy/haproxy.cfg: 60 s client, 30 s server); here, 7 s.
    const socket = connect(ports.web(1), '127.0.0.1');
    let received = '';
    let closedAfter: string | null = null;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (received += chunk));
    socket.on('close', () => (closedAfter ??= `closed by the web process after ${received.split('HTTP/1.1 ').length - 1} answer(s)`));
    const ask = async (n: number) => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
      await waitFor(async () => received.split('HTTP/1.1 200').length - 1 >= n || closedAfter !== null, `answer ${n}`, 20_000);
      expect(closedAfter).toBeNull();
    };
    try {
      await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
      await ask(1);
      await new Promise((r) => setTimeout(r, 7000));
      expect(closedAfter).toBeNull();
      await ask(2);
    } finally {
      socket.destroy();
    }
  });

  it('serves a photo uploaded through one web process from the other (the bytes are in the object store)', async () => {
    const { browser: first } = await registerThrough(webUrl(1), 'photo');
    const category = await shortSlaCategory();
    const { lat, lng } = placeIn('severny');
    const description = `Cross-process photo ${randomUUID()}`;
    const jpeg = await jpegWithGps();
    const form = new FormData();
    for (const [k, v] of Object.entries({ categoryId: String(category.id), lat: String(lat), lng: String(lng), address: 'Severnaya 1', description, confirmNew: 'yes' })) form.set(k, v);
    form.append('photos', new File([new Uint8Array(jpeg)], 'photo.jpg', { type: 'image/jpeg' }));
    expect((await first.postMultipart('/reports/new', form)).status).toBe(302);
    const [photo] = await sql<{ id: number; storage_key: string | null; has_bytes: boolean }[]>`
      SELECT p.id::int AS id, p.storage_key, p.data IS NOT NULL AS has_bytes FROM report_photos p JOIN reports r ON r.id = p.report_id WHERE r.description = ${description}`;
    expect(photo).toMatchObject({ has_bytes: false, storage_key: expect.stringMatching(/^report-photos\//) });

    // The same person (the same session cookie) on the other process.
    const second = new Browser('127.0.0.1', webUrl(2));
    for (const pair of first.cookieHeader().split('; ')) second.setCookie(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    const served = await second.get(`/media/report-photos/${photo!.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toMatch(/^image\//);
    expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('serves a survey photo answer uploaded through one web process from the other, to its sender only (ADR 066)', async () => {
    const admin = await adminId();
    const wall = (ms: number) => instantToWallClock(new Date(Date.now() + ms), env.CITY_TIMEZONE);
    const created = await createSurvey(admin, { titleRu: 'Фото', titleEn: 'Photo survey', descriptionRu: 'Описание', descriptionEn: 'Description', opensAt: wall(-60_000), closesAt: wall(3_600_000), anonymous: false, editable: false, verifiedOnly: false, minAge: undefined, maxAge: undefined, districtIds: [], pointsReward: 0, departmentId: undefined });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const surveyId = created.value.id;
    expect((await addQuestion(admin, surveyId, { sectionId: 's1', kind: 'photo', textRu: 'Фото двора', textEn: 'Your yard', helpRu: undefined, helpEn: undefined, required: true, options: [], rows: [], other: false, scale: undefined, min: undefined, max: undefined, showIf: undefined })).ok).toBe(true);
    expect((await publishSurvey(admin, surveyId)).ok).toBe(true);
    const { browser: first } = await registerThrough(webUrl(1), 'survey-photo');
    const form = new FormData();
    form.set('q1', new File([new Uint8Array(await jpegWithGps())], 'yard.jpg', { type: 'image/jpeg' }));
    expect((await first.postMultipart(`/surveys/${surveyId}?section=s1`, form)).status).toBe(302);
    const [photo] = await sql<{ id: string; storage_key: string | null; has_bytes: boolean }[]>`
      SELECT id::text, storage_key, bytes IS NOT NULL AS has_bytes FROM survey_photos WHERE survey_id = ${surveyId}`;
    expect(photo).toMatchObject({ has_bytes: false, storage_key: expect.stringMatching(/^survey-photos\//) });

    const second = new Browser('127.0.0.1', webUrl(2));
    for (const pair of first.cookieHeader().split('; ')) second.setCookie(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    const served = await second.get(`/media/survey-photos/${photo!.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toBe('image/jpeg');
    expect((await served.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await new Browser('127.0.0.1', webUrl(2)).get(`/media/survey-photos/${photo!.id}`)).status).toBe(404);
  });

  it('counts every vote exactly once while one web process is killed with SIGKILL mid-way, and its live pages reconnect and catch up', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 2 }] });
    const district = await districtIdByCode('sadovy');
    const voters = [];
    for (let i = 0; i < 24; i++) voters.push(await registerThrough(balancer, `cluster-voter-${i}`));
    for (const { email } of voters) await db.update(users).set({ verified: true, districtId: district, birthYear: 1985 }).where(eq(users.email, email));
    const choice = { [`q${ballot.questions[0]!.id}`]: [String(ballot.questions[0]!.options[0]!.id)] };

    // A client's answer: a receipt, or (for a retry of a cast that had gone through) "already voted"; 502/503 or a
    // dropped connection is retryable, and retried; anything else is a failure of the test.
    const outcomes: string[] = [];
    const cast = async (browser: Browser) => {
      for (let attempt = 0; attempt < 8; attempt++) {
        try {
          const response = await browser.post(`/votes/${ballot.id}`, choice);
          const text = await response.text();
          if (response.status === 200 && /data-testid="receipt"/.test(text)) return outcomes.push('receipt');
          if (response.status === 409 && attempt > 0) return outcomes.push('already voted on retry');
          if (response.status !== 502 && response.status !== 503) return outcomes.push(`unexpected ${response.status}`);
        } catch {
          // The connection was cut with the process: retry.
        }
        await new Promise((r) => setTimeout(r, 250 * (attempt + 1)));
      }
      return outcomes.push('gave up');
    };
    // Eight residents watch the live tally; HAProxy spreads their streams over both processes.
    const pages = Array.from({ length: 8 }, () => liveTallyPage(ballot.id));
    const victim = pidOfPart('test', 'web-1') as number;
    expect(victim).toBeGreaterThan(0);
    try {
      await waitFor(async () => pages.every((page) => page.opened === 1 && page.total === 0), 'every live page to show the empty tally', 30_000);
      const casting = voters.map(({ browser }, i) => new Promise((r) => setTimeout(r, i * 40)).then(() => cast(browser)));
      await new Promise((r) => setTimeout(r, 300));
      process.kill(victim, 'SIGKILL');
      await Promise.all(casting);
      expect(outcomes.filter((o) => o !== 'receipt' && o !== 'already voted on retry')).toEqual([]);
      expect(outcomes).toHaveLength(24);
      const [casts] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ballot_casts WHERE ballot_id = ${ballot.id}`;
      expect(casts!.n).toBe(24);
      const tally = await shardTally(ballot.id);
      expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(24);
      // The pages whose stream died with web-1 reconnected (to web-2) and caught up from the snapshot a stream starts
      // with; the others followed the casts as they came. Every page ends on the exact count.
      await waitFor(async () => pages.every((page) => page.total === 24), 'every live page to show all 24 votes', 30_000).catch((error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify(pages.map(({ opened, dropped, total }) => ({ opened, dropped, total })))}`);
      });
      const cut = pages.filter((page) => page.dropped > 0);
      expect(cut.length, 'pages whose stream was on the killed process').toBeGreaterThan(0);
      expect(cut.length).toBeLessThan(pages.length);
      for (const page of cut) expect(page.opened).toBeGreaterThanOrEqual(2);
    } finally {
      for (const page of pages) page.close();
      await startWebProcess('test', 1, runningTopologyEnv('test'));
    }
  });

  it('opens the stream of a live page again when a web process refused it with 503, and the page catches up', async () => {
    // A stream refused with anything but 200 — here the app's own 503 after REQUEST_TIMEOUT_MS (10 s), while the ballot
    // cannot be read — is given up by the EventSource for good; the page opens it again (ADR 068).
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 2 }] });
    const district = await districtIdByCode('sadovy');
    const voter = await registerThrough(balancer, 'live-refused');
    await db.update(users).set({ verified: true, districtId: district, birthYear: 1985 }).where(eq(users.email, voter.email));
    const release = await lockTable('ballots');
    let page: ReturnType<typeof liveTallyPage> | null = null;
    try {
      page = liveTallyPage(ballot.id);
      const refused = page;
      await waitFor(async () => refused.dropped > 0, 'the stream to be refused', 30_000);
      expect({ opened: refused.opened, total: refused.total }).toEqual({ opened: 0, total: -1 });
      release();
      const choice = { [`q${ballot.questions[0]!.id}`]: [String(ballot.questions[0]!.options[0]!.id)] };
      const cast = await voter.browser.post(`/votes/${ballot.id}`, choice);
      expect(cast.status).toBe(200);
      await waitFor(async () => refused.opened === 1 && refused.total === 1, 'the page to open its stream again and show the vote', 30_000).catch((error: Error) => {
        throw new Error(`${error.message}: ${JSON.stringify({ opened: refused.opened, dropped: refused.dropped, total: refused.total })}`);
      });
    } finally {
      release();
      page?.close();
    }
  });
});
