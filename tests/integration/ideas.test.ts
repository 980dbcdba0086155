import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, ballotOptions, ballotQuestions, ballots, districts, ideaComments, ideaCredits, ideaSupports, ideas, notifications, projects, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { grantRole } from '#app/modules/accounts/grant-role.server';
import { advanceStage } from '#app/modules/ideas/advance-stage.server';
import { similarIdeasUncappedStatement } from '#app/modules/ideas/queries.server';
import { saveProject } from '#app/modules/ideas/save-project.server';
import { stages, type Stage } from '#app/modules/ideas/stages';
import { Browser, newResident } from '../support/app';
import { userIdByEmail } from '../support/reports';

let adminId: string;
const admin = new Browser();
const moderator = new Browser();
const expert = new Browser();

beforeAll(async () => {
  adminId = await userIdByEmail('admin@demo.vmeste.city');
  await admin.signIn('admin@demo.vmeste.city');
  await moderator.signIn('moderator@demo.vmeste.city');
  await expert.signIn('expert@demo.vmeste.city');
});
afterAll(async () => {
  await closeConnections();
});

/** A fresh project (whole city, or the given districts) moved forward to `stage` through the real use-cases. */
async function project(stage: Stage = 'collecting', districtIds: number[] = []) {
  const slug = `test-${randomUUID().slice(0, 8)}`;
  const dates = Object.fromEntries(stages.flatMap((s, i) => [[`${s}Starts`, `2030-0${i + 1}-01`], [`${s}Ends`, `2030-0${i + 1}-20`]])) as never;
  const saved = await saveProject(adminId, null, { slug, titleRu: `Тест ${slug}`, titleEn: `Test ${slug}`, descriptionRu: 'Описание проекта для теста', descriptionEn: 'A project for a test', districtIds, ...(dates as object) } as never, null);
  if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
  for (const s of stages.slice(1, stages.indexOf(stage) + 1)) {
    const moved = await advanceStage(adminId, saved.value.id, s);
    if (!moved.ok) throw new Error(JSON.stringify(moved.errors));
  }
  return { id: saved.value.id, slug };
}

async function propose(browser: Browser, slug: string, title: string, extra: Record<string, string> = {}) {
  const response = await browser.post(`/projects/${slug}/new`, { title, body: `${title}: this is what should change and why.`, tags: 'test', confirmNew: 'yes', ...extra });
  expect(response.status, await response.clone().text().then((t) => t.slice(0, 300))).toBe(302);
  return Number(/\/ideas\/(\d+)/.exec(response.headers.get('Location')!)![1]);
}

const row = async (id: number) => (await db.select().from(ideas).where(eq(ideas.id, id)))[0]!;

describe('stage rules, enforced on the server', () => {
  it('take ideas only while collecting, supports until reviewing ends, assessments only in review', async () => {
    const p = await project('collecting');
    const { browser } = await newResident('stages');
    const ideaId = await propose(browser, p.slug, 'Benches along the river walk');
    expect((await browser.post(`/ideas/${ideaId}`, { intent: 'support' })).status).toBe(302);
    // Not during collecting: the expert's form is refused.
    const early = await admin.post(`/expert/projects/${p.slug}`, { intent: 'assess', ideaId: String(ideaId), score: '4', verdict: 'recommend' });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain('only while the project is being reviewed');

    await advanceStage(adminId, p.id, 'reviewing');
    const late = await browser.post(`/projects/${p.slug}/new`, { title: 'Another bench idea entirely', body: 'Some long enough body text here.', confirmNew: 'yes' });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('no longer accepts new ideas');
    expect((await browser.post(`/ideas/${ideaId}`, { intent: 'withdraw' })).status).toBe(302);
    expect((await admin.post(`/expert/projects/${p.slug}`, { intent: 'assess', ideaId: String(ideaId), score: '4', verdict: 'recommend', note: 'Cheap and useful' })).status).toBe(302);

    await advanceStage(adminId, p.id, 'voting');
    const support = await browser.post(`/ideas/${ideaId}`, { intent: 'support' });
    expect(support.status).toBe(400);
    expect(await support.text()).toContain('Supports are closed');
    expect((await row(ideaId)).supportCount).toBe(0);
  });

  it('move a project one stage at a time, from a form that names the next stage', async () => {
    const p = await project('collecting');
    expect((await admin.get('/admin/projects/99999999999')).status).toBe(404);
    // A district number beyond any id is a field error, not a database error.
    const dates = Object.fromEntries(stages.flatMap((s, i) => [[`${s}Starts`, `2031-0${i + 1}-01`], [`${s}Ends`, `2031-0${i + 1}-20`]]));
    const form = { slug: `t-${randomUUID().slice(0, 8)}`, titleRu: 'Дворы', titleEn: 'Yards', descriptionRu: 'Описание проекта', descriptionEn: 'About the project', ...dates };
    expect((await admin.post('/admin/projects/new', { ...form, districtIds: '99999999999' })).status).toBe(400);
    expect((await admin.post('/admin/projects/new', { ...form, districtIds: '999999' })).status).toBe(400);
    expect((await admin.post('/admin/projects/new', form)).status).toBe(302);
    const skip = await admin.post(`/admin/projects/${p.id}`, { intent: 'advance-stage', stage: 'voting' });
    expect(skip.status).toBe(400);
    expect((await admin.post(`/admin/projects/${p.id}`, { intent: 'advance-stage', stage: 'reviewing' })).status).toBe(302);
    // A second click on the stale page changes nothing.
    expect((await admin.post(`/admin/projects/${p.id}`, { intent: 'advance-stage', stage: 'reviewing' })).status).toBe(400);
    expect((await db.select().from(projects).where(eq(projects.id, p.id)))[0]!.stage).toBe('reviewing');
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'project.stage'), eq(auditLog.targetId, String(p.id))));
    expect(audit).toHaveLength(1);
  });
});

