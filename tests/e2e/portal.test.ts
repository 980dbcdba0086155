import { describe, expect, it } from 'vitest';
import { expectAccessible, newSession, screenshot, signIn, visit } from './browser';

describe('the portal', () => {
  it('signs a resident in through the city identity provider, verified, into their cabinet and data page', async () => {
    // The provider's page asks for a web font from the internet, which this machine cannot reach.
    const { page, problems } = await newSession({ locale: 'en-GB' }, { ignore: /Failed to load resource: net::ERR_(NAME_NOT_RESOLVED|INTERNET_DISCONNECTED|CONNECTION_REFUSED)/ });
    await visit(page, '/sign-in');
    await page.getByRole('link', { name: 'Sign in with Novograd ID' }).click();
    // The provider's own development screens (not ours: no axe there; its web font cannot load offline).
    await page.locator('input[name="login"]').fill(`olga-zavodskoy-${1980 + Math.floor(Math.random() * 20)}`);
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('**/me');
    await expectAccessible(page);
    expect(await page.locator('main').textContent()).toContain('Verified');
    await screenshot(page, 'cabinet-oidc');
    await page.getByRole('link', { name: 'Your data: download or delete' }).click();
    await page.waitForURL('**/me/data');
    await expectAccessible(page);
    // Ticking nothing and deleting: told why, nothing deleted.
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });

  it("sends the browser the page's text in the page's language only, and the other language after a switch", async () => {
    const { page, problems } = await newSession();
    let scripts: Promise<string>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.text().then(unescapeJs, () => ''));
    });
    const loaded = async () => {
      const text = (await Promise.all(scripts)).join('\n');
      scripts = [];
      return text;
    };
    // The core's text and the reports tool's, in both languages.
    const tagline = { en: 'Shape your city together: propose ideas', ru: 'Меняем город вместе: предлагайте идеи' };
    const outside = { en: "This place is outside the city's districts", ru: 'Это место за пределами районов города' };

    await visit(page, '/reports');
    await page.waitForLoadState('networkidle');
    const inRussian = await loaded();
    expect(inRussian).toContain(tagline.ru);
    expect(inRussian).toContain(outside.ru);
    expect(inRussian).not.toContain(tagline.en);
    expect(inRussian).not.toContain(outside.en);

    await page.getByRole('button', { name: /English/ }).click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('footer').textContent()).toContain(tagline.en);
    const inEnglish = await loaded();
    expect(inEnglish).toContain(outside.en);
    expect(inEnglish).not.toContain(outside.ru);
    expect(problems).toEqual([]);
  });

  it('lets a resident rate how the city handled their answered report, once', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    await signIn(page, 'resident@demo.vmeste.city');
    await visit(page, '/me/reports');
    // The demo resident's report that a department has answered (its status badge says so).
    const href = await page.locator('main li', { hasText: 'Answered' }).first().locator('a[href^="/reports/"]').getAttribute('href');
    await page.goto(href!);
    await page.getByRole('heading', { name: 'Rate the service', level: 2 }).waitFor();
    await screenshot(page, 'report-rating');
    // One form per thing rated, each under its own heading, and no two submit buttons alike.
    const answerForm = page.getByTestId('rate-answer');
    expect(await answerForm.getByRole('heading', { level: 2 }).textContent()).toBe('Rate the answer');
    expect(await answerForm.locator('form').count()).toBe(1);
    expect(await page.getByTestId('feedback-form').locator('form').count()).toBe(1);
    const buttons = await page.locator('main form button[type="submit"]').allTextContents();
    expect(new Set(buttons).size).toBe(buttons.length);
    expect(buttons).toEqual(expect.arrayContaining(['Send my rating of the answer', 'Send my rating of the service']));
    await expectAccessible(page);
    await page.getByLabel('4 — good').check();
    await page.getByLabel('What could be better? (optional)').fill('The answer came on time; a photo of the repair would help.');
    await page.getByRole('button', { name: 'Send my rating of the service', exact: true }).click();
    await page.waitForURL(/feedback=thanks/);
    await page.getByText('Thank you for your rating.').waitFor();
    expect(await page.getByRole('heading', { name: 'Rate the service' }).count()).toBe(0);
    await expectAccessible(page);
    expect(problems).toEqual([]);
  });

  it('draws the dashboards as charts, with the numbers in tables', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    await visit(page, '/stats');
    await page.locator('.recharts-surface').first().waitFor();
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(4);
    await page.getByText('Show the numbers').first().click();
    await expectAccessible(page);
    await screenshot(page, 'stats');
    expect(problems).toEqual([]);
  });

  it('shows staff satisfaction over time per category, as a chart with its table and a CSV', async () => {
    const { page, problems } = await newSession({ locale: 'en-GB' });
    await signIn(page, 'admin@demo.vmeste.city');
    await visit(page, '/admin/feedback?by=category');
    await page.getByRole('heading', { name: 'Satisfaction over time by problem category' }).waitFor();
    const figures = page.locator('section.kpi', { has: page.locator('#kpi-by-group') });
    await figures.locator('.recharts-line').first().waitFor();
    expect(await figures.locator('.recharts-line').count()).toBe(5);
    await figures.getByText('Show the numbers').click();
    await expectAccessible(page);
    await screenshot(page, 'satisfaction-by-category');
    expect(problems).toEqual([]);
  });
});

/** A script's text with its \\uXXXX escapes read (the bundler writes non-Latin text escaped). */
function unescapeJs(text: string): string {
  return text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
