// Voting the new kinds in Chromium: a ranked ballot built in the editor and voted with JavaScript, a graded one
// voted without it, a budget cart whose running total warns before the server refuses; then the explained results.
import { describe, expect, it } from 'vitest';
import { eq, sql as dsql } from 'drizzle-orm';
import { ballots, decisions } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { sweepBallots } from '#app/modules/votes/ballot-lifecycle.server';
import { makeBallot } from '../support/votes';
import { cityTime, expectAccessible, newSession, screenshot, settled, signIn, visit } from './browser';

describe('ranked, graded and budget ballots in the browser', () => {
  it('admin builds a ranked ballot; a resident ranks with JavaScript, grades and fills a cart without it; the results explain the count', async () => {
    const admin = await newSession({ locale: 'en-GB' });
    await signIn(admin.page, 'admin@demo.vmeste.city');
    await visit(admin.page, '/admin/ballots');
    await admin.page.getByLabel('Title (Russian)').fill('Порядок ремонта дворов');
    await admin.page.getByLabel('Title (English)').fill('Which yards to repair first');
    await admin.page.getByLabel('Description (Russian)').fill('Расставьте дворы по порядку.');
    await admin.page.getByLabel('Description (English)').fill('Put the yards in order.');
    await admin.page.getByRole('button', { name: 'Create a draft' }).click();
    await admin.page.waitForURL(/\/admin\/ballots\/\d+$/);
    const rankedId = Number(/\/admin\/ballots\/(\d+)$/.exec(admin.page.url())![1]);
    await admin.page.getByLabel('Opens', { exact: true }).fill(cityTime(Date.now() - 60_000));
    await admin.page.getByLabel('Closes', { exact: true }).fill(cityTime(Date.now() + 3_600_000));
    await admin.page.getByRole('button', { name: 'Save' }).click();
    await admin.page.waitForURL(/done=saved/);
    await admin.page.getByLabel('Question (Russian)').fill('Порядок');
    await admin.page.getByLabel('Question (English)').fill('Your order');
    await admin.page.getByLabel('Kind').selectOption('ranked');
    await admin.page.getByLabel('Counting rule').selectOption('schulze');
    await admin.page.getByRole('button', { name: 'Add a question' }).click();
    await admin.page.waitForURL(/done=question/);
    for (const [ru, en] of [['Лесная', 'Lesnaya'], ['Речная', 'Rechnaya'], ['Садовая', 'Sadovaya']]) {
      await admin.page.getByLabel('Answer (Russian)').fill(ru!);
      await admin.page.getByLabel('Answer (English)').fill(en!);
      await admin.page.getByRole('button', { name: 'Add an answer' }).click();
      await admin.page.waitForURL(/done=option/);
    }
    await expect.poll(() => admin.page.locator('main').textContent()).toContain('Counting rule: Schulze method');
    await expectAccessible(admin.page, '/admin/ballots/:id (ranked)');
    await admin.page.getByRole('button', { name: 'Schedule this ballot' }).click();
    await admin.page.waitForURL(/done=scheduled/);

    const graded = await makeBallot({ questions: [{ kind: 'graded', options: 3 }] });
    const budget = await makeBallot({ questions: [{ kind: 'budget', options: 3, budget: 1000, costs: [600, 500, 300] }] });

    // With JavaScript: the same rank twice is refused, with the summary and the message beside the question.
    const a = await newSession({ locale: 'en-GB' });
    await signIn(a.page, 'resident@demo.vmeste.city');
    await visit(a.page, `/votes/${rankedId}`);
    await a.page.getByLabel('Your rank for “Rechnaya”').selectOption('1');
    await a.page.getByLabel('Your rank for “Lesnaya”').selectOption('1');
    await a.page.getByRole('button', { name: 'Cast my vote' }).click();
    await a.page.locator('.error-summary').waitFor();
    await expect.poll(() => a.page.locator('.field__error').first().textContent()).toBe('Give each rank to one option only');
    await expectAccessible(a.page, '/votes/:id (ranked, errors)');
    // The ranks chosen are still there; one is corrected.
    await expect.poll(() => a.page.getByLabel('Your rank for “Rechnaya”').inputValue()).toBe('1');
    await a.page.getByLabel('Your rank for “Lesnaya”').selectOption('2');
    await a.page.getByRole('button', { name: 'Cast my vote' }).click();
    await a.page.getByTestId('receipt').waitFor();
    await screenshot(a.page, 'vote-ranked');

    // With JavaScript, the cart's total follows each tick and warns when it is over the budget.
    await visit(a.page, `/votes/${budget.id}`);
    const total = a.page.getByTestId(`cart-total-${budget.questions[0]!.id}`);
    await a.page.getByLabel(/Answer 1/).check();
    await expect.poll(() => total.textContent()).toBe('Your cart: 600\u00a0RUB of 1\u00a0000\u00a0RUB');
    await a.page.getByLabel(/Answer 2/).check();
    await expect.poll(() => total.textContent()).toContain('over the budget by 100\u00a0RUB');
    await expectAccessible(a.page, '/votes/:id (cart over budget)');
    await screenshot(a.page, 'vote-budget-cart');
    await a.page.getByLabel(/Answer 2/).uncheck();
    await a.page.getByLabel(/Answer 3/).check();
    await a.page.getByRole('button', { name: 'Cast my vote' }).click();
    await a.page.getByTestId('receipt').waitFor();

    // The graded ballot's form, checked by axe while JavaScript runs (axe cannot run in a page without it).
    await visit(a.page, `/votes/${graded.id}`);
    await expectAccessible(a.page, '/votes/:id (graded)');

    // Without JavaScript: a graded ballot and an over-budget cart, refused by the server with the same words.
    const b = await newSession({ locale: 'en-GB', javaScriptEnabled: false });
    await signIn(b.page, 'voter-001@demo.vmeste.city');
    await b.page.goto(`/votes/${graded.id}`);
    await b.page.getByLabel('Your grade for “Answer 1”').selectOption({ label: 'Excellent' });
    await b.page.getByLabel('Your grade for “Answer 2”').selectOption({ label: 'Good' });
    await b.page.getByRole('button', { name: 'Cast my vote' }).click();
    await expect.poll(() => b.page.locator('.error-summary').textContent()).toContain('Grade every option');
    await b.page.getByLabel('Your grade for “Answer 3”').selectOption({ label: 'Reject' });
    await b.page.getByRole('button', { name: 'Cast my vote' }).click();
    await b.page.getByTestId('receipt').waitFor();
    // The answer is the receipt page alone (ADR 071): the grades as recorded, and the way back to the ballot.
    expect(await b.page.getByRole('definition').first().textContent()).toBe('graded: Answer 1: Excellent, Answer 2: Good, Answer 3: Reject');
    expect(await b.page.getByRole('button', { name: 'Cast my vote' }).count()).toBe(0);
    await b.page.getByRole('link', { name: 'Back to the ballot' }).click();
    await expect.poll(() => b.page.locator('main').textContent()).toContain('You have already voted in this ballot.');
    await b.page.goto(`/votes/${budget.id}`);
    await b.page.getByLabel(/Answer 1/).check();
    await b.page.getByLabel(/Answer 2/).check();
    await b.page.getByRole('button', { name: 'Cast my vote' }).click();
    await expect.poll(() => b.page.locator('.error-summary').textContent()).toContain('The projects you chose cost more than the budget');
    await b.page.getByLabel(/Answer 2/).uncheck();
    await b.page.getByRole('button', { name: 'Cast my vote' }).click();
    await b.page.getByTestId('receipt').waitFor();

    // The close and the publication; each results page explains its count.
    await db.update(ballots).set({ closesAt: dsql`now()` }).where(eq(ballots.id, rankedId));
    for (const other of [graded, budget]) await db.update(ballots).set({ closesAt: dsql`now()` }).where(eq(ballots.id, other.id));
    await sweepBallots();
    await visit(a.page, `/votes/${rankedId}`);
    await settled(a.page);
    await expect.poll(() => a.page.locator('main').textContent()).toContain('Winner: Rechnaya');
    await a.page.getByTestId(/^pairwise-/).waitFor();
    await screenshot(a.page, 'vote-ranked-results');
    await visit(a.page, `/votes/${graded.id}`);
    await expect.poll(() => a.page.locator('main').textContent()).toContain('Winner: Answer 1');
    await visit(a.page, `/votes/${budget.id}`);
    await expect.poll(() => a.page.locator('main').textContent()).toContain('900\u00a0RUB of 1\u00a0000\u00a0RUB spent');
    await screenshot(a.page, 'vote-budget-results');

    // A funded project's decision: the admin adds a step and reports what has been spent, first mistyped.
    const [funded] = (await db.select().from(decisions).where(eq(decisions.ballotId, budget.id))).filter((d) => d.amount !== null);
    await visit(admin.page, `/decisions/${funded!.id}`);
    await admin.page.getByLabel('Title (Russian)').fill('Работы');
    await admin.page.getByLabel('Title (English)').fill('Works');
    await admin.page.getByLabel('Due', { exact: true }).fill('2027-05-01');
    await admin.page.getByRole('button', { name: 'Add an implementation step' }).click();
    await admin.page.getByLabel('What was done').waitFor();
    await admin.page.getByLabel('What was done').fill('Paid the first invoice');
    await admin.page.getByLabel('Progress', { exact: true }).fill('30');
    await admin.page.getByLabel('Amount spent so far').fill('-400');
    await admin.page.getByRole('button', { name: 'Report progress' }).click();
    await expect.poll(() => admin.page.locator('.error-summary').textContent()).toContain('Amount spent so far: Must be between 0 and');
    await expectAccessible(admin.page, '/decisions/:id (amount spent refused)');
    await admin.page.getByLabel('Amount spent so far').fill('400');
    await admin.page.getByRole('button', { name: 'Report progress' }).click();
    await expect.poll(() => admin.page.getByTestId('decision-spent').textContent()).toMatch(/^Spent 400\u00a0RUB of [\d\u00a0]+\u00a0RUB$/);
    await visit(a.page, '/decisions');
    await expect.poll(() => a.page.locator('main').textContent()).toContain('Spent 400\u00a0RUB of');

    expect([...admin.problems, ...a.problems, ...b.problems]).toEqual([]);
    await Promise.all([admin.context.close(), a.context.close(), b.context.close()]);
    // Three people's journeys through four pages each: the limit ends a hang, on a machine shared with other work.
  }, 240_000);
});
