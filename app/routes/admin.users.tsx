import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import type { ReactNode } from 'react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { grantRole, revokeRole } from '#app/modules/accounts/grant-role.server';
import { searchPeople } from '#app/modules/accounts/queries.server';
import { blockAccountSchema, grantRoleSchema, revokeRoleSchema, staffRoles, unblockAccountSchema, verifySchema } from '#app/modules/accounts/schemas';
import { blockAccount, unblockAccount } from '#app/modules/accounts/block-account.server';
import { verifyResidentByAdmin } from '#app/modules/accounts/verify-resident.server';
import { listDepartments } from '#app/modules/city/queries.server';
import { listCentres } from '#app/modules/centres/queries.server';
import { Field, SelectField, TextAreaField } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { InlineAction } from '#app/components/forms/InlineAction';
import { Badge } from '#app/components/ui/Badge';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm, searchText } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { searchParamsOf } from '#app/utils/search-params.server';
import { useT } from '#app/utils/use-app';
import { z } from 'zod';
import { accountsMessages } from '#app/modules/accounts/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminUsers', messages: [accountsMessages] } satisfies PageHandle;

const peopleQuerySchema = z.object({ q: searchText(100) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'accounts.grant-role');
  const { q } = await searchParamsOf(request, peopleQuerySchema);
  const [people, departments, centres] = await Promise.all([searchPeople(q), listDepartments(), listCentres()]);
  return { people, departments, centres: centres.map((c) => ({ id: c.id, nameRu: c.nameRu, nameEn: c.nameEn })), q: q ?? '' };
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
    case 'block': {
      await requirePermission(request, 'accounts.block');
      const parsed = parseForm(blockAccountSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await blockAccount(user.id, parsed.data);
      if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
      return redirect(`${back}&done=blocked`);
    }
    case 'unblock': {
      await requirePermission(request, 'accounts.block');
      const parsed = parseForm(unblockAccountSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors);
      const result = await unblockAccount(user.id, parsed.data.userId);
      if (!result.ok) return invalid(translateErrors(result.errors, t));
      return redirect(`${back}&done=unblocked`);
    }
    default: {
      const parsed = parseForm(grantRoleSchema, formData, t);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values);
      const result = await grantRole(user.id, parsed.data);
      if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
      return redirect(`${back}&done=granted`);
    }
  }
}

/** The fields of the forms repeated per person, and their element ids (one per person on the page). */
const rowFields = ['reason', 'role', 'departmentId', 'projectId', 'centreId'] as const;
const fieldOf = (name: (typeof rowFields)[number], personId: string) => `${name}-${personId}`;

