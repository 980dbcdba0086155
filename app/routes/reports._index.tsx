import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useLocation } from '@remix-run/react';
import { lazy, Suspense } from 'react';
import leafletCss from 'leaflet/dist/leaflet.css?url';
import { z } from 'zod';
import { listCategories, listDistricts } from '#app/modules/city/queries.server';
import { publicStatuses } from '#app/modules/reports/map-schema';
import { listReports } from '#app/modules/reports/queries.server';
import { SelectField } from '#app/components/forms/Field';
import { ClientOnly } from '#app/components/map/ClientOnly';
import { ReportStatus } from '#app/components/ui/ReportStatus';
import { optionalIdText } from '#app/utils/forms';
import { searchParamsOf } from '#app/utils/search-params.server';
import { localName } from '#app/utils/i18n';
import { useDateTime, useRootData, useT } from '#app/utils/use-app';
import { reportsMessages } from '#app/modules/reports/messages';
import { alertsMessages } from '#app/modules/alerts/messages';
import type { PageHandle } from '#app/root';
import { readFromReplica } from '#app/utils/read-replica.server';

const ReportsMap = lazy(() => import('#app/components/map/ReportsMap.client'));

export const handle = { title: 'nav.reports', messages: [reportsMessages, alertsMessages] } satisfies PageHandle;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletCss }];
// A district's list names its Atom feed (ADR 049), for feed readers to find.
export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data?.filter.districtId ? [{ tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: `/reports/feed.atom?district=${data.filter.districtId}` }] : [];

// Reports are bigserial: the page cursor may pass a serial's range, the filters may not.
const listQuerySchema = z.object({ category: optionalIdText(), district: optionalIdText(), before: optionalIdText({ max: Number.MAX_SAFE_INTEGER }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams;
  const { category, district, before } = await searchParamsOf(request, listQuerySchema);
  const status = publicStatuses.find((s) => s === q.get('status'));
  const filter = { categoryId: category, districtId: district, status, overdue: q.get('overdue') === 'on' || undefined };
  const [reports, categories, districts] = await readFromReplica(request, () =>
    Promise.all([listReports({ ...filter, statuses: status ? undefined : [...publicStatuses], limit: 50, before }), listCategories(), listDistricts()]),
  );
  return { reports: reports.map(({ authorId: _a, description: _d, ...r }) => r), categories, districts, filter };
}

export default function Reports() {
  const dateTime = useDateTime();
  const { reports, categories, districts, filter } = useLoaderData<typeof loader>();
  const root = useRootData();
  const location = useLocation();
  const { t, locale } = useT();
  const next = reports.length === 50 ? reports.at(-1)?.id : undefined;
  const filterQuery = new URLSearchParams(location.search);
  filterQuery.delete('before');
  return (
    <>
      <h1>{t('nav.reports')}</h1>
      <p className="lead">{t('home.reportsText')}</p>
      <p>
        <Link to="/reports/new" className="button">{t('reports.new')}</Link> <Link to="/departments">{t('page.departments')}</Link>
      </p>
      <ClientOnly>
        {() => (
          <Suspense fallback={null}>
            <ReportsMap tileUrl={root?.env.MAP_TILE_URL ?? ''} filters={filterQuery.toString()} label={t('reports.map')} reportLabel={(id) => t('reports.number', { id })} />
          </Suspense>
        )}
      </ClientOnly>
      <Form method="get" className="row" aria-label={t('reports.filters')}>
        <SelectField name="category" label={t('reports.category')} defaultValue={filter.categoryId ? String(filter.categoryId) : ''} options={[{ value: '', label: t('reports.anyCategory') }, ...categories.map((c) => ({ value: String(c.id), label: localName(locale, c) }))]} />
        <SelectField name="status" label={t('reports.status')} defaultValue={filter.status ?? ''} options={[{ value: '', label: t('reports.anyStatus') }, ...publicStatuses.map((s) => ({ value: s, label: t(`reportStatus.${s}`) }))]} />
        <SelectField name="district" label={t('reports.district')} defaultValue={filter.districtId ? String(filter.districtId) : ''} options={[{ value: '', label: t('reports.anyDistrict') }, ...districts.map((d) => ({ value: String(d.id), label: localName(locale, d) }))]} />
        <div className="field">
          <label className="checkbox"><input type="checkbox" name="overdue" defaultChecked={!!filter.overdue} /> {t('reports.onlyOverdue')}</label>
        </div>
        <div className="field"><button type="submit" className="button button--secondary">{t('reports.apply')}</button></div>
      </Form>
      <h2>{t('reports.list')}</h2>
      {filter.districtId ? <p><a href={`/reports/feed.atom?district=${filter.districtId}`} type="application/atom+xml">{t('feed.link')}</a></p> : null}
      <p><Link to={filter.districtId ? `/alerts?district=${filter.districtId}` : '/alerts'}>{filter.districtId ? t('alerts.aboutDistrict') : t('page.alerts')}</Link></p>
      {reports.length === 0 ? <p className="empty-state">{t('reports.listEmpty')}</p> : null}
      <ul className="list-plain">
        {reports.map((r) => (
          <li key={r.id}>
            <Link to={`/reports/${r.id}`}>{t('reports.number', { id: r.id })}</Link> — {locale === 'ru' ? r.categoryRu : r.categoryEn} <ReportStatus status={r.status} overdue={r.overdue} />
            <br />
            <span className="muted">{r.address} · {locale === 'ru' ? r.districtRu : r.districtEn} · {dateTime(r.createdAt)}</span>
          </li>
        ))}
      </ul>
      {next ? <p><Link to={`?${new URLSearchParams({ ...Object.fromEntries(filterQuery), before: String(next) })}`}>→</Link></p> : null}
    </>
  );
}
