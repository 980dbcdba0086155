import { execFile } from 'node:child_process';
import { resolve, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { eq, sql as dsql } from 'drizzle-orm';
import { ballots } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { sweepBallots } from '#app/modules/votes/ballot-lifecycle.server';
import { baseUrl, cityTime, expectAccessible, newSession, screenshot, settled, signIn, visit } from './browser';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

describe('a referendum, from the admin’s editor to a receipt checked against the published ledger', () => {
  it('admin builds and schedules a ballot; a resident votes, keeps the receipt and watches the live tally move; after the close the CLI finds the receipt', async () => {
    const admin = await newSession({ locale: 'en-GB' });
    await signIn(admin.page, 'admin@demo.vmeste.city');
    await visit(admin.page, '/admin/ballots');
    await admin.page.getByLabel('Title (Russian)').fill('Где поставить новую горку?');
    await admin.page.getByLabel('Title (English)').fill('Where should the new slide go?');
    await admin.page.getByLabel('Description (Russian)').fill('Выберите двор.');
    await admin.page.getByLabel('Description (English)').fill('Choose a yard.');
    await admin.page.getByRole('button', { name: 'Create a draft' }).click();
    await admin.page.waitForURL(/\/admin\/ballots\/\d+$/);
    const ballotId = Number(/\/admin\/ballots\/(\d+)$/.exec(admin.page.url())![1]);
    await expectAccessible(admin.page, '/admin/ballots/:id');

    await admin.page.getByLabel('Opens', { exact: true }).fill(cityTime(Date.now() - 60_000));
    await admin.page.getByLabel('Closes', { exact: true }).fill(cityTime(Date.now() + 3_600_000));
    await admin.page.getByRole('button', { name: 'Save' }).click();
    await admin.page.waitForURL(/done=saved/);
    await admin.page.getByLabel('Question (Russian)').fill('Какой двор?');
    await admin.page.getByLabel('Question (English)').fill('Which yard?');
    await admin.page.getByRole('button', { name: 'Add a question' }).click();
    await admin.page.waitForURL(/done=question/);
    // The first answer has a picture, the second none: after each answer the form starts again empty.
    const picture = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#2e7d32' } }).png().toBuffer();
    for (const [ru, en, withPicture] of [['Двор на Лесной', 'Lesnaya yard', true], ['Двор на Речной', 'Rechnaya yard', false]] as const) {
      await admin.page.getByLabel('Answer (Russian)').fill(ru);
      await admin.page.getByLabel('Answer (English)').fill(en);
      if (withPicture) await admin.page.getByLabel('Picture (optional)').setInputFiles({ name: 'yard.png', mimeType: 'image/png', buffer: picture });
      await admin.page.getByRole('button', { name: 'Add an answer' }).click();
      await admin.page.waitForURL(/done=option/);
      await expect.poll(() => admin.page.getByRole('listitem').filter({ hasText: en }).count()).toBe(1);
      expect(await admin.page.getByLabel('Answer (Russian)').inputValue()).toBe('');
      expect(await admin.page.getByLabel('Answer (English)').inputValue()).toBe('');
      expect(await admin.page.getByLabel('Picture (optional)').evaluate((input) => (input as HTMLInputElement).files?.length)).toBe(0);
    }
    // Each answer keeps its own picture: only Lesnaya yard has one.
    expect(await admin.page.getByRole('listitem').filter({ hasText: 'Lesnaya yard' }).getByTestId('option-picture').count()).toBe(1);
    expect(await admin.page.getByRole('listitem').filter({ hasText: 'Rechnaya yard' }).getByTestId('option-picture').count()).toBe(0);
    // The second answer goes first: a plain form per row, one place at a time.
    await admin.page.getByRole('button', { name: 'Move up Rechnaya yard' }).click();
    await admin.page.waitForURL(/done=moved/);
    await expect.poll(() => admin.page.locator('section.card li').allTextContents()).toEqual([expect.stringMatching(/^Rechnaya yard/), expect.stringMatching(/^Lesnaya yard/)]);
    await expectAccessible(admin.page, '/admin/ballots/:id (answers reordered)');
    // An answer's label and its buttons stand apart (they used to run together: "идея 96НижеУбрать").
    const row = admin.page.locator('section.card li').first();
    const label = (await row.locator('span').first().boundingBox())!;
    const [moveDown, remove] = [(await row.getByRole('button').nth(0).boundingBox())!, (await row.getByRole('button').nth(1).boundingBox())!];
    expect(moveDown.x - (label.x + label.width)).toBeGreaterThanOrEqual(8);
    expect(remove.x - (moveDown.x + moveDown.width)).toBeGreaterThanOrEqual(8);
    await admin.page.getByRole('button', { name: 'Schedule this ballot' }).click();
    await admin.page.waitForURL(/done=scheduled/);
    await expect.poll(() => admin.page.locator('main').textContent()).toContain('it can no longer be changed');
    await expectAccessible(admin.page, '/admin/ballots/:id (open)');

    // Resident A votes and keeps the receipt.
    const a = await newSession({ locale: 'en-GB' });
    await signIn(a.page, 'resident@demo.vmeste.city');
    await visit(a.page, '/votes');
    await a.page.getByRole('link', { name: 'Where should the new slide go?' }).click();
    await a.page.waitForURL(`**/votes/${ballotId}`);
    await expectAccessible(a.page, '/votes/:id (form)');
    // A second tab, opened before the vote, still shows the form.
    const again = await a.context.newPage();
    await again.goto(`/votes/${ballotId}`);
    await again.getByLabel('Rechnaya yard').check();
    await a.page.getByRole('button', { name: 'Cast my vote' }).click();
    await a.page.locator('.error-summary').waitFor();
    await expectAccessible(a.page, '/votes/:id (errors)');
    await a.page.getByLabel('Lesnaya yard').check();
    // With JavaScript the cast is one request, answered with the receipt: no loader's data is fetched again after it.
    const dataRequests: string[] = [];
    a.page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('.data')) dataRequests.push(`${r.method()} ${url.pathname}`);
    });
    await a.page.getByRole('button', { name: 'Cast my vote' }).click();
    const receipt = (await a.page.getByTestId('receipt').textContent())!.trim();
    expect(receipt).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(dataRequests).toEqual([`POST /votes/${ballotId}.data`]);
    await expectAccessible(a.page, '/votes/:id (receipt)');
    await screenshot(a.page, 'vote-receipt');
    const votesFor = (name: string) => a.page.getByRole('row', { name: new RegExp(name) }).getByRole('cell').first().textContent();
    await expect.poll(() => votesFor('Lesnaya yard')).toBe('1');
    await expect.poll(() => votesFor('Rechnaya yard')).toBe('0');

    // Resident B votes in another browser; A's page changes without a reload.
    const b = await newSession({ locale: 'en-GB' });
    await signIn(b.page, 'voter-001@demo.vmeste.city');
    await b.page.goto(`/votes/${ballotId}`);
    await b.page.getByLabel('Rechnaya yard').check();
    await b.page.getByRole('button', { name: 'Cast my vote' }).click();
    await b.page.getByTestId('receipt').waitFor();
    await expect.poll(() => votesFor('Rechnaya yard'), { timeout: 5_000 }).toBe('1');
    await screenshot(a.page, 'vote-live');

    // The vote sent from the second tab is refused, and that tab no longer offers the form.
    await again.getByRole('button', { name: 'Cast my vote' }).click();
    await expect.poll(() => again.locator('main').textContent()).toContain('You have already voted in this ballot.');
    expect(await again.getByRole('button', { name: 'Cast my vote' }).count()).toBe(0);
    expect(await again.getByLabel('Rechnaya yard').count()).toBe(0);
    await expectAccessible(again, '/votes/:id (refused in a second tab)');
    await again.reload();
    expect(await again.getByRole('button', { name: 'Cast my vote' }).count()).toBe(0);
    await again.close();

    // A keeps the receipt in this browser (a cookie, not the database) and finds it in the cabinet.
    await a.page.getByRole('button', { name: 'Keep it in this browser' }).click();
    await a.page.waitForURL(/kept=1/);
    await settled(a.page);
    expect((await a.page.getByTestId('kept-receipt').textContent())!.trim()).toBe(receipt);
    await visit(a.page, '/me');
    expect(await a.page.getByTestId('kept-receipt').allTextContents()).toContain(receipt);
    await expectAccessible(a.page, '/me (kept receipt)');

    // The close: its time comes and the lifecycle seals and publishes (the sweeper's work, run now).
    await db.update(ballots).set({ closesAt: dsql`now()` }).where(eq(ballots.id, ballotId));
    await sweepBallots();
    await a.page.goto(`/votes/${ballotId}`);
    await expectAccessible(a.page, '/votes/:id (published)');
    const head = (await a.page.getByTestId('chain-head').textContent())!.trim();
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(a.page, 'vote-published');
    // The kept receipt, checked on the page: it is in the published ledger, with A's answer.
    await a.page.getByRole('button', { name: 'Check it' }).click();
    await expect.poll(() => a.page.getByTestId('receipt-check').textContent()).toMatch(/This ballot is in the published ledger, entry [12]\..*Lesnaya yard/);
    await settled(a.page);
    await expectAccessible(a.page, '/votes/:id (receipt checked)');
    const { stdout } = await run(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/verify-ballot.ts'), `${baseUrl}/votes/${ballotId}/ledger.csv`, '--receipt', receipt], { cwd: root });
    expect(stdout).toContain(`chain head ${head} matches the published head`);
    expect(stdout).toMatch(/receipt [0-9A-Z]+: found at seq [12], choices/);
    expect(stdout).toContain('OK: the chain is intact');

    expect([...admin.problems, ...a.problems, ...b.problems]).toEqual([]);
    await Promise.all([admin.context.close(), a.context.close(), b.context.close()]);
  }, 180_000);

  it('an unverified newcomer sees why they cannot vote; points, rewards and decisions are readable at 360 px', async () => {
    const { page, problems, context } = await newSession({ locale: 'en-GB', viewport: { width: 360, height: 740 } });
    await signIn(page, 'newcomer@demo.vmeste.city');
    await visit(page, '/votes');
    await page.getByRole('link', { name: 'What should the new park on Sadovaya be called?' }).click();
    await page.getByTestId('ineligible').waitFor();
    expect(await page.getByTestId('ineligible').textContent()).toContain('only verified residents vote here');
    await expectAccessible(page, '/votes/:id (ineligible)');
    for (const path of ['/decisions', '/rewards', '/me/points']) {
      await visit(page, path);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} fits 360 px`).toBeLessThanOrEqual(360);
    }
    await page.goto('/decisions');
    // Each decision is a padded card titled with its ballot's question and the winning answer.
    const card = page.locator('main li.card').first();
    expect(await card.locator('h2').textContent()).toMatch(/^.+ — .+$/);
    expect(await card.evaluate((li) => parseFloat(getComputedStyle(li).paddingLeft))).toBeGreaterThanOrEqual(12);
    await page.locator('main h2 a').first().click();
    await page.waitForURL(/\/decisions\/\d+$/);
    await expectAccessible(page, '/decisions/:id');
    await screenshot(page, 'decision');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a voter spends points on a reward', async () => {
    const { page, problems, context } = await newSession({ locale: 'en-GB' });
    await signIn(page, 'voter-002@demo.vmeste.city');
    await visit(page, '/rewards');
    const before = Number(await page.getByTestId('balance').textContent());
    expect(before).toBeGreaterThanOrEqual(20);
    await page.getByRole('button', { name: 'Get it City museum ticket' }).click();
    await page.waitForURL(/spent=/);
    await expect.poll(async () => Number(await page.getByTestId('balance').textContent())).toBe(before - 20);
    await expectAccessible(page, '/rewards (spent)');
    expect(problems).toEqual([]);
    await context.close();
  });
});
