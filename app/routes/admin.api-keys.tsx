import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { issueApiKey, listApiKeys, revokeApiKey } from '#app/modules/api/api-keys.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Field } from '#app/components/forms/Field';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { idText, msg, parseForm, requiredText } from '#app/utils/forms';
import { useDateTime, useT } from '#app/utils/use-app';
import { apiMessages } from '#app/modules/api/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminApiKeys', messages: [apiMessages] } satisfies PageHandle;

const issueSchema = z.object({ name: requiredText(100) });
const revokeSchema = z.object({ id: idText({ message: msg('errors.invalid') }) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'api-keys.manage');
  return { keys: await listApiKeys() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'api-keys.manage');
  const { formData, t } = await readForm(request);
  if (formData.get('intent') === 'revoke') {
    const parsed = parseForm(revokeSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors);
    const result = await revokeApiKey(user.id, parsed.data.id);
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return data({ errors: {} as Record<string, string>, values: {}, issued: null as string | null });
  }
  const parsed = parseForm(issueSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await issueApiKey(user.id, parsed.data.name);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  // Shown in this one response, never stored or shown again.
  return data({ errors: {} as Record<string, string>, values: {}, issued: result.value.key });
}

export default function AdminApiKeys() {
  const dateTime = useDateTime();
  const { keys } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const issued = actionData && 'issued' in actionData ? actionData.issued : null;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={{ name: t('apiKeys.name') }} />
      <h1>{t('page.adminApiKeys')}</h1>
      <p className="lead">{t('apiKeys.intro')}</p>
      {issued ? (
        <div className="notice" role="status">
          <p>{t('apiKeys.issued')}</p>
          <p><code data-testid="issued-key">{issued}</code></p>
        </div>
      ) : null}
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <Field name="name" type="text" label={t('apiKeys.name')} error={actionData?.errors.name} />
        <button type="submit" name="intent" value="issue" className="button">{t('apiKeys.issue')}</button>
      </Form>
      <ul className="list-plain">
        {keys.map((k) => (
          <li key={k.id}>
            <strong>{k.name}</strong> <code>{k.keyPrefix}…</code> · {dateTime(k.createdAt)} · {t('apiKeys.lastUsed')}: {k.lastUsedAt ? dateTime(k.lastUsedAt) : t('apiKeys.never')}
            {k.revokedAt ? <> · {t('apiKeys.revoked')}</> : (
              <>{' '}<InlineAction intent="revoke" fields={{ id: k.id }} label={t('apiKeys.revoke')} about={k.name} /></>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
