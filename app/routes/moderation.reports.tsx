import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listCategories } from '#app/modules/city/queries.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { listReports } from '#app/modules/reports/queries.server';
import { moderationSchema, rejectReasons } from '#app/modules/reports/schemas';
import { ReportQueue } from '#app/components/ui/ReportQueue';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, SelectField } from '#app/components/forms/Field';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { timeLeft } from '#app/utils/format';
import { parseForm } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { useDateTime, useT } from '#app/utils/use-app';

export const handle = { title: 'page.moderation' };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'reports.moderate');
  const [queue, categories] = await Promise.all([listReports({ statuses: ['submitted'], order: 'oldest', limit: 100 }), listCategories()]);
  return { queue: queue.filter((r) => !r.moderatedAt).map(({ authorId: _a, ...r }) => r), categories, now: Date.now() };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'reports.moderate');
  const { formData, t } = await readForm(request);
  const parsed = parseForm(moderationSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await moderateReport(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t));
  return redirect(`/moderation/reports?done=${parsed.data.intent}`);
}

export default function ModerationQueue() {
  const dateTime = useDateTime();
  const { queue, categories, now } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <ReportQueue title={t('page.moderation')} errors={actionData?.errors} queue={queue}>
      {(r) => (
        <>
          <p>{r.address} · <span className="muted">{dateTime(r.createdAt)}</span> · {t('reports.timeLeft')}: <strong>{timeLeft(r.moderationDueAt, now)}</strong></p>
          <p className="report-text">{r.description}</p>
          <div className="row">
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="reportId" value={r.id} />
              <SelectField id={`category-${r.id}`} name="categoryId" label={t('reports.correctCategory')} defaultValue="" options={[{ value: '', label: t('reports.keepCategory') }, ...categories.map((c) => ({ value: String(c.id), label: localName(locale, c) }))]} />
              <button type="submit" name="intent" value="approve" className="button">{t('reports.approve')}<span className="visually-hidden"> {r.id}</span></button>
            </Form>
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="reportId" value={r.id} />
              <SelectField id={`reason-${r.id}`} name="reason" label={t('reports.rejectReason')} options={rejectReasons.map((x) => ({ value: x, label: t(`reject.${x}`) }))} />
              <Field id={`note-${r.id}`} name="note" type="text" label={t('reports.rejectNote')} />
              <button type="submit" name="intent" value="reject" className="button button--danger">{t('reports.reject')}<span className="visually-hidden"> {r.id}</span></button>
            </Form>
          </div>
        </>
      )}
    </ReportQueue>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
