import { Worker } from 'bullmq';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { and, eq, inArray, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ballotLedger, ballots, decisions, emailOutbox, ideas, implementationItems, notifications, pointsLedger, projects, rewards, users } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { createRedis, queuePrefix } from '#app/utils/redis.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { closeBallot, ledgerTally, openBallot, publishBallot, questionOutcome, sweepBallots, winners } from '#app/modules/votes/ballot-lifecycle.server';
import { castVote } from '#app/modules/votes/cast-vote.server';
import { addOption } from '#app/modules/votes/edit-ballot.server';
import { ballotStatusQueueName } from '#app/modules/votes/jobs';
import { receiptHash, tallyChoices, verifyLedger, type Choices, type LedgerEntry } from '#app/modules/votes/ledger';
import { finalVotes } from '#app/modules/votes/results.server';
import { closeLive, tallyChannel } from '#app/modules/votes/live.server';
import { getBallot, pointsBalance, shardTally } from '#app/modules/votes/queries.server';
import { spendPoints } from '#app/modules/votes/spend-points.server';
import { processBallotStatusJob } from '#app/modules/votes/processors.server';
import { Browser, newResident } from '../support/app';
import { jpegWithGps, waitFor } from '../support/reports';
import { adminId, closingTimeNow, districtIdByCode, makeBallot, makeResidents } from '../support/votes';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const connection = createRedis('worker');
let worker: Worker;

beforeAll(() => {
  worker = new Worker(ballotStatusQueueName, processBallotStatusJob, { connection, prefix: queuePrefix(ballotStatusQueueName) });
});
afterAll(async () => {
  await worker.close();
  connection.disconnect();
  await closeLive();
  await closeConnections();
});

const pick = (ballot: Awaited<ReturnType<typeof makeBallot>>, qi: number, oi: number | number[]) => ({ [`q${ballot.questions[qi]!.id}`]: [oi].flat().map((i) => String(ballot.questions[qi]!.options[i]!.id)) });

async function sealedEntries(ballotId: number): Promise<LedgerEntry[]> {
  const rows = await db.select().from(ballotLedger).where(eq(ballotLedger.ballotId, ballotId)).orderBy(ballotLedger.seq);
  return rows.map((r) => ({ seq: r.seq, receipt_hash: r.receiptHash, choices: r.choices, prev_hash: r.prevHash, entry_hash: r.entryHash }));
}

describe('casting under load', () => {
  it('500 concurrent casts with 100 duplicates: the tally counts each eligible person once, participations = ledger entries, and the chain verifies', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 3 }, { kind: 'multiple', maxChoices: 2, options: 4 }] });
    const people = await makeResidents(400);
    const attempts = [
      ...people.map((userId, i) => ({ userId, raw: { ...pick(ballot, 0, i % 3), ...pick(ballot, 1, i % 2 ? [0, i % 4 === 3 ? 2 : 3] : [1]) } })),
      // The same people again (a double click, a second tab, a replay), choosing otherwise.
      ...people.slice(0, 100).map((userId) => ({ userId, raw: { ...pick(ballot, 0, 2), ...pick(ballot, 1, [2]) } })),
    ];
    const results = await Promise.all(attempts.map((a) => castVote(a.userId, ballot.id, a.raw)));
    const accepted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(accepted).toHaveLength(400);
    expect(refused).toHaveLength(100);
    expect(refused.every((r) => !r.ok && r.errors.form === 'votes.alreadyVoted')).toBe(true);

    const tally = await shardTally(ballot.id);
    const q1 = ballot.questions[0]!.options.reduce((sum, o) => sum + (tally[o.id] ?? 0), 0);
    expect(q1).toBe(400);
    const participations = (await sql<{ participations: number }[]>`SELECT count(*)::int AS participations FROM ballot_participations WHERE ballot_id = ${ballot.id}`)[0]!.participations;
    const casts = (await sql<{ casts: number }[]>`SELECT count(*)::int AS casts FROM ballot_casts WHERE ballot_id = ${ballot.id}`)[0]!.casts;
    expect(participations).toBe(400);
    expect(casts).toBe(400);
    const credited = (await sql<{ credited: number }[]>`SELECT count(*)::int AS credited FROM points_ledger WHERE ballot_id = ${ballot.id} AND reason = 'ballot'`)[0]!.credited;
    expect(credited).toBe(400);

    await closingTimeNow(ballot.id);
    expect(await closeBallot(ballot.id)).toMatch(/sealed \(400 entries\)/);
    expect(await closeBallot(ballot.id)).toMatch(/nothing to close/);
    const entries = await sealedEntries(ballot.id);
    expect(entries).toHaveLength(400);
    const [sealed] = await db.select().from(ballots).where(eq(ballots.id, ballot.id));
    const published = {
      ballotId: ballot.id,
      chainHead: sealed!.chainHead,
      entryCount: sealed!.entryCount,
      questions: ballot.questions.map((q) => ({ id: q.id, kind: q.kind, maxChoices: q.maxChoices, options: q.options.map((o) => ({ id: o.id, votes: tally[o.id] ?? 0 })) })),
    };
    const check = verifyLedger(entries, published);
    expect(check.problems).toEqual([]);
    expect(check.head).toBe(sealed!.chainHead);
    // Every accepted receipt is in the ledger, found by its hash.
    const hashes = new Set(entries.map((e) => e.receipt_hash));
    expect(accepted.every((r) => r.ok && hashes.has(receiptHash(r.value.receipt)))).toBe(true);
    // The ledger order is the receipt hashes' order: it says nothing about when anyone voted.
    expect(entries.map((e) => e.receipt_hash)).toEqual([...entries.map((e) => e.receipt_hash)].sort());
    // Postgres's count of the ledger, the frozen shards the pages show, and counting the entries here all agree.
    const counted = tallyChoices(entries.map((e) => JSON.parse(e.choices) as Choices));
    expect(await ledgerTally(ballot.id)).toEqual(counted);
    expect((await finalVotes([ballot.id])).get(ballot.id)).toEqual(Object.assign({}, ...Object.values(counted)));
  });

  it('keeps who apart from what: participations have no order or time to join to the ledger', async () => {
    const columns = await sql<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns WHERE table_name IN ('ballot_participations', 'ballot_casts', 'ballot_ledger')`;
    const of = (t: string) => columns.filter((c) => c.table_name === t).map((c) => c.column_name).sort();
    // The channel (web, app, centre, api: ADR 048) says where, never when.
    expect(of('ballot_participations')).toEqual(['age_band', 'ballot_id', 'channel', 'district_id', 'user_id']);
    expect(of('ballot_casts')).toEqual(['ballot_id', 'choices', 'receipt_hash']);
    expect(of('ballot_ledger')).toEqual(['ballot_id', 'choices', 'entry_hash', 'prev_hash', 'receipt_hash', 'seq']);
  });

  it('refuses bad answers: nothing chosen, two on a single choice, more than the maximum, an option of another ballot', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 2 }, { kind: 'multiple', maxChoices: 2, options: 3 }] });
    const other = await makeBallot();
    const [voter] = await makeResidents(1);
    const cases: Record<string, string[]>[] = [
      { ...pick(ballot, 1, [0]) },
      { ...pick(ballot, 0, [0, 1]), ...pick(ballot, 1, [0]) },
      { ...pick(ballot, 0, 0), ...pick(ballot, 1, [0, 1, 2]) },
      { [`q${ballot.questions[0]!.id}`]: [String(other.questions[0]!.options[0]!.id)], ...pick(ballot, 1, [0]) },
    ];
    for (const raw of cases) expect((await castVote(voter!, ballot.id, raw)).ok).toBe(false);
    const n = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ballot_participations WHERE ballot_id = ${ballot.id}`)[0]!.n;
    expect(n).toBe(0);
  });
});

