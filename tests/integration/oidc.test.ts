// Sign-in through the city's identity provider: a real OpenID provider on a local port, the app in-process.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIdentities, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { closeConnections } from '#app/utils/shutdown.server';
import { appOrigin } from '#app/utils/env.server';
import { Browser, uniqueEmail } from '../support/app';
import { startTestProvider } from '../support/oidc-provider';

let provider: Awaited<ReturnType<typeof startTestProvider>>;

beforeAll(async () => {
  // Codes live 3 s here, so the test of an expired code is quick.
  // The callback is at APP_URL (here unset: the server's own address), whatever host the browser's requests name.
  provider = await startTestProvider([`${appOrigin()}/auth/oidc/callback`], 3);
  // Read by the app when it first loads (in-process, on the first request of this file).
  Object.assign(process.env, { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret, OIDC_NAME: 'Novograd ID' });
});
afterAll(async () => {
  await provider.close();
  await closeConnections();
});

/** Starts at our sign-in button and returns the person's browser and where the provider sent them back. */
async function viaProvider(login: string, browser = new Browser()) {
  const started = await browser.get('/auth/oidc/start?redirectTo=/reports');
  expect(started.status).toBe(302);
  const back = await provider.signInAs(started.headers.get('Location')!, login);
  return { browser, back };
}

describe('sign-in with the city identity provider', () => {
  it('offers the button, creates a verified resident from verified claims, and signs them in', async () => {
    const page = await (await new Browser().get('/sign-in')).text();
    expect(page).toContain('Sign in with Novograd ID');
    const email = uniqueEmail('oidc-new');
    provider.accounts.set('citizen-1', { email, email_verified: true, name: 'Ivan Oidc', district: 'zavodskoy', birth_year: 1980 });
    const { browser, back } = await viaProvider('citizen-1');
    const callback = await browser.get(back.pathname + back.search);
    expect(callback.status).toBe(302);
    expect(callback.headers.get('Location')).toBe('/reports');
    const me = await (await browser.get('/me')).text();
    expect(me).toContain('Ivan Oidc');
    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user).toMatchObject({ name: 'Ivan Oidc', verified: true, birthYear: 1980, passwordHash: null });
    expect(user!.verifiedBy).toMatch(/^oidc:127\.0\.0\.1:/);
    const identities = await db.select().from(userIdentities).where(eq(userIdentities.userId, user!.id));
    expect(identities).toEqual([expect.objectContaining({ issuer: provider.issuer, subject: 'citizen-1' })]);

    // The second time, the identity finds the same account.
    const again = await viaProvider('citizen-1');
    expect((await again.browser.get(again.back.pathname + again.back.search)).status).toBe(302);
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });

  it('links an existing account only when the provider vouches for the e-mail', async () => {
    const email = uniqueEmail('oidc-existing');
    const owner = new Browser();
    expect((await owner.post('/register', { name: 'Has Password', email, password: 'a-long-password-1' })).status).toBe(302);
    provider.accounts.set('claims-unverified', { email, email_verified: false, name: 'Impostor' });
    const refused = await viaProvider('claims-unverified');
    const page = await refused.browser.get(refused.back.pathname + refused.back.search);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('Sign in with your password instead');
    expect((await refused.browser.get('/me')).status).toBe(302);

    provider.accounts.set('claims-verified', { email, email_verified: true, name: 'Has Password' });
    const linked = await viaProvider('claims-verified');
    expect((await linked.browser.get(linked.back.pathname + linked.back.search)).status).toBe(302);
    expect(await (await linked.browser.get('/me')).text()).toContain('Has Password');
  });

  it('refuses a blocked account through the provider too, with the reason', async () => {
    const email = uniqueEmail('oidc-blocked');
    provider.accounts.set('citizen-blocked', { email, email_verified: true, name: 'Blocked Oidc' });
    const first = await viaProvider('citizen-blocked');
    expect((await first.browser.get(first.back.pathname + first.back.search)).status).toBe(302);
    await db.update(users).set({ blockedAt: new Date(), blockedReason: 'Impersonation' }).where(eq(users.email, email));
    const again = await viaProvider('citizen-blocked');
    const page = await again.browser.get(again.back.pathname + again.back.search);
    expect(page.status).toBe(403);
    expect(await page.text()).toContain('This account is blocked by the city&#x27;s administrators: Impersonation');
    expect((await again.browser.get('/me')).status).toBe(302);
  });

  it('sends the provider back to APP_URL, never to the host a request names', async () => {
    const browser = new Browser();
    browser.origin = 'http://attacker.example';
    const started = await browser.get('/auth/oidc/start?redirectTo=/reports');
    expect(started.status).toBe(302);
    expect(new URL(started.headers.get('Location')!).searchParams.get('redirect_uri')).toBe(`${appOrigin()}/auth/oidc/callback`);
  });

  it('refuses a forged state, a callback in a browser that did not start the sign-in, and an expired code, signing no one in', async () => {
    provider.accounts.set('citizen-2', { email: uniqueEmail('oidc-refused'), email_verified: true, name: 'Refused' });
    const forged = await viaProvider('citizen-2');
    forged.back.searchParams.set('state', 'forged-state');
    const forgedPage = await forged.browser.get(forged.back.pathname + forged.back.search);
    expect(forgedPage.status).toBe(400);
    expect(await forgedPage.text()).toContain('did not complete');
    expect((await forged.browser.get('/me')).status).toBe(302);

    // A callback taken from someone else's browser: this browser never started the flow (no cookie).
    const stolen = await viaProvider('citizen-2');
    expect((await new Browser().get(stolen.back.pathname + stolen.back.search)).status).toBe(400);

    const expired = await viaProvider('citizen-2');
    await new Promise((r) => setTimeout(r, 4000));
    expect((await expired.browser.get(expired.back.pathname + expired.back.search)).status).toBe(400);
    expect((await expired.browser.get('/me')).status).toBe(302);
  });

  it('refuses an ID token whose nonce is not this attempt\'s', async () => {
    provider.accounts.set('citizen-3', { email: uniqueEmail('oidc-nonce'), email_verified: true, name: 'Nonce' });
    const { browser, back } = await viaProvider('citizen-3');
    // The same attempt's state and PKCE verifier, but another nonce: as if the token were minted for another login.
    const { oidcFlowCookie } = await import('#app/modules/accounts/oidc.server');
    const flow = await oidcFlowCookie.parse(`vmeste_oidc=${/vmeste_oidc=([^;]+)/.exec(browser.cookieHeader())![1]}`);
    const tampered = await oidcFlowCookie.serialize({ ...flow, nonce: 'not-the-nonce-sent' });
    browser.setCookie('vmeste_oidc', tampered.split(';')[0]!.slice('vmeste_oidc='.length));
    const response = await browser.get(back.pathname + back.search);
    expect(response.status).toBe(400);
    expect((await browser.get('/me')).status).toBe(302);
  });
});
