import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listCategories } from '#app/modules/city/queries.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { moderationQueue } from '#app/modules/reports/queries.server';
import { moderationQueuePageSize, moderationQueueQuerySchema, moderationSchema, rejectReasons } from '#app/modules/reports/schemas';
import { ReportQueue } from '#app/components/ui/ReportQueue';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, SelectField } from '#app/components/forms/Field';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { getLocale } from '#app/utils/locale.server';
import { parseForm } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { translator } from '#app/utils/i18n.server';
import { useFormat, useT } from '#app/utils/use-app';
import { reportsMessages } from '#app/modules/reports/messages';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.moderation', messages: [reportsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'reports.moderate');
  const query = new FormData();
  for (const [key, value] of new URL(request.url).searchParams) query.append(key, value);
  const parsed = parseForm(moderationQueueQuerySchema, query, translator(await getLocale(request)));
  const categories = await listCategories();
  if (!parsed.ok) return data({ queue: [], categories, now: Date.now(), filter: { category: undefined, page: 1 }, hasNext: false, errors: parsed.errors }, { status: 400 });
  const filter = { category: parsed.data.category, page: parsed.data.page ?? 1 };
  const { reports, hasNext } = await moderationQueue({ categoryId: filter.category, page: filter.page, pageSize: moderationQueuePageSize });
  return { queue: reports.map(({ authorId: _a, ...r }) => r), categories, now: Date.now(), filter, hasNext, errors: undefined };
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
  const { dateTime, timeLeft } = useFormat();
  const { queue, categories, now, filter, hasNext, errors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  const pageLink = (page: number) => `?${new URLSearchParams({ ...(filter.category ? { category: String(filter.category) } : {}), page: String(page) })}`;
  return (
    <ReportQueue
      title={t('page.moderation')}
      errors={actionData?.errors ?? errors}
      labels={{ category: t('reports.category'), page: t('reports.pages') }}
      ids={{ page: null }}
      queue={queue}
      filters={
        <Form method="get" className="row" aria-label={t('reports.filters')}>
          <SelectField name="category" label={t('reports.category')} defaultValue={filter.category ? String(filter.category) : ''} options={[{ value: '', label: t('reports.anyCategory') }, ...categories.map((c) => ({ value: String(c.id), label: localName(locale, c) }))]} />
          <div className="field"><button type="submit" className="button button--secondary">{t('reports.apply')}</button></div>
        </Form>
      }
      pager={
        filter.page > 1 || hasNext ? (
          <nav className="row" aria-label={t('reports.pages')}>
            {filter.page > 1 ? <Link to={pageLink(filter.page - 1)} rel="prev">{t('reports.previousPage')}</Link> : null}
            {hasNext ? <Link to={pageLink(filter.page + 1)} rel="next">{t('reports.nextPage')}</Link> : null}
          </nav>
        ) : null
      }
    >
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