describe('live tallies', () => {
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** The ballots' messages as a Redis subscriber of the tally channel hears them, with their arrival time. */
  async function hearTallies() {
    const subscriber = createRedis('subscriber');
    const heard: { ballotId: number; at: number }[] = [];
    subscriber.on('message', (_channel: string, message: string) => heard.push({ ballotId: Number(message), at: Date.now() }));
    await subscriber.subscribe(tallyChannel);
    return { of: (ballotId: number) => heard.filter((m) => m.ballotId === ballotId).map((m) => m.at), stop: () => subscriber.disconnect() };
  }

  it('coalesces a burst of casts: at most one message per ballot per 250 ms, the last one after the last cast', async () => {
    const ballots = [await makeBallot({ questions: [{ kind: 'single', options: 2 }] }), await makeBallot({ questions: [{ kind: 'single', options: 2 }] })];
    const people = await makeResidents(240);
    const tallies = await hearTallies();
    // Twelve waves 60 ms apart, ten casts on each ballot per wave: 240 casts in about 0.7 s.
    const firstCast = Date.now();
    let lastCast = 0;
    for (let wave = 0; wave < 12; wave++) {
      const batch = people.slice(wave * 20, wave * 20 + 20);
      const results = await Promise.all(batch.map((userId, i) => castVote(userId, ballots[i % 2]!.id, pick(ballots[i % 2]!, 0, i % 2))));
      expect(results.every((r) => r.ok)).toBe(true);
      lastCast = Date.now();
      await pause(60);
    }
    await pause(700);
    tallies.stop();
    for (const ballot of ballots) {
      const at = tallies.of(ballot.id);
      // Heard, and not one per cast (120 each): one per 250 ms the casts lasted, and the trailing one.
      expect(at.length).toBeGreaterThanOrEqual(2);
      expect(at.length).toBeLessThanOrEqual(Math.ceil((lastCast - firstCast) / 250) + 2);
      expect(at.length).toBeLessThan(120 / 4);
      // (No bound on the gaps as heard: on a loaded machine a late message and the next one arrive close together.)
      // The burst's last casts are not left unannounced.
      expect(at.at(-1)!).toBeGreaterThanOrEqual(lastCast);
    }
  });

  it('sends every open page the same coalesced tally, ending at the count of the casts', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 2 }] });
    const people = await makeResidents(60);
    const stop = new AbortController();
    const pages = await Promise.all(Array.from({ length: 20 }, () => new Browser().request(`/votes/${ballot.id}/live`, { signal: stop.signal })));
    const events = pages.map(() => [] as { at: number; votes: Record<string, number> }[]);
    const readers = pages.map((page) => page.body!.pipeThrough(new TextDecoderStream()).getReader());
    const reading = pages.map(async (page, p) => {
      expect(page.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
      const reader = readers[p]!;
      let buffered = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffered += value;
          const frames = buffered.split('\n\n');
          buffered = frames.pop()!;
          for (const f of frames) {
            const data = /^event: tally\ndata: (.*)$/m.exec(f)?.[1];
            if (data) events[p]!.push({ at: Date.now(), votes: (JSON.parse(data) as { votes: Record<string, number> }).votes });
          }
        }
      } catch {
        // aborted at the end
      }
    });
    const total = (votes: Record<string, number>) => Object.values(votes).reduce((a, b) => a + b, 0);
    await waitFor(async () => events.every((e) => e.length >= 1), 'the first tally on every page');
    const castsFrom = Date.now();
    for (let wave = 0; wave < 6; wave++) {
      await Promise.all(people.slice(wave * 10, wave * 10 + 10).map((userId, i) => castVote(userId, ballot.id, pick(ballot, 0, i % 2))));
      await pause(50);
    }
    await waitFor(async () => events.every((e) => e.length && total(e.at(-1)!.votes) === 60), 'every page showing the 60 votes');
    const shownAt = Date.now();
    stop.abort();
    await Promise.all(readers.map((reader) => reader.cancel().catch(() => {})));
    await Promise.all(reading);
    const [option0, option1] = ballot.questions[0]!.options.map((o) => String(o.id));
    for (const e of events) {
      expect(e.at(-1)!.votes).toEqual({ [option0!]: 30, [option1!]: 30 });
      // The first tally on opening, then coalesced changes: one per 250 ms at most, never one per vote.
      expect(e.length).toBeLessThanOrEqual(Math.ceil((shownAt - castsFrom) / 250) + 2);
      expect(e.length).toBeLessThan(60 / 4);
    }
  });
});

