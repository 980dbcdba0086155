import type { ActionFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useSearchParams } from '@remix-run/react';
import { signInSchema } from '#app/modules/accounts/schemas';
import { signIn } from '#app/modules/accounts/sign-in.server';
import { signedOutOnly, startSession } from '#app/modules/accounts/sessions.server';
import { Field, valueOf } from '#app/components/forms/Field';
import { SignInForm } from '#app/components/forms/SignInForm';
import { invalid, readForm, tooMany } from '#app/utils/action.server';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { formValues, parseForm } from '#app/utils/forms';
import { clientIp } from '#app/utils/request.server';
import { safeRedirectPath } from '#app/utils/redirect';
import { useRootData, useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.signIn', messages: [accountsMessages] } satisfies PageHandle;

export const loader = signedOutOnly;

export const headers = formRouteHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const { formData, t } = await readForm(request);
  const parsed = parseForm(signInSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const wait = await consumeLimit('sign-in', { ip: clientIp(context) });
  if (wait !== null) return tooMany(wait, t, { ...formValues(formData), password: '' }, 'email');
  const result = await signIn(parsed.data.email, parsed.data.password, clientIp(context));
  const values = { ...formValues(formData), password: '' };
  if (!result.ok) {
    const failure = result.errors;
    const message =
      failure.reason === 'throttled' ? t('auth.throttled', { minutes: failure.minutes }) : failure.reason === 'blocked' ? t('auth.blocked', { reason: failure.blockedReason }) : t('auth.badCredentials');
    return invalid({ email: message }, values);
  }
  return startSession(request, context, result.value.userId, safeRedirectPath(formData.get('redirectTo'), '/me'));
}

export default function SignIn() {
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t } = useT();
  const oidcName = useRootData()?.env.OIDC_NAME;
  const labels = { email: t('field.email'), password: t('field.password') };
  const redirectTo = safeRedirectPath(params.get('redirectTo'), '/me');
  return (
    <SignInForm
      title={t('page.signIn')}
      labels={labels}
      errors={actionData?.errors}
      notice={params.get('reset') ? <p className="notice" role="status">{t('auth.passwordReset')}</p> : null}
      submit={t('auth.signInButton')}
      after={
        <>
          <p>
            <Link to="/forgot-password">{t('auth.forgotLink')}</Link>
          </p>
          <p>
            <Link to="/sign-in/code">{t('auth.haveCode')}</Link>
          </p>
          {oidcName ? (
            <p>
              {t('auth.or')}{' '}
              <a className="button button--secondary" href={`/auth/oidc/start?redirectTo=${encodeURIComponent(redirectTo)}`}>
                {t('auth.oidcButton', { name: oidcName })}
              </a>
            </p>
          ) : null}
          <p>
            {t('auth.noAccount')} <Link to="/register">{t('nav.register')}</Link>
          </p>
        </>
      }
    >
      <input type="hidden" name="redirectTo" value={redirectTo} />
      <Field name="email" type="email" autoComplete="email" label={labels.email} error={actionData?.errors.email} defaultValue={valueOf(actionData?.values, 'email')} />
      <Field name="password" type="password" autoComplete="current-password" label={labels.password} error={actionData?.errors.password} />
    </SignInForm>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