describe('audience', () => {
  it('lets only residents of the project\'s districts propose and support; anyone may read and withdraw', async () => {
    const [district] = await db.select({ id: districts.id }).from(districts).limit(1);
    const p = await project('collecting', [district!.id]);
    const { browser, email } = await newResident('outsider');
    const refused = await browser.post(`/projects/${p.slug}/new`, { title: 'Benches in my district', body: 'Some long enough body text here.', confirmNew: 'yes' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('residents of its districts');
    await db.update(users).set({ districtId: district!.id }).where(eq(users.email, email));
    const ideaId = await propose(browser, p.slug, 'Benches in my district');
    const { browser: stranger } = await newResident('stranger');
    expect((await stranger.post(`/ideas/${ideaId}`, { intent: 'support' })).status).toBe(400);
    expect((await row(ideaId)).supportCount).toBe(0);
    expect((await new Browser().get(`/ideas/${ideaId}`)).status).toBe(200);
  });
});

describe('supports', () => {
  it('count one per person under 50 simultaneous attempts, and the counter stays exact', async () => {
    const p = await project('collecting');
    const { browser: author } = await newResident('author');
    const ideaId = await propose(author, p.slug, 'Shade trees in the market square');
    const { browser } = await newResident('eager');
    const token = await browser.csrf();
    const body = () => new URLSearchParams({ _csrf: token, intent: 'support' });
    const responses = await Promise.all(Array.from({ length: 50 }, () => browser.request(`/ideas/${ideaId}`, { method: 'POST', body: body(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })));
    expect(responses.map((r) => r.status).every((s) => s === 302)).toBe(true);
    const [{ n }] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM idea_supports WHERE idea_id = ${ideaId}`)) as unknown as [{ n: number }];
    expect(n).toBe(1);
    expect((await row(ideaId)).supportCount).toBe(1);
    // Again to withdraw.
    await browser.post(`/ideas/${ideaId}`, { intent: 'withdraw' });
    expect((await row(ideaId)).supportCount).toBe(0);
  });
});

describe('similar ideas', () => {
  it('offers the seeded near-duplicate while typing and again on a submit without JavaScript', async () => {
    const response = await new Browser().get(`/projects/clinics/similar?${new URLSearchParams({ title: 'Пандус у входа в поликлинику 3' })}`);
    expect(response.status).toBe(200);
    const { similar } = (await response.json()) as { similar: { id: number; title: string }[] };
    expect(similar.map((s) => s.title)).toContain('Пандус у входа в поликлинику №3');

    const { browser } = await newResident('similar');
    const submit = await browser.post('/projects/clinics/new', { title: 'Пандус у входа в поликлинику номер 3', body: 'Нужен пандус, коляски не проходят.', tags: '' });
    expect(submit.status).toBe(409);
    const html = await submit.text();
    expect(html).toContain('Similar ideas already exist');
    expect(html).toContain('Пандус у входа в поликлинику №3');
    expect(html).toContain('name="confirmNew" value="yes"');
  });

  it('ranks as every match ranked would, whether close titles settle it or only shared words find anything', async () => {
    const p = await project('collecting');
    const idea = (title: string, body: string, supportCount = 0) => ({ projectId: p.id, title, body, supportCount, status: 'published' as const, tags: [] });
    const inserted = await db
      .insert(ideas)
      .values([
        // Ten near-identical titles: the top five by similarity, then support.
        ...Array.from({ length: 10 }, (_, i) => idea(`Ramp at the clinic entrance ${i + 1}`, 'Wheelchairs cannot get in.', i * 10)),
        idea('Ramp at the clinic', 'Wheelchairs cannot get in.', 500),
        // Titles unlike the text typed below; only their words match.
        idea('Seating for the readers', 'More benches near the library entrance, benches near the library garden.', 3),
        idea('Shade for the readers', 'A roof over the benches near the library.', 7),
      ])
      .returning({ id: ideas.id, title: ideas.title });
    const id = (title: string) => inserted.find((row) => row.title === title)!.id;
    const similar = async (title: string) => {
      const response = await new Browser().get(`/projects/${p.slug}/similar?${new URLSearchParams({ title })}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { similar: { id: number }[] }).similar.map((s) => s.id);
    };
    const everyMatchRanked = async (title: string) => (await db.execute<{ id: number }>(similarIdeasUncappedStatement(p.id, title)!)).map((r) => r.id);

    // The numbered titles with one digit (closer than "… 10" or the shorter title), the most supported first.
    const ramps = await similar('Ramp at the clinic entrance');
    expect(ramps).toEqual([9, 8, 7, 6, 5].map((n) => id(`Ramp at the clinic entrance ${n}`)));
    expect(ramps).toEqual(await everyMatchRanked('Ramp at the clinic entrance'));
    // No title is close: the shared words find the two, the one naming them twice first.
    const benches = await similar('Benches near the library');
    expect(benches).toEqual([id('Seating for the readers'), id('Shade for the readers')]);
    expect(benches).toEqual(await everyMatchRanked('Benches near the library'));
    // A title between the two kinds.
    expect(await similar('Ramp to the clinic')).toEqual(await everyMatchRanked('Ramp to the clinic'));
  });

  it('ranks numbered look-alikes by the dozen as every match ranked would, with a number in the text too, and finds a renamed idea by its new title', async () => {
    const p = await project('collecting');
    // Already seen by a moderator: thirty-one new ideas would push other tests' ideas out of the moderators' queue.
    const seen = { status: 'published' as const, tags: [], moderatedAt: new Date() };
    const inserted = await db
      .insert(ideas)
      .values([
        ...Array.from({ length: 30 }, (_, i) => ({ projectId: p.id, title: `Bench at school ${i + 1}`, body: 'Nowhere to sit.', supportCount: (i + 1) * 10, ...seen })),
        { projectId: p.id, title: 'Reading room hours', body: 'Open it later.', supportCount: 1, ...seen },
      ])
      .returning({ id: ideas.id, title: ideas.title });
    const id = (title: string) => inserted.find((row) => row.title === title)!.id;
    const bench = (n: number) => id(`Bench at school ${n}`);
    const similar = async (title: string) => {
      const response = await new Browser().get(`/projects/${p.slug}/similar?${new URLSearchParams({ title })}`);
      expect(response.status).toBe(200);
      return ((await response.json()) as { similar: { id: number }[] }).similar.map((s) => s.id);
    };
    const everyMatchRanked = async (title: string) => (await db.execute<{ id: number }>(similarIdeasUncappedStatement(p.id, title)!)).map((r) => r.id);

    // A one-digit number adds two trigrams, two digits three: the one-digit titles are closer, the most supported first.
    expect(await similar('Bench at the school')).toEqual([9, 8, 7, 6, 5].map(bench));
    expect(await similar('Bench at the school')).toEqual(await everyMatchRanked('Bench at the school'));
    // "12" itself, then "1" (shares "  1", two trigrams), then the other teens (share "  1", three), most supported first.
    expect(await similar('Bench at school 12')).toEqual([12, 1, 19, 18, 17].map(bench));
    expect(await similar('Bench at school 12')).toEqual(await everyMatchRanked('Bench at school 12'));

    // Renamed to a title unlike any other: found by it.
    await db.update(ideas).set({ title: 'Benches at schools 4' }).where(eq(ideas.id, id('Reading room hours')));
    expect(await similar('Benches at schools')).toContain(id('Reading room hours'));
    expect(await similar('Benches at schools')).toEqual(await everyMatchRanked('Benches at schools'));
  });

  it('finds nothing for an unrelated title', async () => {
    const response = await new Browser().get(`/projects/clinics/similar?${new URLSearchParams({ title: 'Quantum chromodynamics lecture' })}`);
    expect(((await response.json()) as { similar: unknown[] }).similar).toEqual([]);
  });
});

describe('comments', () => {
  it('allow one level of replies and tell the person replied to', async () => {
    const p = await project('collecting');
    const { browser: author } = await newResident('thread');
    const ideaId = await propose(author, p.slug, 'Drinking fountains in the park');
    const { browser: other } = await newResident('replier');
    expect((await author.post(`/ideas/${ideaId}`, { intent: 'comment', body: 'First comment here' })).status).toBe(302);
    const [first] = await db.select().from(ideaComments).where(eq(ideaComments.ideaId, ideaId));
    expect((await other.post(`/ideas/${ideaId}`, { intent: 'comment', body: 'A reply to it', parentId: String(first!.id) })).status).toBe(302);
    const reply = (await db.select().from(ideaComments).where(eq(ideaComments.ideaId, ideaId))).find((c) => c.parentId === first!.id)!;
    const deeper = await author.post(`/ideas/${ideaId}`, { intent: 'comment', body: 'A reply to the reply', parentId: String(reply.id) });
    expect(deeper.status).toBe(400);
    expect((await row(ideaId)).commentCount).toBe(2);
    const authorId = (await db.select().from(ideas).where(eq(ideas.id, ideaId)))[0]!.authorId!;
    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, authorId), eq(notifications.kind, 'ideas.notice.reply')));
    expect(notes).toHaveLength(1);
  });
});