describe('eligibility', () => {
  it('says why a person may not vote: not verified, outside the districts, outside the age range', async () => {
    const ballot = await makeBallot({ districts: ['sadovy'], minAge: 18, maxAge: 35 });
    const year = new Date().getUTCFullYear();
    const [unverified] = await makeResidents(1, { verified: false, district: 'sadovy', birthYear: year - 25 });
    const [elsewhere] = await makeResidents(1, { district: 'tverskoy', birthYear: year - 25 });
    const [older] = await makeResidents(1, { district: 'sadovy', birthYear: year - 60 });
    const [noDistrict] = await makeResidents(1, { birthYear: year - 25 });
    const [ok] = await makeResidents(1, { district: 'sadovy', birthYear: year - 25 });
    const answer = pick(ballot, 0, 0);
    const errorOf = async (id: string) => {
      const r = await castVote(id, ballot.id, answer);
      return r.ok ? 'ok' : r.errors.form;
    };
    expect(await errorOf(unverified!)).toBe('votes.why.notVerified');
    expect(await errorOf(elsewhere!)).toBe('votes.why.outsideDistricts');
    expect(await errorOf(older!)).toBe('votes.why.tooOld');
    expect(await errorOf(noDistrict!)).toBe('votes.why.noDistrict');
    expect(await errorOf(ok!)).toBe('ok');
  });

  it('shows an unverified resident why on the ballot page, and answers a replayed form with "already voted"', async () => {
    const ballot = await makeBallot();
    const { browser, email } = await newResident('ineligible');
    const page = await (await browser.get(`/votes/${ballot.id}`)).text();
    expect(page).toContain('only verified residents vote here');
    expect(page).not.toContain('Cast my vote');

    await db.update(users).set({ verified: true, districtId: await districtIdByCode('sadovy'), birthYear: 1990 }).where(eq(users.email, email));
    const form = pick(ballot, 0, 1);
    const first = await browser.post(`/votes/${ballot.id}`, form);
    expect(first.status).toBe(200);
    const html = await first.text();
    const receipt = /data-testid="receipt">([0-9A-Z-]+)</.exec(html)?.[1];
    expect(receipt).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    const again = await browser.post(`/votes/${ballot.id}`, form);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('You have already voted in this ballot.');
    const tally = await shardTally(ballot.id);
    expect(Object.values(tally).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('refuses a cast without the CSRF token and a cast from someone signed out', async () => {
    const ballot = await makeBallot();
    const anonymous = await new Browser().post(`/votes/${ballot.id}`, pick(ballot, 0, 0));
    expect(anonymous.status).toBe(302);
    const { browser } = await newResident('nocsrf');
    const forged = await browser.post(`/votes/${ballot.id}`, pick(ballot, 0, 0), { csrf: false });
    expect(forged.status).toBe(403);
  });
});

describe('the answer to a cast without JavaScript (ADR 071)', () => {
  it('shows the receipt, the answers as recorded and the way back, and not the ballot page, its forms or the navigation', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 3 }, { kind: 'multiple', maxChoices: 2, options: 3 }] });
    const { browser, email } = await newResident('receipt-page');
    await db.update(users).set({ verified: true, districtId: await districtIdByCode('sadovy'), birthYear: 1990 }).where(eq(users.email, email));
    const before = await (await browser.get(`/votes/${ballot.id}`)).text();
    expect(before).toContain('Cast my vote');
    expect(before).toContain('aria-label="Main"');

    const answer = await browser.post(`/votes/${ballot.id}`, { ...pick(ballot, 0, 1), ...pick(ballot, 1, [0, 2]) });
    expect(answer.status).toBe(200);
    const html = await answer.text();
    expect(/data-testid="receipt">([0-9A-Z-]+)</.exec(html)?.[1]).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(html).toContain('<h2 id="choices-title">Your answers, as recorded</h2>');
    expect(html).toContain('<dt>Question 1</dt><dd>Answer 2</dd>');
    expect(html).toContain('<dt>Question 2</dt><dd>Answer 1, Answer 3</dd>');
    expect(html).toMatch(new RegExp(`<a [^>]*href="/votes/${ballot.id}"[^>]*>Back to the ballot</a>`));
    // The receipt can still be kept in this browser: it is shown only here, once.
    expect(html).toContain('value="keep-receipt"');
    for (const absent of ['Cast my vote', 'Live results', 'Check a receipt', 'value="check-receipt"', 'aria-label="Main"', 'Sign out', 'Description']) expect(html, absent).not.toContain(absent);

    // The way back leads to the whole page again: voted, with the results and the forms.
    const after = await (await browser.get(`/votes/${ballot.id}`)).text();
    for (const present of ['You have already voted in this ballot.', 'Live results', 'Check a receipt', 'aria-label="Main"']) expect(after, present).toContain(present);
    expect(after).not.toContain('data-testid="receipt"');
  });
});

describe('receipts a voter chooses to keep (in their browser, never in the database)', () => {
  const receiptOf = (html: string) => /data-testid="receipt">([0-9A-Z-]+)</.exec(html)?.[1];
  const keptIn = (html: string) => [...html.matchAll(/data-testid="kept-receipt">([0-9A-Z-]+)</g)].map((m) => m[1]);

  it('keeps a receipt in a signed cookie, shows it back to its owner only, and stores no receipt anywhere', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 3 }] });
    const { browser, email } = await newResident('keeper');
    await db.update(users).set({ verified: true, districtId: await districtIdByCode('sadovy'), birthYear: 1990 }).where(eq(users.email, email));
    const receipt = receiptOf(await (await browser.post(`/votes/${ballot.id}`, pick(ballot, 0, 2))).text())!;
    expect(receipt).toBeDefined();

    const kept = await browser.post(`/votes/${ballot.id}`, { intent: 'keep-receipt', receipt });
    expect(kept.status).toBe(302);
    expect(kept.headers.get('Location')).toBe(`/votes/${ballot.id}?kept=1`);
    const cookie = kept.headers.getSetCookie().find((c) => c.startsWith('vmeste_receipts='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Signed, and the code is not readable in it as typed.
    expect(cookie).not.toContain(receipt);

    expect(keptIn(await (await browser.get(`/votes/${ballot.id}`)).text())).toEqual([receipt]);
    expect(keptIn(await (await browser.get('/me')).text())).toContain(receipt);
    expect(keptIn(await (await browser.get('/me/points')).text())).toContain(receipt);

    // Nothing in the database holds the receipt, with or without its dashes: only its hash, in ballot_casts.
    const tables = await sql<{ table_name: string }[]>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
    const plain = receipt.replace(/-/g, '');
    for (const { table_name } of tables) {
      const [row] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${sql(table_name)} t WHERE t::text ILIKE ${`%${receipt}%`} OR t::text ILIKE ${`%${plain}%`}`;
      expect({ table: table_name, n: row!.n }).toEqual({ table: table_name, n: 0 });
    }
    const [cast] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ballot_casts WHERE ballot_id = ${ballot.id} AND receipt_hash = ${receiptHash(receipt)}`;
    expect(cast!.n).toBe(1);

    // Another person signing in on the same browser does not see it.
    await browser.post('/sign-out', {});
    const other = await newResident('same-browser');
    await browser.signIn(other.email, 'a-long-password-1');
    expect(keptIn(await (await browser.get('/me')).text())).toEqual([]);
    expect(keptIn(await (await browser.get(`/votes/${ballot.id}`)).text())).toEqual([]);

    // Forgetting it drops it from the cookie.
    await browser.post('/sign-out', {});
    await browser.signIn(email, 'a-long-password-1');
    expect(keptIn(await (await browser.get('/me')).text())).toEqual([receipt]);
    const forgotten = await browser.post(`/votes/${ballot.id}`, { intent: 'forget-receipt' });
    expect(forgotten.status).toBe(302);
    expect(keptIn(await (await browser.get('/me')).text())).toEqual([]);
  });

  it('keeps only a receipt of this ballot that the person cast, and ignores a forged cookie', async () => {
    const ballot = await makeBallot();
    const another = await makeBallot();
    const { browser, email } = await newResident('wrong-receipt');
    await db.update(users).set({ verified: true, districtId: await districtIdByCode('sadovy'), birthYear: 1990 }).where(eq(users.email, email));
    // Not voted here yet: a made-up code is refused with a field message.
    const madeUp = await browser.post(`/votes/${ballot.id}`, { intent: 'keep-receipt', receipt: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' });
    expect(madeUp.status).toBe(400);
    expect(await madeUp.text()).toContain('No ballot with this receipt was cast in this vote');
    const receipt = receiptOf(await (await browser.post(`/votes/${ballot.id}`, pick(ballot, 0, 0))).text())!;
    // The receipt of one ballot is not kept for another.
    const elsewhere = await browser.post(`/votes/${another.id}`, { intent: 'keep-receipt', receipt });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.getSetCookie().some((c) => c.startsWith('vmeste_receipts='))).toBe(false);
    const badFormat = await browser.post(`/votes/${ballot.id}`, { intent: 'keep-receipt', receipt: 'not a receipt' });
    expect(badFormat.status).toBe(400);
    expect(await badFormat.text()).toContain('A receipt is 32 letters and digits');

    browser.setCookie('vmeste_receipts', encodeURIComponent(btoa(JSON.stringify([['x', ballot.id, receipt]]))));
    const page = await browser.get('/me');
    expect(page.status).toBe(200);
    expect(keptIn(await page.text())).toEqual([]);
  });

  it('lets anyone holding a receipt check it: recorded while open, found in the ledger once published', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 3 }, { kind: 'multiple', maxChoices: 2, options: 3 }] });
    const voters = await makeResidents(3);
    const receipts: string[] = [];
    for (const [i, v] of voters.entries()) {
      const r = await castVote(v, ballot.id, { ...pick(ballot, 0, i), ...pick(ballot, 1, [0, 2]) });
      if (r.ok) receipts.push(r.value.receipt);
    }
    const label = (qi: number, oi: number) => ballot.questions[qi]!.options[oi]!.labelEn;
    const anyone = new Browser();
    const open = await anyone.post(`/votes/${ballot.id}`, { intent: 'check-receipt', receipt: receipts[1]!.toLowerCase().replace(/-/g, ' ') });
    expect(open.status).toBe(200);
    const openHtml = await open.text();
    expect(openHtml).toContain('This ballot is recorded.');
    const found = /data-testid="receipt-check"[\s\S]*?<\/section>/.exec(openHtml)![0];
    const answer = (qi: number) => new RegExp(`<dt>${ballot.questions[qi]!.textEn}</dt><dd>([^<]*)</dd>`).exec(found)?.[1];
    expect(answer(0)).toBe(label(0, 1));
    expect(answer(1)).toBe(`${label(1, 0)}, ${label(1, 2)}`);

    const unknown = await anyone.post(`/votes/${ballot.id}`, { intent: 'check-receipt', receipt: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('No ballot with this receipt was cast in this vote');

    await closingTimeNow(ballot.id);
    await sweepBallots();
    const [entry] = await db.select({ seq: ballotLedger.seq, entryHash: ballotLedger.entryHash }).from(ballotLedger).where(and(eq(ballotLedger.ballotId, ballot.id), eq(ballotLedger.receiptHash, receiptHash(receipts[2]!))));
    const sealed = await (await anyone.post(`/votes/${ballot.id}`, { intent: 'check-receipt', receipt: receipts[2]! })).text();
    expect(sealed).toContain(`This ballot is in the published ledger, entry ${entry!.seq}.`);
    expect(sealed).toContain(entry!.entryHash);
  });
});

