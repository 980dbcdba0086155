import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { lazy, Suspense } from 'react';
import leafletCss from 'leaflet/dist/leaflet.css?url';
import { listCentres } from '#app/modules/centres/queries.server';
import { centresMessages } from '#app/modules/centres/messages';
import { ClientOnly } from '#app/components/map/ClientOnly';
import { Badge } from '#app/components/ui/Badge';
import { useRootData, useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

const CentresMap = lazy(() => import('#app/components/map/CentresMap.client'));

export const handle = { title: 'page.centres', messages: [centresMessages] } satisfies PageHandle;
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: leafletCss }];

export async function loader(_: LoaderFunctionArgs) {
  return { centres: await listCentres() };
}

export default function Centres() {
  const { centres } = useLoaderData<typeof loader>();
  const { t, locale } = useT();
  const root = useRootData();
  const ru = locale === 'ru';
  return (
    <>
      <h1>{t('page.centres')}</h1>
      <p>{t('centres.intro')} <Link to="/services">{t('centres.toCatalogue')}</Link></p>
      {centres.length === 0 ? (
        <p className="empty-state">{t('centres.none')}</p>
      ) : (
        <>
          <ClientOnly>
            {() => (
              <Suspense fallback={null}>
                <CentresMap tileUrl={root?.env.MAP_TILE_URL ?? ''} label={t('centres.map')} centres={centres.map((c) => ({ id: c.id, name: ru ? c.nameRu : c.nameEn, address: ru ? c.addressRu : c.addressEn, latitude: c.latitude, longitude: c.longitude }))} />
              </Suspense>
            )}
          </ClientOnly>
          <ul className="list-plain centre-list">
            {centres.map((c) => (
              <li key={c.id} className="card">
                <h2>
                  <Link to={`/centres/${c.id}`}>{ru ? c.nameRu : c.nameEn}</Link>
                </h2>
                <p>{ru ? c.addressRu : c.addressEn}{c.districtRu ? ` · ${ru ? c.districtRu : c.districtEn}` : ''}</p>
                <p>
                  <Badge tone={c.openNow ? 'success' : 'neutral'}>{c.openNow ? t('centres.openNow') : t('centres.closedNow')}</Badge>{' '}
                  {c.todayHours ? t('centres.todayHours', { opens: c.todayHours.opens, closes: c.todayHours.closes }) : t('centres.closedToday')}
                </p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '#app/components/ErrorPage';
