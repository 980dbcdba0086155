// The invitation to rate each step of a report (issue 17, ADR 050), over HTTP as its author, a follower, the moderator
// and the department see it: the checked and answered notices (in-app, e-mail, push link) lead the author to the
// rating form of that step on the report page, and a rated step says so there. Expected texts are written by hand.
import { Worker } from 'bullmq';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox, notifications, reportFollowers, reports, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { createRedis, queuePrefix } from '#app/utils/redis.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { routingQueueName } from '#app/modules/reports/jobs';
import { processRoutingJob } from '#app/modules/reports/processors.server';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { Browser, newResident } from '../support/app';
import { placeIn, shortSlaCategory, userIdByEmail, waitFor } from '../support/reports';

const connection = createRedis('worker');
let worker: Worker;
const moderator = new Browser();
const officer = new Browser();
// Where e-mails link to: APP_URL, else this server on its port (as the README says of APP_URL).
const origin = env.APP_URL ? env.APP_URL.replace(/\/$/, '') : `http://localhost:${env.PORT}`;

beforeAll(async () => {
  worker = new Worker(routingQueueName, processRoutingJob, { connection, prefix: queuePrefix(routingQueueName) });
  await moderator.signIn('moderator@demo.vmeste.city');
  await officer.signIn('department@demo.vmeste.city');
});

afterAll(async () => {
  await worker.close();
  connection.disconnect();
  await closeConnections();
});

const statusOf = async (id: number) => (await db.select({ status: reports.status }).from(reports).where(eq(reports.id, id)))[0]!.status;
const noticeOf = async (userId: string, kind: string) => (await db.select({ link: notifications.link }).from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind))))[0]?.link;
const mailsTo = async (userId: string) => db.select({ subject: emailOutbox.subject, body: emailOutbox.bodyText, channel: emailOutbox.channel }).from(emailOutbox).where(eq(emailOutbox.userId, userId)).orderBy(desc(emailOutbox.id));

/** A resident's report in the north roads' district, filed and followed by a second resident. */
async function fileReport(label: string) {
  const author = await newResident(label);
  const authorId = await userIdByEmail(author.email);
  await db.update(users).set({ locale: 'en' }).where(eq(users.id, authorId));
  const category = await shortSlaCategory();
  const filed = await submitReport(authorId, { categoryId: category.id, ...placeIn('tverskoy'), address: 'Invitation street 7', description: 'The bench by the stop is broken', confirmNew: 'yes' }, []);
  if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
  const follower = await newResident(`${label}-follower`);
  const followerId = await userIdByEmail(follower.email);
  await db.update(users).set({ locale: 'en' }).where(eq(users.id, followerId));
  // A report is followed over HTTP once it is public; this one is followed from the start, to be told of its check.
  await db.insert(reportFollowers).values({ reportId: filed.value.reportId, userId: followerId });
  return { id: filed.value.reportId, author: author.browser, authorId, follower: follower.browser, followerId };
}