describe('the ballot editor and the schedule', () => {
  it('refuses to edit options once the ballot is open and has its first vote', async () => {
    const ballot = await makeBallot();
    const [voter] = await makeResidents(1);
    expect((await castVote(voter!, ballot.id, pick(ballot, 0, 0))).ok).toBe(true);
    const result = await addOption(await adminId(), ballot.id, { questionId: ballot.questions[0]!.id, labelRu: 'Новый', labelEn: 'New' }, null);
    expect(result).toEqual({ ok: false, errors: { form: 'votes.notEditable' } });
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const response = await admin.post(`/admin/ballots/${ballot.id}`, { intent: 'remove-option', optionId: String(ballot.questions[0]!.options[0]!.id) });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('This ballot can no longer be changed');
    expect((await getBallot(ballot.id))!.questions[0]!.options).toHaveLength(3);
  });

  it('removes a question with its answers from a draft, audited, and refuses once the ballot is scheduled', async () => {
    const draft = await makeBallot({ questions: [{ kind: 'single', options: 2 }, { kind: 'multiple', maxChoices: 2, options: 3 }], schedule: false });
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const second = draft.questions[1]!;
    const removed = await admin.post(`/admin/ballots/${draft.id}`, { intent: 'remove-question', questionId: String(second.id) });
    expect(removed.status).toBe(302);
    const after = (await getBallot(draft.id))!;
    expect(after.questions.map((q) => q.id)).toEqual([draft.questions[0]!.id]);
    const [orphans] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ballot_options WHERE question_id = ${second.id}`;
    expect(orphans!.n).toBe(0);
    const [audited] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ballot.remove-question' AND target_id = ${String(draft.id)}`;
    expect(audited!.n).toBe(1);
    // Another ballot's question cannot be removed through this one.
    const other = await makeBallot({ schedule: false });
    expect((await admin.post(`/admin/ballots/${draft.id}`, { intent: 'remove-question', questionId: String(other.questions[0]!.id) })).status).toBe(400);
    const scheduled = await makeBallot();
    const refused = await admin.post(`/admin/ballots/${scheduled.id}`, { intent: 'remove-question', questionId: String(scheduled.questions[0]!.id) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('This ballot can no longer be changed');
    expect((await getBallot(scheduled.id))!.questions).toHaveLength(1);
  });

  it('reorders questions and answers of a draft one place at a time, audited, and refuses once the ballot is scheduled', async () => {
    const draft = await makeBallot({ questions: [{ kind: 'single', options: 3 }, { kind: 'single', options: 2 }, { kind: 'multiple', maxChoices: 2, options: 2 }], schedule: false });
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const move = (ballotId: number, fields: Record<string, string>) => admin.post(`/admin/ballots/${ballotId}`, fields);
    const questionIds = async (id: number) => (await getBallot(id))!.questions.map((q) => q.id);
    const [q1, q2, q3] = draft.questions.map((q) => q.id);
    expect((await move(draft.id, { intent: 'move-question', questionId: String(q3), direction: 'up' })).status).toBe(302);
    expect(await questionIds(draft.id)).toEqual([q1, q3, q2]);
    expect((await move(draft.id, { intent: 'move-question', questionId: String(q1), direction: 'down' })).status).toBe(302);
    expect(await questionIds(draft.id)).toEqual([q3, q1, q2]);
    // At an end there is nowhere to go: nothing changes, nothing is audited.
    expect((await move(draft.id, { intent: 'move-question', questionId: String(q3), direction: 'up' })).status).toBe(302);
    expect(await questionIds(draft.id)).toEqual([q3, q1, q2]);

    const [a, b, c] = draft.questions[0]!.options.map((o) => o.id);
    expect((await move(draft.id, { intent: 'move-option', optionId: String(a), direction: 'down' })).status).toBe(302);
    const options = (await getBallot(draft.id))!.questions.find((q) => q.id === q1)!.options;
    expect(options.map((o) => o.id)).toEqual([b, a, c]);
    expect(options.map((o) => o.position)).toEqual([1, 2, 3]);
    const [audited] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_log WHERE action IN ('ballot.move-question', 'ballot.move-option') AND target_id = ${String(draft.id)}`;
    expect(audited!.n).toBe(3);

    // Another ballot's rows cannot be moved through this one, a direction must be up or down, and a scheduled ballot is locked.
    const other = await makeBallot({ schedule: false });
    expect((await move(draft.id, { intent: 'move-option', optionId: String(other.questions[0]!.options[0]!.id), direction: 'down' })).status).toBe(400);
    const sideways = await move(draft.id, { intent: 'move-question', questionId: String(q1), direction: 'left' });
    expect(sideways.status).toBe(400);
    expect(await sideways.text()).toContain('Choose one of the options');
    const scheduled = await makeBallot({ questions: [{ kind: 'single', options: 2 }, { kind: 'single', options: 2 }] });
    const refused = await move(scheduled.id, { intent: 'move-question', questionId: String(scheduled.questions[1]!.id), direction: 'up' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('This ballot can no longer be changed');
    expect(await questionIds(scheduled.id)).toEqual(scheduled.questions.map((q) => q.id));
    expect(await questionIds(draft.id)).toEqual([q3, q1, q2]);
  });

  it('opens and closes at the scheduled times through the BullMQ jobs, then seals and publishes', async () => {
    const ballot = await makeBallot({ opensInMs: 1_500, closesInMs: 4_000 });
    expect(ballot.status).toBe('scheduled');
    const [voter] = await makeResidents(1);
    expect(await castVote(voter!, ballot.id, pick(ballot, 0, 1))).toEqual({ ok: false, errors: { form: 'votes.notOpen' } });
    await waitFor(async () => (await getBallot(ballot.id))!.status === 'open', 'the open job', 10_000);
    expect((await castVote(voter!, ballot.id, pick(ballot, 0, 1))).ok).toBe(true);
    await waitFor(async () => (await getBallot(ballot.id))!.status === 'published', 'the close job', 15_000);
    const sealed = (await getBallot(ballot.id))!;
    expect(sealed.entryCount).toBe(1);
    // A late cast after the close is refused.
    const [late] = await makeResidents(1);
    expect(await castVote(late!, ballot.id, pick(ballot, 0, 0))).toEqual({ ok: false, errors: { form: 'votes.notOpen' } });
  });

  it('the sweeper repairs moves Redis lost, and each move is idempotent', async () => {
    const ballot = await makeBallot({ opensInMs: 3_600_000, closesInMs: 7_200_000 });
    // The jobs are gone (as if Redis lost them) and the times have come.
    await db.update(ballots).set({ opensAt: new Date(Date.now() - 60_000) }).where(eq(ballots.id, ballot.id));
    await sweepBallots();
    expect((await getBallot(ballot.id))!.status).toBe('open');
    expect(await openBallot(ballot.id)).toMatch(/nothing to open/);
    const [voter] = await makeResidents(1);
    await castVote(voter!, ballot.id, pick(ballot, 0, 2));
    await closingTimeNow(ballot.id);
    await sweepBallots();
    expect((await getBallot(ballot.id))!.status).toBe('published');
    expect(await publishBallot(ballot.id)).toMatch(/nothing to publish/);
    const n = (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ballot_ledger WHERE ballot_id = ${ballot.id}`)[0]!.n;
    expect(n).toBe(1);
  });
});

describe('publication: decisions, ideas, notifications', () => {
  it('creates a decision per winning option, accepts the winning ideas and tells their authors and the voters', async () => {
    const [author] = await makeResidents(1);
    const [project] = await db.insert(projects).values({ slug: `vote-test-${Date.now()}`, titleRu: 'П', titleEn: 'P', descriptionRu: 'о', descriptionEn: 'd', stage: 'voting' }).returning({ id: projects.id });
    const made = await db
      .insert(ideas)
      .values([0, 1, 2].map((i) => ({ projectId: project!.id, authorId: author!, title: `Idea ${i}`, body: 'A body long enough', status: 'shortlisted' as const })))
      .returning({ id: ideas.id });
    const ballot = await makeBallot({ questions: [{ kind: 'multiple', maxChoices: 2, options: 3 }] });
    // Link the options to the ideas as "send to vote" does.
    for (const [i, o] of ballot.questions[0]!.options.entries()) await sql`UPDATE ballot_options SET idea_id = ${made[i]!.id} WHERE id = ${o.id}`;
    const voters = await makeResidents(6);
    const choices = [[0, 1], [0, 1], [0], [1, 2], [0], [2]];
    for (const [i, v] of voters.entries()) expect((await castVote(v, ballot.id, pick(ballot, 0, choices[i]!))).ok).toBe(true);
    // One voter turned e-mails about votes off in the cabinet; another reads English.
    await db.update(users).set({ emailOptOut: ['votes'] }).where(eq(users.id, voters[1]!));
    await db.update(users).set({ locale: 'en' }).where(eq(users.id, voters[2]!));
    await closingTimeNow(ballot.id);
    await sweepBallots();
    const mails = await db.select().from(emailOutbox).where(inArray(emailOutbox.userId, voters));
    expect(mails).toHaveLength(5);
    expect(mails.some((m) => m.userId === voters[1])).toBe(false);
    const russian = mails.find((m) => m.userId === voters[0])!;
    const [titles] = await db.select({ ru: ballots.titleRu, en: ballots.titleEn }).from(ballots).where(eq(ballots.id, ballot.id));
    expect(russian.subject).toBe(`Итоги опубликованы: ${titles!.ru}`);
    expect(russian.bodyText).toMatch(/^Здравствуйте, Voter 0!/);
    expect(russian.bodyText).toContain(`/votes/${ballot.id}`);
    const english = mails.find((m) => m.userId === voters[2])!;
    expect(english.subject).toBe(`Results are out: ${titles!.en}`);
    expect(english.bodyText).toMatch(/^Hello Voter 2,/);
    const made2 = await db.select().from(decisions).where(eq(decisions.ballotId, ballot.id));
    // Option 0 has 4 votes, option 1 has 3, option 2 has 2: the top two win.
    expect(made2.map((d) => d.ideaId).sort()).toEqual([made[0]!.id, made[1]!.id].sort());
    const statuses = await db.select({ id: ideas.id, status: ideas.status }).from(ideas).where(eq(ideas.projectId, project!.id)).orderBy(ideas.id);
    expect(statuses.map((s) => s.status)).toEqual(['accepted', 'accepted', 'shortlisted']);
    const told = await db.select().from(notifications).where(and(eq(notifications.userId, author!), eq(notifications.kind, 'votes.notice.ideaAccepted')));
    expect(told).toHaveLength(2);
    const voterNotices = await db.select().from(notifications).where(and(eq(notifications.userId, voters[0]!), eq(notifications.kind, 'votes.notice.published')));
    expect(voterNotices).toHaveLength(1);
  });

  it('the winner rule: single choice takes the most votes; multiple with k takes the top k; a tie for the last place wins nothing; no votes never win', () => {
    const options = [1, 2, 3, 4].map((id) => ({ id, position: id, labelRu: '', labelEn: '', ideaId: null, hasImage: false }));
    expect(questionOutcome({ kind: 'single', maxChoices: 1, options }, { '1': 3, '2': 5, '3': 4 })).toEqual({ winners: [2], tied: [] });
    expect(questionOutcome({ kind: 'single', maxChoices: 1, options }, { '1': 3, '2': 5, '3': 5 })).toEqual({ winners: [], tied: [2, 3] });
    expect(questionOutcome({ kind: 'multiple', maxChoices: 2, options }, { '1': 3, '2': 5, '3': 1 })).toEqual({ winners: [2, 1], tied: [] });
    expect(questionOutcome({ kind: 'multiple', maxChoices: 2, options }, { '1': 5, '2': 5, '3': 1 })).toEqual({ winners: [1, 2], tied: [] });
    expect(questionOutcome({ kind: 'multiple', maxChoices: 2, options }, { '1': 5, '2': 3, '3': 3, '4': 1 })).toEqual({ winners: [1], tied: [2, 3] });
    expect(questionOutcome({ kind: 'single', maxChoices: 1, options }, {})).toEqual({ winners: [], tied: [] });
    expect(winners({ kind: 'single', maxChoices: 1, options }, { '1': 2, '2': 2 })).toEqual([]);
  });

  it('a tie makes no decision, however often the ballot is published, and its page names the tied answers', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 3 }] });
    const voters = await makeResidents(5);
    const choices = [0, 1, 0, 1, 2];
    for (const [i, v] of voters.entries()) expect((await castVote(v, ballot.id, pick(ballot, 0, choices[i]!))).ok).toBe(true);
    await closingTimeNow(ballot.id);
    await sweepBallots();
    await publishBallot(ballot.id);
    await sweepBallots();
    const [published] = await db.select({ status: ballots.status }).from(ballots).where(eq(ballots.id, ballot.id));
    expect(published!.status).toBe('published');
    expect(await db.select().from(decisions).where(eq(decisions.ballotId, ballot.id))).toEqual([]);
    const page = await (await new Browser().get(`/votes/${ballot.id}`)).text();
    const [first, second] = [ballot.questions[0]!.options[0]!, ballot.questions[0]!.options[1]!];
    expect(page).toContain(`A tie: ${first.labelEn} and ${second.labelEn} received the same number of votes`);
    expect(page).not.toContain('(winner)');
  });
});