describe('merging duplicates', () => {
  it('keeps one support per person, moves comments, credits authors, and redirects the merged ideas', async () => {
    const p = await project('collecting');
    const a = await newResident('merge-a');
    const b = await newResident('merge-b');
    const c = await newResident('merge-c');
    const target = await propose(a.browser, p.slug, 'Ramp at the entrance of clinic 3');
    const source1 = await propose(b.browser, p.slug, 'Ramp at the entrance to clinic three');
    const source2 = await propose(c.browser, p.slug, 'A ramp at clinic 3 entrance please');
    // b supports target and source1 (must count once); c supports source1 and source2 (once); a supports source2.
    await b.browser.post(`/ideas/${target}`, { intent: 'support' });
    await b.browser.post(`/ideas/${source1}`, { intent: 'support' });
    await c.browser.post(`/ideas/${source1}`, { intent: 'support' });
    await c.browser.post(`/ideas/${source2}`, { intent: 'support' });
    await a.browser.post(`/ideas/${source2}`, { intent: 'support' });
    await c.browser.post(`/ideas/${source1}`, { intent: 'comment', body: 'Comment on a duplicate' });

    const groups = await moderator.get(`/moderation/ideas/duplicates?project=${p.id}`);
    expect(groups.status).toBe(200);
    const html = await groups.text();
    for (const id of [target, source1]) expect(html).toContain(`href="/ideas/${id}"`);

    const merged = await moderator.post('/moderation/ideas/duplicates', { targetId: String(target), sourceIds: [String(source1), String(source2)] });
    expect(merged.status).toBe(302);
    const survivor = await row(target);
    expect(survivor.supportCount).toBe(3);
    expect(await db.select().from(ideaSupports).where(eq(ideaSupports.ideaId, target))).toHaveLength(3);
    expect(survivor.commentCount).toBe(1);
    expect((await db.select().from(ideaComments).where(eq(ideaComments.ideaId, target))).map((x) => x.body)).toEqual(['Comment on a duplicate']);
    for (const id of [source1, source2]) {
      const s = await row(id);
      expect(s.status).toBe('merged');
      expect(s.mergedIntoId).toBe(target);
      expect(s.supportCount).toBe(0);
      const redirect = await new Browser().get(`/ideas/${id}`);
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get('Location')).toBe(`/ideas/${target}?from=${id}`);
    }
    const credits = await db.select().from(ideaCredits).where(eq(ideaCredits.ideaId, target));
    expect(credits.map((x) => x.fromIdeaId).sort()).toEqual([source1, source2].sort());
    const page = await (await new Browser().get(`/ideas/${target}`)).text();
    expect(page).toContain('Test merge-b');
    expect(page).toContain('Test merge-c');
    expect(await db.select().from(auditLog).where(and(eq(auditLog.action, 'idea.merge'), eq(auditLog.targetId, String(target))))).toHaveLength(1);
    // Merging into an idea that was itself merged is refused.
    const again = await moderator.post('/moderation/ideas/duplicates', { targetId: String(source1), sourceIds: [String(target)] });
    expect(again.status).toBe(400);
  });
});

