import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { centreForm, listServices } from '#app/modules/centres/queries.server';
import { saveCentre } from '#app/modules/centres/save-centre.server';
import { centreSchema, hourDays } from '#app/modules/centres/schemas';
import { centresMessages } from '#app/modules/centres/messages';
import { CheckboxesField, Field, TextAreaField, valueOf } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { idParam, serialMax } from '#app/utils/route-params';
import { useT } from '#app/utils/use-app';
import type { MessageKey } from '#app/utils/i18n';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminCentre', messages: [centresMessages] } satisfies PageHandle;

/** "new", or the id of a centre. */
const centreIdOf = (param: string | undefined) => (param === 'new' ? undefined : idParam(param, serialMax));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'centres.manage');
  const id = centreIdOf(params.id);
  const saved = id === undefined ? null : await centreForm(id);
  if (id !== undefined && !saved) throw new Response('Not found', { status: 404 });
  // A withdrawn service stays offered here (ADR 063): left off the form, saving the centre would drop it.
  const services = (await listServices({ withWithdrawn: true })).map((s) => ({ id: s.id, nameRu: s.nameRu, nameEn: s.nameEn, withdrawn: !!s.withdrawnAt }));
  return { id: id ?? null, saved: saved ?? { windows: '4', slotMinutes: '15', serviceIds: [] }, services };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'centres.manage');
  const id = centreIdOf(params.id);
  const { formData, t } = await readForm(request, { maxFields: 260 });
  const parsed = parseForm(centreSchema, formData, t, ['serviceIds']);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await saveCentre(user.id, parsed.data, id);
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect('/admin/centres?saved=1');
}

const dayLabel = (d: number): MessageKey => (d === 0 ? 'centres.holidays' : (`centres.weekday.${d}` as MessageKey));

export default function AdminCentre() {
  const { id, saved, services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const values = actionData?.values ?? saved;
  const v = (name: string) => valueOf(values as Record<string, string | string[]>, name);
  const errors = actionData?.errors ?? {};
  const labels: Record<string, string> = {
    code: t('centres.code'),
    nameRu: t('centres.nameRu'),
    nameEn: t('centres.nameEn'),
    addressRu: t('centres.addressRu'),
    addressEn: t('centres.addressEn'),
    latitude: t('centres.latitude'),
    longitude: t('centres.longitude'),
    windows: t('centres.windows'),
    slotMinutes: t('centres.slotMinutes'),
    ...Object.fromEntries(hourDays.map((d) => [`hours${d}`, t(dayLabel(d))])),
    accessibilityRu: t('centres.accessibilityRu'),
    accessibilityEn: t('centres.accessibilityEn'),
    serviceIds: t('centres.services'),
  };
  const checked = [values.serviceIds ?? []].flat().map(String);
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} ids={{ form: null }} />
      <h1>{id ? t('centres.edit') : t('centres.new')}</h1>
      <Form method="post" noValidate className="form">
        <CsrfInput />
        {(['code', 'nameRu', 'nameEn', 'addressRu', 'addressEn', 'latitude', 'longitude', 'windows', 'slotMinutes'] as const).map((name) => (
          <Field key={name} name={name} label={labels[name]!} defaultValue={v(name)} error={errors[name]} inputMode={['latitude', 'longitude', 'windows', 'slotMinutes'].includes(name) ? 'decimal' : undefined} hint={name === 'code' ? t('centres.codeHint') : undefined} />
        ))}
        <fieldset>
          <legend>{t('centres.hours')}</legend>
          <p className="field__hint">{t('centres.hoursHint')}</p>
          {hourDays.map((d) => (
            <Field key={d} name={`hours${d}`} label={labels[`hours${d}`]!} defaultValue={v(`hours${d}`)} error={errors[`hours${d}`]} placeholder="08:00-20:00" />
          ))}
        </fieldset>
        <TextAreaField name="accessibilityRu" label={labels.accessibilityRu!} defaultValue={v('accessibilityRu')} error={errors.accessibilityRu} rows={3} />
        <TextAreaField name="accessibilityEn" label={labels.accessibilityEn!} defaultValue={v('accessibilityEn')} error={errors.accessibilityEn} rows={3} />
        <CheckboxesField name="serviceIds" label={labels.serviceIds!} error={errors.serviceIds} checked={checked} options={services.map((s) => {
            const name = locale === 'ru' ? s.nameRu : s.nameEn;
            return { value: String(s.id), label: s.withdrawn ? t('services.withdrawnName', { name }) : name };
          })} />
        <button type="submit" className="button">{t('centres.save')}</button>
      </Form>
    </>
  );
}