describe('points', () => {
  it('credits a vote once and lets concurrent spends take the balance to zero but never below', async () => {
    const ballot = await makeBallot({ pointsReward: 25 });
    const [person] = await makeResidents(1);
    await Promise.all([castVote(person!, ballot.id, pick(ballot, 0, 0)), castVote(person!, ballot.id, pick(ballot, 0, 1))]);
    expect(await pointsBalance(person!)).toBe(25);
    await db.insert(pointsLedger).values({ userId: person!, delta: 35, reason: 'idea' });
    const [reward] = await db.insert(rewards).values({ titleRu: 'Т', titleEn: 'Test reward', descriptionRu: 'о', descriptionEn: 'd', cost: 20 }).returning({ id: rewards.id });
    const spends = await Promise.all(Array.from({ length: 10 }, () => spendPoints(person!, reward!.id)));
    expect(spends.filter((s) => s.ok)).toHaveLength(3);
    expect(spends.filter((s) => !s.ok).every((s) => !s.ok && s.errors.rewardId === 'votes.notEnoughPoints')).toBe(true);
    expect(await pointsBalance(person!)).toBe(0);
  });

  it('keeps the points ledger append-only for the app', async () => {
    await expect(sql`UPDATE points_ledger SET delta = 1000 WHERE id = (SELECT min(id) FROM points_ledger)`).rejects.toThrow(/permission denied/);
    await expect(sql`DELETE FROM ballot_ledger WHERE seq = 1`).rejects.toThrow(/permission denied/);
  });
});