describe('moderation', () => {
  it('hides an idea with a public reason, tells the author, and audits typo fixes with before and after', async () => {
    const p = await project('collecting');
    const { browser } = await newResident('hidden');
    const ideaId = await propose(browser, p.slug, 'Sell my garage cheap today');
    const edit = await moderator.post('/moderation/ideas', { intent: 'edit', ideaId: String(ideaId), title: 'Sell my garage cheaply today', body: 'Sell my garage cheap today: this is what should change and why.' });
    expect(edit.status).toBe(302);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'idea.edit'), eq(auditLog.targetId, String(ideaId))));
    expect(audit!.before).toMatchObject({ title: 'Sell my garage cheap today' });
    expect(audit!.after).toMatchObject({ title: 'Sell my garage cheaply today' });
    expect((await moderator.post('/moderation/ideas', { intent: 'hide', ideaId: String(ideaId), reason: 'An advertisement, not an idea' })).status).toBe(302);
    const page = await (await new Browser().get(`/ideas/${ideaId}`)).text();
    expect(page).toContain('An advertisement, not an idea');
    expect(page).not.toContain('what should change and why');
    const authorId = (await row(ideaId)).authorId!;
    expect(await db.select().from(notifications).where(and(eq(notifications.userId, authorId), eq(notifications.kind, 'ideas.notice.hidden')))).toHaveLength(1);    // The open data file leaves hidden ideas out and names no author.
    const csv = await (await new Browser().get('/data/ideas/ideas.csv')).text();
    expect(csv).toContain('Пандус у входа в поликлинику');
    expect(csv).not.toContain('Sell my garage');
    expect(csv).not.toContain('Test hidden');
  });

  it('takes abuse reports once per person and lets a moderator hide the comment', async () => {
    const p = await project('collecting');
    const { browser } = await newResident('flagged');
    const ideaId = await propose(browser, p.slug, 'Bicycle racks by the library');
    await browser.post(`/ideas/${ideaId}`, { intent: 'comment', body: 'Rude words here' });
    const [comment] = await db.select().from(ideaComments).where(eq(ideaComments.ideaId, ideaId));
    const { browser: reporter } = await newResident('reporter');
    for (let i = 0; i < 2; i++) expect((await reporter.post(`/ideas/${ideaId}`, { intent: 'flag', commentId: String(comment!.id), reason: 'Insults' })).status).toBe(302);
    const [{ n }] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM abuse_flags WHERE comment_id = ${comment!.id} AND resolved_at IS NULL`)) as unknown as [{ n: number }];
    expect(n).toBe(1);
    expect(await (await moderator.get('/moderation/ideas')).text()).toContain('Rude words here');
    expect((await moderator.post('/moderation/ideas', { intent: 'hide-comment', commentId: String(comment!.id), reason: 'Insults' })).status).toBe(302);
    expect((await row(ideaId)).commentCount).toBe(0);
    expect(await (await new Browser().get(`/ideas/${ideaId}`)).text()).not.toContain('Rude words here');
  });
});

describe('permissions per role and per project', () => {
  it('keep a project moderator and a project expert to their own project', async () => {
    const mine = await project('reviewing');
    const other = await project('reviewing');
    const { browser: resident } = await newResident('ideas-owner');
    const { browser: staff, email } = await newResident('scoped-staff');
    const staffId = await userIdByEmail(email);
    for (const role of ['moderator', 'expert'] as const) {
      const granted = await grantRole(adminId, { userId: staffId, role, projectId: mine.id, departmentId: undefined });
      expect(granted.ok).toBe(true);
    }
    // Ideas exist in both projects (put there directly: both are past collecting).
    const [inMine] = await db.insert(ideas).values({ projectId: mine.id, title: 'Idea in my project', body: 'Body of the idea in my project' }).returning();
    const [inOther] = await db.insert(ideas).values({ projectId: other.id, title: 'Idea in another project', body: 'Body of the idea in another project' }).returning();
    expect((await staff.get(`/expert/projects/${mine.slug}`)).status).toBe(200);
    expect((await staff.get(`/expert/projects/${other.slug}`)).status).toBe(403);
    expect((await staff.post(`/expert/projects/${other.slug}`, { intent: 'assess', ideaId: String(inOther!.id), score: '3', verdict: 'reject' })).status).toBe(403);
    // Naming another project's idea on my project's page is refused too.
    expect((await staff.post(`/expert/projects/${mine.slug}`, { intent: 'shortlist', ideaId: String(inOther!.id) })).status).toBe(403);
    expect((await staff.post(`/expert/projects/${mine.slug}`, { intent: 'shortlist', ideaId: String(inMine!.id) })).status).toBe(302);
    expect((await staff.post('/moderation/ideas', { intent: 'hide', ideaId: String(inOther!.id), reason: 'Not allowed' })).status).toBe(403);
    expect((await row(inOther!.id)).status).toBe('published');
    expect((await staff.post('/moderation/ideas', { intent: 'approve', ideaId: String(inMine!.id) })).status).toBe(302);
    const queue = await (await staff.get('/moderation/ideas')).text();
    expect(queue).not.toContain('Idea in another project');
    expect((await staff.get(`/moderation/ideas/duplicates?project=${other.id}`)).status).toBe(403);
    // A resident is refused every staff page.
    for (const path of ['/moderation/ideas', `/expert/projects/${mine.slug}`, '/admin/projects', `/admin/projects/${mine.id}`]) expect((await resident.get(path)).status).toBe(403);
  });
});

describe('send to vote', () => {
  it('turns the shortlist into a draft ballot whose options link back to the ideas, once', async () => {
    const p = await project('reviewing');
    const made = await db.insert(ideas).values([1, 2, 3, 4].map((n) => ({ projectId: p.id, title: `Shortlisted idea ${n}`, body: 'Body text of a shortlisted idea' }))).returning();
    for (const idea of made.slice(0, 3)) expect((await expert.post(`/expert/projects/${p.slug}`, { intent: 'shortlist', ideaId: String(idea.id) })).status).toBe(403);
    for (const idea of made.slice(0, 3)) expect((await admin.post(`/expert/projects/${p.slug}`, { intent: 'shortlist', ideaId: String(idea.id) })).status).toBe(302);
    const sent = await admin.post(`/admin/projects/${p.id}`, { intent: 'send-to-vote' });
    expect(sent.status).toBe(302);
    const ballotId = Number(/\/admin\/ballots\/(\d+)/.exec(sent.headers.get('Location')!)![1]);
    const [ballot] = await db.select().from(ballots).where(eq(ballots.id, ballotId));
    expect(ballot).toMatchObject({ status: 'draft', projectId: p.id });
    const [question] = await db.select().from(ballotQuestions).where(eq(ballotQuestions.ballotId, ballotId));
    expect(question).toMatchObject({ kind: 'multiple', maxChoices: 3 });
    const options = await db.select().from(ballotOptions).where(eq(ballotOptions.questionId, question!.id));
    expect(options.map((o) => o.ideaId).sort()).toEqual(made.slice(0, 3).map((i) => i.id).sort());
    expect(options[0]!.labelRu).toMatch(/^Shortlisted idea/);
    expect((await db.select().from(projects).where(eq(projects.id, p.id)))[0]!.stage).toBe('voting');
    expect((await admin.post(`/admin/projects/${p.id}`, { intent: 'send-to-vote' })).status).toBe(400);
  });
});

describe('lists', () => {
  it('page through a project with keyset cursors: no idea twice, none missed, in every order', async () => {
    const p = await project('collecting');
    const values = Array.from({ length: 45 }, (_, i) => ({ projectId: p.id, title: `Listed idea ${i}`, body: 'Body text for a listed idea', tags: i % 3 === 0 ? ['green'] : [], supportCount: i % 7, commentCount: i % 4, createdAt: new Date(Date.UTC(2030, 0, 1, 0, 0, i % 5)) }));
    await db.insert(ideas).values(values);
    for (const sort of ['new', 'supported', 'discussed']) {
      const seen: string[] = [];
      let next: string | null = `/projects/${p.slug}?sort=${sort}`;
      while (next) {
        const html = await (await new Browser().get(next)).text();
        seen.push(...[...html.matchAll(/>(Listed idea \d+)</g)].map((m) => m[1]!));
        const link = /rel="next"[^>]*href="([^"]+)"/.exec(html);
        next = link ? link[1]!.replace(/&amp;/g, '&') : null;
      }
      expect(seen).toHaveLength(45);
      expect(new Set(seen).size).toBe(45);
    }
    const tagged = await (await new Browser().get(`/projects/${p.slug}?tag=green`)).text();
    expect([...tagged.matchAll(/>Listed idea \d+</g)]).toHaveLength(15);
    // A forged or mismatched cursor is page 1, never an error.
    for (const after of ['9999-99-99T00:00:00.000000_5', '5_10', '2030-01-01T25:61:00_3', 'x_1']) {
      const response = await new Browser().get(`/projects/${p.slug}?sort=new&after=${encodeURIComponent(after)}`);
      expect(response.status, after).toBe(200);
    }
    expect((await new Browser().get(`/projects/${p.slug}?sort=supported&after=2030-01-01T00:00:00_3`)).status).toBe(200);
    const searched = await (await new Browser().get(`/projects/${p.slug}?q=${encodeURIComponent('"Listed idea 17"')}`)).text();
    expect(searched).toContain('>Listed idea 17<');
  });
});

describe('participatory budget', () => {
  /** A budget project in review: 1,000,000 RUB for the city's ideas and 300,000 RUB for the first district's. */
  async function budgetProject(districtIds: number[]) {
    const p = await project('collecting', districtIds);
    await db.update(projects).set({ budget: 1_000_000, currency: 'RUB' }).where(eq(projects.id, p.id));
    await db.execute(sql`UPDATE project_districts SET budget = 300000 WHERE project_id = ${p.id} AND district_id = ${districtIds[0]!}`);
    return p;
  }
  /** A refused form's messages as the page shows them: each field's (by its element's id) and the summary's lines. */
  async function refusal(response: Response) {
    expect(response.status).toBe(400);
    const html = await response.text();
    const decode = (text: string) => text.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    const fields = Object.fromEntries([...html.matchAll(/class="field__error" id="([^"]+)-error">([^<]*)</g)].map((m) => [m[1]!, decode(m[2]!)]));
    const summary = [...html.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => decode(m[1]!));
    return { fields, summary, html };
  }
  const districtPair = async () => (await db.select({ id: districts.id }).from(districts).orderBy(districts.id).limit(2)).map((d) => d.id);

  it('refuses a project budget that is not a positive amount with its currency, field by field', async () => {
    const [first, second] = await districtPair();
    const slug = `budget-${randomUUID().slice(0, 8)}`;
    const dates = Object.fromEntries(stages.flatMap((s, i) => [[`${s}Starts`, `2030-0${i + 1}-01`], [`${s}Ends`, `2030-0${i + 1}-20`]]));
    const form = { slug, titleRu: 'Бюджет района', titleEn: 'District budget', descriptionRu: 'Проект инициативного бюджета', descriptionEn: 'A participatory budget project', districtIds: [String(first)], ...dates, intent: 'save' };
    const refused = async (fields: Record<string, string>) => (await refusal(await admin.post('/admin/projects/new', { ...form, ...fields }))).fields;
    expect((await refused({ budget: '0', currency: 'RUB' }))['field-budget']).toBe('Must be between 1 and 999999999');
    expect((await refused({ budget: '-5', currency: 'RUB' }))['field-budget']).toBe('Must be between 1 and 999999999');
    expect((await refused({ budget: '12.5', currency: 'RUB' }))['field-budget']).toBe('Enter a whole number');
    expect((await refused({ budget: '5000', currency: 'rub' }))['field-currency']).toBe('Three capital letters, e.g. RUB');
    expect((await refused({ budget: '5000' }))['field-currency']).toBe('A budget needs its currency');
    expect((await refused({ currency: 'RUB' }))['field-budget']).toBe('Give a budget for the city or for a district, or leave the currency empty');
    expect((await refused({ currency: 'RUB', [`budget-${first}`]: 'many' }))[`field-budget-${first}`]).toBe('Must be between 1 and 999999999');
    expect((await refused({ currency: 'RUB', [`budget-${second}`]: '1000' }))[`field-budget-${second}`]).toBe('Tick this district in the audience to give it a budget');
    expect(await db.select().from(projects).where(eq(projects.slug, slug))).toHaveLength(0);
    const saved = await admin.post('/admin/projects/new', { ...form, budget: '1000000', currency: 'RUB', [`budget-${first}`]: '250000' });
    expect(saved.status).toBe(302);
    const [row] = await db.select().from(projects).where(eq(projects.slug, slug));
    expect(row).toMatchObject({ budget: 1_000_000, currency: 'RUB' });
    const [district] = await db.execute<{ budget: string }>(sql`SELECT budget::text FROM project_districts WHERE project_id = ${row!.id}`);
    expect(district!.budget).toBe('250000');
    // The edit form shows the budgets saved.
    const page = await (await admin.get(`/admin/projects/${row!.id}`)).text();
    expect(page).toContain('value="250000"');
  });

  it('takes the whole form of a city with 60 more districts: every district ticked, each with its budget', async () => {
    // 60 districts imported as an administrator does (small squares far from the demo city), removed at the end.
    const code = `many-${randomUUID().slice(0, 6)}`;
    const square = (x: number) => [[[x, 20], [x + 0.01, 20], [x + 0.01, 20.01], [x, 20.01], [x, 20]]];
    const features = Array.from({ length: 60 }, (_, i) => ({ type: 'Feature', properties: { code: `${code}-${i}`, name_ru: `Район ${i}`, name_en: `District ${i}` }, geometry: { type: 'Polygon', coordinates: square(20 + i * 0.02) } }));
    const upload = new FormData();
    upload.set('geojson', new File([JSON.stringify({ type: 'FeatureCollection', features })], 'districts.geojson', { type: 'application/geo+json' }));
    expect((await admin.postMultipart('/admin/districts', upload)).status).toBe(302);
    const slug = `many-${randomUUID().slice(0, 8)}`;
    try {
      const all = (await db.select({ id: districts.id, code: districts.code }).from(districts).orderBy(districts.id)).map((d) => ({ id: d.id, added: d.code.startsWith(code) }));
      expect(all.filter((d) => d.added)).toHaveLength(60);
      const dates = Object.fromEntries(stages.flatMap((s, i) => [[`${s}Starts`, `2030-0${i + 1}-01`], [`${s}Ends`, `2030-0${i + 1}-20`]]));
      // As the browser posts it: every district's tick and every district's budget field (empty for the demo's own).
      const budgets = Object.fromEntries(all.map((d, i) => [`budget-${d.id}`, d.added ? String(10_000 + i) : '']));
      const form = { slug, titleRu: 'Бюджет всех районов', titleEn: 'Every district budget', descriptionRu: 'Проект инициативного бюджета', descriptionEn: 'A participatory budget project', districtIds: all.map((d) => String(d.id)), currency: 'RUB', ...budgets, ...dates, intent: 'save' };
      const multipart = new FormData();
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) multipart.append(k, one);
      const saved = await admin.postMultipart('/admin/projects/new', multipart);
      expect(saved.status, await saved.clone().text().then((t) => t.slice(0, 200))).toBe(302);
      const [row] = await db.select().from(projects).where(eq(projects.slug, slug));
      const audience = await db.execute<{ district_id: number; budget: string | null }>(sql`SELECT district_id, budget::text FROM project_districts WHERE project_id = ${row!.id} ORDER BY district_id`);
      expect(audience).toHaveLength(all.length);
      expect(audience.filter((d) => d.budget !== null).map((d) => Number(d.budget))).toEqual(all.flatMap((d, i) => (d.added ? [10_000 + i] : [])));
      // The cap still bounds the body: a post with far more fields than the form has is refused before it is read.
      const junk = new FormData();
      for (const [k, v] of multipart) junk.append(k, v);
      for (let i = 0; i < 300; i++) junk.append(`junk${i}`, 'x');
      expect((await admin.postMultipart(`/admin/projects/${row!.id}`, junk)).status).toBe(413);
    } finally {
      await db.delete(projects).where(eq(projects.slug, slug));
      await db.execute(sql`DELETE FROM districts WHERE code LIKE ${`${code}-%`}`);
    }
  });

  it('takes the author\'s estimate only within the project\'s largest budget, and only in a budget project', async () => {
    const [first] = await districtPair();
    const p = await budgetProject([first!]);
    const { browser: resident, email } = await newResident('budget-author');
    await db.update(users).set({ districtId: first! }).where(eq(users.email, email));
    const refused = async (proposedCost: string) => (await refusal(await resident.post(`/projects/${p.slug}/new`, { title: 'A fountain in the square', body: 'A drinking fountain by the bus stop, for summer days.', confirmNew: 'yes', proposedCost }))).fields['field-proposedCost'];
    expect(await refused('0')).toBe('Must be between 1 and 999999999');
    expect(await refused('-100')).toBe('Must be between 1 and 999999999');
    expect(await refused('lots')).toBe('Enter a whole number');
    expect(await refused('1000001')).toBe('The cost must not be more than the budget of 1\u00a0000\u00a0000\u00a0RUB');
    const id = await propose(resident, p.slug, 'A fountain in the square', { proposedCost: '120000' });
    expect((await row(id)).proposedCost).toBe(120_000);
    const plain = await project('collecting');
    const response = await resident.post(`/projects/${plain.slug}/new`, { title: 'A bench by the pond', body: 'Two benches by the pond, facing the water.', confirmNew: 'yes', proposedCost: '5000' });
    // The field is not on a plain project's form, so its message is in the summary.
    expect((await refusal(response)).summary).toContain('This project is not a participatory budget');
  });

  it('lets experts cost and judge ideas (audited), shortlists only feasible costed ones, and sends one budget ballot per budget', async () => {
    const [first, second] = await districtPair();
    const p = await budgetProject([first!, second!]);
    const made = await db.insert(ideas).values([1, 2, 3, 4, 5].map((n) => ({ projectId: p.id, title: `Budget idea ${n}`, body: 'Body text of a budget idea', proposedCost: n * 100_000 }))).returning();
    await advanceStage(adminId, p.id, 'reviewing');
    const cost = (ideaId: number, fields: Record<string, string>) => admin.post(`/expert/projects/${p.slug}`, { intent: 'cost', ideaId: String(ideaId), ...fields });
    const fieldsOf = async (response: Response) => (await refusal(response)).fields;
    const [a, b, c, d, e] = made.map((i) => i.id) as [number, number, number, number, number];
    // Not yet costed: not on the shortlist.
    expect((await refusal(await admin.post(`/expert/projects/${p.slug}`, { intent: 'shortlist', ideaId: String(a) }))).summary).toContain('Only an idea the experts found feasible, with its cost, can be shortlisted');
    // Each message sits beside the field of the idea that was sent.
    expect((await fieldsOf(await cost(a, { feasibility: 'feasible', cost: '1000001' })))[`field-cost-${a}`]).toBe('The cost must not be more than the budget of 1\u00a0000\u00a0000\u00a0RUB');
    expect((await fieldsOf(await cost(a, { feasibility: 'feasible', cost: '0' })))[`field-cost-${a}`]).toBe('Must be between 1 and 999999999');
    expect((await fieldsOf(await cost(a, { feasibility: 'feasible' })))[`field-cost-${a}`]).toBe('A feasible idea needs its cost');
    expect((await fieldsOf(await cost(a, { feasibility: 'infeasible' })))[`field-reason-${a}`]).toBe('Say why it is not feasible');
    expect((await fieldsOf(await cost(a, { feasibility: 'maybe', cost: '100' })))[`field-feasibility-${a}`]).toBe('Choose one of the options');
    // The second district has no budget of its own; the first has 300,000.
    expect((await fieldsOf(await cost(c, { feasibility: 'feasible', cost: '1000', districtId: String(second) })))[`field-districtId-${c}`]).toBe('This project has no such budget');
    expect((await fieldsOf(await cost(c, { feasibility: 'feasible', cost: '300001', districtId: String(first) })))[`field-cost-${c}`]).toBe('The cost must not be more than the budget of 300\u00a0000\u00a0RUB');
    expect((await row(a)).feasibility).toBeNull();
    const { browser: resident } = await newResident('budget-resident');
    expect((await resident.post(`/expert/projects/${p.slug}`, { intent: 'cost', ideaId: String(a), feasibility: 'feasible', cost: '100' })).status).toBe(403);

    for (const [id, amount, district] of [[a, 400_000, ''], [b, 700_000, ''], [c, 200_000, String(first)], [d, 150_000, String(first)]] as const) {
      expect((await cost(id, { feasibility: 'feasible', cost: String(amount), districtId: district, reason: '' })).status).toBe(302);
      expect((await admin.post(`/expert/projects/${p.slug}`, { intent: 'shortlist', ideaId: String(id) })).status).toBe(302);
    }
    expect((await row(c))).toMatchObject({ cost: 200_000, feasibility: 'feasible', districtId: first });
    // Found not feasible after all: off the shortlist, with the reasons public on the idea's page.
    expect((await cost(e, { feasibility: 'feasible', cost: '90000' })).status).toBe(302);
    expect((await admin.post(`/expert/projects/${p.slug}`, { intent: 'shortlist', ideaId: String(e) })).status).toBe(302);
    expect((await cost(e, { feasibility: 'infeasible', reason: 'The land belongs to the railway' })).status).toBe(302);
    expect(await row(e)).toMatchObject({ status: 'published', feasibility: 'infeasible', feasibilityReason: 'The land belongs to the railway' });
    // React separates the text it joins with empty comments: read the page without them.
    const ideaPage = (await (await resident.get(`/ideas/${e}`)).text()).replace(/<!-- -->/g, '');
    expect(ideaPage).toContain('Not feasible: The land belongs to the railway');
    expect(ideaPage).toContain('500\u00a0000\u00a0RUB');
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'idea.cost'), eq(auditLog.targetId, String(e)))).orderBy(sql`${auditLog.id} DESC`).limit(1);
    expect(audit).toMatchObject({ actorId: adminId, before: expect.objectContaining({ feasibility: 'feasible', cost: 90_000, status: 'shortlisted' }), after: expect.objectContaining({ feasibility: 'infeasible', status: 'published' }) });

    const sent = await admin.post(`/admin/projects/${p.id}`, { intent: 'send-to-vote' });
    expect(sent.status).toBe(302);
    const made2 = await db.select().from(ballots).where(eq(ballots.projectId, p.id)).orderBy(ballots.id);
    expect(made2).toHaveLength(2);
    const shape = async (ballotId: number) => {
      const [question] = await db.select().from(ballotQuestions).where(eq(ballotQuestions.ballotId, ballotId));
      const options = await db.select().from(ballotOptions).where(eq(ballotOptions.questionId, question!.id)).orderBy(ballotOptions.position);
      const audience = await db.execute<{ district_id: number }>(sql`SELECT district_id FROM ballot_districts WHERE ballot_id = ${ballotId} ORDER BY district_id`);
      return { kind: question!.kind, budget: question!.budget, currency: question!.currency, rule: question!.rule, options: options.map((o) => [o.ideaId, o.cost]), audience: audience.map((r) => r.district_id) };
    };
    expect(await shape(made2[0]!.id)).toEqual({ kind: 'budget', budget: 1_000_000, currency: 'RUB', rule: 'equal-shares', options: [[a, 400_000], [b, 700_000]], audience: [first, second].sort((x, y) => x! - y!) });
    expect(await shape(made2[1]!.id)).toEqual({ kind: 'budget', budget: 300_000, currency: 'RUB', rule: 'equal-shares', options: [[c, 200_000], [d, 150_000]], audience: [first] });
    expect(made2[0]!.status).toBe('draft');
    expect((await db.select().from(projects).where(eq(projects.id, p.id)))[0]!.stage).toBe('voting');
  });

  it('publishes the costs and the verdicts in the API, its OpenAPI document and the ideas dataset', async () => {
    const [first, second] = await districtPair();
    const p = await budgetProject([first!, second!]);
    const { browser: author, email } = await newResident('costed-author');
    await db.update(users).set({ districtId: first! }).where(eq(users.email, email));
    const estimated = await propose(author, p.slug, 'A fountain in the square', { proposedCost: '120000' });
    const refused = await propose(author, p.slug, 'A tunnel under the river', { proposedCost: '900000' });
    await advanceStage(adminId, p.id, 'reviewing');
    const cost = (ideaId: number, fields: Record<string, string>) => admin.post(`/expert/projects/${p.slug}`, { intent: 'cost', ideaId: String(ideaId), ...fields });
    expect((await cost(estimated, { feasibility: 'feasible', cost: '150000', districtId: String(first), reason: '' })).status).toBe(302);
    expect((await cost(refused, { feasibility: 'infeasible', reason: 'The river is a protected site', districtId: '' })).status).toBe(302);

    const anyone = new Browser();
    const fromApi = async (id: number) => (await (await anyone.get(`/api/v1/ideas/${id}`)).json()) as Record<string, unknown>;
    expect(await fromApi(estimated)).toMatchObject({ currency: 'RUB', proposed_cost: 120000, cost: 150000, feasibility: 'feasible', feasibility_reason: null, budget_district_id: first });
    expect(await fromApi(refused)).toMatchObject({ currency: 'RUB', proposed_cost: 900000, cost: null, feasibility: 'infeasible', feasibility_reason: 'The river is a protected site', budget_district_id: null });
    const listed = (await (await anyone.get(`/api/v1/ideas?project=${p.id}`)).json()) as { data: { id: number; cost: number | null }[] };
    expect(listed.data.find((i) => i.id === estimated)?.cost).toBe(150000);
    // An idea of a project that is no budget: no currency, no costs.
    const plain = await project('collecting');
    const unpriced = await propose(author, plain.slug, 'A reading corner in the library');
    expect(await fromApi(unpriced)).toMatchObject({ currency: null, proposed_cost: null, cost: null, feasibility: null, budget_district_id: null });
    expect((await (await anyone.get(`/api/v1/projects/${p.id}`)).json()) as Record<string, unknown>).toMatchObject({ currency: 'RUB', budget: 1_000_000, district_budgets: [{ district_id: first, budget: 300_000 }] });

    const doc = (await (await anyone.get('/api/v1/openapi.json')).json()) as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(Object.keys(doc.components.schemas.Idea!.properties)).toEqual(expect.arrayContaining(['currency', 'proposed_cost', 'cost', 'feasibility', 'feasibility_reason', 'budget_district_id']));
    expect(Object.keys(doc.components.schemas.Project!.properties)).toEqual(expect.arrayContaining(['currency', 'budget', 'district_budgets']));

    const firstCode = (await db.select({ code: districts.code }).from(districts).where(eq(districts.id, first!)))[0]!.code;
    const csv = parse(await (await anyone.get('/data/ideas/ideas.csv')).text(), { columns: true }) as Record<string, string>[];
    expect(csv.find((r) => r.id === String(estimated))).toMatchObject({ currency: 'RUB', proposed_cost: '120000', cost: '150000', feasibility: 'feasible', feasibility_reason: '', budget_district: firstCode });
    expect(csv.find((r) => r.id === String(refused))).toMatchObject({ cost: '', feasibility: 'infeasible', feasibility_reason: 'The river is a protected site', budget_district: '' });
    const json = (await (await anyone.get('/data/ideas/ideas.json')).json()) as Record<string, unknown>[];
    expect(json.find((r) => r.id === estimated)).toMatchObject({ proposed_cost: 120000, cost: 150000, budget_district: firstCode });
    const descriptor = (await (await anyone.get('/data/ideas/datapackage.json')).json()) as { resources: { schema: { fields: { name: string; type: string }[] } }[] };
    expect(descriptor.resources[0]!.schema.fields.filter((f) => ['proposed_cost', 'cost'].includes(f.name)).map((f) => f.type)).toEqual(['integer', 'integer']);
  });

  it('refuses to send a budget whose shortlist has a single idea', async () => {
    const [first] = await districtPair();
    const p = await budgetProject([first!]);
    const made = await db.insert(ideas).values([1, 2, 3].map((n) => ({ projectId: p.id, title: `Lonely idea ${n}`, body: 'Body text of a budget idea' }))).returning();
    await advanceStage(adminId, p.id, 'reviewing');
    const plan = [[made[0]!.id, ''], [made[1]!.id, ''], [made[2]!.id, String(first)]] as const;
    for (const [id, district] of plan) {
      expect((await admin.post(`/expert/projects/${p.slug}`, { intent: 'cost', ideaId: String(id), feasibility: 'feasible', cost: '1000', districtId: district })).status).toBe(302);
      expect((await admin.post(`/expert/projects/${p.slug}`, { intent: 'shortlist', ideaId: String(id) })).status).toBe(302);
    }
    const refused = await refusal(await admin.post(`/admin/projects/${p.id}`, { intent: 'send-to-vote' }));
    expect(refused.summary.some((line) => line.startsWith('Each budget with shortlisted ideas needs at least 2 of them'))).toBe(true);
    expect(await db.select().from(ballots).where(eq(ballots.projectId, p.id))).toHaveLength(0);
  });
});
