import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { departmentScopes, requirePermission } from '#app/modules/accounts/permissions.server';
import { answerReport, disputeReport } from '#app/modules/reports/answer-report.server';
import { photoUpload } from '#app/modules/reports/photos.server';
import { listReports, queueExtras } from '#app/modules/reports/queries.server';
import { cityOutline } from '#app/modules/city/queries.server';
import { answerSchema, disputeSchema } from '#app/modules/reports/schemas';
import { QueueReportMedia, ReportQueue } from '#app/components/ui/ReportQueue';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, TextAreaField } from '#app/components/forms/Field';
import { ReportStatus } from '#app/components/ui/ReportStatus';
import { invalid, readUploadForm } from '#app/utils/action.server';
import { parseForm } from '#app/utils/forms';
import { useFormat, useT } from '#app/utils/use-app';
import { reportsMessages } from '#app/modules/reports/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.departmentQueue', messages: [reportsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'reports.answer', 'some');
  const [queue, outline] = await Promise.all([listReports({ statuses: ['assigned'], departmentIds: departmentScopes(user), order: 'deadline', limit: 200 }), cityOutline()]);
  const extras = await queueExtras(queue.map((r) => r.id));
  return { queue: queue.map(({ authorId: _a, ...r }) => ({ ...r, ...extras.get(r.id)! })), outline, now: Date.now() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'reports.answer', 'some');
  const read = await readUploadForm(request, photoUpload);
  if (read.tooLarge) return read.tooLarge;
  const { formData, t } = read;
  const scopes = departmentScopes(user);
  if (formData.get('intent') === 'dispute') {
    const parsed = parseForm(disputeSchema, formData, t);
    if (!parsed.ok) return invalid(parsed.errors, parsed.values);
    const result = await disputeReport(user.id, scopes, parsed.data.reportId, parsed.data.reason);
    if (!result.ok) return invalid({ reportId: t(result.errors.reportId ?? 'errors.invalid') });
    return redirect('/department/reports?done=disputed');
  }
  const parsed = parseForm(answerSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const files = formData.getAll('photos').filter((f): f is File => f instanceof File);
  const result = await answerReport(user.id, scopes, parsed.data.reportId, parsed.data.text, files);
  if (!result.ok) {
    const e = result.errors;
    return invalid(e.photos ? { photos: t(e.photos.key, e.photos.params) } : { reportId: t(e.reportId ?? 'errors.invalid') });
  }
  return redirect('/department/reports?done=answered');
}

export default function DepartmentQueue() {
  const { dateTime, timeLeft } = useFormat();
  const { queue, outline, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  return (
    <ReportQueue title={t('page.departmentQueue')} errors={actionData?.errors} queue={queue}>
      {(r) => (
        <>
          {r.reopenedBecause !== null ? (
            <div className="reopened-why" data-testid="reopened-why">
              <p><strong>{t('reports.reopenedBecause')}</strong></p>
              {r.reopenedBecause ? <p>{t('reports.residentSays')}: <q className="report-text">{r.reopenedBecause}</q></p> : <p className="muted">{t('reports.noReason')}</p>}
            </div>
          ) : null}
          <p>
            <ReportStatus status={r.status} overdue={r.overdue} /> {r.address} · {t('reports.answerDue', { date: r.answerDueAt ? dateTime(r.answerDueAt) : '—' })} · {t('reports.timeLeft')}: <strong>{r.answerDueAt ? timeLeft(r.answerDueAt, now) : '—'}</strong>
          </p>
          <QueueReportMedia report={r} outline={outline} />
          <p className="report-text">{r.description}</p>
          <details>
            <summary>{t('reports.sendAnswer')}<span className="visually-hidden"> {r.id}</span></summary>
            <Form method="post" encType="multipart/form-data" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="reportId" value={r.id} />
              <TextAreaField id={`answer-${r.id}`} name="text" rows={4} label={t('reports.answerText')} />
              <Field id={`photos-${r.id}`} name="photos" type="file" multiple accept="image/jpeg,image/png,image/webp" label={t('reports.answerPhotos')} hint={t('reports.photosHint')} />
              <button type="submit" name="intent" value="answer" className="button">{t('reports.sendAnswer')}</button>
            </Form>
          </details>
          <details>
            <summary>{t('reports.dispute')}<span className="visually-hidden"> {r.id}</span></summary>
            <Form method="post" encType="multipart/form-data" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="reportId" value={r.id} />
              <Field id={`dispute-${r.id}`} name="reason" type="text" label={t('reports.disputeReason')} />
              <button type="submit" name="intent" value="dispute" className="button button--secondary">{t('reports.sendDispute')}</button>
            </Form>
          </details>
        </>
      )}
    </ReportQueue>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
