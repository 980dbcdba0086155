import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { importDistricts } from '#app/modules/city/import-districts.server';
import { listDistricts } from '#app/modules/city/queries.server';
import { Field } from '#app/components/forms/Field';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { invalid, readImportFile } from '#app/utils/action.server';
import { localName } from '#app/utils/i18n';
import { useT } from '#app/utils/use-app';
import { cityMessages } from '#app/modules/city/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminDistricts', messages: [cityMessages] } satisfies PageHandle;
const maxUploadBytes = 20 * 1024 * 1024;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'city.configure');
  return { districts: await listDistricts() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'city.configure');
  const upload = await readImportFile(request, { field: 'geojson', maxFileBytes: maxUploadBytes });
  if (upload.refused) return upload.refused;
  const { t } = upload;
  const result = await importDistricts(user.id, upload.text);
  if (!result.ok) {
    const lines = result.errors.map((p) => (p.index === null ? t(p.key, p.params) : t('admin.importBadFeature', { index: p.index, problem: t(p.key, p.params) })));
    return invalid({ geojson: lines.join('; ') });
  }
  return redirect(`/admin/districts?imported=${result.value.count}`);
}

export default function AdminDistricts() {
  const { districts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const labels = { geojson: t('admin.importFile') };
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.adminDistricts')}</h1>
      {params.get('imported') ? <p className="notice" role="status">{t('admin.imported', { count: params.get('imported') ?? '0' })}</p> : null}
      <p className="warning">{t('admin.demoData')}</p>
      {districts.length === 0 ? (
        <p className="empty-state">{t('admin.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">{t('admin.code')}</th><th scope="col">{t('admin.name')}</th><th scope="col">{t('admin.area')}</th></tr>
            </thead>
            <tbody>
              {districts.map((d) => (
                <tr key={d.id}><td>{d.code}</td><td>{localName(locale, d)}</td><td>{d.areaKm2}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('admin.import')}</h2>
      <Form method="post" encType="multipart/form-data" noValidate className="form">
        <CsrfInput />
        <Field name="geojson" type="file" accept=".geojson,.json,application/geo+json,application/json" label={labels.geojson} hint={t('admin.importHint')} error={actionData?.errors.geojson} />
        <button type="submit" className="button">{t('admin.importButton')}</button>
      </Form>
    </>
  );
}
