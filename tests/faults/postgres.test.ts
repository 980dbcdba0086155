// Postgres goes away under traffic: restarted mid-load, then made read-only while photos are uploaded.
// Requests must get a clear 503 (page or JSON), the app must recover without a restart, and nothing may be half-saved.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { psqlAdmin, startPostgres } from '../../scripts/services.mjs';
import { translator } from '#app/utils/i18n.server';
import { receiptHash } from '#app/modules/votes/ledger';
import { sql } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { Browser, uniqueEmail } from '../support/app';
import { projectRoot, startWeb, stopProcess } from '../support/processes';
import { jpegWithGps, placeIn, shortSlaCategory } from '../support/reports';
import { demoDistricts } from '#db/seed/demo-city';

const profile = process.env.FAULTS_OWN_POSTGRES;
const port = Number(process.env.E2E_PORT ?? 3999) + 50;
const baseUrl = `http://127.0.0.1:${port}`;
let web: ChildProcess | undefined;
/** The web server's output, shown when a check fails (it says why a request was lost). */
const webOutput: string[] = [];

type Outcome = 'ok' | 'clear-error' | 'lost';
type Resident = { browser: Browser; csrf: string; userId: string };

async function newResidentOverHttp(label: string): Promise<Resident> {
  const browser = new Browser('127.0.0.1', baseUrl);
  const email = uniqueEmail(label);
  const page = await (await browser.get('/register')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  const registered = await browser.request('/register', { method: 'POST', body: new URLSearchParams({ _csrf: csrf, name: `Fault ${label}`, email, password: 'a-long-password-1' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  if (registered.status !== 302) throw new Error(`register: ${registered.status}`);
  const [user] = await sql<{ id: string }[]>`SELECT id FROM users WHERE email = ${email}`;
  // Signing in starts a session, and the session its own CSRF token.
  return { browser, csrf: await browser.csrf(), userId: user!.id };
}

const lostDetails: string[] = [];

/** Stops or starts the profile's Postgres from another process, so this one (the clients) keeps running meanwhile. */
async function postgresControl(action: 'stopPostgres' | 'startPostgres') {
  const script = `import('${projectRoot}/scripts/services.mjs').then((m) => m.${action}(${JSON.stringify(profile)}))`;
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
}

/** The words of the error page (either language: a failed root loader cannot read the person's choice). */
const tryAgain = [translator('en')('error.text'), translator('ru')('error.text'), 'Service temporarily unavailable'];

/** What a response means to the person who sent it: done, a clear "try again", or something lost. */
async function judge(response: Response | Error, what: string): Promise<Outcome> {
  if (response instanceof Error) {
    lostDetails.push(`${what}: ${response.message}`);
    return 'lost';
  }
  const body = await response.text();
  if (response.status < 400) return 'ok';
  if (response.status === 503 && response.headers.get('Retry-After')) {
    if (tryAgain.some((text) => body.includes(text)) || body.includes('"unavailable"')) return 'clear-error';
  }
  const summary = /class="error-summary[\s\S]{0,400}/.exec(body)?.[0];
  lostDetails.push(`${what}: ${response.status} ${summary ?? body.slice(0, 200)}`);
  return 'lost';
}

async function submitReport(r: Resident, categoryId: number, i: number, photo: Buffer): Promise<{ outcome: Outcome; id?: number }> {
  const form = new FormData();
  const { lat, lng } = placeIn(demoDistricts[i % demoDistricts.length]!.code);
  for (const [k, v] of Object.entries({ _csrf: r.csrf, categoryId: String(categoryId), lat: String(lat), lng: String(lng), address: `Fault street ${i}`, description: `Fault-injection report number ${i}`, confirmNew: 'yes' })) form.set(k, v);
  form.append('photos', new File([new Uint8Array(photo)], 'p.jpg', { type: 'image/jpeg' }));
  const response = await r.browser.request('/reports/new', { method: 'POST', body: form }).catch((e: Error) => e);
  const id = response instanceof Response && response.status === 302 ? Number(/\/reports\/(\d+)/.exec(response.headers.get('Location') ?? '')?.[1]) : undefined;
  return { outcome: await judge(response, 'POST /reports/new'), id };
}

/** Every report these people have in the database has its photo and its "submitted" event: none is half-saved. */
async function halfSaved(userIds: string[]): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`
    SELECT r.id::int FROM reports r WHERE r.author_id = ANY(${userIds}::uuid[])
      AND ((SELECT count(*) FROM report_photos p WHERE p.report_id = r.id) <> 1
        OR NOT EXISTS (SELECT 1 FROM report_events e WHERE e.report_id = r.id AND e.kind = 'submitted'))`;
  return rows.map((r) => r.id);
}

/** The whole server read-only, as when its disk is full or it became a standby (ALTER SYSTEM cannot share a transaction). */
function setReadOnly(p: string, on: boolean) {
  psqlAdmin(p, on ? 'ALTER SYSTEM SET default_transaction_read_only = on' : 'ALTER SYSTEM RESET default_transaction_read_only');
  psqlAdmin(p, 'SELECT pg_reload_conf()');
}

beforeAll(async () => {
  if (!profile) return;
  web = await startWeb(port, { QUEUE_PREFIX: '{faults}', SMTP_URL: '', NODE_ENV: 'production', APP_URL: `http://127.0.0.1:${port}`, RATE_LIMIT_SCALE: '1000', REPORTS_DAILY_LIMIT: '100000', MAP_TILE_URL: '/tiles/{z}/{x}/{y}.png' });
  web.on('exit', (code, signal) => webOutput.push(`[web exited: ${code ?? signal}]`));
  for (const stream of [web.stdout!, web.stderr!]) stream.on('data', (d: Buffer) => webOutput.push(d.toString()));
});

afterAll(async () => {
  if (profile) {
    setReadOnly(profile, false);
    startPostgres(profile);
  }
  await stopProcess(web);
  await closeConnections();
});

describe.skipIf(!profile)('when Postgres fails', () => {
  it('answers 503 while it restarts under load, recovers without a restart, and loses nothing', async () => {
    const category = await shortSlaCategory();
    const photo = await jpegWithGps();
    const residents = await Promise.all([0, 1, 2, 3].map((i) => newResidentOverHttp(`pg-${i}`)));
    // Votes too: an open ballot and voters who each cast once, some of them while Postgres is away.
    const [ballot] = await sql<{ id: number }[]>`
      INSERT INTO ballots (title_ru, title_en, description_ru, description_en, status, opens_at, closes_at, verified_only)
      VALUES ('Сбой Postgres', 'Postgres fault', '-', '-', 'open', now() - interval '1 hour', now() + interval '1 hour', false) RETURNING id`;
    const [question] = await sql<{ id: number }[]>`INSERT INTO ballot_questions (ballot_id, position, text_ru, text_en) VALUES (${ballot!.id}, 1, 'Да?', 'Yes?') RETURNING id`;
    const [option] = await sql<{ id: number }[]>`INSERT INTO ballot_options (question_id, position, label_ru, label_en) VALUES (${question!.id}, 1, 'Да', 'Yes') RETURNING id`;
    // A few at a time: sixty registrations at once (a password hash each) outlast the server's 10 s answer bound on a
    // loaded machine, and the set-up is not what this test is about.
    const voters: Resident[] = [];
    for (let v = 0; v < 60; v += 6) voters.push(...(await Promise.all(Array.from({ length: 6 }, (_, k) => newResidentOverHttp(`pg-voter-${v + k}`)))));
    const receipts: string[] = [];
    let nextVoter = 0;
    const tally: Record<Outcome, number> = { ok: 0, 'clear-error': 0, lost: 0 };
    const accepted: number[] = [];
    let i = 0;
    let stopAt = Date.now() + 9000;
    const restart = (async () => {
      await new Promise((r) => setTimeout(r, 2000));
      await postgresControl('stopPostgres');
      await new Promise((r) => setTimeout(r, 2500));
      await postgresControl('startPostgres');
    })();
    const workers = residents.map(async (resident, w) => {
      while (Date.now() < stopAt) {
        const n = (i += 1);
        const kind = n % 4;
        if (kind === 0) {
          const { outcome, id } = await submitReport(resident, category.id, n, photo);
          tally[outcome] += 1;
          if (id) accepted.push(id);
        } else if (kind === 3 && nextVoter < voters.length) {
          const v = voters[nextVoter++]!;
          const body = new URLSearchParams({ _csrf: v.csrf, [`q${question!.id}`]: String(option!.id) });
          const response = await v.browser.request(`/votes/${ballot!.id}`, { method: 'POST', body, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }).catch((e: Error) => e);
          const html = response instanceof Response ? await response.clone().text() : '';
          const receipt = /data-testid="receipt">([^<]+)</.exec(html)?.[1];
          if (receipt) receipts.push(receipt);
          tally[receipt ? 'ok' : await judge(response, 'POST /votes')] += 1;
        } else {
          const path = kind === 1 ? '/reports' : '/api/v1/reports?limit=5';
          tally[await judge(await resident.browser.get(path).catch((e: Error) => e), `GET ${path}`)] += 1;
        }
        if (w === 0 && tally['clear-error'] > 0 && stopAt - Date.now() > 20_000) stopAt = Date.now() + 4000;
      }
    });
    await Promise.all([...workers, restart]);
    // Back without restarting the web process.
    let recovered = false;
    for (let attempt = 0; attempt < 40 && !recovered; attempt += 1) {
      recovered = (await residents[0]!.browser.get('/reports').catch(() => null))?.status === 200;
      if (!recovered) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered, `the app answers again after Postgres is back\n${webOutput.join('').slice(-3000)}`).toBe(true);
    const after = await submitReport(residents[1]!, category.id, 99_999, photo);
    expect(after.outcome).toBe('ok');

    const sent = tally.ok + tally['clear-error'] + tally.lost;
    console.log(`[faults] Postgres restarted under load: sent ${sent}, succeeded ${tally.ok}, failed with a clear 503 ${tally['clear-error']}, lost ${tally.lost}`);
    expect(tally.lost, lostDetails.join('\n')).toBe(0);
    expect(tally['clear-error'], 'the outage was felt').toBeGreaterThan(0);
    const userIds = residents.map((r) => r.userId);
    const stored = (await sql<{ id: number }[]>`SELECT id::int FROM reports WHERE author_id = ANY(${userIds}::uuid[])`).map((r) => r.id);
    expect(accepted.filter((id) => !stored.includes(id)), 'accepted reports missing').toEqual([]);
    expect(await halfSaved(userIds)).toEqual([]);
    // Every vote is whole: the participation, the anonymous ballot and the tally move together, and every receipt
    // handed out is among the ballots.
    const [votes] = await sql<{ participations: number; casts: number; shards: number }[]>`
      SELECT (SELECT count(*) FROM ballot_participations WHERE ballot_id = ${ballot!.id})::int AS participations,
             (SELECT count(*) FROM ballot_casts WHERE ballot_id = ${ballot!.id})::int AS casts,
             (SELECT coalesce(sum(votes), 0) FROM ballot_tally_shards WHERE option_id = ${option!.id})::int AS shards`;
    expect(votes!.casts).toBe(votes!.participations);
    expect(votes!.shards).toBe(votes!.participations);
    const counted = new Set((await sql<{ receipt_hash: string }[]>`SELECT receipt_hash FROM ballot_casts WHERE ballot_id = ${ballot!.id}`).map((r) => r.receipt_hash));
    expect(receipts.filter((r) => !counted.has(receiptHash(r))), 'receipts given but not counted').toEqual([]);
    // A vote may commit after its request was already answered 503 (the person is told to try again, and a retry
    // says "already voted"): counted once, never lost, never doubled.
    console.log(`[faults] Postgres restarted while voting: ${receipts.length} votes accepted with a receipt, ${votes!.participations} counted whole (participation, ballot and tally; ${votes!.participations - receipts.length} committed after a 503), 0 half-written, 0 doubled`);
  });

  it('refuses uploads with a clear 503 while the database is read-only, saving nothing, and takes them again after', async () => {
    const category = await shortSlaCategory();
    const photo = await jpegWithGps();
    const resident = await newResidentOverHttp('readonly');
    setReadOnly(profile!, true);
    try {
      // The setting reaches pooled sessions at their next statement; give the reload a moment.
      await new Promise((r) => setTimeout(r, 500));
      for (let n = 0; n < 3; n += 1) {
        const { outcome } = await submitReport(resident, category.id, n, photo);
        expect(outcome).toBe('clear-error');
      }
      const [row] = await sql<{ count: number }[]>`SELECT count(*)::int AS count FROM reports WHERE author_id = ${resident.userId}`;
      expect(row!.count).toBe(0);
    } finally {
      setReadOnly(profile!, false);
    }
    await new Promise((r) => setTimeout(r, 500));
    expect((await submitReport(resident, category.id, 10, photo)).outcome).toBe('ok');
    expect(await halfSaved([resident.userId])).toEqual([]);
  });
});
