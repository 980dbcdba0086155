import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible, newSession, screenshot, signIn, uniqueEmail, visit } from './browser';

async function register(page: Page, name: string) {
  await page.goto('/register');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('E-mail').fill(uniqueEmail('ideas'));
  await page.getByLabel('Password').fill('a-long-password-7');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/me?welcome=1');
}

describe('ideas', () => {
  it('a resident proposes an idea and is offered a similar one; another supports and comments; a moderator merges duplicates', async () => {
    const resident = await newSession({ locale: 'en-GB' });
    await register(resident.page, 'Olga Proposer');
    await visit(resident.page, '/ideas');
    await resident.page.getByRole('link', { name: 'Our clinics' }).click();
    await resident.page.getByRole('heading', { name: 'Our clinics', level: 1 }).waitFor();
    await expectAccessible(resident.page);
    await resident.page.getByRole('link', { name: 'Propose an idea' }).click();
    await resident.page.getByRole('heading', { name: 'Propose an idea', level: 1 }).waitFor();
    // While the title is typed, the similar seeded idea is offered.
    await resident.page.getByLabel('Title', { exact: true }).fill('Пандус у входа в поликлинику 3, срочно');
    await resident.page.getByRole('heading', { name: 'Similar ideas already exist' }).waitFor();
    expect(await resident.page.getByRole('link', { name: 'Пандус у входа в поликлинику №3' }).count()).toBe(1);
    await resident.page.getByLabel('Description').fill('Коляски и инвалидные кресла не могут подняться по ступеням у входа.');
    await resident.page.getByLabel('Tags (optional)').fill('пандусы, доступность');
    await expectAccessible(resident.page, '/projects/clinics/new (similar offered)');
    await screenshot(resident.page, 'idea-similar');
    // Submitting asks once more (the no-JavaScript path shows the same list), then files it.
    await resident.page.getByRole('button', { name: 'Propose', exact: true }).click();
    await resident.page.getByRole('button', { name: 'Propose mine anyway' }).waitFor();
    await expectAccessible(resident.page, '/projects/clinics/new (confirm)');
    await resident.page.getByRole('button', { name: 'Propose mine anyway' }).click();
    await resident.page.waitForURL(/\/ideas\/\d+\?proposed=1/);
    const ideaId = Number(/\/ideas\/(\d+)/.exec(resident.page.url())![1]);
    await expectAccessible(resident.page, `/ideas/${ideaId}`);

    // Another resident supports it and comments.
    const neighbour = await newSession({ locale: 'en-GB' });
    await register(neighbour.page, 'Pavel Neighbour');
    await visit(neighbour.page, `/ideas/${ideaId}`);
    await neighbour.page.getByRole('button', { name: 'Support' }).click();
    await neighbour.page.waitForURL(/supported=1/);
    await neighbour.page.getByRole('button', { name: 'Withdraw support' }).waitFor();
    expect(await neighbour.page.getByText('Supports: 1').count()).toBe(1);
    await neighbour.page.getByLabel('Your comment').fill('Поддерживаю, у нас та же беда.');
    await neighbour.page.getByRole('button', { name: 'Comment', exact: true }).click();
    await neighbour.page.waitForURL(/commented=1/);
    await neighbour.page.getByText('Поддерживаю, у нас та же беда.').waitFor();
    await expectAccessible(neighbour.page, `/ideas/${ideaId} (supported, commented)`);
    await screenshot(neighbour.page, 'idea-page');

    // The moderator opens the likely duplicates of the project and merges the first group.
    const moderator = await newSession({ locale: 'en-GB' });
    await signIn(moderator.page, 'moderator@demo.vmeste.city');
    await visit(moderator.page, '/moderation/ideas');
    // Each new idea names its project by title, not by its address.
    const projectNames = await moderator.page.getByTestId('idea-project').allTextContents();
    expect(projectNames).toContain('Our clinics');
    expect(projectNames).not.toContain('clinics');
    await moderator.page.locator('a[href^="/moderation/ideas/duplicates"]', { hasText: 'Our clinics' }).click();
    await moderator.page.getByRole('heading', { name: 'Likely duplicates', level: 1 }).waitFor();
    await expectAccessible(moderator.page);
    await screenshot(moderator.page, 'ideas-duplicates');
    const group = moderator.page.locator('form', { has: moderator.page.getByRole('link', { name: 'Пандус у входа в поликлинику №3' }) });
    await group.getByRole('button', { name: 'Merge' }).click();
    await moderator.page.waitForURL(/\/ideas\/\d+\?merged=1/);
    await moderator.page.getByText('The ideas are merged.').waitFor();
    expect(await moderator.page.getByText(/Also by:/).count()).toBe(1);
    await expectAccessible(moderator.page, 'merged idea');
    // Typos can be fixed from the idea's own page too (audited like the queue's).
    await moderator.page.getByText('Moderate this idea: fix typos or hide it').click();
    const title = moderator.page.locator('#mod-edit-title');
    await title.fill(`${(await title.inputValue()).trim()} `);
    await expectAccessible(moderator.page, 'merged idea (moderation open)');
    await moderator.page.getByRole('button', { name: 'Save the correction' }).click();
    await moderator.page.waitForURL(/\/moderation\/ideas\?done=edit/);
    // The resident's idea now lives on the survivor (or is it), and their cabinet says so.
    await visit(resident.page, '/me/ideas');
    expect(await resident.page.getByRole('link', { name: 'Пандус у входа в поликлинику 3, срочно' }).count()).toBe(1);

    for (const s of [resident, neighbour, moderator]) {
      expect(s.problems).toEqual([]);
      await s.context.close();
    }
  });

  it('an admin opens a project and an expert assesses and shortlists its ideas', async () => {
    const admin = await newSession({ locale: 'en-GB' });
    await signIn(admin.page, 'admin@demo.vmeste.city');
    await visit(admin.page, '/admin/projects');
    await admin.page.getByRole('link', { name: 'New project' }).click();
    await admin.page.getByRole('heading', { name: 'New project', level: 1 }).waitFor();
    await expectAccessible(admin.page);
    const slug = `yards-${Math.random().toString(36).slice(2, 8)}`;
    await admin.page.getByLabel('Address name').fill(slug);
    await admin.page.getByLabel('Title (Russian)').fill('Наши дворы');
    await admin.page.getByLabel('Title (English)').fill(`Our yards ${slug}`);
    await admin.page.getByLabel('Description (Russian)').fill('Какими должны стать дворы города.');
    await admin.page.getByLabel('Description (English)').fill('What the yards of the city should become.');
    await admin.page.getByRole('button', { name: 'Create project' }).click();
    await admin.page.waitForURL(/\/admin\/projects\/\d+\?saved=1/);
    await expectAccessible(admin.page);
    await admin.page.getByLabel('E-mail of the person').fill('expert@demo.vmeste.city');
    await admin.page.getByRole('button', { name: 'Grant role' }).click();
    await admin.page.waitForURL(/granted=1/);

    const resident = await newSession({ locale: 'en-GB' });
    await register(resident.page, 'Irina Yards');
    for (const title of ['Детская площадка с мягким покрытием', 'Парковка для велосипедов у подъездов']) {
      await resident.page.goto(`/projects/${slug}/new`);
      await resident.page.getByLabel('Title', { exact: true }).fill(title);
      await resident.page.getByLabel('Description').fill(`${title}: нужно для всех жителей двора.`);
      await resident.page.getByRole('button', { name: 'Propose', exact: true }).click();
      await resident.page.waitForURL(/\/ideas\/\d+\?proposed=1/);
    }

    await admin.page.getByRole('button', { name: 'Move to the next stage: Expert review' }).click();
    await admin.page.waitForURL(/stage=1/);

    const expert = await newSession({ locale: 'en-GB' });
    await signIn(expert.page, 'expert@demo.vmeste.city');
    await visit(expert.page, `/expert/projects/${slug}`);
    expect(await expert.page.getByText('0 of 2 (0 %)').count()).toBe(1);
    const card = expert.page.locator('article', { has: expert.page.getByRole('link', { name: 'Детская площадка с мягким покрытием' }) });
    await card.getByLabel('Score (1–5)').selectOption('5');
    await card.getByLabel('Verdict').selectOption({ label: 'Recommend' });
    await card.getByLabel('Note for the author').fill('Недорого и нужно многим.');
    await card.getByRole('button', { name: /Save assessment/ }).click();
    await expert.page.waitForURL(/done=assess/);
    await expert.page.getByText('1 of 2 (50 %)').waitFor();
    await expert.page.locator('article', { has: expert.page.getByRole('link', { name: 'Детская площадка с мягким покрытием' }) }).getByRole('button', { name: /Add to shortlist/ }).click();
    await expert.page.waitForURL(/done=shortlist/);
    await expert.page.locator('article').first().getByText('Shortlisted').waitFor();
    await expectAccessible(expert.page, `/expert/projects/${slug} (assessed, shortlisted)`);
    await screenshot(expert.page, 'expert-dashboard');

    // The author sees the note; the project's results page and the cabinet are accessible too.
    await visit(resident.page, '/me/ideas');
    await resident.page.getByRole('link', { name: 'Детская площадка с мягким покрытием' }).click();
    await resident.page.getByText('Недорого и нужно многим.').waitFor();
    await expectAccessible(resident.page, 'idea with an assessment');
    // The shortlist's invitation leads to the form rating the review; once rated, the page says so and asks no more.
    await visit(resident.page, '/me/notifications');
    await resident.page.getByRole('link', { name: /Детская площадка с мягким покрытием.*is on the shortlist for the city vote/ }).click();
    await resident.page.waitForURL(/\/ideas\/\d+#rate-reviewed$/);
    const rating = resident.page.locator('#rate-reviewed');
    await rating.getByRole('heading', { name: 'Rate the review' }).waitFor();
    await expectAccessible(resident.page, 'idea (rating the review)');
    await rating.getByLabel('5 — very good').check();
    await rating.getByRole('button', { name: 'Send my rating of the review' }).click();
    await resident.page.getByText('Thank you for your rating.').waitFor();
    await resident.page.getByText('You have rated this step (Idea reviewed) — thank you.').waitFor();
    expect(await resident.page.getByTestId('feedback-form').count()).toBe(0);
    await expectAccessible(resident.page, 'idea (review rated)');
    await visit(resident.page, '/projects/parks/results');

    for (const s of [admin, resident, expert]) {
      expect(s.problems).toEqual([]);
      await s.context.close();
    }
  });

  it('a budget project: the author estimates a cost, an expert costs and judges the ideas, the admin sends a budget ballot', async () => {
    const admin = await newSession({ locale: 'en-GB' });
    await signIn(admin.page, 'admin@demo.vmeste.city');
    await visit(admin.page, '/admin/projects/new');
    const slug = `budget-${Math.random().toString(36).slice(2, 8)}`;
    await admin.page.getByLabel('Address name').fill(slug);
    await admin.page.getByLabel('Title (Russian)').fill('Бюджет дворов');
    await admin.page.getByLabel('Title (English)').fill(`Yards budget ${slug}`);
    await admin.page.getByLabel('Description (Russian)').fill('Жители решают, на что потратить бюджет.');
    await admin.page.getByLabel('Description (English)').fill('Residents decide what the budget is spent on.');
    await admin.page.getByLabel('Budget for city-wide ideas (whole currency units, optional)').fill('500000');
    // A budget without its currency is refused beside the field, everything typed kept.
    await admin.page.getByRole('button', { name: 'Create project' }).click();
    await admin.page.getByRole('link', { name: 'Currency (three letters, e.g. RUB): A budget needs its currency' }).waitFor();
    await expectAccessible(admin.page, '/admin/projects/new (budget refused)');
    expect(await admin.page.getByLabel('Budget for city-wide ideas (whole currency units, optional)').inputValue()).toBe('500000');
    await admin.page.getByLabel('Currency (three letters, e.g. RUB)').fill('RUB');
    await admin.page.getByRole('button', { name: 'Create project' }).click();
    await admin.page.waitForURL(/\/admin\/projects\/\d+\?saved=1/);
    const projectPage = admin.page.url();
    await admin.page.getByLabel('E-mail of the person').fill('expert@demo.vmeste.city');
    await admin.page.getByRole('button', { name: 'Grant role' }).click();
    await admin.page.waitForURL(/granted=1/);

    const resident = await newSession({ locale: 'en-GB' });
    await register(resident.page, 'Vera Budget');
    const titles = ['Скамейки вдоль набережной', 'Фонари на детской площадке'];
    for (const title of titles) {
      await resident.page.goto(`/projects/${slug}/new`);
      await resident.page.getByLabel('Title', { exact: true }).fill(title);
      await resident.page.getByLabel('Description').fill(`${title}: нужно для всех жителей района.`);
      await resident.page.getByLabel('What it might cost, in RUB (optional)').fill(title === titles[0] ? '900000' : '120000');
      await resident.page.getByRole('button', { name: 'Propose', exact: true }).click();
      if (title === titles[0]) {
        // More than the whole budget: refused with the budget named.
        await resident.page.getByRole('link', { name: /^What it might cost, in RUB \(optional\): The cost must not be more than the budget of 500\s000\sRUB$/ }).waitFor();
        await expectAccessible(resident.page, `/projects/${slug}/new (cost refused)`);
        await resident.page.getByLabel('What it might cost, in RUB (optional)').fill('150000');
        await resident.page.getByRole('button', { name: 'Propose', exact: true }).click();
      }
      await resident.page.waitForURL(/\/ideas\/\d+\?proposed=1/);
    }
    const ideaPage = resident.page.url().replace(/\?.*$/, '');

    await admin.page.goto(projectPage);
    await admin.page.getByRole('button', { name: 'Move to the next stage: Expert review' }).click();
    await admin.page.waitForURL(/stage=1/);

    const expert = await newSession({ locale: 'en-GB' });
    await signIn(expert.page, 'expert@demo.vmeste.city');
    await visit(expert.page, `/expert/projects/${slug}`);
    const card = (title: string) => expert.page.locator('article', { has: expert.page.getByRole('link', { name: title }) });
    await card(titles[1]!).getByText(/Author's estimate: 120\s000\sRUB/).waitFor();
    // Feasible without a cost: the message is beside that idea's cost field.
    await card(titles[1]!).getByLabel('Feasible', { exact: true }).check();
    await card(titles[1]!).getByLabel('Cost, in RUB').fill('');
    await card(titles[1]!).getByRole('button', { name: /Save the cost and verdict/ }).click();
    await expert.page.getByRole('link', { name: 'Cost, in RUB: A feasible idea needs its cost' }).waitFor();
    await expectAccessible(expert.page, `/expert/projects/${slug} (cost refused)`);
    for (const [title, cost] of [[titles[0]!, '180000'], [titles[1]!, '140000']] as const) {
      await card(title).getByLabel('Feasible', { exact: true }).check();
      await card(title).getByLabel('Cost, in RUB').fill(cost);
      await card(title).getByRole('button', { name: /Save the cost and verdict/ }).click();
      await expert.page.waitForURL(/done=cost/);
      await card(title).getByRole('button', { name: /Add to shortlist/ }).click();
      await expert.page.waitForURL(/done=shortlist/);
      await card(title).getByText('Shortlisted').waitFor();
    }
    await expectAccessible(expert.page, `/expert/projects/${slug} (costed, shortlisted)`);

    // The public idea page shows the verdict and both figures.
    await resident.page.goto(ideaPage);
    await resident.page.getByText('Cost set by the experts').waitFor();
    expect(await resident.page.getByText(/^140\s000\sRUB$/).count()).toBe(1);
    await expectAccessible(resident.page, 'idea with its cost');

    await admin.page.goto(projectPage);
    await admin.page.getByRole('button', { name: 'Send the shortlist to vote' }).click();
    await admin.page.waitForURL(/\/admin\/ballots\/\d+$/);
    // The editor of the draft shows the budget question with its limit.
    await admin.page.getByText(/500\s000\sRUB/).first().waitFor();

    for (const s of [admin, resident, expert]) {
      expect(s.problems).toEqual([]);
      await s.context.close();
    }
  });
});
