import type { ActionFunctionArgs } from '@remix-run/node';
import { useActionData } from '@remix-run/react';
import { accessCodeSchema } from '#app/modules/accounts/schemas';
import { signInWithCode } from '#app/modules/accounts/assisted-accounts.server';
import { signedOutOnly, startSession } from '#app/modules/accounts/sessions.server';
import { Field } from '#app/components/forms/Field';
import { SignInForm } from '#app/components/forms/SignInForm';
import { invalid, readForm, tooMany, translateErrors } from '#app/utils/action.server';
import { consumeLimit } from '#app/utils/rate-limit.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { parseForm } from '#app/utils/forms';
import { clientIp } from '#app/utils/request.server';
import { useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.signInCode', messages: [accountsMessages] } satisfies PageHandle;

export const loader = signedOutOnly;

export const headers = formRouteHeaders;

/** A printed code from a service centre signs the person in once, then their cabinet offers an e-mail and a password. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { formData, t } = await readForm(request);
  const parsed = parseForm(accessCodeSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors);
  // The sign-in burst limit guards guessing: about 59 bits of code against 30 tries a minute per address.
  const wait = await consumeLimit('sign-in', { ip: clientIp(context) });
  if (wait !== null) return tooMany(wait, t, {}, 'code');
  const result = await signInWithCode(parsed.data.code);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return startSession(request, context, result.value.userId, '/me');
}

export default function SignInWithCode() {
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const labels = { code: t('auth.code') };
  return (
    <SignInForm title={t('page.signInCode')} labels={labels} errors={actionData?.errors} submit={t('auth.codeButton')}>
      <Field name="code" type="text" autoComplete="one-time-code" autoCapitalize="characters" spellCheck={false} label={labels.code} hint={t('auth.codeHint')} error={actionData?.errors.code} />
    </SignInForm>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
