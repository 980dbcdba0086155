import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listCategories } from '#app/modules/city/queries.server';
import { saveCategory } from '#app/modules/city/save-category.server';
import { categorySchema } from '#app/modules/city/schemas';
import { Field, SelectField, valueOf } from '#app/components/forms/Field';
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

export const handle = { title: 'page.adminCategories', messages: [cityMessages] } satisfies PageHandle;

const editQuerySchema = z.object({ edit: optionalIdText() });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'city.configure');
  const categories = await listCategories();
  const { edit: editId } = await searchParamsOf(request, editQuerySchema);
  return { categories, editing: categories.find((c) => c.id === editId) ?? null };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'city.configure');
  const { formData, t } = await readForm(request);
  const parsed = parseForm(categorySchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await saveCategory(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect('/admin/categories?saved=1');
}

export default function AdminCategories() {
  const { categories, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const labels = {
    code: t('admin.code'),
    nameRu: t('admin.nameRu'),
    nameEn: t('admin.nameEn'),
    groupRu: t('admin.groupRu'),
    groupEn: t('admin.groupEn'),
    departmentKind: t('admin.departmentKind'),
    answerSla: t('admin.answerSla'),
    answerSlaUnit: t('admin.answerSlaUnit'),
    moderationSlaHours: t('admin.moderationSla'),
  };
  const v = actionData?.values;
  const unitLabel = (unit: string) => t(`sla.${unit as 'working_days'}`);
  const text = (name: keyof typeof labels, type = 'text', fallback?: string | number) => (
    <Field name={name} type={type} label={labels[name]} error={actionData?.errors[name]} defaultValue={valueOf(v, name, fallback === undefined ? '' : String(fallback))} />
  );
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.adminCategories')}</h1>
      {params.get('saved') ? <p className="notice" role="status">{t('admin.saved')}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.group')}</th><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.departmentKind')}</th>
              <th scope="col">{t('admin.answerSla')}</th><th scope="col">{t('admin.moderationSla')}</th><th scope="col"><span className="muted">{t('admin.edit')}</span></th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.id}>
                <td>{locale === 'ru' ? c.groupRu : c.groupEn}</td>
                <td>{localName(locale, c)}</td>
                <td>{c.departmentKind}</td>
                <td>{c.answerSla} {unitLabel(c.answerSlaUnit)}</td>
                <td>{Math.round(c.moderationSlaSeconds / 3600)}</td>
                <td><a href={`?edit=${c.id}#category-form`}>{t('admin.edit')}<span className="visually-hidden"> {localName(locale, c)}</span></a></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 id="category-form">{editing ? `${t('admin.edit')}: ${localName(locale, editing)}` : t('admin.add')}</h2>
      <Form method="post" noValidate className="form" key={editing?.id ?? 'new'}>
        <CsrfInput />
        {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
        {text('code', 'text', editing?.code)}
        {text('nameRu', 'text', editing?.nameRu)}
        {text('nameEn', 'text', editing?.nameEn)}
        {text('groupRu', 'text', editing?.groupRu)}
        {text('groupEn', 'text', editing?.groupEn)}
        {text('departmentKind', 'text', editing?.departmentKind)}
        {text('answerSla', 'text', editing?.answerSla ?? 8)}
        <SelectField
          name="answerSlaUnit"
          label={labels.answerSlaUnit}
          error={actionData?.errors.answerSlaUnit}
          defaultValue={valueOf(v, 'answerSlaUnit', editing?.answerSlaUnit ?? 'working_days')}
          options={(['working_days', 'calendar_days', 'hours'] as const).map((u) => ({ value: u, label: unitLabel(u) }))}
        />
        {text('moderationSlaHours', 'text', editing ? Math.max(1, Math.round(editing.moderationSlaSeconds / 3600)) : 24)}
        <button type="submit" className="button">{t('form.save')}</button>
      </Form>
    </>
  );
}
