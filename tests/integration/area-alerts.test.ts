// Alerts by area (ADR 056), as a resident, someone without an account and a mail client see them: subscribing over
// HTTP, the double opt-in by a signed link that expires, the daily digest run by its queue and sent to a real SMTP
// server (once a day however often it runs, nothing on an empty day, nothing from outside the area), and the
// one-click unsubscribe (RFC 8058) and the signed "manage" link of ADR 062 (pause, resume, delete without an
// account) — with tampered, foreign and expired links refused.
import { Queue, Worker, type Job } from 'bullmq';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { areaAlertDigests, areaAlerts } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { createRedis, queuePrefix } from '#app/utils/redis.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { alertDigestJobId, alertDigestQueueName, cityDayOf, nextDay } from '#app/modules/alerts/jobs';
import { confirmAlert } from '#app/modules/alerts/manage-alert.server';
import { processAlertDigest } from '#app/modules/alerts/processors.server';
import { subscribeToArea } from '#app/modules/alerts/subscribe-to-area.server';
import { signAlertLink } from '#app/modules/alerts/tokens.server';
import { emailQueueName } from '#app/modules/notifications/jobs';
import { processEmailJob } from '#app/modules/notifications/processors.server';
import { answerReport } from '#app/modules/reports/answer-report.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { Browser, newResident, uniqueEmail } from '../support/app';
import { placeAt, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';
import { districtIdByCode } from '../support/votes';

// Its own queues and its own SMTP port: no other file's worker takes these jobs, no other file's server these mails.
// The digest hour is midnight, so today's digest is due whenever the test runs. Set before the app reads its environment.
vi.hoisted(() => {
  process.env.QUEUE_PREFIX = `{alerts-${process.pid}}`;
  process.env.SMTP_URL = `smtp://127.0.0.1:${20_000 + (process.pid % 20_000)}`;
  process.env.ALERT_DIGEST_HOUR = '0';
});

type Received = { to: string[]; raw: string };
const received: Received[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, session, callback) {
    let raw = '';
    stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    stream.on('end', () => {
      // Unfolded headers, soft line breaks of quoted-printable joined: what a mail client reads.
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: raw.replace(/\r\n[ \t]+/g, ' ').replace(/=\r?\n/g, '') });
      callback();
    });
  },
});
const mailsTo = (address: string) => received.filter((m) => m.to.includes(address));

const connection = createRedis('worker');
const digestQueue = new Queue(alertDigestQueueName, { connection: createRedis('producer'), prefix: queuePrefix(alertDigestQueueName) });
const workers: Worker[] = [];

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(20_000 + (process.pid % 20_000), '127.0.0.1', resolve));
  workers.push(new Worker(emailQueueName, processEmailJob, { connection, prefix: queuePrefix(emailQueueName), concurrency: 4 }));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await digestQueue.close();
  connection.disconnect();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await closeConnections();
});

/** Starts the digest queue's worker (once): the jobs queued when the alerts were made run now. */
function startDigestWorker() {
  if (!workers.some((w) => w.name === alertDigestQueueName)) workers.push(new Worker(alertDigestQueueName, processAlertDigest, { connection, prefix: queuePrefix(alertDigestQueueName), concurrency: 2 }));
}

/** Stops the digest queue's worker: the jobs queued from now on wait until it starts again (the digest hour). */
async function stopDigestWorker() {
  const at = workers.findIndex((w) => w.name === alertDigestQueueName);
  if (at >= 0) await workers.splice(at, 1)[0]!.close();
}

/** Waits for a digest job's outcome; a digest still delayed to the digest hour (a run before it, city time) is let go now. */
async function finished(jobId: string): Promise<unknown> {
  const waiting = (await digestQueue.getJob(jobId)) as Job | undefined;
  if (waiting && (await waiting.isDelayed())) await waiting.promote();
  return waitFor(async () => {
    const job = (await digestQueue.getJob(jobId)) as Job | undefined;
    return job && (await job.getState()) === 'completed' ? { value: job.returnvalue as unknown } : null;
  }, `digest job ${jobId}`, 30_000).then((r) => r.value);
}