describe('inviting the author to rate each step of a report', () => {
  it('links the checked and answered notices to that step’s form, and the page says when the step is rated', async () => {
    const { id, author, authorId, follower, followerId } = await fileReport('invited');

    // The moderator approves over HTTP; the routing job sends the "approved" notice.
    expect((await moderator.post('/moderation/reports', { intent: 'approve', reportId: String(id) })).status).toBe(302);
    await waitFor(async () => (await statusOf(id)) === 'assigned', 'routed');
    expect(await noticeOf(authorId, 'notice.reportApproved')).toBe(`/reports/${id}#rate-moderated`);
    const [approvedMail] = await mailsTo(authorId);
    expect(approvedMail).toMatchObject({ subject: 'Vmeste: your report is with the department', channel: 'email' });
    expect(approvedMail!.body).toBe(`Hello Test invited,\n\nReport №${id} was approved and sent to the responsible department.\n\nHow was your report checked? Rate this step (optional, a minute): ${origin}/reports/${id}#rate-moderated`);
    // A follower cannot rate someone else's report: their notice and e-mail stay plain.
    expect(await noticeOf(followerId, 'notice.reportApproved')).toBe(`/reports/${id}`);
    expect((await mailsTo(followerId))[0]!.body).toBe(`Hello Test invited-follower,\n\nReport №${id} was approved and sent to the responsible department.`);
    expect(await (await author.get('/me/notifications')).text()).toContain(`href="/reports/${id}#rate-moderated"`);

    // Following the link: the form for the check, under that anchor.
    const checked = await (await author.get(`/reports/${id}`)).text();
    expect(checked).toMatch(/<section[^>]*id="rate-moderated"/);
    expect(checked).toContain('Rate the check of your report');
    expect(await (await follower.get(`/reports/${id}`)).text()).not.toContain('data-testid="feedback-form"');
    const ratedCheck = await author.post('/feedback', { subject: 'report', subjectId: String(id), stage: 'moderated', score: '4', redirectTo: `/reports/${id}` });
    expect(ratedCheck.status).toBe(302);
    const afterCheck = await (await author.get(`/reports/${id}`)).text();
    expect(afterCheck).toContain('<p id="rate-moderated" class="muted" data-testid="rated-stage">You have rated this step (Report checked) — thank you.</p>');
    expect(afterCheck).not.toContain('data-testid="feedback-form"');

    // The department answers over HTTP; the author now reads Russian.
    await db.update(users).set({ locale: 'ru' }).where(eq(users.id, authorId));
    const answer = new FormData();
    for (const [k, v] of Object.entries({ intent: 'answer', reportId: String(id), text: 'The bench was replaced on Tuesday' })) answer.set(k, v);
    expect((await officer.postMultipart('/department/reports', answer)).status).toBe(302);
    expect(await noticeOf(authorId, 'notice.reportAnswered')).toBe(`/reports/${id}#rate-answered`);
    const [answeredMail] = await mailsTo(authorId);
    expect(answeredMail).toMatchObject({ subject: '«Вместе»: на обращение дан ответ', channel: 'email' });
    expect(answeredMail!.body).toBe(`Здравствуйте, Test invited!\n\nСлужба ответила на обращение №${id}. Сообщите, решена ли проблема.\n\nНасколько хорош ответ? Оцените этот этап (необязательно, займёт минуту): ${origin}/reports/${id}#rate-answered`);
    expect(await noticeOf(followerId, 'notice.reportAnswered')).toBe(`/reports/${id}`);

    const answered = await (await author.get(`/reports/${id}`)).text();
    expect(answered).toMatch(/<section[^>]*id="rate-answered"/);
    expect(answered).toContain('How did the city handle your report?');
    // The earlier step keeps saying it was rated.
    expect(answered).toContain('id="rate-moderated"');
    const ratedAnswer = await author.post('/feedback', { subject: 'report', subjectId: String(id), stage: 'answered', score: '5', speed: '4', redirectTo: `/reports/${id}` });
    expect(ratedAnswer.status).toBe(302);
    const afterAnswer = await (await author.get(`/reports/${id}`)).text();
    expect(afterAnswer).toContain('<p id="rate-answered" class="muted" data-testid="rated-stage">You have rated this step (Report answered) — thank you.</p>');
    expect(afterAnswer).not.toContain('data-testid="feedback-form"');
    // Russian on the page too, for a reader who asks for it.
    const russian = await (await author.request(`/reports/${id}`, { headers: { 'Accept-Language': 'ru' } })).text();
    expect(russian).toContain('Вы уже оценили этот этап (Ответ на обращение) — спасибо.');
  });

  it('invites the author of a rejected report to rate the check', async () => {
    const { id, author, authorId } = await fileReport('rejected');
    expect((await moderator.post('/moderation/reports', { intent: 'reject', reportId: String(id), reason: 'duplicate' })).status).toBe(302);
    expect(await noticeOf(authorId, 'notice.reportRejected')).toBe(`/reports/${id}#rate-moderated`);
    expect((await mailsTo(authorId))[0]!.body).toMatch(new RegExp(`\\n\\nHow was your report checked\\? Rate this step \\(optional, a minute\\): ${origin.replace(/[.]/g, '\\.')}/reports/${id}#rate-moderated$`));
    const page = await (await author.get(`/reports/${id}`)).text();
    expect(page).toMatch(/<section[^>]*id="rate-moderated"/);
  });
});
