// A real OpenID Connect provider (panva's oidc-provider) on a local port, standing in for the city's identity
// provider in tests: code flow with PKCE required, short-lived codes, and its development login screens.
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import Provider from 'oidc-provider';
import { Browser } from './app';

export type TestAccount = { email?: string; email_verified?: boolean; name?: string; district?: string; birth_year?: number };

/**
 * `claimsFor` gives an account's claims from the login typed at the provider, when the provider runs in another
 * process than the test (end-to-end); otherwise tests put accounts in `accounts`.
 */
export async function startTestProvider(redirectUris: string[], codeSeconds = 60, claimsFor?: (login: string) => TestAccount) {
  const accounts = new Map<string, TestAccount>();
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'vmeste-test', client_secret: 'vmeste-test-client-secret-0123456789', redirect_uris: redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub, ...(accounts.get(sub) ?? claimsFor?.(sub)) }) }),
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], residence: ['district', 'birth_year'] },
    scopes: ['openid', 'email', 'profile', 'residence'],
    pkce: { required: () => true },
    ttl: { AuthorizationCode: codeSeconds },
    cookies: { keys: ['vmeste-test-provider-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    clientId: 'vmeste-test',
    clientSecret: 'vmeste-test-client-secret-0123456789',
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    /**
     * Plays the person at the provider: from the authorisation URL, through the login and consent screens, to
     * the redirect back to us. Returns that redirect URL (with code and state).
     */
    async signInAs(authorizationUrl: string, login: string): Promise<URL> {
      const browser = new Browser('127.0.0.1', issuer);
      let next = new URL(authorizationUrl);
      for (let step = 0; step < 12; step += 1) {
        if (next.origin !== issuer) return next;
        let response = await browser.get(next.pathname + next.search);
        if (response.status >= 300 && response.status < 400) {
          next = new URL(response.headers.get('Location')!, issuer);
          continue;
        }
        const html = await response.text();
        const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
        if (!action) throw new Error(`no form at ${next.pathname}: ${html.slice(0, 300)}`);
        const fields = new URLSearchParams();
        for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields.set(m[1]!, m[2]!);
        if (html.includes('name="login"')) {
          fields.set('login', login);
          fields.set('password', 'any');
        }
        const target = new URL(action, issuer);
        response = await browser.request(target.pathname + target.search, { method: 'POST', body: fields, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
        if (response.status < 300 || response.status >= 400) throw new Error(`the provider answered ${response.status} to ${action}`);
        next = new URL(response.headers.get('Location')!, issuer);
      }
      throw new Error('the provider never sent the person back');
    },
  };
}
