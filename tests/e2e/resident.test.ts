import { describe, expect, it } from 'vitest';
import { sql } from '#app/utils/db.server';
import { expectAccessible, newSession, screenshot, uniqueEmail, visit } from './browser';

describe('a resident', () => {
  it('registers, signs out, signs in again, switches the language and signs out', async () => {
    const { page, problems, context } = await newSession();
    const email = uniqueEmail('anna');

    await visit(page, '/');
    await expect(page.locator('h1')).toBeTruthy();
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    await screenshot(page, 'home');

    await page.getByRole('link', { name: 'Регистрация' }).click();
    await page.waitForURL('**/register');
    await expectAccessible(page);

    // First an empty form: the error summary takes focus and links to the fields.
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.title()).toMatch(/^Ошибка: /);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('error-summary'))).toBe(true);
    expect(await page.locator('#field-name').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, '/register (with errors)');
    await screenshot(page, 'register-errors');

    await page.getByLabel('Имя и фамилия').fill('Анна Петрова');
    await page.getByLabel('Электронная почта').fill(email);
    await page.getByLabel('Пароль').fill('a-long-password-1');
    await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
    await page.waitForURL('**/me?welcome=1');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Личный кабинет');
    // The refusal titled the form's page, not the pages after it.
    expect(await page.title()).toMatch(/^Личный кабинет — /);
    await expectAccessible(page, '/me');

    await page.getByRole('link', { name: /Уведомления/ }).click();
    await page.waitForURL('**/me/notifications');
    await expect.poll(() => page.locator('main').textContent()).toContain('Добро пожаловать на платформу «Вместе», Анна Петрова!');
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Выйти', exact: true }).click();
    await page.waitForURL(/\/$/);
    await page.getByRole('link', { name: 'Войти' }).click();
    await page.waitForURL('**/sign-in');
    await expectAccessible(page);
    await page.getByLabel('Электронная почта').fill(email);
    await page.getByLabel('Пароль').fill('a-long-password-1');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.waitForURL('**/me');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('My cabinet');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // Remembered: another page, and a new visit, stay in English.
    await visit(page, '/reports');
    expect(await page.locator('h1').textContent()).toBe('Reports');
    await screenshot(page, 'reports-en');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/$/);
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign out', exact: true }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('forgets the password, follows the e-mailed link, chooses a new one and signs in with it; then changes it in the cabinet', async () => {
    const { page, problems, context } = await newSession({ locale: 'en-GB' });
    const email = uniqueEmail('forgetful');
    await page.goto('/register');
    await page.getByLabel('Full name').fill('Boris Forgetful');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('a-long-password-1');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/me?welcome=1');
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL(/\/$/);

    await visit(page, '/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL('**/forgot-password');
    await expectAccessible(page, '/forgot-password');
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send me the link' }).click();
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain(`If an account uses ${email}`);
    await expectAccessible(page, '/forgot-password (sent)');

    // The e-mail, as the outbox holds it until a mail server takes it.
    const [mail] = await sql<{ body_text: string }[]>`SELECT body_text FROM email_outbox WHERE to_address = ${email} AND sensitive ORDER BY id DESC LIMIT 1`;
    const link = /\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail!.body_text)![0];
    await visit(page, link);
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.locator('.error-summary').waitFor();
    await expectAccessible(page, '/reset-password (with errors)');
    await page.getByLabel('New password').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.waitForURL('**/sign-in?reset=1');
    await expect.poll(() => page.locator('[role=status]').textContent()).toContain('Your password was changed');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL('**/me');

    await page.getByLabel('Current password').fill('a-brand-new-password');
    await page.getByLabel('New password').fill('a-third-password-now');
    await page.getByRole('button', { name: 'Change the password' }).click();
    await page.waitForURL('**/me?passwordChanged=1');
    await expect.poll(() => page.locator('[role=status]').first().textContent()).toContain('Your password was changed');
    await expectAccessible(page, '/me (password changed)');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('can do all of it without JavaScript: forms are plain HTML forms', async () => {
    // axe needs JavaScript in the page, so these pages are checked in the journeys above instead.
    const { page, problems, context } = await newSession({ javaScriptEnabled: false, locale: 'en-GB' });
    await page.goto('/register');
    await page.getByLabel('Full name').fill('<script>alert(1)</script>');
    await page.getByLabel('E-mail').fill('not an e-mail');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.locator('.error-summary').waitFor();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator('#field-name-error').textContent()).toBe('Must not contain < or >');
    expect(await page.locator('#field-email').inputValue()).toBe('not an e-mail');
    await page.getByLabel('Full name').fill('Boris No-Script');
    await page.getByLabel('E-mail').fill(uniqueEmail('nojs'));
    await page.getByLabel('Password').fill('a-long-password-2');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/me?welcome=1');
    expect(await page.locator('h1').textContent()).toBe('My cabinet');
    await page.getByLabel('Year of birth').fill('1988');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL('**/me?saved=1');
    expect(await page.locator('#field-birthYear').inputValue()).toBe('1988');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('is usable on a 360 px wide phone', async () => {
    const { page, context } = await newSession({ viewport: { width: 360, height: 740 }, locale: 'en-GB' });
    await visit(page, '/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-mobile');
    await context.close();
  });
});