async function fileApproved(place: { lat: number; lng: number }, description: string) {
  const { email } = await newResident('alert-author');
  const filed = await submitReport(await userIdByEmail(email), { categoryId: (await shortSlaCategory()).id, ...place, address: 'Alert street 1', description, confirmNew: 'yes' }, []);
  if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
  expect((await moderateReport(await userIdByEmail('moderator@demo.vmeste.city'), { intent: 'approve', reportId: filed.value.reportId })).ok).toBe(true);
  return filed.value.reportId;
}

const alertOf = async (id: number) => (await db.select().from(areaAlerts).where(eq(areaAlerts.id, id)))[0];
const linkIn = (raw: string, path: string) => new RegExp(`https?://[^\\s>]+(/alerts/${path}/[A-Za-z0-9._-]+)`).exec(raw)?.[1];

describe('alerts by area', () => {
  it('without an account: nothing is sent before the e-mailed link is confirmed with a POST; asking again sends no second link; bad links are refused', async () => {
    const email = uniqueEmail('watcher');
    const district = await districtIdByCode('zarechny');
    const browser = new Browser();
    const page = await (await browser.get(`/alerts?district=${district}`)).text();
    expect(page).toContain('name="email"');

    const asked = await browser.post('/alerts', { where: 'district', district: String(district), radius: '500', email });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain(`we have sent a link to ${email}`);
    const mail = await waitFor(async () => mailsTo(email)[0], 'the confirmation e-mail');
    expect(mail.raw).toContain('Subject: Confirm your alert about new reports');
    const confirmPath = linkIn(mail.raw, 'confirm')!;
    expect(confirmPath).toBeTruthy();
    const [alert] = await db.select().from(areaAlerts).where(eq(areaAlerts.email, email));
    expect(alert!.status).toBe('pending');

    // Asked again (and again from another address): the same alert, and no second e-mail within the hour.
    expect((await new Browser().post('/alerts', { where: 'district', district: String(district), radius: '500', email: email.toUpperCase() })).status).toBe(200);
    expect((await db.select().from(areaAlerts).where(eq(areaAlerts.email, email))).length).toBe(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo(email).length).toBe(1);

    // Unconfirmed, its digest sends nothing, even with a new report in the district.
    const mark = Math.random().toString(36).slice(2, 8);
    await fileApproved(placeAt(20), `Unconfirmed ${mark}`);
    const unconfirmed = await digestQueue.add('digest', { alertId: alert!.id, day: cityDayOf(new Date()) }, { jobId: `pending-${alert!.id}` });
    startDigestWorker();
    expect(await finished(unconfirmed.id!)).toBe('inactive');

    // Tampered, foreign (an unsubscribe link's token) and expired links: a clear 4xx, and nothing changes.
    const token = confirmPath.split('/').pop()!;
    const tampered = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    const otherAlert = token.replace(/^\d+/, String(alert!.id + 1));
    const expired = signAlertLink('confirm', alert!.id, Date.now() - 4 * 24 * 3600_000);
    for (const [bad, status] of [[tampered, 400], [otherAlert, 400], [signAlertLink('unsubscribe', alert!.id), 400], ['not-a-token', 400], [expired, 410]] as const) {
      const shown = await new Browser().get(`/alerts/confirm/${bad}`);
      expect(shown.status, bad).toBe(status);
      expect(await shown.text()).toContain(status === 410 ? 'This link has expired' : 'This link is not valid');
      expect((await new Browser().request(`/alerts/confirm/${bad}`, { method: 'POST', body: new URLSearchParams() })).status, bad).toBe(status);
    }
    // Opening the link (a person, or a scanner) only asks.
    const opened = await new Browser().get(confirmPath);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Start the daily e-mail about new reports and answers in this area');
    expect((await alertOf(alert!.id))!.status).toBe('pending');
    // The button: no session, no CSRF token — the signed link is the authority.
    const confirmed = await new Browser().request(confirmPath, { method: 'POST', body: new URLSearchParams() });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain('Your alert is on');
    expect((await alertOf(alert!.id))!.status).toBe('active');
    expect(await (await new Browser().request(confirmPath, { method: 'POST', body: new URLSearchParams() })).text()).toContain('already confirmed');
  });

  it('the daily digest lists the area’s new reports and answers once a day, nothing from outside, nothing on an empty day, with a one-click unsubscribe', async () => {
    const bearing = 40 + Math.floor(Math.random() * 200);
    const here = placeAt(bearing);
    const { browser, email } = await newResident('digest');
    const userId = await userIdByEmail(email);

    // Bounds first: a radius out of range and no area at all are field messages, never a 500.
    const tooSmall = await browser.post('/alerts', { where: 'point', lat: String(here.lat), lng: String(here.lng), radius: '10' });
    expect(tooSmall.status).toBe(400);
    expect(await tooSmall.text()).toContain('Must be between 50 and 5000');
    expect((await browser.post('/alerts', { where: 'nowhere' })).status).toBe(400);
    expect((await browser.post('/alerts', { where: 'address', address: 'Nonexistent boulevard 999999', radius: '500' })).status).toBe(400);

    // Nothing is sent before the reports below are filed: the digest hour comes when the worker starts.
    await stopDigestWorker();
    // Made by the use-case in this process, so their digests go to this file's queue (due at once: the digest hour is
    // midnight here), not to the shared web server's, whose workers would take them at 7 am city time.
    const made = await subscribeToArea({ userId }, { area: { lat: here.lat, lng: here.lng, radius: 250 }, label: 'Digest test point' });
    if (!made.ok) throw new Error(JSON.stringify(made.errors));
    const alertId = made.value.alertId;
    // An empty corner far outside the city: its alert's day has nothing new.
    const far = placeAt(bearing, 60);
    const quiet = await subscribeToArea({ userId }, { area: { lat: far.lat, lng: far.lng, radius: 250 }, label: 'Digest test corner' });
    if (!quiet.ok) throw new Error(JSON.stringify(quiet.errors));
    const quietId = quiet.value.alertId;
    expect((await browser.get('/me/alerts')).status).toBe(200);

    const mark = Math.random().toString(36).slice(2, 8);
    const inside = await fileApproved(here, `Pothole by the school ${mark}`);
    const outside = await fileApproved(placeAt(bearing + 8), `Broken bench ${mark}`);
    await routeReport(inside);
    const [report] = await db.execute<{ department_id: number }>(`SELECT department_id FROM reports WHERE id = ${inside}`);
    if (report?.department_id) {
      const officer = await userIdByEmail('department@demo.vmeste.city');
      await answerReport(officer, [report.department_id], inside, `Patched ${mark}`, []).catch(() => undefined);
    }

    const day = cityDayOf(new Date());
    startDigestWorker();
    expect(await finished(`alert-${alertId}-${day}`)).toBe('sent');
    expect(await finished(`alert-${quietId}-${day}`)).toBe('nothing-new');
    const digest = await waitFor(async () => mailsTo(email).find((m) => m.raw.includes(mark)), 'the digest');
    expect(digest.raw).toContain(`/reports/${inside}`);
    expect(digest.raw).toContain(`Pothole by the school ${mark}`);
    expect(digest.raw).not.toContain(`/reports/${outside}`);
    expect(digest.raw).not.toContain(`Broken bench ${mark}`);
    expect(digest.raw).toMatch(/New report/);
    expect(digest.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    const unsubscribeHeader = /List-Unsubscribe: <https?:\/\/[^>]+(\/alerts\/unsubscribe\/[A-Za-z0-9._-]+)>/.exec(digest.raw)?.[1];
    expect(unsubscribeHeader).toBeTruthy();
    expect(digest.raw).toContain(unsubscribeHeader!);

    // Run again the same day — a second job with another id, twice at once: no second e-mail.
    const again = await Promise.all([1, 2].map((n) => digestQueue.add('digest', { alertId, day }, { jobId: `again-${alertId}-${n}` })));
    for (const job of again) expect(await finished(job.id!)).toBe('already');
    await new Promise((r) => setTimeout(r, 1500));
    expect(mailsTo(email).filter((m) => m.raw.includes('Subject:') && m.raw.includes(mark)).length).toBe(1);
    const rows = await db.select().from(areaAlertDigests).where(eq(areaAlertDigests.alertId, alertId));
    expect(rows.map((r) => [r.day, r.reports >= 1, r.outboxId !== null])).toEqual([[day, true, true]]);
    const quietRows = await db.select().from(areaAlertDigests).where(eq(areaAlertDigests.alertId, quietId));
    expect(quietRows.map((r) => [r.reports, r.answers, r.outboxId])).toEqual([[0, 0, null]]);
    expect(mailsTo(email).filter((m) => m.raw.includes(`${far.lat.toFixed(5)}`)).length).toBe(0);

    // The one-click unsubscribe: a GET only asks; tampered and foreign tokens are refused; the mail client's POST acts.
    const shown = await new Browser().get(unsubscribeHeader!);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Stop the daily e-mail about this area');
    expect(await alertOf(alertId)).toBeTruthy();
    const token = unsubscribeHeader!.split('/').pop()!;
    for (const bad of [`${token.slice(0, -2)}xx`, token.replace(/^\d+/, String(quietId)), signAlertLink('confirm', alertId)]) {
      expect((await new Browser().request(`/alerts/unsubscribe/${bad}`, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) })).status, bad).toBe(400);
    }
    expect(await alertOf(alertId)).toBeTruthy();
    const oneClick = await new Browser().request(unsubscribeHeader!, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    expect(await alertOf(alertId)).toBeUndefined();
    // A mail client that posts twice is told the same.
    expect((await new Browser().request(unsubscribeHeader!, { method: 'POST', body: new URLSearchParams({ 'List-Unsubscribe': 'One-Click' }) })).status).toBe(200);
    const after = await new Browser().get(unsubscribeHeader!);
    expect(after.status).toBe(200);
    expect(await after.text()).toContain('data-state="gone"');
    expect(userId).toBeTruthy();
  });

  it('a resident manages only their own alerts, within the limit per person', async () => {
    const { browser } = await newResident('manager');
    const other = await newResident('intruder');
    const made = await browser.post('/alerts', { where: 'district', district: String(await districtIdByCode('sadovy')), radius: '500' });
    const alertId = Number(made.headers.get('Location')!.split('=')[1]);
    // Asking again finds the same alert.
    const again = await browser.post('/alerts', { where: 'district', district: String(await districtIdByCode('sadovy')), radius: '500' });
    expect(again.headers.get('Location')).toBe(`/me/alerts?exists=${alertId}`);

    expect((await other.browser.post('/me/alerts', { alert: String(alertId), intent: 'delete' })).status).toBe(400);
    expect(await alertOf(alertId)).toBeTruthy();
    for (const bad of [{ alert: 'abc', intent: 'pause' }, { alert: String(alertId), intent: 'explode' }, { alert: '99999999999', intent: 'pause' }]) {
      expect((await browser.post('/me/alerts', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await browser.post('/me/alerts', { alert: String(alertId), intent: 'pause' })).headers.get('Location')).toBe('/me/alerts?done=pause');
    expect((await alertOf(alertId))!.status).toBe('paused');
    expect(await (await browser.get('/me/alerts')).text()).toContain('Paused');
    await browser.post('/me/alerts', { alert: String(alertId), intent: 'resume' });
    expect((await alertOf(alertId))!.status).toBe('active');

    // Ten alerts each at most: the eleventh is refused with a message.
    for (let i = 1; i < 10; i++) expect((await browser.post('/alerts', { where: 'point', lat: String(55 + i / 100), lng: '37.5', radius: '500' })).status).toBe(302);
    const eleventh = await browser.post('/alerts', { where: 'point', lat: '56', lng: '37.5', radius: '500' });
    expect(eleventh.status).toBe(400);
    expect(await eleventh.text()).toContain('You have 10 alerts already');

    expect((await browser.post('/me/alerts', { alert: String(alertId), intent: 'delete' })).status).toBe(302);
    expect(await alertOf(alertId)).toBeUndefined();
  });

  it('without an account, the digest’s signed link pauses the alert (no digest then), resumes it (the next one comes) and deletes it; forged and foreign links change nothing', async () => {
    const bearing = 40 + Math.floor(Math.random() * 200);
    const here = placeAt(bearing);
    const email = uniqueEmail('manage-by-link');
    await stopDigestWorker();
    const made = await subscribeToArea({ email, locale: 'en' }, { area: { lat: here.lat, lng: here.lng, radius: 250 }, label: 'Manage test point' });
    const other = await subscribeToArea({ email: uniqueEmail('manage-other'), locale: 'en' }, { area: { lat: here.lat, lng: here.lng, radius: 500 }, label: 'Someone else’s point' });
    if (!made.ok || !other.ok) throw new Error('not subscribed');
    const alertId = made.value.alertId;
    const otherId = other.value.alertId;
    expect((await confirmAlert(alertId)).outcome).toBe('confirmed');
    expect((await confirmAlert(otherId)).outcome).toBe('confirmed');

    // Today's digest carries the manage link (and still the one-click unsubscribe).
    const today = cityDayOf(new Date());
    const first = `first-${Math.random().toString(36).slice(2, 8)}`;
    // Approved, then routed (the routing queue's work, which this file does not run): public from then on.
    await routeReport(await fileApproved(here, `Leaning lamp post ${first}`));
    startDigestWorker();
    expect(await finished(alertDigestJobId(alertId, today))).toBe('sent');
    const digest = await waitFor(async () => mailsTo(email).find((m) => m.raw.includes(first)), 'the first digest');
    expect(digest.raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(digest.raw).toContain('Pause, resume or delete this alert (no account needed):');
    const managePath = linkIn(digest.raw, 'manage')!;
    expect(managePath).toMatch(new RegExp(`^/alerts/manage/${alertId}\\.`));
    const token = managePath.split('/').pop()!;

    const shown = await new Browser().get(managePath);
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain('The daily e-mail about this area: Manage test point.');
    expect(page).toContain('data-status="active"');

    const post = (path: string, fields: Record<string, string>) =>
      new Browser().request(path, { method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    // A tampered signature, this signature on the other alert, the other alert's own link on this one, another purpose's link: 400, nothing changes.
    const otherToken = signAlertLink('manage', otherId);
    for (const bad of [`${token.slice(0, -2)}xx`, token.replace(/^\d+/, String(otherId)), otherToken.replace(/^\d+/, String(alertId)), signAlertLink('unsubscribe', alertId), signAlertLink('confirm', alertId), 'nonsense']) {
      expect((await post(`/alerts/manage/${bad}`, { intent: 'delete' })).status, bad).toBe(400);
      expect((await new Browser().get(`/alerts/manage/${bad}`)).status, bad).toBe(400);
    }
    expect((await alertOf(alertId))!.status).toBe('active');
    expect((await alertOf(otherId))!.status).toBe('active');
    // An unknown action is a field message.
    const unknown = await post(managePath, { intent: 'explode' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('Choose one of the options');

    // Paused: tomorrow's digest sends nothing, though the area has news.
    const paused = await post(managePath, { intent: 'pause' });
    expect(paused.status).toBe(302);
    expect(paused.headers.get('Location')).toBe(`${managePath}?done=pause`);
    expect((await alertOf(alertId))!.status).toBe('paused');
    expect((await alertOf(otherId))!.status).toBe('active');
    expect(await (await new Browser().get(`${managePath}?done=pause`)).text()).toContain('Alert paused.');
    const whilePaused = `paused-${Math.random().toString(36).slice(2, 8)}`;
    await routeReport(await fileApproved(here, `Blocked drain ${whilePaused}`));
    const tomorrow = nextDay(today);
    expect(await finished(alertDigestJobId(alertId, tomorrow))).toBe('inactive');

    // Resumed: the next day's digest comes, with what is new since the resumption.
    expect((await post(managePath, { intent: 'resume' })).headers.get('Location')).toBe(`${managePath}?done=resume`);
    expect((await alertOf(alertId))!.status).toBe('active');
    const afterResume = `resumed-${Math.random().toString(36).slice(2, 8)}`;
    await routeReport(await fileApproved(here, `Fallen sign ${afterResume}`));
    const dayAfter = nextDay(tomorrow);
    await digestQueue.add('digest', { alertId, day: dayAfter }, { jobId: alertDigestJobId(alertId, dayAfter) });
    expect(await finished(alertDigestJobId(alertId, dayAfter))).toBe('sent');
    const resumed = await waitFor(async () => mailsTo(email).find((m) => m.raw.includes(afterResume)), 'the digest after resuming');
    expect(resumed.raw).not.toContain(whilePaused);
    expect(mailsTo(email).filter((m) => m.raw.includes(whilePaused))).toEqual([]);
    const days = await db.select({ day: areaAlertDigests.day }).from(areaAlertDigests).where(eq(areaAlertDigests.alertId, alertId));
    expect(days.map((d) => d.day).sort()).toEqual([today, dayAfter]);

    // Deleted: gone for good; the link then says so, and the other alert is untouched.
    expect((await post(managePath, { intent: 'delete' })).headers.get('Location')).toBe(`${managePath}?done=delete`);
    expect(await alertOf(alertId)).toBeUndefined();
    expect(await (await new Browser().get(`${managePath}?done=delete`)).text()).toContain('Alert deleted.');
    expect((await new Browser().get(managePath)).status).toBe(410);
    expect((await post(managePath, { intent: 'pause' })).status).toBe(410);
    expect((await alertOf(otherId))!.status).toBe('active');
  });

  it('an alert paused over its digest hour and resumed later that day gets its next digests queued at once, not only at the next sweep', async () => {
    const here = placeAt(40 + Math.floor(Math.random() * 200));
    const email = uniqueEmail('resume-late');
    await stopDigestWorker();
    const made = await subscribeToArea({ email, locale: 'en' }, { area: { lat: here.lat, lng: here.lng, radius: 300 }, label: 'Resume test point' });
    if (!made.ok) throw new Error('not subscribed');
    const alertId = made.value.alertId;
    expect((await confirmAlert(alertId)).outcome).toBe('confirmed');
    const managePath = `/alerts/manage/${signAlertLink('manage', alertId)}`;
    const post = (fields: Record<string, string>) => new Browser().request(managePath, { method: 'POST', body: new URLSearchParams(fields), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

    // Paused when today's digest hour comes (midnight in this file): today's job finds it paused and sends nothing.
    expect((await post({ intent: 'pause' })).status).toBe(302);
    const today = cityDayOf(new Date());
    startDigestWorker();
    expect(await finished(alertDigestJobId(alertId, today))).toBe('inactive');

    // Resumed the same day, after the hour. No sweeper runs in this file: the resumption itself must queue what comes next.
    expect((await post({ intent: 'resume' })).status).toBe(302);
    const tomorrow = nextDay(today);
    const next = await waitFor(async () => (await digestQueue.getJob(alertDigestJobId(alertId, tomorrow))) ?? null, 'tomorrow’s digest queued');
    expect(await next.isDelayed()).toBe(true);
    // Today's was made too, from the moment of resuming (nothing new since): one row, no e-mail.
    const rows = await db.select({ day: areaAlertDigests.day, reports: areaAlertDigests.reports }).from(areaAlertDigests).where(eq(areaAlertDigests.alertId, alertId));
    expect(rows).toEqual([{ day: today, reports: 0 }]);
    expect(mailsTo(email).filter((m) => m.raw.includes('Resume test point') && !m.raw.includes('/alerts/confirm/'))).toEqual([]);
  });
});
