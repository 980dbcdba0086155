import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listDepartments, listDistricts } from '#app/modules/city/queries.server';
import { saveDepartment } from '#app/modules/city/save-department.server';
import { departmentSchema } from '#app/modules/city/schemas';
import { CheckboxesField, Field, valueOf } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, optionalIdText, parseForm } from '#app/utils/forms';
import { z } from 'zod';
import { searchParamsOf } from '#app/utils/search-params.server';
import { localName } from '#app/utils/i18n';
import { useT } from '#app/utils/use-app';
import { cityMessages } from '#app/modules/city/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminDepartments', messages: [cityMessages] } satisfies PageHandle;

const editQuerySchema = z.object({ edit: optionalIdText() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'city.configure');
  const [departments, districts] = await Promise.all([listDepartments(), listDistricts()]);
  const { edit: editId } = await searchParamsOf(request, editQuerySchema);
  return { departments, districts, editing: departments.find((d) => d.id === editId) ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'city.configure');
  // Up to 500 districts ticked (the schema's bound).
  const { formData, t } = await readForm(request, { maxFields: 520 });
  const parsed = parseForm(departmentSchema, formData, t, ['districtIds']);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await saveDepartment(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect('/admin/departments?saved=1');
}

export default function AdminDepartments() {
  const { departments, districts, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const labels = { nameRu: t('admin.nameRu'), nameEn: t('admin.nameEn'), kind: t('admin.kind'), email: t('admin.email'), districtIds: t('admin.covers') };
  const values = actionData?.values;
  const districtName = new Map(districts.map((d) => [d.id, localName(locale, d)]));
  const checked = values ? [values.districtIds ?? []].flat() : (editing?.districtIds.map(String) ?? []);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.adminDepartments')}</h1>
      {params.get('saved') ? <p className="notice" role="status">{t('admin.saved')}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.kind')}</th><th scope="col">{t('admin.email')}</th><th scope="col">{t('admin.covers')}</th><th scope="col"><span className="muted">{t('admin.edit')}</span></th></tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id}>
                <td>{localName(locale, d)}</td>
                <td>{d.kind}</td>
                <td>{d.email}</td>
                <td>{d.districtIds.map((id) => districtName.get(id)).join(', ')}</td>
                <td><a href={`?edit=${d.id}#department-form`}>{t('admin.edit')}<span className="visually-hidden"> {localName(locale, d)}</span></a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="department-form">{editing ? `${t('admin.edit')}: ${localName(locale, editing)}` : t('admin.add')}</h2>
      <Form method="post" noValidate className="form" key={editing?.id ?? 'new'}>
        <CsrfInput />
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        <Field name="nameRu" type="text" label={labels.nameRu} error={actionData?.errors.nameRu} defaultValue={valueOf(values, 'nameRu', editing?.nameRu)} />
        <Field name="nameEn" type="text" label={labels.nameEn} error={actionData?.errors.nameEn} defaultValue={valueOf(values, 'nameEn', editing?.nameEn)} />
        <Field name="kind" type="text" label={labels.kind} hint="roads, housing, parks, clinics…" error={actionData?.errors.kind} defaultValue={valueOf(values, 'kind', editing?.kind)} />
        <Field name="email" type="email" label={labels.email} error={actionData?.errors.email} defaultValue={valueOf(values, 'email', editing?.email)} />
        <CheckboxesField name="districtIds" label={labels.districtIds} error={actionData?.errors.districtIds} checked={checked} options={districts.map((d) => ({ value: String(d.id), label: localName(locale, d) }))} />
        <button type="submit" className="button">{t('form.save')}</button>
      </Form>
    </>
  );
}
