import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requireUser } from '#app/modules/accounts/permissions.server';
import { districtChoices } from '#app/modules/initiatives/queries.server';
import { initiativeSchema } from '#app/modules/initiatives/schemas';
import { startInitiative } from '#app/modules/initiatives/start-initiative.server';
import { photoUpload } from '#app/modules/reports/photos.server';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, SelectField, TextAreaField, valueOf } from '#app/components/forms/Field';
import { invalid, readUploadForm, tooMany } from '#app/utils/action.server';
import { consumeLimit, limitReached } from '#app/utils/rate-limit.server';
import { clientIp } from '#app/utils/request.server';
import { getTranslator } from '#app/utils/locale.server';
import { formRouteHeaders } from '#app/utils/route-headers';
import { formValues, parseForm } from '#app/utils/forms';
import { useT } from '#app/utils/use-app';
import { initiativesMessages } from '#app/modules/initiatives/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.initiativeNew', messages: [initiativesMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { districts: await districtChoices(), verified: user.verified };
}

export const headers = formRouteHeaders;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // Over the limit already: refused before its photos are read (the same budget as proposing ideas).
  const who = { ip: clientIp(context), userId: user.id };
  const over = await limitReached('idea', who);
  if (over !== null) return tooMany(over, (await getTranslator(request)).t);
  const read = await readUploadForm(request, photoUpload);
  if (read.tooLarge) return read.tooLarge;
  const { formData, t } = read;
  const parsed = parseForm(initiativeSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const values = formValues(formData);
  const wait = await consumeLimit('idea', who);
  if (wait !== null) return tooMany(wait, t, values);
  const files = formData.getAll('photos').filter((f): f is File => f instanceof File);
  const result = await startInitiative(user.id, parsed.data, files);
  if (result.ok) return redirect(`/initiatives/${result.value.initiativeId}?started=1`);
  const e = result.errors;
  switch (e.kind) {
    case 'unverified':
      return invalid({ form: t('initiatives.unverified') }, values);
    case 'scope':
      return invalid({ scope: t('initiatives.unknownDistrict') }, values);
    case 'photos':
      return invalid({ photos: t(e.error.key, e.error.params) }, values);
  }
}

export default function NewInitiative() {
  const { districts, verified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const values = actionData?.values;
  const labels = { title: t('initiatives.title'), body: t('initiatives.body'), scope: t('initiatives.scope'), photos: t('initiatives.photos') };
  const scopes = [{ value: '', label: t('initiatives.scopeRequired') }, { value: 'city', label: t('initiatives.wholeCity') }, ...districts.map((d) => ({ value: String(d.id), label: locale === 'ru' ? d.nameRu : d.nameEn }))];
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.initiativeNew')}</h1>
      {!verified ? <p className="warning">{t('initiatives.mustVerify')}</p> : null}
      <Form method="post" encType="multipart/form-data" noValidate className="form">
        <CsrfInput />
        <Field name="title" type="text" label={labels.title} hint={t('initiatives.titleHint')} error={actionData?.errors.title} defaultValue={valueOf(values, 'title')} autoComplete="off" />
        <TextAreaField name="body" rows={8} label={labels.body} hint={t('initiatives.bodyHint')} error={actionData?.errors.body} defaultValue={valueOf(values, 'body')} />
        <SelectField name="scope" label={labels.scope} hint={t('initiatives.scopeHint')} error={actionData?.errors.scope} defaultValue={valueOf(values, 'scope')} options={scopes} />
        <Field name="photos" type="file" label={labels.photos} hint={t('initiatives.photosHint')} error={actionData?.errors.photos} accept="image/jpeg,image/png,image/webp" multiple />
        <button type="submit" className="button">{t('initiatives.submit')}</button>
      </Form>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
