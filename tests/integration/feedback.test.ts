import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback, reports } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { answerReport } from '#app/modules/reports/answer-report.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { Browser, newResident } from '../support/app';
import { departmentByName, placeAt, shortSlaCategory, userIdByEmail } from '../support/reports';

afterAll(closeConnections);

let moderatorId: string;
let officerId: string;
let northId: number;
beforeAll(async () => {
  moderatorId = await userIdByEmail('moderator@demo.vmeste.city');
  officerId = await userIdByEmail('department@demo.vmeste.city');
  northId = (await departmentByName('Roads service, North')).id;
});

/** A resident's report, answered by the north roads service (the demo officer's department). */
async function answeredReport(label: string) {
  const resident = await newResident(label);
  const authorId = await userIdByEmail(resident.email);
  const category = await shortSlaCategory();
  const filed = await submitReport(authorId, { categoryId: category.id, ...placeAt(143), address: 'Feedback street 1', description: 'A pothole to be answered and rated', confirmNew: 'yes' }, []);
  if (!filed.ok) throw new Error('submit failed');
  const id = filed.value.reportId;
  expect((await moderateReport(moderatorId, { intent: 'approve', reportId: id })).ok).toBe(true);
  await routeReport(id);
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  expect(row!.departmentId).toBe(northId);
  expect((await answerReport(officerId, [northId], id, 'Patched the same day.', [])).ok).toBe(true);
  return { ...resident, id };
}

describe('satisfaction feedback', () => {
  it('lets the author rate an answered report once, and nobody else', async () => {
    const { browser, id } = await answeredReport('rater');
    const page = await (await browser.get(`/reports/${id}`)).text();
    expect(page).toContain('How did the city handle your report?');

    const stranger = (await newResident('not-the-author')).browser;
    const refused = await stranger.post('/feedback', { subject: 'report', subjectId: String(id), score: '1', redirectTo: `/reports/${id}` });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('only your own completed interactions');
    expect(await (await stranger.get(`/reports/${id}`)).text()).not.toContain('How did the city handle your report?');

    const missing = await browser.post('/feedback', { subject: 'report', subjectId: String(id), comment: 'no score', redirectTo: `/reports/${id}` });
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('Choose a rating from 1 to 5');
    expect(missingHtml).toContain('value="no score"');

    // Ten at once from the same person (double clicks, two tabs): one rating.
    const attempts = await Promise.all(Array.from({ length: 10 }, () => browser.post('/feedback', { subject: 'report', subjectId: String(id), score: '2', comment: 'The answer came late and the hole is still deep', redirectTo: `/reports/${id}` })));
    expect(attempts.filter((r) => r.status === 302)).toHaveLength(1);
    expect(attempts.find((r) => r.status === 302)!.headers.get('Location')).toBe(`/reports/${id}?feedback=thanks`);
    const rows = await db.select().from(feedback).where(and(eq(feedback.subject, 'report'), eq(feedback.subjectId, id)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 2 });
    const after = await (await browser.get(`/reports/${id}?feedback=thanks`)).text();
    expect(after).toContain('Thank you for your rating.');
    expect(after).not.toContain('How did the city handle your report?');
  });

  it('shows staff the averages per department and category and the words of low ratings, officers only their own', async () => {
    const one = await answeredReport('words-1');
    const two = await answeredReport('words-2');
    for (const [who, comment] of [[one, 'Holes were patched badly, holes again'], [two, 'Patched badly and late']] as const) {
      expect((await who.browser.post('/feedback', { subject: 'report', subjectId: String(who.id), score: '1', comment, redirectTo: '/me' })).status).toBe(302);
    }
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const html = await (await admin.get('/admin/feedback')).text();
    expect(html).toContain('Roads service, North');
    expect(html).toContain('By problem category');
    // Stemmed by Postgres: "patched" → patch, "badly" → bad, in both comments.
    expect(html).toMatch(/<strong>patch<\/strong> — (<!-- -->)?in \d+ comments/);
    expect(html).toMatch(/<strong>bad<\/strong> — (<!-- -->)?in \d+ comments/);

    const officer = new Browser();
    await officer.signIn('department@demo.vmeste.city');
    const own = await (await officer.get('/admin/feedback')).text();
    expect(own).toContain('your department');
    expect(own).not.toContain('By crowdsourcing project');
    const resident = (await newResident('no-staff')).browser;
    expect((await resident.get('/admin/feedback')).status).toBe(403);
  });
});
