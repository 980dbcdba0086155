import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { deleteAccount } from '#app/modules/accounts/personal-data.server';
import { deleteAccountSchema } from '#app/modules/accounts/schemas';
import { sessionCookie } from '#app/utils/cookies.server';
import { Field } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { accountsMessages } from '#app/modules/accounts/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.myData', messages: [accountsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { hasPassword: user.hasPassword };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { formData, t } = await readForm(request);
  const parsed = parseForm(deleteAccountSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, {});
  const result = await deleteAccount(user.id, parsed.data.password);
  if (!result.ok) return invalid(translateErrors(result.errors, t), {});
  return redirect('/?accountDeleted=1', { headers: { 'Set-Cookie': await sessionCookie.serialize('', { maxAge: 0 }) } });
}

export default function MyData() {
  const { hasPassword } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const labels = { understood: t('cabinet.deleteConfirm'), password: t('field.password') };
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.myData')}</h1>
      <h2>{t('cabinet.downloadTitle')}</h2>
      <p>{t('cabinet.downloadText')}</p>
      <p>
        <a className="button button--secondary" href="/me/data.json" download>
          {t('cabinet.download')}
        </a>
      </p>
      <h2>{t('cabinet.deleteTitle')}</h2>
      <p>{t('cabinet.deleteErased')}</p>
      <p>{t('cabinet.deleteKept')}</p>
      <p>{t('cabinet.deleteFinal')}</p>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <div className={`field${actionData?.errors.understood ? ' field--error' : ''}`}>
          {actionData?.errors.understood ? (
            <p className="field__error" id="field-understood-error">
              {actionData.errors.understood}
            </p>
          ) : null}
          <label className="checkbox">
            <input type="checkbox" name="understood" value="yes" id="field-understood" aria-invalid={actionData?.errors.understood ? true : undefined} aria-describedby={actionData?.errors.understood ? 'field-understood-error' : undefined} /> {labels.understood}
          </label>
        </div>
        {hasPassword ? <Field name="password" type="password" autoComplete="current-password" label={labels.password} error={actionData?.errors.password} /> : null}
        <button type="submit" className="button button--danger">
          {t('cabinet.deleteButton')}
        </button>
      </Form>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
