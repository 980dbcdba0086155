import type { ActionFunctionArgs } from '@remix-run/node';
import { Link, useActionData } from '@remix-run/react';
import { registerSchema } from '#app/modules/accounts/schemas';
import { registerUser } from '#app/modules/accounts/register-user.server';
import { signedOutOnly, startSession } from '#app/modules/accounts/sessions.server';
import { Field, valueOf } from '#app/components/forms/Field';
import { SignInForm } from '#app/components/forms/SignInForm';
import { invalid, readForm, tooMany, translateErrors } from '#app/utils/action.server';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { clientIp } from '#app/utils/request.server';
import { appOrigin } from '#app/utils/env.server';
import { formValues, parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.register', messages: [accountsMessages] } satisfies PageHandle;

export const loader = signedOutOnly;

export const headers = formRouteHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const { formData, t, locale } = await readForm(request);
  const parsed = parseForm(registerSchema, formData, t);
  const values = { ...formValues(formData), password: '' };
  if (!parsed.ok) return invalid(parsed.errors, values);
  const wait = await consumeLimit('register', { ip: clientIp(context) });
  if (wait !== null) return tooMany(wait, t, values, 'email');
  const result = await registerUser(parsed.data, locale, appOrigin());
  if (!result.ok) return invalid(translateErrors(result.errors, t), values);
  return startSession(request, context, result.value.userId, '/me?welcome=1');
}

export default function Register() {
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const labels = { name: t('field.name'), email: t('field.email'), password: t('field.password') };
  return (
    <SignInForm
      title={t('page.register')}
      labels={labels}
      errors={actionData?.errors}
      submit={t('auth.registerButton')}
      after={
        <p>
          {t('auth.haveAccount')} <Link to="/sign-in">{t('nav.signIn')}</Link>
        </p>
      }
    >
      <Field name="name" type="text" autoComplete="name" label={labels.name} error={actionData?.errors.name} defaultValue={valueOf(actionData?.values, 'name')} />
      <Field name="email" type="email" autoComplete="email" label={labels.email} error={actionData?.errors.email} defaultValue={valueOf(actionData?.values, 'email')} />
      <Field name="password" type="password" autoComplete="new-password" label={labels.password} hint={t('field.passwordHint')} error={actionData?.errors.password} />
    </SignInForm>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
