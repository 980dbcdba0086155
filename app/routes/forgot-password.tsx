import type { ActionFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData } from '@remix-run/react';
import { forgotPasswordSchema } from '#app/modules/accounts/schemas';
import { requestPasswordReset } from '#app/modules/accounts/passwords.server';
import { Field, valueOf } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readForm, tooMany } from '#app/utils/action.server';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { formValues, parseForm } from '#app/utils/forms';
import { clientIp } from '#app/utils/request.server';
import { useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.forgotPassword', messages: [accountsMessages] } satisfies PageHandle;

export const headers = formRouteHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const { formData, t } = await readForm(request);
  const parsed = parseForm(forgotPasswordSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const wait = await consumeLimit('password-reset', { ip: clientIp(context) });
  if (wait !== null) return tooMany(wait, t, formValues(formData), 'email');
  await requestPasswordReset(parsed.data.email);
  // The same answer whether or not the address has an account.
  return { sentTo: parsed.data.email, errors: undefined, values: undefined };
}

export default function ForgotPassword() {
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const labels = { email: t('field.email') };
  const sentTo = actionData && 'sentTo' in actionData ? actionData.sentTo : null;
  return (
    <div className="form">
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.forgotPassword')}</h1>
      {sentTo ? (
        <p className="notice" role="status">{t('auth.forgotSent', { email: sentTo })}</p>
      ) : (
        <>
          <p>{t('auth.forgotIntro')}</p>
          <Form method="post" noValidate>
            <CsrfInput />
            <Field name="email" type="email" autoComplete="email" label={labels.email} error={actionData?.errors?.email} defaultValue={valueOf(actionData?.values, 'email')} />
            <button type="submit" className="button">{t('auth.forgotButton')}</button>
          </Form>
        </>
      )}
      <p>
        <Link to="/sign-in">{t('page.signIn')}</Link>
      </p>
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
