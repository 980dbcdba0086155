import { createCookie } from '@remix-run/node';
import { and, eq } from 'drizzle-orm';
import * as oidc from 'openid-client';
import { districts, userIdentities, users } from '#db/schema/index';
import { db } from '#app/utils/db.server';
import { env, appOrigin, secureCookies } from '#app/utils/env.server';
import type { Locale } from '#app/utils/i18n';
import type { Result } from '#app/utils/result';
import { notify } from '#app/modules/notifications/index.server';
import { enqueueEmailDelivery } from '#app/modules/notifications/jobs';

/**
 * Sign-in with the city's identity provider: OpenID Connect authorisation code flow with PKCE, state and nonce
 * (openid-client does the protocol; this file decides what an identity means for a Vmeste account).
 */

/** The flow's secrets between the redirect out and the way back: signed, HTTP-only, ten minutes. */
export const oidcFlowCookie = createCookie('vmeste_oidc', {
  httpOnly: true,
  sameSite: 'lax', // the provider sends the person back with a top-level GET: a lax cookie comes along
  path: '/auth/oidc',
  secure: secureCookies,
  secrets: [env.SESSION_SECRET],
  maxAge: 600,
});
export type OidcFlow = { state: string; nonce: string; verifier: string; redirectTo: string };

let configuration: Promise<oidc.Configuration> | undefined;
/** The provider's metadata, discovered once per process (again after a failure). */
function providerConfiguration(): Promise<oidc.Configuration> {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) throw new Error('OIDC is not configured');
  const issuer = new URL(env.OIDC_ISSUER);
  // A provider on plain http is only for a local one (tests, a developer's machine).
  const insecure = issuer.protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : undefined;
  configuration ??= oidc.discovery(issuer, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET, undefined, insecure).catch((error: unknown) => {
    configuration = undefined;
    throw error;
  });
  return configuration;
}

export const callbackUrl = (origin: string) => `${origin}/auth/oidc/callback`;

/** Where to send the person, and the cookie that remembers this attempt. */
export async function startOidcSignIn(origin: string, redirectTo: string): Promise<{ url: string; cookie: string }> {
  const config = await providerConfiguration();
  const flow: OidcFlow = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), redirectTo };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(origin),
    scope: 'openid email profile residence',
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, cookie: await oidcFlowCookie.serialize(flow) };
}

type IdentityErrors = { reason: 'failed' | 'no-email' | 'email-unverified' } | { reason: 'blocked'; blockedReason: string };
type Claims = { sub: string; email?: unknown; email_verified?: unknown; name?: unknown; district?: unknown; birth_year?: unknown };

/**
 * The way back: the code is exchanged (state, PKCE and nonce checked by openid-client; an expired or replayed code
 * fails at the provider), then the identity is linked to an account — found by the identity, else by a
 * provider-verified e-mail, else created. Verified residence claims make the account a verified resident.
 */
export async function finishOidcSignIn(currentUrl: URL, flow: OidcFlow | null, locale: Locale): Promise<Result<{ userId: string; redirectTo: string }, IdentityErrors>> {
  if (!flow) return { ok: false, errors: { reason: 'failed' } };
  let claims: Claims;
  try {
    const config = await providerConfiguration();
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
    const idClaims = tokens.claims();
    if (!idClaims) return { ok: false, errors: { reason: 'failed' } };
    // The ID token carries the subject; the rest may come from the UserInfo endpoint, checked against it.
    const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    claims = { ...info, ...idClaims } as Claims;
  } catch (error) {
    console.warn(`[oidc] sign-in refused: ${(error as Error).message}`);
    return { ok: false, errors: { reason: 'failed' } };
  }
  const issuer = env.OIDC_ISSUER!;
  const email = typeof claims.email === 'string' ? claims.email.toLowerCase() : null;
  const emailVerified = claims.email_verified === true;
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 100) : (email?.split('@')[0] ?? 'Resident');
  const birthYear = Number.isInteger(Number(claims.birth_year)) && Number(claims.birth_year) >= 1900 && Number(claims.birth_year) <= new Date().getFullYear() ? Number(claims.birth_year) : null;
  const districtCode = typeof claims.district === 'string' ? claims.district : null;

  const linked = await db.transaction(async (tx): Promise<{ failure: IdentityErrors } | { userId: string; outbox: number[] }> => {
    const [district] = districtCode ? await tx.select({ id: districts.id }).from(districts).where(eq(districts.code, districtCode)) : [];
    const residence = district && birthYear ? { districtId: district.id, birthYear, verified: true, verifiedBy: `oidc:${new URL(issuer).host}`, verifiedAt: new Date() } : {};
    const [identity] = await tx.select({ userId: userIdentities.userId }).from(userIdentities).where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, claims.sub)));
    let userId = identity?.userId;
    let outbox: number[] = [];
    if (!userId) {
      if (!email) return { failure: { reason: 'no-email' } };
      const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (existing && !emailVerified) return { failure: { reason: 'email-unverified' } };
      if (existing) userId = existing.id;
      else {
        const [created] = await tx.insert(users).values({ email, name, locale }).returning({ id: users.id });
        userId = created!.id;
        outbox = await notify(tx, { userId, kind: 'notice.welcome', params: { name, url: appOrigin() }, link: '/me', email: { subject: 'email.welcome.subject', body: 'email.welcome.body' } });
      }
      await tx.insert(userIdentities).values({ issuer, subject: claims.sub, userId });
    }
    const [person] = await tx.select({ blockedAt: users.blockedAt, blockedReason: users.blockedReason }).from(users).where(eq(users.id, userId));
    if (person?.blockedAt) return { failure: { reason: 'blocked', blockedReason: person.blockedReason ?? '' } };
    if (residence.verified) await tx.update(users).set({ ...residence, updatedAt: new Date() }).where(eq(users.id, userId));
    return { userId, outbox };
  });
  if ('failure' in linked) return { ok: false, errors: linked.failure };
  await enqueueEmailDelivery(linked.outbox);
  return { ok: true, value: { userId: linked.userId, redirectTo: flow.redirectTo } };
}
