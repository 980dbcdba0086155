// A consultant's day at the desk in Chromium (issue 17, ADR 048): registers a person without e-mail, verifies them in
// person, files a report for them, opens the booth where they vote alone; the person then signs in with the printed
// code. axe on every new page, no console errors.
import { describe, expect, it } from 'vitest';
import { openBallot } from '#app/modules/votes/ballot-lifecycle.server';
import { makeBallot } from '../support/votes';
import { expectAccessible, newSession, screenshot, signIn, visit } from './browser';

const consent = 'The resident is here and agrees that I do this on their behalf';

describe('assisted service at a centre', () => {
  it('registers, verifies, files a report for a resident and lets them vote at the booth', async () => {
    const ballot = await makeBallot({ questions: [{ kind: 'single', options: 2 }] });
    await openBallot(ballot.id);
    const { page, problems } = await newSession({ locale: 'en-GB' });
    await signIn(page, 'consultant-centralny@demo.vmeste.city');
    // A consultant's one centre: the staff link goes straight to its desk.
    await page.goto('/centre-desk');
    await page.getByRole('heading', { name: 'Desk: My Documents — Central' }).waitFor();
    await page.getByRole('link', { name: 'Assisted service' }).click();
    await page.getByRole('heading', { name: 'Assisted service — My Documents — Central' }).waitFor();
    const assistPath = new URL(page.url()).pathname;
    await expectAccessible(page);

    // Without the consent box: the error summary, the message at the box, nothing made.
    await page.getByLabel('Full name').fill('Galina Offline');
    await page.getByLabel('Phone (optional)').fill(`+7 901 ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`);
    await page.getByLabel('Year of birth').fill('1947');
    await page.getByRole('button', { name: 'Register' }).click();
    await page.locator('.error-summary').waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: /);
    expect(await page.locator('.field__error').first().textContent()).toBe('Tick that the resident is here and agrees');
    await expectAccessible(page, '/centre-desk/:id/assist (errors)');
    await page.getByRole('checkbox', { name: consent }).check();
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByTestId('access-code').waitFor();
    const code = (await page.getByTestId('access-code').locator('strong').textContent())!;
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    await expectAccessible(page, '/centre-desk/:id/assist (code)');
    await screenshot(page, 'assisted-code');

    await page.getByTestId('access-code').getByRole('link', { name: 'Serve' }).click();
    await page.getByRole('heading', { name: 'Serving: Galina Offline' }).waitFor();
    await page.getByRole('link', { name: 'Verify in person' }).click();
    await page.getByLabel('Identity document seen').waitFor();
    await page.getByLabel('Identity document seen').selectOption('passport');
    await page.getByLabel('District of residence').selectOption({ index: 1 });
    await page.getByRole('checkbox', { name: consent }).check();
    await page.getByRole('button', { name: 'Mark verified' }).click();
    await page.getByText('Verified in person.').waitFor();
    await expectAccessible(page, '/centre-desk/:id/assist (verified)');

    await page.getByRole('link', { name: 'File a report for them' }).click();
    await page.getByLabel('What is wrong').waitFor();
    await page.locator('select[name="categoryId"]').selectOption({ index: 1 });
    await page.locator('input[name="address"]').fill('Near the centre');
    await page.locator('input[name="lat"]').fill((Number(await page.locator('input[name="lat"]').inputValue()) + 0.0013).toFixed(6));
    await page.getByLabel('What is wrong').fill('The bench by the entrance is broken, nobody can sit while waiting.');
    await page.getByRole('checkbox', { name: consent }).check();
    await expectAccessible(page, '/centre-desk/:id/assist (report form)');
    await page.getByRole('button', { name: 'File the report' }).click();
    const filed = page.getByText(/Report №\d+ filed on their behalf/);
    const nearby = page.getByRole('checkbox', { name: 'File it even though a similar open report is nearby' });
    await filed.or(nearby).first().waitFor();
    if (await nearby.isVisible()) {
      await nearby.check();
      await page.getByRole('checkbox', { name: consent }).check();
      await page.getByRole('button', { name: 'File the report' }).click();
    }
    await filed.waitFor();

    await page.getByRole('link', { name: 'Vote at the booth' }).click();
    await page.getByLabel('Ballot', { exact: true }).selectOption({ label: ballot.titleEn });
    await page.getByRole('checkbox', { name: consent }).check();
    await expectAccessible(page, '/centre-desk/:id/assist (booth)');
    await page.getByRole('button', { name: 'Open the booth' }).click();
    await page.getByRole('link', { name: 'the ballot on the terminal' }).click();
    await page.getByRole('heading', { name: 'Voting booth' }).waitFor();
    await expectAccessible(page, '/centre-booth/:id');
    await screenshot(page, 'assisted-booth');
    await page.getByLabel('Answer 2').check();
    await page.getByRole('button', { name: 'Cast my vote' }).click();
    await page.getByTestId('booth-receipt').waitFor();
    await expectAccessible(page, '/centre-booth/:id (receipt)');
    // Back at the desk: the session shows that they voted, and never what.
    await page.goto(assistPath);
    const sessions = page.getByTestId('booth-sessions');
    await expect.poll(() => sessions.textContent()).toContain('Galina Offline');
    expect(await sessions.textContent()).toContain('voted');
    expect(await sessions.textContent()).not.toContain('Answer');
    expect(problems).toEqual([]);

    // The person signs in at home with the printed code and is offered an e-mail and a password.
    const home = await newSession({ locale: 'en-GB' });
    await visit(home.page, '/sign-in');
    await home.page.getByRole('link', { name: 'Got a code at a service centre? Sign in with it' }).click();
    await home.page.getByLabel('Code from the service centre').fill(code.toLowerCase());
    await expectAccessible(home.page, '/sign-in/code');
    await home.page.getByRole('button', { name: 'Sign in' }).click();
    await home.page.waitForURL('**/me');
    await home.page.getByRole('heading', { name: 'Add your e-mail' }).waitFor();
    await expectAccessible(home.page, '/me (no e-mail)');
    expect(home.problems).toEqual([]);
  });
});
