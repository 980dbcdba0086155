import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listCentres, serviceForm } from '#app/modules/centres/queries.server';
import { saveService } from '#app/modules/centres/save-service.server';
import { lifeSituations, serviceFormSchema } from '#app/modules/centres/schemas';
import { centresMessages } from '#app/modules/centres/messages';
import { CheckboxesField, Field, SelectField, TextAreaField, valueOf } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { idParam, serialMax } from '#app/utils/route-params';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminService', messages: [centresMessages] } satisfies PageHandle;

/** "new", or the id of a service. */
const serviceIdOf = (param: string | undefined) => (param === 'new' ? undefined : idParam(param, serialMax));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'centres.manage');
  const id = serviceIdOf(params.id);
  const saved = id === undefined ? null : await serviceForm(id);
  if (id !== undefined && !saved) throw new Response('Not found', { status: 404 });
  const centres = (await listCentres()).map((c) => ({ id: c.id, nameRu: c.nameRu, nameEn: c.nameEn }));
  return { id: id ?? null, saved: saved ?? { durationMinutes: '15', centreIds: [] }, centres };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'centres.manage');
  const id = serviceIdOf(params.id);
  const { formData, t } = await readForm(request, { maxFields: 520 });
  const parsed = parseForm(serviceFormSchema, formData, t, ['centreIds']);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await saveService(user.id, parsed.data, id ?? 'new');
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect('/admin/services?saved=1');
}

export default function AdminService() {
  const { id, saved, centres } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const values = actionData?.values ?? saved;
  const v = (name: string) => valueOf(values as Record<string, string | string[]>, name);
  const errors = actionData?.errors ?? {};
  const labels: Record<string, string> = {
    code: t('services.code'),
    situation: t('services.situation'),
    nameRu: t('services.nameRu'),
    nameEn: t('services.nameEn'),
    descriptionRu: t('services.descriptionRu'),
    descriptionEn: t('services.descriptionEn'),
    documentsRu: t('services.documentsRu'),
    documentsEn: t('services.documentsEn'),
    durationMinutes: t('services.durationMinutes'),
    centreIds: t('services.centres'),
  };
  const checked = [values.centreIds ?? []].flat().map(String);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} ids={{ form: null }} />
      <h1>{id ? t('services.edit') : t('services.new')}</h1>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        <Field name="code" label={labels.code!} hint={t('services.codeHint')} defaultValue={v('code')} error={errors.code} />
        <SelectField name="situation" label={labels.situation!} defaultValue={v('situation')} error={errors.situation} options={[{ value: '', label: '—' }, ...lifeSituations.map((s) => ({ value: s, label: t(`services.situation.${s}`) }))]} />
        <Field name="nameRu" label={labels.nameRu!} defaultValue={v('nameRu')} error={errors.nameRu} />
        <Field name="nameEn" label={labels.nameEn!} defaultValue={v('nameEn')} error={errors.nameEn} />
        <TextAreaField name="descriptionRu" label={labels.descriptionRu!} defaultValue={v('descriptionRu')} error={errors.descriptionRu} rows={3} />
        <TextAreaField name="descriptionEn" label={labels.descriptionEn!} defaultValue={v('descriptionEn')} error={errors.descriptionEn} rows={3} />
        <TextAreaField name="documentsRu" label={labels.documentsRu!} hint={t('services.documentsHint')} defaultValue={v('documentsRu')} error={errors.documentsRu} rows={4} />
        <TextAreaField name="documentsEn" label={labels.documentsEn!} hint={t('services.documentsHint')} defaultValue={v('documentsEn')} error={errors.documentsEn} rows={4} />
        <Field name="durationMinutes" label={labels.durationMinutes!} defaultValue={v('durationMinutes')} error={errors.durationMinutes} inputMode="numeric" />
        <CheckboxesField name="centreIds" label={labels.centreIds!} error={errors.centreIds} checked={checked} options={centres.map((c) => ({ value: String(c.id), label: locale === 'ru' ? c.nameRu : c.nameEn }))} />
        <button type="submit" className="button">{t('services.save')}</button>
      </Form>
    </>
  );
}