export default function AdminUsers() {
  const { people, departments, centres, q } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const done = params.get('done');
  const departmentName = new Map(departments.map((d) => [d.id, localName(locale, d)]));
  const centreName = new Map(centres.map((c) => [c.id, locale === 'ru' ? c.nameRu : c.nameEn]));
  const errorLabels = { role: t('admin.role'), departmentId: t('admin.scope'), projectId: t('admin.projectScope'), centreId: t('admin.centreScope'), userId: t('admin.user'), grantId: t('admin.role'), reason: t('admin.blockReason') };
  const doneText = { granted: t('admin.granted'), revoked: t('admin.revoked'), blocked: t('admin.blocked'), unblocked: t('admin.unblocked') }[done ?? ''] ?? t('admin.saved');
  const values = actionData?.values;
  // The row whose form was sent back with errors: its fields carry the messages, and the summary links to them.
  const row = typeof values?.userId === 'string' && people.some((p) => p.id === values.userId) ? values.userId : null;
  const rowErrors = (id: string) => (id === row ? (actionData?.errors ?? {}) : {});
  const ids: Record<string, string | null> = row ? { ...Object.fromEntries(rowFields.map((name) => [name, fieldOf(name, row)])), userId: null, grantId: null } : {};
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={row ? errorLabels : {}} ids={ids} />
      <h1>{t('page.adminUsers')}</h1>
      {done ? <p className="notice" role="status">{doneText}</p> : null}
      <Form method="get" className="row" role="search">
        <Field name="q" type="search" label={t('admin.search')} defaultValue={q} />
        <div className="field"><button type="submit" className="button button--secondary">{t('admin.searchButton')}</button></div>
      </Form>
      {people.length === 0 ? <p className="empty-state">{t('admin.empty')}</p> : null}
      <ul className="list-plain">
        {people.map((p) => (
          <li key={p.id}>
            <h2>{p.name} <span className="muted">{p.email}</span></h2>
            {/* A div, not a p: a form cannot sit inside a paragraph (the browser closes the p before it). */}
            <div className="stack-line">
              <Badge tone={p.verified ? 'success' : 'warning'}>{p.verified ? t('status.verified') : t('status.unverified')}</Badge>{' '}
              <InlineAction intent="verify" fields={{ q, userId: p.id, verified: p.verified ? 'false' : 'true' }} label={p.verified ? t('admin.unverify') : t('admin.verify')} about={`— ${p.name}`} />
            </div>
            <ul>
              {p.grants.map((g) => (
                <li key={g.id}>
                  {t(`role.${g.role}`)}
                  {g.departmentId ? ` — ${departmentName.get(g.departmentId) ?? g.departmentId}` : ''}
                  {g.projectId ? ` — #${g.projectId}` : ''}
                  {g.centreId ? ` — ${centreName.get(g.centreId) ?? g.centreId}` : ''}{' '}
                  <InlineAction intent="revoke" fields={{ q, grantId: g.id }} label={t('admin.revoke')} about={`${t(`role.${g.role}`)} — ${p.name}`} />
                </li>
              ))}
            </ul>
            {p.blockedAt ? (
              <div className="stack-line">
                <Badge tone="danger">{t('status.blocked')}</Badge> {t('admin.blockedBecause', { reason: p.blockedReason ?? '' })}{' '}
                <InlineAction intent="unblock" fields={{ q, userId: p.id }} label={t('admin.unblock')} about={`— ${p.name}`} />
              </div>
            ) : (
              <PersonForm summary={t('admin.block')} person={p} q={q} open={row === p.id && values?.intent === 'block'}>
                <TextAreaField
                  name="reason"
                  id={fieldOf('reason', p.id)}
                  label={errorLabels.reason}
                  hint={t('admin.blockHint')}
                  rows={2}
                  error={rowErrors(p.id).reason}
                  defaultValue={row === p.id ? String(values?.reason ?? '') : undefined}
                />
                <button type="submit" name="intent" value="block" className="button button--danger">{t('admin.block')}</button>
              </PersonForm>
            )}
            <PersonForm summary={t('admin.grant')} person={p} q={q} open={row === p.id && values?.intent === 'grant'}>
              <SelectField name="role" id={fieldOf('role', p.id)} label={errorLabels.role} error={rowErrors(p.id).role} options={staffRoles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
              <SelectField
                name="departmentId"
                id={fieldOf('departmentId', p.id)}
                label={errorLabels.departmentId}
                error={rowErrors(p.id).departmentId}
                options={[{ value: '', label: '—' }, ...departments.map((d) => ({ value: String(d.id), label: localName(locale, d) }))]}
              />
              <Field name="projectId" id={fieldOf('projectId', p.id)} type="text" inputMode="numeric" label={errorLabels.projectId} error={rowErrors(p.id).projectId} />
              <SelectField
                name="centreId"
                id={fieldOf('centreId', p.id)}
                label={errorLabels.centreId}
                error={rowErrors(p.id).centreId}
                options={[{ value: '', label: '—' }, ...centres.map((c) => ({ value: String(c.id), label: locale === 'ru' ? c.nameRu : c.nameEn }))]}
              />
              <button type="submit" name="intent" value="grant" className="button">{t('admin.grant')}</button>
            </PersonForm>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A form about one person of the list, folded under its summary: it posts back with the person and the search. */
function PersonForm({ summary, person, q, open, children }: { summary: string; person: { id: string; name: string }; q: string; open: boolean; children: ReactNode }) {
  return (
    <details open={open}>
      <summary>{summary}<span className="visually-hidden"> — {person.name}</span></summary>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <input type="hidden" name="q" value={q} />
        <input type="hidden" name="userId" value={person.id} />
        {children}
      </Form>
    </details>
  );
}
