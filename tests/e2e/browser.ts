// Debian's Chromium driven by playwright-core, with an axe-core check (WCAG 2.1 AA) of every page visited.
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectRoot } from '../support/processes';

export const baseUrl = `http://127.0.0.1:${process.env.E2E_PORT ?? 3999}`;

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export type Session = { context: BrowserContext; page: Page; problems: string[] };

/** A fresh browser profile; page errors and console errors are collected and fail the test. */
export async function newSession(browser: Browser, options: BrowserContextOptions = {}): Promise<Session> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'ru-RU', viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A 4xx answer to a form (409: the duplicate offer) or a forbidden page is expected; the browser logs it as a failed resource.
    if (message.type() === 'error' && !/status of (400|403|404|409)/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return { context, page, problems };
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
