import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listCentres, serviceForm, serviceStanding } from '#app/modules/centres/queries.server';
import { saveService } from '#app/modules/centres/save-service.server';
import { deleteService, setServiceWithdrawn } from '#app/modules/centres/withdraw-service.server';
import { lifeSituations, serviceFormSchema, serviceStandingSchema } from '#app/modules/centres/schemas';
import { centresMessages } from '#app/modules/centres/messages';
import { CheckboxesField, Field, SelectField, TextAreaField, valueOf } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Badge } from '#app/components/ui/Badge';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { idParam, serialMax } from '#app/utils/route-params';
import { useFormat, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminService', messages: [centresMessages] } satisfies PageHandle;

/** "new", or the id of a service. */
const serviceIdOf = (param: string | undefined) => (param === 'new' ? undefined : idParam(param, serialMax));

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'centres.manage');
  const id = serviceIdOf(params.id);
  const [saved, standing] = id === undefined ? [null, null] : await Promise.all([serviceForm(id), serviceStanding(id)]);
  if (id !== undefined && (!saved || !standing)) throw new Response('Not found', { status: 404 });
  const centres = (await listCentres()).map((c) => ({ id: c.id, nameRu: c.nameRu, nameEn: c.nameEn }));
  return { id: id ?? null, saved: saved ?? { durationMinutes: '15', centreIds: [] }, standing, centres };
}

/** The form saves the service; the buttons below it withdraw, restore or (confirmed) delete it. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'centres.manage');
  const id = serviceIdOf(params.id);
  const { formData, t } = await readForm(request, { maxFields: 520 });
  if (id !== undefined && formData.has('intent')) {
    const parsed = parseForm(serviceStandingSchema, formData, t);
    if (!parsed.ok) return invalid({ form: Object.values(parsed.errors)[0] ?? t('errors.invalid') });
    const { intent, confirm } = parsed.data;
    if (intent === 'delete' && confirm !== 'yes') return invalid({ form: t('services.deleteUnconfirmed') });
    const result = intent === 'delete' ? await deleteService(user.id, id) : await setServiceWithdrawn(user.id, id, intent === 'withdraw');
    if (!result.ok) return invalid(translateErrors(result.errors, t));
    return redirect(intent === 'delete' ? '/admin/services?deleted=1' : `/admin/services/${id}?${intent === 'withdraw' ? 'withdrawn' : 'restored'}=1`);
  }
  const parsed = parseForm(serviceFormSchema, formData, t, ['centreIds']);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await saveService(user.id, parsed.data, id ?? 'new');
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect('/admin/services?saved=1');
}

export default function AdminService() {
  const { id, saved, standing, centres } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const { date } = useFormat();
  // A refused withdrawal or deletion posts no fields: the form keeps the saved ones.
  const values = actionData && Object.keys(actionData.values).length ? actionData.values : saved;
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
  const name = v(locale === 'ru' ? 'nameRu' : 'nameEn');
  const booked = standing ? standing.visits + standing.tickets > 0 : false;
  // The confirmation is a page of its own (?delete), so it asks before deleting with or without JavaScript.
  const confirming = !!standing && !booked && params.has('delete');
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} ids={{ form: null }} />
      {params.get('withdrawn') ? <p className="notice" role="status">{t('services.withdrawnDone')}</p> : null}
      {params.get('restored') ? <p className="notice" role="status">{t('services.restoredDone')}</p> : null}
      {confirming ? (
        <section aria-labelledby="delete-title" data-testid="delete-confirm">
          <h1 id="delete-title">{t('services.deleteConfirmTitle', { name })}</h1>
          <p>{t('services.deleteConfirmText')}</p>
          <Form method="post" action={`/admin/services/${id}`} className="form">
            <CsrfInput />
            <input type="hidden" name="confirm" value="yes" />
            <p className="actions">
              <button type="submit" name="intent" value="delete" className="button button--danger">{t('services.deleteYes')}</button>{' '}
              <Link to={`/admin/services/${id}`}>{t('services.cancel')}</Link>
            </p>
          </Form>
        </section>
      ) : (
        <>
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
          {standing ? (
            <section aria-labelledby="listing-title" className="card" data-testid="service-standing">
              <h2 id="listing-title">
                {t('services.listing')}: <Badge tone={standing.withdrawnAt ? 'warning' : 'success'}>{standing.withdrawnAt ? t('services.withdrawn') : t('services.listed')}</Badge>
              </h2>
              <p>{standing.withdrawnAt ? t('services.withdrawnIntro', { date: date(standing.withdrawnAt) }) : t('services.listedIntro')}</p>
              <p>{t('services.use', { visits: standing.visits, coming: standing.comingVisits, tickets: standing.tickets })}</p>
              <Form method="post" className="form">
                <CsrfInput />
                <button type="submit" name="intent" value={standing.withdrawnAt ? 'restore' : 'withdraw'} className="button button--secondary">
                  {standing.withdrawnAt ? t('services.restore') : t('services.withdraw')}
                </button>
              </Form>
              <p className="muted">{t('services.deleteWhy')}</p>
              {booked ? null : (
                <p>
                  <Link to={`/admin/services/${id}?delete`} className="button button--danger">{t('services.delete')}</Link>
                </p>
              )}
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
