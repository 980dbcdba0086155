import { Worker } from 'bullmq';
import { and, count, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, reportEvents, reportFollowers, reportPhotos, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { createRedis, queuePrefix } from '#app/utils/redis.server';
import { photoBytes } from '#app/modules/reports/photo-store.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { answerReport, disputeReport } from '#app/modules/reports/answer-report.server';
import { arbitrateReport } from '#app/modules/reports/arbitrate-report.server';
import { escalateReport } from '#app/modules/reports/escalate-report.server';
import { deadlineQueueName, routingQueueName } from '#app/modules/reports/jobs';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { rateAnswer } from '#app/modules/reports/rate-answer.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import { followReport, submitReport } from '#app/modules/reports/submit-report.server';
import { processDeadlineJob, processRoutingJob } from '#app/modules/reports/processors.server';
import { Browser, newResident } from '../support/app';
import { departmentByName, jpegWithGps, placeAt, placeIn, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';

const connection = createRedis('worker');
let workers: Worker[] = [];
let moderatorId: string;
let arbiterId: string;

beforeAll(async () => {
  workers = [
    new Worker(routingQueueName, processRoutingJob, { connection, prefix: queuePrefix(routingQueueName) }),
    new Worker(deadlineQueueName, processDeadlineJob, { connection, prefix: queuePrefix(deadlineQueueName) }),
  ];
  moderatorId = await userIdByEmail('moderator@demo.vmeste.city');
  arbiterId = await userIdByEmail('arbiter@demo.vmeste.city');
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  connection.disconnect();
  await closeConnections();
});

const report = async (id: number) => (await db.select().from(reports).where(eq(reports.id, id)))[0]!;
const events = async (id: number) => (await db.select().from(reportEvents).where(eq(reportEvents.reportId, id)).orderBy(reportEvents.id)).map((e) => e.kind);

async function file(authorId: string, categoryId: number, place: { lat: number; lng: number }, files: File[] = []) {
  const result = await submitReport(authorId, { categoryId, ...place, address: 'Test street 1', description: 'A deep pothole in the road', confirmNew: 'yes' }, files);
  if (!result.ok) throw new Error(`submit failed: ${JSON.stringify(result.errors)}`);
  return result.value.reportId;
}

describe('routing', () => {
  it('routes by polygon: points on either side of a district border go to different departments', async () => {
    const { email } = await newResident('router');
    const author = await userIdByEmail(email);
    const category = await shortSlaCategory();
    // The border between Zarechny (north roads) and Sadovy (south roads) runs along the 144° bearing.
    const north = await file(author, category.id, placeAt(143));
    const south = await file(author, category.id, placeAt(145));
    for (const id of [north, south]) expect((await moderateReport(moderatorId, { intent: 'approve', reportId: id })).ok).toBe(true);
    await waitFor(async () => (await report(north)).status === 'assigned' && (await report(south)).status === 'assigned', 'both routed');
    expect((await report(north)).departmentId).toBe((await departmentByName('Roads service, North')).id);
    expect((await report(south)).departmentId).toBe((await departmentByName('Roads service, South')).id);
    const routed = await report(north);
    expect(routed.answerDueAt!.getTime() - routed.updatedAt.getTime()).toBeGreaterThan(3_500_000);
  });

  it('sends a report no department covers to the control desk with the reason, never drops it', async () => {
    const author = await userIdByEmail((await newResident('nomatch')).email);
    const category = await shortSlaCategory({ kind: 'lighthouses' });
    const id = await file(author, category.id, placeIn('centralny'));
    await moderateReport(moderatorId, { intent: 'approve', reportId: id });
    await waitFor(async () => (await report(id)).status === 'arbitration', 'arbitration');
    expect(await report(id)).toMatchObject({ arbitrationKind: 'unroutable', arbitrationReason: 'no-department' });
    expect(await events(id)).toEqual(['submitted', 'approved', 'unroutable']);
    expect(await routeReport(id)).toBe('not-ready');
  });

  it('refuses a place outside every district with a clear reason', async () => {
    const author = await userIdByEmail((await newResident('outside')).email);
    const category = await shortSlaCategory();
    const result = await submitReport(author, { categoryId: category.id, lat: 10, lng: 10, address: 'Far away', description: 'Somewhere else entirely' }, []);
    expect(result).toEqual({ ok: false, errors: { kind: 'outside-city' } });
  });
});

describe('a resident filing reports', () => {
  it('is offered the open report nearby instead of a duplicate, and can follow it', async () => {
    const first = await userIdByEmail((await newResident('first')).email);
    const second = await userIdByEmail((await newResident('second')).email);
    const category = await shortSlaCategory();
    const place = placeIn('lesnoy');
    const id = await file(first, category.id, place);
    // Offered and followable once public: moderated and routed (tests/integration/reports-privacy.test.ts: not before).
    await moderateReport(moderatorId, { intent: 'approve', reportId: id });
    await waitFor(async () => (await report(id)).status === 'assigned', 'routed');
    // ~20 m away, same category: offered; the resident follows it instead.
    const near = { lat: place.lat + 0.00018, lng: place.lng };
    const offer = await submitReport(second, { categoryId: category.id, ...near, address: 'Next door', description: 'The same pothole again' }, []);
    expect(offer.ok).toBe(false);
    expect(!offer.ok && offer.errors.kind === 'nearby' && offer.errors.nearby.map((n) => n.id)).toEqual([id]);
    expect((await followReport(second, id)).ok).toBe(true);
    const followers = await db.select().from(reportFollowers).where(eq(reportFollowers.reportId, id));
    expect(followers.map((f) => f.userId).sort()).toEqual([first, second].sort());
    // ~200 m away: not a duplicate.
    const far = await submitReport(second, { categoryId: category.id, lat: place.lat + 0.0018, lng: place.lng, address: 'Further', description: 'Another pothole further on' }, []);
    expect(far.ok).toBe(true);
  });

  it('stops at the daily limit with the time it resets', async () => {
    const author = await userIdByEmail((await newResident('limit')).email);
    const category = await shortSlaCategory();
    for (let i = 0; i < env.REPORTS_DAILY_LIMIT; i++) await file(author, category.id, placeAt(10 + i * 5, 9));
    const over = await submitReport(author, { categoryId: category.id, ...placeAt(200, 9), address: 'One more', description: 'The eleventh report today', confirmNew: 'yes' }, []);
    expect(over.ok).toBe(false);
    if (!over.ok && over.errors.kind === 'daily-limit') {
      expect(over.errors.limit).toBe(10);
      expect(over.errors.resetsAt.getTime()).toBeGreaterThan(Date.now());
      expect(over.errors.resetsAt.getTime() - Date.now()).toBeLessThanOrEqual(86_400_000);
    } else throw new Error(`expected the daily limit, got ${JSON.stringify(over)}`);
  });

  it('refuses a text file named .jpg and strips GPS from a real photo', async () => {
    const author = await userIdByEmail((await newResident('photos')).email);
    const category = await shortSlaCategory();
    const fake = new File([Buffer.from('not an image at all')], 'pothole.jpg', { type: 'image/jpeg' });
    const refused = await submitReport(author, { categoryId: category.id, ...placeIn('severny'), address: 'x street', description: 'Photo check report', confirmNew: 'yes' }, [fake]);
    expect(refused).toEqual({ ok: false, errors: { kind: 'photos', error: { key: 'photo.notImage' } } });
    const gps = await jpegWithGps();
    expect((await sharp(gps).metadata()).exif).toBeDefined();
    const id = await file(author, category.id, placeIn('severny'), [new File([new Uint8Array(gps)], 'pothole.jpg', { type: 'image/jpeg' })]);
    const [stored] = await db.select().from(reportPhotos).where(eq(reportPhotos.reportId, id));
    const meta = await sharp((await photoBytes({ data: stored!.data, storage_key: stored!.storageKey }))!).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
  });
});

describe('departments and the control desk', () => {
  it('lets a department act only on its own reports', async () => {
    const author = await userIdByEmail((await newResident('isolation')).email);
    const category = await shortSlaCategory();
    const id = await file(author, category.id, placeIn('tverskoy'));
    await moderateReport(moderatorId, { intent: 'approve', reportId: id });
    await waitFor(async () => (await report(id)).status === 'assigned', 'routed');
    const north = await departmentByName('Roads service, North');
    const south = await departmentByName('Roads service, South');
    expect((await report(id)).departmentId).toBe(north.id);
    const officer = await userIdByEmail('department@demo.vmeste.city');
    expect(await answerReport(officer, [south.id], id, 'We fixed it, honestly', [])).toEqual({ ok: false, errors: { reportId: 'reports.notYours' } });
    expect(await disputeReport(officer, [south.id], id, 'Not ours')).toEqual({ ok: false, errors: { reportId: 'reports.notYours' } });
    // Over HTTP: the south officer's queue does not list it, the north officer's does.
    const southOfficer = new Browser();
    const { email: southEmail } = await newResident('south-officer');
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    await admin.post('/admin/users', { intent: 'grant', userId: await userIdByEmail(southEmail), role: 'department', departmentId: String(south.id) });
    await southOfficer.post('/sign-in', { email: southEmail, password: 'a-long-password-1' });
    expect(await (await southOfficer.get('/department/reports')).text()).not.toContain(`/reports/${id}"`);
    const northOfficer = new Browser();
    await northOfficer.signIn('department@demo.vmeste.city');
    expect(await (await northOfficer.get('/department/reports')).text()).toContain(`/reports/${id}"`);
    const forged = await southOfficer.post('/department/reports', { intent: 'answer', reportId: String(id), text: 'Answer from the wrong department' });
    expect(forged.status).toBe(400);
    expect((await report(id)).status).toBe('assigned');
  });

  it('takes a dispute to the control desk, which reassigns and saves a routing exception', async () => {
    const author = await userIdByEmail((await newResident('dispute')).email);
    const category = await shortSlaCategory();
    const id = await file(author, category.id, placeIn('zarechny'));
    await moderateReport(moderatorId, { intent: 'approve', reportId: id });
    await waitFor(async () => (await report(id)).status === 'assigned', 'routed');
    const north = await departmentByName('Roads service, North');
    const parks = await departmentByName('Parks department');
    const officer = await userIdByEmail('department@demo.vmeste.city');
    expect((await disputeReport(officer, [north.id], id, 'This is a park path, not a road')).ok).toBe(true);
    expect(await report(id)).toMatchObject({ status: 'arbitration', arbitrationKind: 'dispute' });
    expect((await arbitrateReport(arbiterId, { intent: 'reassign', reportId: id, departmentId: parks.id, saveException: 'yes', note: undefined })).ok).toBe(true);
    expect(await report(id)).toMatchObject({ status: 'assigned', departmentId: parks.id });
    // The exception routes the next report of this category in this district to the parks department.
    const next = await file(author, category.id, { lat: placeIn('zarechny').lat + 0.002, lng: placeIn('zarechny').lng });
    await moderateReport(moderatorId, { intent: 'approve', reportId: next });
    await waitFor(async () => (await report(next)).status === 'assigned', 'routed');
    expect((await report(next)).departmentId).toBe(parks.id);
  });
});

describe('rating an answer', () => {
  it('reopens once with a new deadline, then a second "not satisfied" goes to the control desk, which can close it', async () => {
    const author = await userIdByEmail((await newResident('rater')).email);
    const category = await shortSlaCategory();
    const id = await file(author, category.id, placeIn('sosnovy'));
    await moderateReport(moderatorId, { intent: 'approve', reportId: id });
    await waitFor(async () => (await report(id)).status === 'assigned', 'routed');
    const dept = (await report(id)).departmentId!;
    const officer = await userIdByEmail('department@demo.vmeste.city');
    expect((await answerReport(officer, [dept], id, 'The pothole was filled on Monday', [])).ok).toBe(true);
    expect((await rateAnswer(officer, { reportId: id, satisfied: 'yes', reason: undefined })).ok).toBe(false);
    const firstDue = (await report(id)).answerDueAt!;
    expect(await rateAnswer(author, { reportId: id, satisfied: 'no', reason: 'Still a hole' })).toEqual({ ok: true, value: 'reopened' });
    const reopened = await report(id);
    expect(reopened).toMatchObject({ status: 'assigned', reopenCount: 1 });
    expect(reopened.answerDueAt!.getTime()).toBeGreaterThan(firstDue.getTime());
    await answerReport(officer, [dept], id, 'Filled again, properly this time', []);
    expect(await rateAnswer(author, { reportId: id, satisfied: 'no', reason: 'Still there' })).toEqual({ ok: true, value: 'control-desk' });
    expect(await report(id)).toMatchObject({ status: 'arbitration', arbitrationKind: 'unsatisfied' });
    expect((await arbitrateReport(arbiterId, { intent: 'uphold', reportId: id, note: 'Inspected: repaired' })).ok).toBe(true);
    expect((await report(id)).status).toBe('closed');
    expect(await events(id)).toEqual(['submitted', 'approved', 'routed', 'answered', 'reopened', 'answered', 'to-control-desk', 'upheld']);
  });

  it('closes the report when the resident is satisfied', async () => {
    const author = await userIdByEmail((await newResident('happy')).email);
    const category = await shortSlaCategory();
    const id = await file(author, category.id, placeIn('yuzhny'));
    await moderateReport(moderatorId, { intent: 'approve', reportId: id });
    await waitFor(async () => (await report(id)).status === 'assigned', 'routed');
    const r = await report(id);
    await answerReport(await userIdByEmail('department@demo.vmeste.city'), [r.departmentId!], id, 'Repaired the same day', []);
    expect(await rateAnswer(author, { reportId: id, satisfied: 'yes', reason: undefined })).toEqual({ ok: true, value: 'closed' });
  });
});

describe('deadlines', () => {
  it('fires the moderation escalation job at the due time, and escalating again changes nothing', async () => {
    const author = await userIdByEmail((await newResident('late')).email);
    const category = await shortSlaCategory({ moderationSeconds: 2 });
    const id = await file(author, category.id, placeIn('vostochny'));
    const escalated = await waitFor(async () => ((await report(id)).overdue ? report(id) : null), 'the escalation job', 10_000);
    expect(escalated.moderationEscalatedAt).not.toBeNull();
    const before = await events(id);
    expect(before.filter((k) => k === 'escalated')).toHaveLength(1);
    expect(await escalateReport(id, 'moderation')).toBe('not-due');
    expect(await events(id)).toEqual(before);
  });

  it('escalates an overdue answer once: flagged publicly, department supervisor e-mailed once, timeline stamped', async () => {
    const author = await userIdByEmail((await newResident('slow')).email);
    const category = await shortSlaCategory({ answerSeconds: 2 });
    const id = await file(author, category.id, placeIn('rechnoy'));
    await moderateReport(moderatorId, { intent: 'approve', reportId: id });
    await waitFor(async () => (await report(id)).status === 'assigned', 'routed');
    await waitFor(async () => (await report(id)).overdue, 'the answer escalation', 10_000);
    const dept = await departmentByName('Roads service, South');
    const mails = async () => (await db.select({ n: count() }).from(emailOutbox).where(and(eq(emailOutbox.toAddress, dept.email)))).at(0)!.n;
    const sent = await mails();
    expect(await escalateReport(id, 'answer')).toBe('not-due');
    expect(await escalateReport(id, 'answer')).toBe('not-due');
    expect(await mails()).toBe(sent);
    expect((await events(id)).filter((k) => k === 'escalated')).toHaveLength(1);
    // Answering late clears the public flag; the timeline keeps the escalation.
    await answerReport(await userIdByEmail('department@demo.vmeste.city'), [(await report(id)).departmentId!, dept.id], id, 'Sorry for the delay, fixed now', []);
    expect((await report(id)).overdue).toBe(false);
  });
});
