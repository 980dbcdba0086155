import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedback, notifications, reports, users } from '#db/schema/index';
import { db, sql } from '#app/utils/db.server';
import { env } from '#app/utils/env.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { feedbackScopeOf, satisfactionOverTime, type FeedbackScope } from '#app/modules/feedback/queries.server';
import { feedbackGroups } from '#app/modules/feedback/schemas';
import { answerReport } from '#app/modules/reports/answer-report.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { routeReport } from '#app/modules/reports/route-report.server';
import { submitReport } from '#app/modules/reports/submit-report.server';
import { advanceStage } from '#app/modules/ideas/advance-stage.server';
import { saveProject } from '#app/modules/ideas/save-project.server';
import { stages } from '#app/modules/ideas/stages';
import { Browser, newResident } from '../support/app';
import { departmentByName, placeAt, shortSlaCategory, userIdByEmail } from '../support/reports';
import { districtIdByCode, makeBallot } from '../support/votes';

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
async function answeredReport(label: string, category?: Awaited<ReturnType<typeof shortSlaCategory>>) {
  const resident = await newResident(label);
  const authorId = await userIdByEmail(resident.email);
  category ??= await shortSlaCategory();
  const filed = await submitReport(authorId, { categoryId: category.id, ...placeAt(143), address: 'Feedback street 1', description: 'A pothole to be answered and rated', confirmNew: 'yes' }, []);
  if (!filed.ok) throw new Error('submit failed');
  const id = filed.value.reportId;
  expect((await moderateReport(moderatorId, { intent: 'approve', reportId: id })).ok).toBe(true);
  await routeReport(id);
  const [row] = await db.select().from(reports).where(eq(reports.id, id));
  expect(row!.departmentId).toBe(northId);
  expect((await answerReport(officerId, [northId], id, 'Patched the same day.', [])).ok).toBe(true);
  return { ...resident, id, categoryId: category.id };
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
    const category = await shortSlaCategory();
    const one = await answeredReport('words-1', category);
    const two = await answeredReport('words-2', category);
    for (const [who, comment] of [[one, 'Holes were patched badly, holes again'], [two, 'Patched badly and late']] as const) {
      expect((await who.browser.post('/feedback', { subject: 'report', subjectId: String(who.id), score: '1', comment, redirectTo: '/me' })).status).toBe(302);
    }
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const html = await (await admin.get('/admin/feedback')).text();
    expect(html).toContain('Roads service, North');
    expect(html).toContain('By problem category');
    // The words of the category's low ratings (the demo's own complaints fill the city-wide list), stemmed by
    // Postgres: "patched" → patch, "badly" → bad, in both comments.
    const words = await (await admin.get(`/admin/feedback?by=category&group=${category.id}`)).text();
    expect(words).toContain(`Most frequent words in low ratings: ${category.nameEn}`);
    expect(words).toMatch(/<strong>patch<\/strong> — (<!-- -->)?in 2 comments/);
    expect(words).toMatch(/<strong>bad<\/strong> — (<!-- -->)?in 2 comments/);

    const officer = new Browser();
    await officer.signIn('department@demo.vmeste.city');
    const own = await (await officer.get('/admin/feedback')).text();
    expect(own).toContain('your department');
    expect(own).not.toContain('By crowdsourcing project');
    const resident = (await newResident('no-staff')).browser;
    expect((await resident.get('/admin/feedback')).status).toBe(403);
  });

  it('gives staff the weekly average per group that counting the feedback table gives, and its CSV the same figures', async () => {
    const all: FeedbackScope = { departmentIds: 'all' };
    const tz = env.CITY_TIMEZONE;
    // Straight from the feedback table: each rating with its week and its group of each kind.
    const raw = await sql<{ week: string; score: number; department: number | null; category: number | null; project: number | null; ballot: number | null; centre: number | null; service: number | null }[]>`
      SELECT to_char(date_trunc('week', f.created_at AT TIME ZONE ${tz}), 'YYYY-MM-DD') AS week, f.score,
        r.department_id AS department, r.category_id AS category, i.project_id::int AS project, CASE WHEN f.subject = 'ballot' THEN f.subject_id::int END AS ballot,
        f.centre_id AS centre, f.service_id AS service
      FROM feedback f LEFT JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id LEFT JOIN ideas i ON f.subject = 'idea' AND i.id = f.subject_id
      WHERE f.created_at >= now() - interval '90 days'`;
    for (const group of feedbackGroups) {
      const series = await satisfactionOverTime(all, group, 90, 1000);
      const expected = new Map<string, { ratings: number; sum: number }>();
      for (const r of raw) {
        if (r[group] === null) continue;
        const key = `${r.week} ${r[group]}`;
        const e = expected.get(key) ?? { ratings: 0, sum: 0 };
        expected.set(key, { ratings: e.ratings + 1, sum: e.sum + r.score });
      }
      expect(series.weeks.length, group).toBe(expected.size);
      for (const w of series.weeks) {
        const e = expected.get(`${w.week} ${w.groupId}`)!;
        expect([w.week, w.groupId, w.ratings], group).toEqual([w.week, w.groupId, e.ratings]);
        expect(w.average, `${group} ${w.groupId} ${w.week}`).toBeCloseTo(e.sum / e.ratings, 2);
      }
      expect(series.groups.reduce((n, g) => n + g.ratings, 0), group).toBe(raw.filter((r) => r[group] !== null).length);
    }
    // The demo city has ratings of every kind on many weeks.
    const byDepartment = await satisfactionOverTime(all, 'department', 90);
    expect(byDepartment.groups).toHaveLength(5);
    expect(new Set(byDepartment.weeks.map((w) => w.week)).size).toBeGreaterThanOrEqual(10);
    // The five shown are the five most rated.
    const everyDepartment = await satisfactionOverTime(all, 'department', 90, 1000);
    expect(byDepartment.groups.map((g) => g.ratings)).toEqual(everyDepartment.groups.slice(0, 5).map((g) => g.ratings));

    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    const page = await (await admin.get('/admin/feedback?by=ballot')).text();
    expect(page).toContain('Satisfaction over time by ballot');
    expect(page).toContain('href="/admin/feedback.csv?days=90&amp;by=ballot"');
    const csv = await admin.get('/admin/feedback.csv?days=90&by=ballot');
    expect(csv.headers.get('Content-Type')).toContain('text/csv');
    const rows = parse(await csv.text(), { columns: true }) as Record<string, string>[];
    const ballots = await satisfactionOverTime(all, 'ballot', 90);
    expect(rows.map((r) => [r.week, Number(r.group_id), Number(r.ratings), Number(r.average)])).toEqual(ballots.weeks.map((w) => [w.week, w.groupId, w.ratings, w.average]));
  });

  it('never shows a department officer another department\'s series, words or CSV', async () => {
    const officer = new Browser();
    await officer.signIn('department@demo.vmeste.city');
    const scope = feedbackScopeOf({ roles: [{ role: 'department', departmentId: northId, projectId: null, centreId: null }] } as never);
    expect(scope).toEqual({ departmentIds: [northId], centreIds: [] });
    const [own] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM feedback f JOIN reports r ON f.subject = 'report' AND r.id = f.subject_id
      WHERE r.department_id = ${northId} AND f.created_at >= now() - interval '90 days'`;
    expect(own!.n).toBeGreaterThan(0);
    const departments = await satisfactionOverTime(scope, 'department', 90, 1000);
    expect(departments.groups.map((g) => g.id)).toEqual([northId]);
    const categories = await satisfactionOverTime(scope, 'category', 90, 1000);
    expect(categories.groups.reduce((n, g) => n + g.ratings, 0)).toBe(own!.n);
    for (const group of ['project', 'ballot'] as const) expect(await satisfactionOverTime(scope, group, 90)).toEqual({ groups: [], weeks: [] });

    const south = await departmentByName('Roads service, South');
    // Asked for by its id, another department's page is not there.
    expect((await officer.get(`/admin/feedback?by=department&group=${south.id}`)).status).toBe(404);
    for (const path of ['/admin/feedback?by=department', '/admin/feedback?by=ballot']) {
      const html = await (await officer.get(path)).text();
      expect(html, path).toContain('Satisfaction over time by department');
      expect(html, path).not.toContain('Roads service, South');
      expect(html, path).not.toContain('Vote: Parks');
    }
    for (const by of ['department', 'category', 'project', 'ballot']) {
      const rows = parse(await (await officer.get(`/admin/feedback.csv?by=${by}`)).text(), { columns: true }) as Record<string, string>[];
      expect(rows.length, by).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.group)), by).toEqual(new Set([by === 'category' ? 'category' : 'department']));
      if (by !== 'category') expect(new Set(rows.map((r) => Number(r.group_id))), by).toEqual(new Set([northId]));
    }
  });
});

describe('rating an idea\'s review and a vote, on their own pages', () => {
  const ideaQuestion = 'How was the review of your idea?';
  const ballotQuestion = 'How was voting for you?';

  it('offers the author of an assessed idea the rating form once, and nobody else', async () => {
    const adminId = await userIdByEmail('admin@demo.vmeste.city');
    const slug = `rate-${randomUUID().slice(0, 8)}`;
    const dates = Object.fromEntries(stages.flatMap((s, i) => [[`${s}Starts`, `2030-0${i + 1}-01`], [`${s}Ends`, `2030-0${i + 1}-20`]]));
    const saved = await saveProject(adminId, null, { slug, titleRu: `Тест ${slug}`, titleEn: `Test ${slug}`, descriptionRu: 'Проект для оценки', descriptionEn: 'A project to rate', districtIds: [], ...dates } as never, null);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const { browser: author } = await newResident('idea-author');
    const proposed = await author.post(`/projects/${slug}/new`, { title: 'Shade trees on the square', body: 'Plant shade trees on the square so it is usable in summer.', tags: 'trees', confirmNew: 'yes' });
    expect(proposed.status).toBe(302);
    const ideaId = Number(/\/ideas\/(\d+)/.exec(proposed.headers.get('Location')!)![1]);
    // Not reviewed yet: nothing to rate.
    expect(await (await author.get(`/ideas/${ideaId}`)).text()).not.toContain(ideaQuestion);
    expect((await author.post('/feedback', { subject: 'idea', subjectId: String(ideaId), score: '4', redirectTo: `/ideas/${ideaId}` })).status).toBe(400);

    const moved = await advanceStage(adminId, saved.value.id, 'reviewing');
    expect(moved.ok).toBe(true);
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    expect((await admin.post(`/expert/projects/${slug}`, { intent: 'assess', ideaId: String(ideaId), score: '4', verdict: 'recommend' })).status).toBe(302);

    const page = await (await author.get(`/ideas/${ideaId}`)).text();
    expect(page).toContain(ideaQuestion);
    expect(page).toContain('name="subject" value="idea"');
    const stranger = (await newResident('idea-stranger')).browser;
    expect(await (await stranger.get(`/ideas/${ideaId}`)).text()).not.toContain(ideaQuestion);
    expect((await stranger.post('/feedback', { subject: 'idea', subjectId: String(ideaId), score: '1', redirectTo: `/ideas/${ideaId}` })).status).toBe(400);

    const rated = await author.post('/feedback', { subject: 'idea', subjectId: String(ideaId), score: '4', comment: 'Quick and clear', redirectTo: `/ideas/${ideaId}` });
    expect(rated.status).toBe(302);
    expect(rated.headers.get('Location')).toBe(`/ideas/${ideaId}?feedback=thanks`);
    const after = await (await author.get(`/ideas/${ideaId}?feedback=thanks`)).text();
    expect(after).toContain('Thank you for your rating.');
    expect(after).not.toContain(ideaQuestion);
    expect(await db.select().from(feedback).where(and(eq(feedback.subject, 'idea'), eq(feedback.subjectId, ideaId)))).toHaveLength(1);
  });

  it('leads the shortlisted idea\'s author from the invitation to the form, then says the review was rated and refuses a second rating', async () => {
    const adminId = await userIdByEmail('admin@demo.vmeste.city');
    const slug = `rated-${randomUUID().slice(0, 8)}`;
    const dates = Object.fromEntries(stages.flatMap((s, i) => [[`${s}Starts`, `2030-0${i + 1}-01`], [`${s}Ends`, `2030-0${i + 1}-20`]]));
    const saved = await saveProject(adminId, null, { slug, titleRu: `Тест ${slug}`, titleEn: `Test ${slug}`, descriptionRu: 'Проект для оценки', descriptionEn: 'A project to rate', districtIds: [], ...dates } as never, null);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    const { browser: author, email } = await newResident('idea-rated');
    const proposed = await author.post(`/projects/${slug}/new`, { title: 'A drinking fountain in the park', body: 'Put a drinking fountain by the playground in the park.', tags: 'water', confirmNew: 'yes' });
    expect(proposed.status).toBe(302);
    const ideaId = Number(/\/ideas\/(\d+)/.exec(proposed.headers.get('Location')!)![1]);
    expect((await advanceStage(adminId, saved.value.id, 'reviewing')).ok).toBe(true);
    const admin = new Browser();
    await admin.signIn('admin@demo.vmeste.city');
    expect((await admin.post(`/expert/projects/${slug}`, { intent: 'assess', ideaId: String(ideaId), score: '5', verdict: 'recommend' })).status).toBe(302);
    expect((await admin.post(`/expert/projects/${slug}`, { intent: 'shortlist', ideaId: String(ideaId) })).status).toBe(302);

    // The invitation links to the form's anchor, where the form is.
    const authorId = await userIdByEmail(email);
    const [notice] = await db.select({ link: notifications.link }).from(notifications).where(and(eq(notifications.userId, authorId), eq(notifications.kind, 'ideas.notice.shortlisted')));
    expect(notice!.link).toBe(`/ideas/${ideaId}#rate-reviewed`);
    const invited = await (await author.get(`/ideas/${ideaId}`)).text();
    expect(invited).toMatch(/<section[^>]*id="rate-reviewed"/);
    expect(invited).not.toContain('data-testid="rated-stage"');

    expect((await author.post('/feedback', { subject: 'idea', subjectId: String(ideaId), stage: 'reviewed', score: '5', clarity: '4', redirectTo: `/ideas/${ideaId}` })).status).toBe(302);
    // The same anchor now says the step was rated, and offers no second form.
    const rated = await (await author.get(`/ideas/${ideaId}`)).text();
    expect(rated).toContain('<p id="rate-reviewed" class="muted" data-testid="rated-stage">You have rated this step (Idea reviewed) — thank you.</p>');
    expect(rated).not.toContain('data-testid="feedback-form"');
    const russian = await (await author.request(`/ideas/${ideaId}`, { headers: { 'Accept-Language': 'ru' } })).text();
    expect(russian).toContain('Вы уже оценили этот этап (Рассмотрение идеи) — спасибо.');
    // Another reader sees neither the form nor the author's rating.
    expect(await (await new Browser().get(`/ideas/${ideaId}`)).text()).not.toContain('data-testid="rated-stage"');
    // A second rating, posted anyway, is refused and the first one stays.
    const again = await author.post('/feedback', { subject: 'idea', subjectId: String(ideaId), stage: 'reviewed', score: '1', redirectTo: `/ideas/${ideaId}` });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('You have already rated this — thank you');
    expect((await db.select({ score: feedback.score }).from(feedback).where(and(eq(feedback.subject, 'idea'), eq(feedback.subjectId, ideaId)))).map((f) => f.score)).toEqual([5]);
  });

  it('offers a voter the rating form on the ballot page once they have voted, once', async () => {
    const ballot = await makeBallot();
    const { browser, email } = await newResident('ballot-rater');
    await db.update(users).set({ verified: true, districtId: await districtIdByCode('sadovy'), birthYear: 1990 }).where(eq(users.email, email));
    expect(await (await browser.get(`/votes/${ballot.id}`)).text()).not.toContain(ballotQuestion);

    const question = ballot.questions[0]!;
    const cast = await browser.post(`/votes/${ballot.id}`, { [`q${question.id}`]: String(question.options[1]!.id) });
    expect(cast.status).toBe(200);
    expect(await (await browser.get(`/votes/${ballot.id}`)).text()).toContain(ballotQuestion);
    const other = (await newResident('ballot-non-voter')).browser;
    expect(await (await other.get(`/votes/${ballot.id}`)).text()).not.toContain(ballotQuestion);

    const rated = await browser.post('/feedback', { subject: 'ballot', subjectId: String(ballot.id), score: '5', redirectTo: `/votes/${ballot.id}` });
    expect(rated.headers.get('Location')).toBe(`/votes/${ballot.id}?feedback=thanks`);
    const after = await (await browser.get(`/votes/${ballot.id}?feedback=thanks`)).text();
    expect(after).toContain('Thank you for your rating.');
    expect(after).not.toContain(ballotQuestion);
    expect((await browser.post('/feedback', { subject: 'ballot', subjectId: String(ballot.id), score: '1', redirectTo: `/votes/${ballot.id}` })).status).toBe(400);
  });
});