describe('verify-ballot, the CLI anyone can run', () => {
  let dir: string;
  let receipt: string;
  let ledgerCsv: string;
  let ballotId: number;
  beforeAll(async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 3 }, { kind: 'multiple', maxChoices: 2, options: 3 }] });
    ballotId = ballot.id;
    const voters = await makeResidents(12);
    for (const [i, v] of voters.entries()) {
      const r = await castVote(v, ballot.id, { ...pick(ballot, 0, i % 3), ...pick(ballot, 1, i % 2 ? [0, 2] : [1]) });
      if (r.ok && i === 5) receipt = r.value.receipt;
    }
    await closingTimeNow(ballot.id);
    await sweepBallots();
    const browser = new Browser();
    dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    ledgerCsv = await (await browser.get(`/votes/${ballot.id}/ledger.csv`)).text();
    writeFileSync(join(dir, 'ledger.csv'), ledgerCsv);
    writeFileSync(join(dir, 'ledger.json'), await (await browser.get(`/votes/${ballot.id}/ledger.json`)).text());
    writeFileSync(join(dir, 'results.json'), await (await browser.get(`/votes/${ballot.id}/results.json`)).text());
  });

  const verify = async (file: string, ...args: string[]) => {
    try {
      const { stdout } = await run(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/verify-ballot.ts'), file, ...args], { cwd: root });
      return { code: 0, stdout };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout + e.stderr };
    }
  };
  const tampered = (name: string, change: (lines: string[]) => string[]) => {
    const lines = ledgerCsv.trimEnd().split('\n');
    const file = join(dir, `${name}-ledger.csv`);
    writeFileSync(file, change(lines).join('\n') + '\n');
    return file;
  };

  it('confirms an untouched ledger (CSV and JSON) and finds the voter’s receipt in it', async () => {
    const ok = await verify(join(dir, 'ledger.csv'), '--receipt', receipt);
    expect(ok.stdout).toContain('OK: the chain is intact');
    expect(ok.stdout).toMatch(/receipt [0-9A-Z]+: found at seq \d+/);
    expect(ok.code).toBe(0);
    expect((await verify(join(dir, 'ledger.json'), '--results', join(dir, 'results.json'))).code).toBe(0);
  });

  it('fails on an unknown receipt', async () => {
    const r = await verify(join(dir, 'ledger.csv'), '--receipt', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('no entry has receipt_hash');
  });

  it('detects a changed choice and says which entry', async () => {
    const file = tampered('changed', (lines) => {
      const row = lines[4]!;
      const changed = row.replace(/"\{""(\d+)"":\[(\d+)\]/, (_m, q: string, o: string) => `"{""${q}"":[${Number(o) % 2 === 0 ? Number(o) - 1 : Number(o) + 1}]`);
      expect(changed).not.toBe(row);
      lines[4] = changed;
      return lines;
    });
    const r = await verify(file, '--results', join(dir, 'results.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MISMATCH at entry 4 \(file line 5\): entry_hash does not match/);
  });

  it('detects a removed line', async () => {
    const r = await verify(tampered('removed', (lines) => lines.filter((_, i) => i !== 7)), '--results', join(dir, 'results.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MISMATCH at entry 7 \(file line 8\): seq is 8, expected 7/);
    expect(r.stdout).toContain('the ledger has 11 entries, the published count is 12');
  });

  it('detects reordered lines', async () => {
    const r = await verify(tampered('reordered', (lines) => [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)]), '--results', join(dir, 'results.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/MISMATCH at entry 1 \(file line 2\): seq is 2, expected 1/);
  });

  it('detects a published tally that does not match the ledger', async () => {
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8')) as { questions: { options: { votes: number }[] }[] };
    results.questions[0]!.options[0]!.votes += 1;
    writeFileSync(join(dir, 'inflated-results.json'), JSON.stringify(results));
    const r = await verify(join(dir, 'ledger.csv'), '--results', join(dir, 'inflated-results.json'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the ledger counts \d+, the published tally says \d+/);
  });

  it('checks the catalogue’s file of every ballot, each chain against its own results, and says which ballot breaks where', async () => {
    const browser = new Browser();
    const combined = await (await browser.get('/data/ballot-ledgers/ballot-ledgers.csv')).text();
    const lines = combined.trimEnd().split('\n');
    expect(lines[0]).toBe('ballot_id,seq,receipt_hash,choices,prev_hash,entry_hash');
    const ballotIds = [...new Set(lines.slice(1).map((l) => Number(l.split(',', 1)[0])))];
    expect(ballotIds).toContain(ballotId);
    expect(ballotIds.length).toBeGreaterThan(1);
    for (const id of ballotIds) writeFileSync(join(dir, `results-${id}.json`), await (await browser.get(`/votes/${id}/results.json`)).text());
    writeFileSync(join(dir, 'ballot-ledgers.csv'), combined);
    const results = join(dir, 'results-{id}.json');

    const ok = await verify(join(dir, 'ballot-ledgers.csv'), '--results', results, '--receipt', receipt);
    expect(ok.stdout).toContain(`OK: the chain is intact and every published count is recomputed from the ledger, for each of the ${ballotIds.length} ballots.`);
    expect(ok.stdout).toMatch(new RegExp(`receipt [0-9A-Z]+: found in ballot ${ballotId} at seq \\d+`));
    expect(ok.code).toBe(0);

    // A changed choice in our ballot's fourth entry: only that ballot fails, at that line of the file.
    const at = lines.findIndex((l) => l.startsWith(`${ballotId},4,`));
    const changed = [...lines];
    changed[at] = lines[at]!.replace(/"\{""(\d+)"":\[(\d+)\]/, (_m, q: string, o: string) => `"{""${q}"":[${Number(o) % 2 === 0 ? Number(o) - 1 : Number(o) + 1}]`);
    expect(changed[at]).not.toBe(lines[at]);
    writeFileSync(join(dir, 'changed-ballot-ledgers.csv'), changed.join('\n') + '\n');
    const broken = await verify(join(dir, 'changed-ballot-ledgers.csv'), '--results', results);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`MISMATCH ballot ${ballotId}: at entry 4 (file line ${at + 1}): entry_hash does not match`);
    expect(broken.stdout.match(/^MISMATCH ballot (\d+)/gm)!.every((m) => m === `MISMATCH ballot ${ballotId}`)).toBe(true);

    // Without --results, a local file of many ballots has no results to compare with: each chain is checked alone.
    const alone = await verify(join(dir, 'ballot-ledgers.csv'), '--receipt', receipt);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain(`OK: the chain is intact for each of the ${ballotIds.length} ballots and holds the receipt; no published results were given`);
    const brokenAlone = await verify(join(dir, 'changed-ballot-ledgers.csv'));
    expect(brokenAlone.code).toBe(1);
    expect(brokenAlone.stdout).toContain(`MISMATCH ballot ${ballotId}: at entry 4 (file line ${at + 1}): entry_hash does not match`);
  });

  it('checks a downloaded ledger file alone, as the README writes the command: chain and receipt, exit 0; a changed line, exit 1', async () => {
    // A folder with the ledger only, nothing beside it.
    const lonely = mkdtempSync(join(tmpdir(), 'ledger-alone-'));
    const file = join(lonely, `ballot-${ballotId}.csv`);
    writeFileSync(file, ledgerCsv);
    const npm = (...args: string[]) =>
      run('npm', ['run', '--silent', 'verify-ballot', '--', ...args], { cwd: root }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
      );
    const ok = await npm(file, '--receipt', receipt);
    expect(ok.stdout).toContain('results: none given or found beside the ledger');
    expect(ok.stdout).toMatch(/chain intact: 12 entries, head [0-9a-f]{64}/);
    expect(ok.stdout).toMatch(/receipt [0-9A-Z-]+: found at seq \d+/);
    expect(ok.stdout).toContain('OK: the chain is intact and holds the receipt; no published results were given, so the counts were not compared.');
    expect(ok.code).toBe(0);
    // The counts printed are the ledger's own: 12 answers to the first question, in all.
    const firstQuestion = /question \d+: (.*) \(counted, not compared\)/.exec(ok.stdout)![1]!;
    expect(firstQuestion.split(', ').reduce((sum, part) => sum + Number(part.split(' = ')[1]), 0)).toBe(12);

    const lines = ledgerCsv.trimEnd().split('\n');
    writeFileSync(file, [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)].join('\n') + '\n');
    const broken = await npm(file);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/MISMATCH at entry 1 \(file line 2\): seq is 2, expected 1/);
    expect((await npm(file, '--receipt', 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH')).code).toBe(1);
  });

  it('publishes no identity: the ledger has no user ids, names or e-mails', async () => {
    expect(ledgerCsv.split('\n')[0]).toBe('seq,receipt_hash,choices,prev_hash,entry_hash');
    expect(ledgerCsv).not.toMatch(/@|[0-9a-f]{8}-[0-9a-f]{4}-/);
    const catalog = (await (await new Browser().get('/data/catalog.json')).json()) as { datasets?: { id?: string; name?: string }[] } | { id?: string; name?: string }[];
    expect(JSON.stringify(catalog)).toContain('ballot-ledgers');
  });
});

describe('live tally', () => {
  it('pushes a new count to a listening Server-Sent Events client after a cast commits', async () => {
    const ballot = await makeBallot();
    const browser = new Browser();
    const response = await browser.get(`/votes/${ballot.id}/live`);
    expect(response.headers.get('Content-Type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextTally = async () => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^event: tally\ndata: (.*)$/m.exec(event);
          if (data) return JSON.parse(data[1]!) as { votes: Record<string, number> };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    expect(Object.values((await nextTally()).votes).reduce((a, b) => a + b, 0)).toBe(0);
    const [voter] = await makeResidents(1);
    expect((await castVote(voter!, ballot.id, pick(ballot, 0, 2))).ok).toBe(true);
    const pushed = await nextTally();
    expect(pushed.votes[ballot.questions[0]!.options[2]!.id]).toBe(1);
    await reader.cancel();
  });

  it('hides live results when the admin asks, until the close', async () => {
    const ballot = await makeBallot({ hideResults: true });
    expect((await new Browser().get(`/votes/${ballot.id}/live`)).status).toBe(404);
    expect(await (await new Browser().get(`/votes/${ballot.id}`)).text()).toContain('Results are shown when the ballot closes.');
  });
});


describe('the public API for ballots', () => {
  it('lists ballots and shows a published one’s final counts, a hidden one’s none, in the documented shape', async () => {
    const { ballotDetailSchema, ballotSummarySchema } = await import('#app/modules/votes/api.server');
    const ballot = await makeBallot();
    const hidden = await makeBallot({ hideResults: true });
    const voters = await makeResidents(3);
    for (const v of voters) await castVote(v, ballot.id, pick(ballot, 0, 1));
    await castVote(voters[0]!, hidden.id, pick(hidden, 0, 0));
    await closingTimeNow(ballot.id);
    await sweepBallots();
    const client = new Browser();
    const listed = (await (await client.get('/api/v1/ballots')).json()) as { data: unknown[] };
    for (const b of listed.data) ballotSummarySchema.parse(b);
    expect(listed.data.map((b) => (b as { id: number }).id)).toEqual(expect.arrayContaining([ballot.id, hidden.id]));
    const detail = ballotDetailSchema.parse(await (await client.get(`/api/v1/ballots/${ballot.id}`)).json());
    expect(detail.results).toBe('final');
    expect(detail.questions[0]!.options.map((o) => o.votes)).toEqual([0, 3, 0]);
    expect(detail.chain_head).toMatch(/^[0-9a-f]{64}$/);
    const secret = ballotDetailSchema.parse(await (await client.get(`/api/v1/ballots/${hidden.id}`)).json());
    expect(secret.results).toBe('hidden');
    expect(secret.questions[0]!.options.every((o) => o.votes === null)).toBe(true);
    expect((await client.get('/api/v1/ballots/abc')).status).toBe(400);
    expect((await client.get('/api/v1/ballots/999999999')).status).toBe(404);
  });
});

describe('decisions tracked to done', () => {
  it('admin adds a step, reports progress with a photo, marks it done: an evaluation poll opens and voters hear of each stage', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 2 }] });
    const voters = await makeResidents(3);
    for (const v of voters) await castVote(v, ballot.id, pick(ballot, 0, 0));
    await closingTimeNow(ballot.id);
    await sweepBallots();
    const [decision] = await db.select().from(decisions).where(eq(decisions.ballotId, ballot.id));
    expect(decision!.optionId).toBe(ballot.questions[0]!.options[0]!.id);

    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const resident = (await newResident('decision')).browser;
    expect((await resident.post(`/decisions/${decision!.id}`, { intent: 'done' })).status).toBe(403);

    const added = await admin.post(`/decisions/${decision!.id}`, { intent: 'item', titleRu: 'Смета', titleEn: 'Estimate', departmentId: '', dueOn: '2027-03-01' });
    expect(added.status).toBe(302);
    const [item] = await db.select().from(implementationItems).where(eq(implementationItems.decisionId, decision!.id));
    const form = new FormData();
    for (const [k, v] of Object.entries({ intent: 'progress', itemId: String(item!.id), text: 'Half of it is done', progress: '50', status: 'in_progress' })) form.set(k, v);
    form.append('photos', new File([new Uint8Array(await jpegWithGps())], 'site.jpg', { type: 'image/jpeg' }));
    const progressed = await admin.postMultipart(`/decisions/${decision!.id}`, form);
    expect(progressed.status).toBe(302);
    const photos = await sql<{ id: number }[]>`SELECT p.id FROM implementation_photos p JOIN implementation_updates u ON u.id = p.update_id WHERE u.item_id = ${item!.id}`;
    expect(photos).toHaveLength(1);
    const page = await (await new Browser().get(`/decisions/${decision!.id}`)).text();
    // Titled with the ballot's question and the answer that won it, on its page and in the list.
    expect(page).toContain('<h1>Question 1 — Answer 1</h1>');
    expect(await (await new Browser().get('/decisions')).text()).toContain(`href="/decisions/${decision!.id}">Question 1 — Answer 1</a>`);
    expect(page).toContain('Half of it is done');
    expect(page).toContain(`/media/implementation-photos/${photos[0]!.id}`);
    expect((await new Browser().get(`/media/implementation-photos/${photos[0]!.id}`)).headers.get('Content-Type')).toBe('image/jpeg');

    expect((await admin.post(`/decisions/${decision!.id}`, { intent: 'done' })).status).toBe(302);
    const [done] = await db.select().from(decisions).where(eq(decisions.id, decision!.id));
    expect(done!.status).toBe('done');
    const evaluation = (await getBallot(done!.evaluationBallotId!))!;
    expect(evaluation.status).toBe('open');
    expect(evaluation.evaluatesDecisionId).toBe(decision!.id);
    expect((await castVote(voters[1]!, evaluation.id, pick(evaluation, 0, 0))).ok).toBe(true);
    await closingTimeNow(evaluation.id);
    await sweepBallots();
    // The evaluation's result is shown beside the decision, and publishing an evaluation makes no decisions.
    expect(await db.select().from(decisions).where(eq(decisions.ballotId, evaluation.id))).toEqual([]);
    expect(await (await new Browser().get('/decisions')).text()).toContain('Residents’ evaluation: “Yes, it worked” (100 % of 1 answer)');

    // What the voters hear of this decision. A ballot opening in their district (the evaluation poll's among them) is
    // told by the workers' broadcast job whenever it runs, so those notices may or may not be there yet.
    const kinds = (await db.select({ kind: notifications.kind }).from(notifications).where(and(eq(notifications.userId, voters[0]!), ne(notifications.kind, 'votes.notice.ballotOpened'))))
      .map((n) => n.kind)
      .sort();
    expect(kinds).toEqual(['votes.notice.done', 'votes.notice.itemAdded', 'votes.notice.progress', 'votes.notice.published']);
    const audit = await sql<{ action: string }[]>`SELECT action FROM audit_log WHERE target_type IN ('decision', 'implementation_item') AND (target_id = ${String(decision!.id)} OR target_id = ${String(item!.id)}) ORDER BY id`;
    expect(audit.map((a) => a.action)).toEqual(['decision.add-item', 'decision.progress', 'decision.done']);
    // Once done, nothing more is added.
    expect((await admin.post(`/decisions/${decision!.id}`, { intent: 'item', titleRu: 'Ещё', titleEn: 'More', dueOn: '2027-04-01' })).status).toBe(400);
  });
});
