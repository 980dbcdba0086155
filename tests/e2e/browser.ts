// Debian's Chromium driven by playwright-core, with an axe-core check (WCAG 2.1 AA) of every page visited.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterEach, expect } from 'vitest';
import { cityWallClock } from '#app/utils/city-time.server';
import { fileBrowser } from '../support/chromium';
import { projectRoot } from '../support/processes';

/** A moment `ms` as a datetime-local value on the city's clock (CITY_TIMEZONE), as the admin forms take it. */
export const cityTime = (ms: number) => cityWallClock(new Date(ms));

export const baseUrl = `http://127.0.0.1:${process.env.E2E_PORT ?? 3999}`;

export type Session = { context: BrowserContext; page: Page; problems: string[] };

/**
 * The browser's clock is neither the server's (UTC on CI) nor the city's (Europe/Moscow in the demo): a page that
 * formats a date in the zone it runs in renders one text on the server and another in the browser, and React says so.
 */
export const browserTimeZone = 'America/Los_Angeles';

// React's words for a server render the browser disagrees with, in development (warnings) and production (minified errors).
const hydrationWarning = /hydrat|did not match|did not expect server html|expected server html|validateDOMNesting|cannot appear as a descendant|Minified React error #(418|419|421|422|423|425)/i;

const openSessions: Session[] = [];

/**
 * A fresh browser profile in the file's Chromium (tests/support/chromium.ts); page errors, console errors and
 * hydration warnings are collected and fail the test.
 */
export async function newSession(options: BrowserContextOptions = {}, expected?: { ignore: RegExp }): Promise<Session> {
  const context = await (await fileBrowser()).newContext({ baseURL: baseUrl, locale: 'ru-RU', timezoneId: browserTimeZone, viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    const text = message.text();
    if (expected?.ignore.test(text)) return;
    // A 4xx answer to a form (409: the duplicate offer) or a forbidden page is expected; the browser logs it as a failed resource.
    if (message.type() === 'error' && !/status of (400|403|404|409)/.test(text)) problems.push(`console: ${text}`);
    else if (message.type() === 'warning' && hydrationWarning.test(text)) problems.push(`console warning: ${text}`);
  });
  const session = { context, page, problems };
  openSessions.push(session);
  return session;
}

// Every session a test opened must end without a problem, whether or not the test looked (STYLE.md convention 8).
afterEach(() => {
  const found = openSessions.splice(0).flatMap((s) => s.problems);
  expect(found, 'console errors, page errors or hydration warnings in the browser').toEqual([]);
});

/** Resolves once React has hydrated the page (the root's effect marks <html>), so a mismatch has been reported by then. */
export async function hydrated(page: Page) {
  await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
}

export const visited = new Set<string>();

/** axe-core over the page as it is now: WCAG 2.0/2.1 A and AA rules, no violations allowed. */
export async function expectAccessible(page: Page, label = page.url()) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
  visited.add(new URL(page.url()).pathname);
}

/** Waits until the app has no navigation or revalidation in flight (so the next step cannot abort one). */
export async function settled(page: Page) {
  await page.waitForFunction(() => {
    const router = (window as unknown as { __remixRouter?: { state: { navigation: { state: string }; revalidation: string } } }).__remixRouter;
    return !router || (router.state.navigation.state === 'idle' && router.state.revalidation === 'idle');
  });
}

/** Opens a path and checks it with axe. */
export async function visit(page: Page, path: string) {
  const response = await page.goto(path);
  await expectAccessible(page, path);
  return response;
}

export async function screenshot(page: Page, name: string) {
  const dir = join(projectRoot, 'docs', 'screenshots');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
}

export const uniqueEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@e2e.vmeste.city`;

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, email: string, password = 'vmeste-demo-2026') {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/me');
}
