import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { finishOidcSignIn, oidcFlowCookie, type OidcFlow } from '#app/modules/accounts/oidc.server';
import { startSession } from '#app/modules/accounts/sessions.server';
import { appOrigin, oidcConfigured } from '#app/utils/env.server';
import { getLocale } from '#app/utils/locale.server';
import { useRootData, useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.oidcFailed', messages: [accountsMessages] } satisfies PageHandle;

/** Back from the identity provider: the code is checked and exchanged, then the person is signed in. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!oidcConfigured()) throw new Response('Not found', { status: 404 });
  const flow = ((await oidcFlowCookie.parse(request.headers.get('Cookie'))) ?? null) as OidcFlow | null;
  // The address the provider sent the person back to is ours (APP_URL), whatever Host header came with it.
  const { pathname, search } = new URL(request.url);
  const result = await finishOidcSignIn(new URL(pathname + search, appOrigin()), flow, await getLocale(request));
  // The attempt is used up either way.
  const clear = await oidcFlowCookie.serialize('', { maxAge: 0 });
  if (!result.ok) {
    const blockedReason = result.errors.reason === 'blocked' ? result.errors.blockedReason : null;
    return data({ reason: result.errors.reason, blockedReason }, { status: result.errors.reason === 'blocked' ? 403 : 400, headers: { 'Set-Cookie': clear } });
  }
  const response = await startSession(request, context, result.value.userId, result.value.redirectTo);
  response.headers.append('Set-Cookie', clear);
  throw response;
}

export default function OidcFailed() {
  const { reason, blockedReason } = useLoaderData<typeof loader>();
  const { t } = useT();
  const name = useRootData()?.env.OIDC_NAME ?? '';
  const text =
    reason === 'email-unverified' ? t('oidc.emailUnverified', { name })
    : reason === 'no-email' ? t('oidc.noEmail', { name })
    : reason === 'blocked' ? t('auth.blocked', { reason: blockedReason ?? '' })
    : t('oidc.failed', { name });
  return (
    <>
      <h1>{t('page.oidcFailed')}</h1>
      <p>{text}</p>
      <p>
        <Link to="/sign-in">{t('oidc.tryAgain')}</Link>
      </p>
    </>
  );
}
