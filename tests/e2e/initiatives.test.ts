import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { initiatives, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { expectAccessible, newSession, screenshot, signIn, uniqueEmail, visit } from './browser';

/** Registers through the form; an administrator's verification (and the district) is set in the database. */
async function verifiedResident(page: Page, name: string) {
  const email = uniqueEmail('initiative');
  await page.goto('/register');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill('a-long-password-7');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/me?welcome=1');
  await db.update(users).set({ verified: true }).where(eq(users.email, email));
}

describe('initiatives', () => {
  it('a resident starts one, a moderator approves it, residents support it to its threshold, an expert answers', async () => {
    const title = `Drinking fountains in every park ${Math.random().toString(36).slice(2, 6)}`;
    const author = await newSession({ locale: 'en-GB' });
    await verifiedResident(author.page, 'Irina Initiator');
    await visit(author.page, '/initiatives');
    await author.page.getByRole('link', { name: 'Start an initiative' }).click();
    await author.page.getByRole('heading', { name: 'Start an initiative', level: 1 }).waitFor();
    await expectAccessible(author.page);
    // A mistake first: the summary names each field, the answers stay.
    await author.page.getByLabel('Title').fill(title);
    await author.page.getByRole('button', { name: 'Send for checking' }).click();
    await author.page.locator('.error-summary').waitFor();
    expect(await author.page.title()).toMatch(/^Error: /);
    expect(await author.page.locator('#field-scope-error').textContent()).toContain('Choose the whole city or a district');
    expect(await author.page.getByLabel('Title').inputValue()).toBe(title);
    await expectAccessible(author.page, '/initiatives/new (errors)');
    await author.page.getByLabel('Text').fill('Summer heat makes the parks hard for children and older people; a fountain at each entrance would help everyone.');
    await author.page.getByLabel('For whom').selectOption({ label: 'The whole city' });
    await screenshot(author.page, 'initiative-new');
    await author.page.getByRole('button', { name: 'Send for checking' }).click();
    await author.page.waitForURL(/\/initiatives\/\d+\?started=1/);
    const id = Number(/\/initiatives\/(\d+)/.exec(author.page.url())![1]);
    await author.page.getByText('A moderator is checking this initiative').waitFor();
    await expectAccessible(author.page, `/initiatives/${id} (pending)`);

    const moderator = await newSession({ locale: 'en-GB' });
    await signIn(moderator.page, 'moderator@demo.vmeste.city');
    await visit(moderator.page, '/moderation/initiatives');
    await moderator.page.getByRole('button', { name: `Approve ${title}` }).click();
    await moderator.page.waitForURL(/done=approve/);
    await moderator.page.getByText('Saved. The author has been told.').waitFor();
    await expectAccessible(moderator.page, '/moderation/initiatives (done)');
    // The arrangement: a threshold of two, so two residents carry it.
    await db.update(initiatives).set({ threshold: 2 }).where(eq(initiatives.id, id));

    // The first supporter has no JavaScript: a plain form post.
    const plain = await newSession({ locale: 'en-GB', javaScriptEnabled: false });
    await verifiedResident(plain.page, 'Nikita No-Script');
    await plain.page.goto(`/initiatives/${id}`);
    await plain.page.getByRole('button', { name: 'Support this initiative' }).click();
    await plain.page.waitForURL(/supported=1/);
    await plain.page.getByText('You support this initiative.').waitFor();
    expect(await plain.page.getByText('1 more support needed').count()).toBe(1);

    const second = await newSession({ locale: 'en-GB' });
    await verifiedResident(second.page, 'Vera Second');
    await visit(second.page, `/initiatives/${id}`);
    expect(await second.page.getByText('1 support of 2').count()).toBe(1);
    await screenshot(second.page, 'initiative-page');
    await second.page.getByRole('button', { name: 'Support this initiative' }).click();
    await second.page.waitForURL(/supported=1/);
    await second.page.getByText('Threshold reached').waitFor();
    await second.page.getByText('Expert review').first().waitFor();
    await expectAccessible(second.page, `/initiatives/${id} (threshold reached)`);

    const expert = await newSession({ locale: 'en-GB' });
    await signIn(expert.page, 'expert.city@demo.vmeste.city');
    await visit(expert.page, `/initiatives/${id}`);
    await expert.page.getByLabel('Official answer with reasons').fill('Fountains will be installed at the six largest parks this summer; the others follow next year within the parks budget.');
    await expert.page.getByRole('button', { name: 'Publish the answer' }).click();
    await expert.page.waitForURL(/reviewed=1/);
    await expert.page.getByRole('heading', { name: "The city's answer" }).waitFor();
    await expectAccessible(expert.page, `/initiatives/${id} (answered)`);

    // The seeded successful initiative goes to a vote instead.
    const [seeded] = await db.select({ id: initiatives.id }).from(initiatives).where(eq(initiatives.title, 'Пешеходный переход со светофором у школы №12'));
    await visit(expert.page, `/initiatives/${seeded!.id}`);
    await expert.page.getByRole('button', { name: 'Send to a city vote' }).click();
    await expert.page.waitForURL(/reviewed=1/);
    await expert.page.getByRole('link', { name: 'The ballot' }).waitFor();

    // The public list, filtered, with the answered one under "Answered".
    await visit(author.page, '/initiatives?status=answered');
    await author.page.getByRole('link', { name: title }).waitFor();
    await author.page.getByLabel('Show').selectOption('expired');
    await author.page.getByRole('button', { name: 'Show' }).click();
    await author.page.waitForURL(/status=expired/);
    await author.page.getByRole('link', { name: 'Фонтан на центральной площади круглый год' }).waitFor();
    await expectAccessible(author.page, '/initiatives?status=expired');
    await visit(author.page, '/initiatives');
    await screenshot(author.page, 'initiatives');

    for (const session of [author, moderator, plain, second, expert]) {
      expect(session.problems).toEqual([]);
      await session.context.close();
    }
    // Five people's journeys in one story: longer than one page's default.
  }, 180_000);
});
