import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { grantRole, revokeRole } from '#app/modules/accounts/grant-role.server';
import { searchPeople } from '#app/modules/accounts/queries.server';
import { grantRoleSchema, revokeRoleSchema, staffRoles, verifySchema } from '#app/modules/accounts/schemas';
import { verifyResidentByAdmin } from '#app/modules/accounts/verify-resident.server';
import { listDepartments } from '#app/modules/city/queries.server';
import { Field, SelectField } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Badge } from '#app/components/ui/Badge';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { useT } from '#app/utils/use-app';

export const handle = { title: 'page.adminUsers' };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'accounts.grant-role');
  const q = new URL(request.url).searchParams.get('q')?.trim().slice(0, 100) || undefined;
  const [people, departments] = await Promise.all([searchPeople(q), listDepartments()]);
  return { people, departments, q: q ?? '' };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'accounts.grant-role');
  const { formData, t } = await readForm(request);
  const back = `/admin/users?${new URLSearchParams({ q: String(formData.get('q') ?? '') })}`;
  switch (formData.get('intent')) {
    case 'revoke': {
      const parsed = parseForm(revokeRoleSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors);
      const result = await revokeRole(user.id, parsed.data.grantId);
      if (!result.ok) return invalid(translateErrors(result.errors, t));
      return redirect(`${back}&done=revoked`);
    }
    case 'verify': {
      await requirePermission(request, 'accounts.verify-resident');
      const parsed = parseForm(verifySchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors);
      const result = await verifyResidentByAdmin(user.id, parsed.data.userId, parsed.data.verified);
      if (!result.ok) return invalid(translateErrors(result.errors, t));
      return redirect(`${back}&done=saved`);
    }
    default: {
      const parsed = parseForm(grantRoleSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await grantRole(user.id, parsed.data);
      if (!result.ok) return invalid(translateErrors(result.errors, t));
      return redirect(`${back}&done=granted`);
    }
  }
}

export default function AdminUsers() {
  const { people, departments, q } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const done = params.get('done');
  const departmentName = new Map(departments.map((d) => [d.id, localName(locale, d)]));
  const errorLabels = { role: t('admin.role'), departmentId: t('admin.scope'), projectId: t('admin.projectScope'), userId: t('admin.user'), grantId: t('admin.role') };
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={{}} />
      <h1>{t('page.adminUsers')}</h1>
      {done ? <p className="notice" role="status">{done === 'granted' ? t('admin.granted') : done === 'revoked' ? t('admin.revoked') : t('admin.saved')}</p> : null}
      <Form method="get" className="row" role="search">
        <Field name="q" type="search" label={t('admin.search')} defaultValue={q} />
        <div className="field"><button type="submit" className="button button--secondary">{t('admin.searchButton')}</button></div>
      </Form>
      {people.length === 0 ? <p className="empty-state">{t('admin.empty')}</p> : null}
      <ul className="list-plain">
        {people.map((p) => (
          <li key={p.id}>
            <h2>{p.name} <span className="muted">{p.email}</span></h2>
            <p>
              <Badge tone={p.verified ? 'success' : 'warning'}>{p.verified ? t('status.verified') : t('status.unverified')}</Badge>{' '}
              <InlineAction intent="verify" fields={{ q, userId: p.id, verified: p.verified ? 'false' : 'true' }} label={p.verified ? t('admin.unverify') : t('admin.verify')} about={`— ${p.name}`} />
            </p>
            <ul>
              {p.grants.map((g) => (
                <li key={g.id}>
                  {t(`role.${g.role}`)}
                  {g.departmentId ? ` — ${departmentName.get(g.departmentId) ?? g.departmentId}` : ''}
                  {g.projectId ? ` — #${g.projectId}` : ''}{' '}
                  <InlineAction intent="revoke" fields={{ q, grantId: g.id }} label={t('admin.revoke')} about={`${t(`role.${g.role}`)} — ${p.name}`} />
                </li>
              ))}
            </ul>
            <details>
              <summary>{t('admin.grant')}<span className="visually-hidden"> — {p.name}</span></summary>
              <Form method="post" noValidate className="form">
                <CsrfInput />
                <input type="hidden" name="q" value={q} />
                <input type="hidden" name="userId" value={p.id} />
                <SelectField name="role" id={`role-${p.id}`} label={errorLabels.role} options={staffRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
                <SelectField
                  name="departmentId"
                  id={`department-${p.id}`}
                  label={errorLabels.departmentId}
                  options={[{ value: '', label: '—' }, ...departments.map((d) => ({ value: String(d.id), label: localName(locale, d) }))]}
                />
                <Field name="projectId" id={`project-${p.id}`} type="text" inputMode="numeric" label={errorLabels.projectId} />
                <button type="submit" name="intent" value="grant" className="button">{t('admin.grant')}</button>
              </Form>
            </details>
          </li>
        ))}
      </ul>
    </>
  );
}
