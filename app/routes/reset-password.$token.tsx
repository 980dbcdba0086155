import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { resetPasswordSchema } from '#app/modules/accounts/schemas';
import { resetLinkWorks, resetPassword } from '#app/modules/accounts/passwords.server';
import { Field } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.resetPassword', messages: [accountsMessages] } satisfies PageHandle;

// The token is 32 random bytes in base64url; anything else is not a link we sent.
const tokenOf = (value: string | undefined) => (value && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null);

export async function loader({ params }: LoaderFunctionArgs) {
  const token = tokenOf(params.token);
  // The address holds the token: kept out of caches.
  return data({ works: token ? await resetLinkWorks(token) : false }, { headers: { 'Cache-Control': 'no-store' } });
}

export const headers = formRouteHeaders;

export async function action({ request, params }: ActionFunctionArgs) {
  const { formData, t } = await readForm(request);
  const token = tokenOf(params.token);
  const dead = () => invalid({ form: t('auth.resetLinkDead') });
  if (!token) return dead();
  const parsed = parseForm(resetPasswordSchema, formData, t);
  // A dead link shows no form to put field messages beside, so its answer is that, whatever was typed.
  if (!parsed.ok) return (await resetLinkWorks(token)) ? invalid(parsed.errors) : dead();
  const result = await resetPassword(token, parsed.data.password);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect('/sign-in?reset=1');
}

export default function ResetPassword() {
  const { works } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const labels = { password: t('field.newPassword') };
  return (
    <div className="form">
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.resetPassword')}</h1>
      {works ? (
        <>
          <p>{t('auth.resetIntro')}</p>
          <Form method="post" noValidate>
            <CsrfInput />
            <Field name="password" type="password" autoComplete="new-password" label={labels.password} hint={t('field.passwordHint')} error={actionData?.errors.password} />
            <button type="submit" className="button">{t('auth.resetButton')}</button>
          </Form>
        </>
      ) : (
        // Not an alert: after a refused POST the error summary above already says it.
        <p className="warning">{t('auth.resetLinkDead')}</p>
      )}
      <p>
        <Link to="/forgot-password">{t('auth.askAgain')}</Link>
      </p>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
