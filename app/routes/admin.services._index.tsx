import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { importServices, type ServiceImportOutcome } from '#app/modules/centres/import-services.server';
import { listServices } from '#app/modules/centres/queries.server';
import { centresMessages } from '#app/modules/centres/messages';
import { cityMessages } from '#app/modules/city/messages';
import { ImportForm } from '#app/components/forms/ImportForm';
import { ErrorSummary } from '#app/components/forms/ErrorSummary';
import { Badge } from '#app/components/ui/Badge';
import { invalid, readImportFile } from '#app/utils/action.server';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

// cityMessages: the upload reader's file-wide messages (not JSON) are the city tool's, as on /admin/centres.
export const handle = { title: 'page.adminServices', messages: [centresMessages, cityMessages] } satisfies PageHandle;
const maxUploadBytes = 2 * 1024 * 1024;
/** The problems listed on the page; the count says how many there were in all. */
const shownProblems = 200;
/** The codes a preview or an import names; more are counted only. */
const shownCodes = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'centres.manage');
  return { services: await listServices({ withWithdrawn: true }) };
}

/** "Check without importing" does every write and rolls it back; "Import" keeps them (ADR 063, as ADR 057). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'centres.manage');
  const upload = await readImportFile(request, { maxFileBytes: maxUploadBytes });
  if (upload.refused) return upload.refused;
  const { dryRun, t } = upload;
  const result = await importServices(user.id, upload.name, upload.text, dryRun, t);
  if (!result.ok) {
    const lines = result.errors.map((p) => (p.line === null ? p.message : t(p.item ? 'services.importItemProblem' : 'services.importLineProblem', { line: p.line, column: p.column ?? '', problem: p.message })));
    return invalid({ file: t('services.importRefused', { count: lines.length }) }, { problems: lines.slice(0, shownProblems) });
  }
  const { rows, added, changed, unchanged } = result.value;
  if (dryRun) return data({ errors: {} as Record<string, string>, values: {} as Record<string, string | string[]>, preview: result.value });
  return redirect(`/admin/services?${new URLSearchParams({ rows: String(rows), added: String(added.length), changed: String(changed.length), unchanged: String(unchanged) })}`);
}

export default function AdminServices() {
  const { services } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const ru = locale === 'ru';
  const labels = { file: t('services.importFile') };
  const problems = actionData?.values.problems;
  const preview = actionData && 'preview' in actionData ? (actionData.preview as ServiceImportOutcome) : null;
  const imported = params.get('rows') && !actionData ? { rows: Number(params.get('rows')), added: params.get('added') ?? '0', changed: params.get('changed') ?? '0', unchanged: params.get('unchanged') ?? '0' } : null;
  const codes = (list: string[]) => (list.length > shownCodes ? `${list.slice(0, shownCodes).join(', ')}, …` : list.join(', '));
  return (
    <>
      <ErrorSummary errors={actionData?.errors} labels={labels} />
      <h1>{t('page.adminServices')}</h1>
      {params.get('saved') ? <p className="notice" role="status">{t('services.saved')}</p> : null}
      {params.get('deleted') ? <p className="notice" role="status">{t('services.deletedDone')}</p> : null}
      {imported ? <p className="notice" role="status">{t('services.imported', imported)}</p> : null}
      <p>{t('services.adminIntro')}</p>
      <p>
        <Link to="/admin/services/new" className="button">{t('services.new')}</Link>
      </p>
      {services.length === 0 ? (
        <p className="empty-state">{t('services.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('services.code')}</th>
                <th scope="col">{t('services.name')}</th>
                <th scope="col">{t('services.situation')}</th>
                <th scope="col">{t('services.durationMinutes')}</th>
                <th scope="col">{t('services.offeredAt')}</th>
                <th scope="col">{t('services.status')}</th>
              </tr>
            </thead>
            <tbody>
              {services.map((s) => (
                <tr key={s.id}>
                  <td>{s.code}</td>
                  <td>
                    <Link to={`/admin/services/${s.id}`}>{ru ? s.nameRu : s.nameEn}</Link>
                  </td>
                  <td>{t(`services.situation.${s.situation}`)}</td>
                  <td>{t('services.minutes', { minutes: s.durationMinutes })}</td>
                  <td>{s.centres.length ? s.centres.map((c) => (ru ? c.nameRu : c.nameEn)).join(', ') : t('services.centresCount', { count: 0 })}</td>
                  <td>{s.withdrawnAt ? <Badge tone="warning">{t('services.withdrawn')}</Badge> : <Badge tone="success">{t('services.listed')}</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('services.import')}</h2>
      {preview ? (
        <div className="notice" role="status" data-testid="import-preview">
          <p>{t('services.importPreview', { rows: preview.rows, added: preview.added.length, changed: preview.changed.length, unchanged: preview.unchanged })}</p>
          {preview.added.length ? <p>{t('services.importAdded', { codes: codes(preview.added) })}</p> : null}
          {preview.changed.length ? <p>{t('services.importChanged', { codes: codes(preview.changed) })}</p> : null}
        </div>
      ) : null}
      <ImportForm
        problemsTitle={t('services.importProblems')}
        problems={problems}
        accept=".csv,.json,text/csv,application/json"
        label={labels.file}
        hint={t('services.importHint')}
        error={actionData?.errors.file}
        check={t('services.importCheck')}
        submit={t('services.importButton')}
      />
    </>
  );
}
