import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { importAddresses, type AddressImportOutcome } from '#app/modules/city/import-addresses.server';
import { addressRegistrySummary } from '#app/modules/city/addresses.server';
import { cityMessages } from '#app/modules/city/messages';
import { ImportForm } from '#app/components/forms/ImportForm';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { invalid, readImportFile } from '#app/utils/action.server';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminAddresses', messages: [cityMessages] } satisfies PageHandle;
const maxUploadBytes = 10 * 1024 * 1024;
/** The problems listed on the page; the count says how many there were in all. */
const shownProblems = 200;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'city.configure');
  return addressRegistrySummary(20);
}

/** "Check without importing" does every write and rolls it back; "Import" keeps them (ADR 057). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'city.configure');
  const upload = await readImportFile(request, { maxFileBytes: maxUploadBytes });
  if (upload.refused) return upload.refused;
  const { dryRun, t } = upload;
  const result = await importAddresses(user.id, upload.name, upload.text, dryRun, t);
  if (!result.ok) {
    const lines = result.errors.map((p) => (p.line === null ? p.message : t(p.feature ? 'city.addressesFeatureProblem' : 'city.addressesProblem', { line: p.line, field: p.field ?? '', problem: p.message })));
    return invalid({ file: t('city.addressesRefused', { count: lines.length }) }, { problems: lines.slice(0, shownProblems) });
  }
  const { rows, added, changed, unchanged } = result.value;
  if (dryRun) return data({ errors: {} as Record<string, string>, values: {} as Record<string, string | string[]>, preview: result.value });
  return redirect(`/admin/addresses?${new URLSearchParams({ rows: String(rows), added: String(added), changed: String(changed), unchanged: String(unchanged) })}`);
}

export default function AdminAddresses() {
  const { count, latest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const labels = { file: t('city.addressesFile') };
  const problems = actionData?.values.problems;
  const preview = actionData && 'preview' in actionData ? (actionData.preview as AddressImportOutcome) : null;
  const imported = params.get('rows') ? { rows: Number(params.get('rows')), added: params.get('added') ?? '0', changed: params.get('changed') ?? '0', unchanged: params.get('unchanged') ?? '0' } : null;
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.adminAddresses')}</h1>
      {imported && !actionData ? (
        <p className="notice" role="status">
          {t('city.addressesImported', { ...imported })}
        </p>
      ) : null}
      {preview ? (
        <p className="notice" role="status" data-testid="import-preview">
          {t('city.addressesPreview', { rows: preview.rows, added: preview.added, changed: preview.changed, unchanged: preview.unchanged })}
        </p>
      ) : null}
      <p className="lead">{t('city.addressesIntro', { count })}</p>
      <h2>{t('city.addressesImport')}</h2>
      <ImportForm
        problemsTitle={t('city.addressesProblems')}
        problems={problems}
        accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
        label={labels.file}
        hint={t('city.addressesHint')}
        error={actionData?.errors.file}
        check={t('city.addressesCheck')}
        submit={t('city.addressesImportButton')}
      />
      {latest.length > 0 ? (
        <>
          <h2>{t('city.addressesLatest')}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('city.col.ref')}</th>
                  <th scope="col">{t('city.col.address')}</th>
                  <th scope="col">{t('city.col.district')}</th>
                </tr>
              </thead>
              <tbody>
                {latest.map((a) => (
                  <tr key={a.id}>
                    <td>{a.ref}</td>
                    <td>{locale === 'ru' ? a.fullRu : a.fullEn}</td>
                    <td>{(locale === 'ru' ? a.districtRu : a.districtEn) ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}
