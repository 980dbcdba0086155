import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import leafletCss from 'leaflet/dist/leaflet.css?url';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { cityOutline, listCategories, listDistricts } from '#app/modules/city/queries.server';
import { moderateReport } from '#app/modules/reports/moderate-report.server';
import { moderationQueue, queueExtras } from '#app/modules/reports/queries.server';
import { moderationAges, moderationQueuePageSize, moderationQueueQuerySchema, moderationSchema, rejectReasons } from '#app/modules/reports/schemas';
import { QueueReportMedia, ReportQueue } from '#app/components/ui/ReportQueue';
import { PinCorrection } from '#app/components/map/PinCorrection';
import { CsrfInput } from '#app/components/forms/CsrfInput';
import { Field, SelectField } from '#app/components/forms/Field';
import { invalid, readForm, translateErrors } from '#app/utils/action.server';
import { getLocale } from '#app/utils/locale.server';
import { formValues, parseForm } from '#app/utils/forms';
import { localName } from '#app/utils/i18n';
import { translator } from '#app/utils/i18n.server';
import { useFormat, useT } from '#app/utils/use-app';
import { reportsMessages } from '#app/modules/reports/messages';
import type { PageHandle } from '#app/root';

// The pin-correction map's tiles stay inside it (Leaflet's own styles), not over the buttons below.
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletCss }];

export const handle = { title: 'page.moderation', messages: [reportsMessages] } satisfies PageHandle;

type Filter = { category?: number; district?: number; age?: keyof typeof moderationAges; page: number };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'reports.moderate');
  const query = new FormData();
  for (const [key, value] of new URL(request.url).searchParams) query.append(key, value);
  const parsed = parseForm(moderationQueueQuerySchema, query, translator(await getLocale(request)));
  const [categories, districts, outline] = await Promise.all([listCategories(), listDistricts(), cityOutline()]);
  const lists = { categories, districts: districts.map(({ id, nameRu, nameEn }) => ({ id, nameRu, nameEn })), outline };
  if (!parsed.ok) return data({ ...lists, queue: [], now: Date.now(), filter: { page: 1 } as Filter, hasNext: false, errors: parsed.errors }, { status: 400 });
  const filter: Filter = { category: parsed.data.category, district: parsed.data.district, age: parsed.data.age, page: parsed.data.page ?? 1 };
  const { reports, hasNext } = await moderationQueue({
    categoryId: filter.category,
    districtId: filter.district,
    olderThanHours: filter.age ? moderationAges[filter.age] : undefined,
    page: filter.page,
    pageSize: moderationQueuePageSize,
  });
  const extras = await queueExtras(reports.map((r) => r.id));
  return { ...lists, queue: reports.map(({ authorId: _a, ...r }) => ({ ...r, ...extras.get(r.id)! })), now: Date.now(), filter, hasNext, errors: undefined };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'reports.moderate');
  const { formData, t } = await readForm(request);
  const parsed = parseForm(moderationSchema, formData, t);
  if (!parsed.ok) return invalid(parsed.errors, parsed.values);
  const result = await moderateReport(user.id, parsed.data);
  if (!result.ok) return invalid(translateErrors(result.errors, t), formValues(formData));
  return redirect(`/moderation/reports?done=${parsed.data.intent}`);
}

