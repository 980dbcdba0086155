import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listDepartments } from '#app/modules/city/queries.server';
import { arbitrateReport } from '#app/modules/reports/arbitrate-report.server';
import { listReports } from '#app/modules/reports/queries.server';
import { arbitrationSchema } from '#app/modules/reports/schemas';
import { ReportQueue } from '#app/components/ui/ReportQueue';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, SelectField } from '#app/components/forms/Field';
import { ReportStatus } from '#app/components/ui/ReportStatus';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { formValues, parseForm } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { useDateTime, useT } from '#app/utils/use-app';
import { reportsMessages } from '#app/modules/reports/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.controlDesk', messages: [reportsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'reports.arbitrate');
  const [queue, departments] = await Promise.all([listReports({ statuses: ['arbitration'], order: 'oldest', limit: 200 }), listDepartments()]);
  return { queue: queue.map(({ authorId: _a, ...r }) => r), departments };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'reports.arbitrate');
  const { formData, t } = await readForm(request);
  const parsed = parseForm(arbitrationSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await arbitrateReport(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect(`/control-desk?done=${parsed.data.intent}`);
}

export default function ControlDesk() {
  const dateTime = useDateTime();
  const { queue, departments } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const refused = actionData?.values && typeof actionData.values.reportId === 'string' ? Number(actionData.values.reportId) : null;
  return (
    <ReportQueue title={t('page.controlDesk')} errors={actionData?.errors} labels={{ departmentId: t('reports.reassignTo'), note: t('reports.rejectNote') }} ids={{ reportId: null, ...(refused ? { departmentId: `department-${refused}`, note: `note-${refused}` } : {}) }} queue={queue}>
      {(r) => (
        <>
          <p>
            <ReportStatus status={r.status} overdue={r.overdue} /> {r.address} · {locale === 'ru' ? r.districtRu : r.districtEn} · <span className="muted">{dateTime(r.createdAt)}</span>
          </p>
          <p>
            <strong>{t('reports.arbitrationWhy')}:</strong> {r.arbitrationKind ? t(`arbitration.${r.arbitrationKind}`) : ''}
            {r.arbitrationReason ? <> — <q>{r.arbitrationReason}</q></> : null}
            {r.departmentRu ? <> ({locale === 'ru' ? r.departmentRu : r.departmentEn})</> : null}
          </p>
          <div className="row">
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="reportId" value={r.id} />
              <SelectField id={`department-${r.id}`} name="departmentId" label={t('reports.reassignTo')} error={r.id === refused ? actionData?.errors?.departmentId : undefined} defaultValue="" options={[{ value: '', label: t('reports.chooseDepartment') }, ...departments.map((d) => ({ value: String(d.id), label: localName(locale, d) }))]} />
              <label className="checkbox">
                <input type="checkbox" name="saveException" value="yes" /> {t('reports.saveException')}
              </label>
              <button type="submit" name="intent" value="reassign" className="button">{t('reports.reassign')}<span className="visually-hidden"> {r.id}</span></button>
            </Form>
            {r.departmentId ? (
              <Form method="post" className="form" noValidate>
                <CsrfInput />
                <input type="hidden" name="reportId" value={r.id} />
                <Field id={`note-${r.id}`} name="note" type="text" label={t('reports.rejectNote')} />
                <button type="submit" name="intent" value="uphold" className="button button--secondary">{t('reports.uphold')}<span className="visually-hidden"> {r.id}</span></button>
              </Form>
            ) : null}
          </div>
        </>
      )}
    </ReportQueue>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
