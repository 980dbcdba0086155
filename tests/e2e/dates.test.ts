// Pages with dates, opened by a browser whose clock is in another zone than the server's and the city's: React must
// hydrate them without a word, and the text a person reads must be the same with and without JavaScript.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTimeZone, hydrated, newSession, signIn } from './browser';

/** The main column's text as a person reads it (no-JS pages render the same markup, so the same text). */
const mainText = (page: Page) => page.locator('main').innerText();

async function expectSameWithoutJavaScript(email: string, paths: string[]) {
  const scripted = await newSession({ locale: 'en-GB' });
  const plain = await newSession({ locale: 'en-GB', javaScriptEnabled: false });
  expect(await scripted.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(browserTimeZone);
  await signIn(scripted.page, email);
  // The same session in both (the cabinet marks "this device"), one browser running the page's scripts, one not.
  await plain.context.addCookies(await scripted.context.cookies());
  for (const path of paths) {
    await plain.page.goto(path);
    await scripted.page.goto(path);
    await hydrated(scripted.page);
    expect(scripted.problems, `React's complaints on ${path}`).toEqual([]);
    expect(await mainText(scripted.page), `${path} with and without JavaScript`).toBe(await mainText(plain.page));
  }
  await Promise.all([scripted.context.close(), plain.context.close()]);
}

describe(`a browser in ${browserTimeZone}`, () => {
  it("shows a resident's cabinet and notifications in the city's time, the same with and without JavaScript", async () => {
    await expectSameWithoutJavaScript('resident@demo.vmeste.city', ['/me', '/me/notifications', '/me/reports', '/me/ideas', '/me/points']);
  });

  it("shows the admin's audit log, outbox, people and keys in the city's time, the same with and without JavaScript", async () => {
    await expectSameWithoutJavaScript('admin@demo.vmeste.city', ['/admin/audit', '/admin/outbox', '/admin/users', '/admin/api-keys', '/admin/ballots', '/data']);
  });

  it('hydrates every page with dates without a React error', async () => {
    const { page, problems, context } = await newSession({ locale: 'en-GB' });
    await signIn(page, 'admin@demo.vmeste.city');
    for (const path of ['/reports', '/votes', '/decisions', '/stats', '/departments', '/moderation/reports', '/moderation/ideas', '/admin/projects']) {
      await page.goto(path);
      await hydrated(page);
      expect(problems, `React's complaints on ${path}`).toEqual([]);
    }
    // A report's, a vote's and a decision's own page, the first of each list.
    for (const [list, pattern] of [['/reports', /^\/reports\/\d+$/], ['/votes', /^\/votes\/\d+$/], ['/decisions', /^\/decisions\/\d+$/]] as const) {
      await page.goto(list);
      const hrefs = await page.locator('main a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      const href = hrefs.find((h) => pattern.test(h));
      expect(href, `a link to one item on ${list}`).toBeTruthy();
      await page.goto(href!);
      await hydrated(page);
      expect(problems, `React's complaints on ${href}`).toEqual([]);
    }
    await context.close();
  });
});
