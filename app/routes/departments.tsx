import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { lazy, Suspense } from 'react';
import { departmentLeague, leagueSorts, sortLeague, type LeagueSort } from '#app/modules/reports/league.server';
import { ClientOnly } from '#app/components/map/ClientOnly';
import { getLocale } from '#app/utils/locale.server';
import { useT } from '#app/utils/use-app';
import { reportsMessages } from '#app/modules/reports/messages';
import type { PageHandle } from '#app/root';

const LeagueChart = lazy(() => import('#app/components/ui/LeagueChart.client'));

export const handle = { title: 'page.departments', messages: [reportsMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams;
  const period = q.get('period') === 'all' ? 'all' : '30';
  const sort: LeagueSort = leagueSorts.find((s) => s === q.get('sort')) ?? 'onTime';
  const rows = sortLeague(await departmentLeague(period === 'all' ? null : 30), sort, await getLocale(request));
  return { rows, period, sort };
}

export default function Departments() {
  const { rows, period, sort } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const name = (r: { nameRu: string; nameEn: string }) => (locale === 'ru' ? r.nameRu : r.nameEn);
  const pct = (v: number | null) => (v === null ? '—' : `${v} %`);
  const columns: { sort: LeagueSort; label: string }[] = [
    { sort: 'received', label: t('league.received') },
    { sort: 'onTime', label: t('league.onTime') },
    { sort: 'median', label: t('league.median') },
    { sort: 'overdue', label: t('league.overdueNow') },
    { sort: 'satisfaction', label: t('league.satisfaction') },
  ];
  const link = (params: Record<string, string>) => `?${new URLSearchParams({ period, sort, ...params })}`;
  return (
    <>
      <h1>{t('page.departments')}</h1>
      <p>
        {period === '30' ? <strong>{t('league.period30')}</strong> : <Link to={link({ period: '30' })}>{t('league.period30')}</Link>} ·{' '}
        {period === 'all' ? <strong>{t('league.periodAll')}</strong> : <Link to={link({ period: 'all' })}>{t('league.periodAll')}</Link>} ·{' '}
        <a href="/departments.json">{t('league.json')}</a>
      </p>
      <ClientOnly>
        {() => (
          <Suspense fallback={null}>
            <div aria-hidden="true" className="chart">
              <LeagueChart rows={rows.map((r) => ({ name: name(r), onTime: r.onTimePercent ?? 0, satisfaction: r.satisfactionPercent ?? 0 }))} labels={{ onTime: t('league.onTime'), satisfaction: t('league.satisfaction') }} />
            </div>
          </Suspense>
        )}
      </ClientOnly>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col" aria-sort={sort === 'name' ? 'ascending' : undefined}>
                <Link to={link({ sort: 'name' })}>{t('reports.department')}</Link>
              </th>
              {columns.map((c) => (
                <th scope="col" key={c.sort} aria-sort={sort === c.sort ? (c.sort === 'median' ? 'ascending' : 'descending') : undefined}>
                  <Link to={link({ sort: c.sort })}>{c.label}</Link>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.departmentId}>
                <td>{name(r)}</td>
                <td>{r.received}</td>
                <td>{pct(r.onTimePercent)}</td>
                <td>{r.medianHours === null ? '—' : r.medianHours >= 48 ? t('league.days', { n: Math.round(r.medianHours / 24) }) : t('league.hours', { n: r.medianHours })}</td>
                <td>{r.overdueNow}</td>
                <td>{pct(r.satisfactionPercent)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
