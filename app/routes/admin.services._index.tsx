import type { LoaderFunctionArgs } from '@remix-run/node';
import { Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { requirePermission } from '#app/modules/accounts/permissions.server';
import { listServices } from '#app/modules/centres/queries.server';
import { centresMessages } from '#app/modules/centres/messages';
import { useT } from '#app/utils/use-app';
import type { PageHandle } from '#app/root';

export const handle = { title: 'page.adminServices', messages: [centresMessages] } satisfies PageHandle;

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'centres.manage');
  return { services: await listServices() };
}

export default function AdminServices() {
  const { services } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const { t, locale } = useT();
  const ru = locale === 'ru';
  return (
    <>
      <h1>{t('page.adminServices')}</h1>
      {params.get('saved') ? <p className="notice" role="status">{t('services.saved')}</p> : null}
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
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
