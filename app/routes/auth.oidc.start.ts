import { redirect, type LoaderFunctionArgs } from '@remix-run/node';
import { startOidcSignIn } from '#app/modules/accounts/oidc.server';
import { appOrigin, oidcConfigured } from '#app/utils/env.server';
import { safeRedirectPath } from '#app/utils/redirect';

/** Off to the city's identity provider, with this attempt's state, nonce and PKCE verifier in a signed cookie. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!oidcConfigured()) throw new Response('Not found', { status: 404 });
  const url = new URL(request.url);
  const { url: to, cookie } = await startOidcSignIn(appOrigin(), safeRedirectPath(url.searchParams.get('redirectTo'), '/me'));
  return redirect(to, { headers: { 'Set-Cookie': cookie, 'Cache-Control': 'no-store' } });
}