export default function ModerationQueue() {
  const { dateTime, timeLeft } = useFormat();
  const { queue, categories, districts, outline, now, filter, hasNext, errors } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  // The report whose form was refused: its fields show the messages and keep what was typed.
  const refused = actionData?.values && typeof actionData.values.reportId === 'string' ? Number(actionData.values.reportId) : null;
  const typed = (name: string) => (typeof actionData?.values?.[name] === 'string' ? (actionData.values[name] as string) : '');
  const fieldError = (reportId: number, name: string) => (reportId === refused ? actionData?.errors?.[name] : undefined);
  const kept = { ...(filter.category ? { category: String(filter.category) } : {}), ...(filter.district ? { district: String(filter.district) } : {}), ...(filter.age ? { age: filter.age } : {}) };
  const pageLink = (page: number) => `?${new URLSearchParams({ ...kept, page: String(page) })}`;
  const filtered = Object.keys(kept).length > 0;
  return (
    <ReportQueue
      title={t('page.moderation')}
      errors={actionData?.errors ?? errors}
      labels={{ category: t('reports.category'), district: t('reports.district'), age: t('reports.age'), page: t('reports.pages'), categoryId: t('reports.correctCategory'), lat: t('reports.latitude'), lng: t('reports.longitude'), reason: t('reports.rejectReason'), note: t('reports.rejectNote') }}
      ids={{ page: null, reportId: null, ...(refused ? { categoryId: `category-${refused}`, lat: `lat-${refused}`, lng: `lng-${refused}`, reason: `reason-${refused}`, note: `note-${refused}` } : {}) }}
      queue={queue}
      empty={filtered ? t('reports.filteredNone') : undefined}
      filters={
        <Form method="get" className="row" aria-label={t('reports.filters')}>
          <SelectField name="category" label={t('reports.category')} defaultValue={filter.category ? String(filter.category) : ''} options={[{ value: '', label: t('reports.anyCategory') }, ...categories.map((c) => ({ value: String(c.id), label: localName(locale, c) }))]} />
          <SelectField name="district" label={t('reports.district')} defaultValue={filter.district ? String(filter.district) : ''} options={[{ value: '', label: t('reports.anyDistrict') }, ...districts.map((d) => ({ value: String(d.id), label: localName(locale, d) }))]} />
          <SelectField name="age" label={t('reports.age')} defaultValue={filter.age ?? ''} options={[{ value: '', label: t('reports.anyAge') }, ...Object.keys(moderationAges).map((a) => ({ value: a, label: t(`reports.age.${a as keyof typeof moderationAges}`) }))]} />
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
          <p>{r.address} · {locale === 'ru' ? (r.districtRu ?? t('reports.outsideDistrict')) : (r.districtEn ?? t('reports.outsideDistrict'))} · <span className="muted">{dateTime(r.createdAt)}</span> · {t('reports.timeLeft')}: <strong>{timeLeft(r.moderationDueAt, now)}</strong></p>
          <QueueReportMedia report={r} outline={outline} />
          <p className="report-text">{r.description}</p>
          <div className="row">
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="reportId" value={r.id} />
              <SelectField id={`category-${r.id}`} name="categoryId" label={t('reports.correctCategory')} error={fieldError(r.id, 'categoryId')} defaultValue={r.id === refused ? typed('categoryId') : ''} options={[{ value: '', label: t('reports.keepCategory') }, ...categories.map((c) => ({ value: String(c.id), label: localName(locale, c) }))]} />
              <PinCorrection reportId={r.id} current={[r.lat, r.lng]} typed={r.id === refused ? [typed('lat'), typed('lng')] : ['', '']} errors={{ lat: fieldError(r.id, 'lat'), lng: fieldError(r.id, 'lng') }} />
              <button type="submit" name="intent" value="approve" className="button">{t('reports.approve')}<span className="visually-hidden"> {r.id}</span></button>
            </Form>
            <Form method="post" className="form" noValidate>
              <CsrfInput />
              <input type="hidden" name="reportId" value={r.id} />
              <SelectField id={`reason-${r.id}`} name="reason" label={t('reports.rejectReason')} error={fieldError(r.id, 'reason')} defaultValue={r.id === refused ? typed('reason') : ''} options={[{ value: '', label: t('reports.chooseReason') }, ...rejectReasons.map((x) => ({ value: x, label: t(`reject.${x}`) }))]} />
              <Field id={`note-${r.id}`} name="note" type="text" label={t('reports.rejectNote')} error={fieldError(r.id, 'note')} defaultValue={r.id === refused ? typed('note') : ''} />
              <button type="submit" name="intent" value="reject" className="button button--danger">{t('reports.reject')}<span className="visually-hidden"> {r.id}</span></button>
            </Form>
          </div>
        </>
      )}
    </ReportQueue>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
