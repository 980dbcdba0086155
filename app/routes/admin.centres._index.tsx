import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { importCentres, type CentreImportOutcome } from '#app/modules/centres/import-centres.server';
import { listCentres } from '#app/modules/centres/queries.server';
import { centresMessages } from '#app/modules/centres/messages';
import { cityMessages } from '#app/modules/city/messages';
import { ImportForm } from '#app/components/forms/ImportForm';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { invalid, readImportFile } from '#app/utils/action.server';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminCentres', messages: [centresMessages, cityMessages] } satisfies PageHandle;
const maxUploadBytes = 5 * 1024 * 1024;
/** The codes a check names; more are counted only. */
const shownCodes = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'centres.manage');
  return { centres: await listCentres() };
}

/** "Check without importing" does every write and rolls it back; "Import" keeps them (as ADR 057 for addresses). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'centres.manage');
  const upload = await readImportFile(request, { maxFileBytes: maxUploadBytes });
  if (upload.refused) return upload.refused;
  const { dryRun, t } = upload;
  const result = await importCentres(user.id, upload.name, upload.text, dryRun, t);
  if (!result.ok) {
    const lines = result.errors.map((p) => (p.row === null ? p.message : t('centres.importRowProblem', { row: p.row, field: p.field ?? '', problem: p.message })));
    return invalid({ file: t('centres.importRefused', { count: lines.length }) }, { problems: lines });
  }
  if (dryRun) return data({ errors: {} as Record<string, string>, values: {} as Record<string, string | string[]>, preview: result.value });
  return redirect(`/admin/centres?imported=${result.value.rows}`);
}

export default function AdminCentres() {
  const { centres } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const ru = locale === 'ru';
  const labels = { file: t('centres.importFile') };
  const problems = actionData?.values.problems;
  const preview = actionData && 'preview' in actionData ? (actionData.preview as CentreImportOutcome) : null;
  const codes = (list: string[]) => (list.length > shownCodes ? `${list.slice(0, shownCodes).join(', ')}, …` : list.join(', '));
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.adminCentres')}</h1>
      {params.get('imported') ? <p className="notice" role="status">{t('centres.imported', { count: params.get('imported') ?? '0' })}</p> : null}
      {params.get('saved') ? <p className="notice" role="status">{t('centres.saved')}</p> : null}
      <p>
        <Link to="/admin/centres/new" className="button">{t('centres.new')}</Link>
      </p>
      {centres.length === 0 ? (
        <p className="empty-state">{t('centres.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('centres.code')}</th>
                <th scope="col">{t('centres.name')}</th>
                <th scope="col">{t('centres.address')}</th>
                <th scope="col">{t('centres.windows')}</th>
                <th scope="col">{t('centres.deskLink')}</th>
              </tr>
            </thead>
            <tbody>
              {centres.map((c) => (
                <tr key={c.id}>
                  <td>{c.code}</td>
                  <td>
                    <Link to={`/admin/centres/${c.id}`}>{ru ? c.nameRu : c.nameEn}</Link>
                  </td>
                  <td>{ru ? c.addressRu : c.addressEn}</td>
                  <td>{c.windows}</td>
                  <td>
                    <Link to={`/centre-desk/${c.id}`} aria-label={`${t('centres.deskLink')}: ${ru ? c.nameRu : c.nameEn}`}>{t('centres.deskLink')}</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('centres.import')}</h2>
      {preview ? (
        <div className="notice" role="status" data-testid="import-preview">
          <p>{t('centres.importPreview', { rows: preview.rows, added: preview.added.length, replaced: preview.replaced.length })}</p>
          {preview.added.length ? <p>{t('centres.importAdded', { codes: codes(preview.added) })}</p> : null}
          {preview.replaced.length ? <p>{t('centres.importReplaced', { codes: codes(preview.replaced) })}</p> : null}
        </div>
      ) : null}
      <ImportForm
        problemsTitle={t('centres.importProblems')}
        problems={problems}
        accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
        label={labels.file}
        hint={t('centres.importHint')}
        error={actionData?.errors.file}
        check={t('centres.importCheck')}
        submit={t('centres.importButton')}
      />
    </>
  );
}
